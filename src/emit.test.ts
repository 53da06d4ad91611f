// Issue 12 item 1: a format that cannot be rendered loses only its own report, and the
// message says so (not "could not write").
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test/helpers.js';
import { ciReport, ciRuleset } from '../test/report-factory-ci.js';
import { UsageError, type Io } from './commands/common.js';

vi.mock('./report/html.js', () => ({
  formatHtml: () => {
    throw new RangeError('Maximum call stack size exceeded');
  },
}));

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function io(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env: {} };
}

describe('emitReports with a format that fails to render', () => {
  it('writes the other reports and prints stdout, then names the failed format', async () => {
    const { emitReports } = await import('./emit.js');
    const dir = tempDir();
    dirs.push(dir);
    const streams = io();
    const files = [
      { format: 'json', path: join(dir, 'r.json') },
      { format: 'html', path: join(dir, 'r.html') },
      { format: 'csv', path: join(dir, 'r.csv') },
    ];
    const request = { ruleset: ciRuleset(), format: 'markdown', toStdout: true, files, verbose: false, names: false, noColor: true };
    const error = await emitReports(streams, ciReport(), request).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as UsageError).message;
    expect(message).toContain('could not build the html report: Maximum call stack size exceeded');
    expect(message).toContain(`${join(dir, 'r.html')} not written`);
    expect(message).not.toContain('could not write');
    expect((error as UsageError).kind).toBe('output');
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).format).toBe('moc-report/v1');
    expect(readFileSync(join(dir, 'r.csv'), 'utf8').startsWith('\uFEFFid,')).toBe(true);
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['r.csv', 'r.json']); // no temporary left behind
    expect(streams.out.join('')).toContain('# Memorandum of Cooperation check');
  });
});
