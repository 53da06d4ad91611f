import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/in-process.js';
import { REPO_ROOT, tempDir } from '../../test/helpers.js';
import { expandFileArguments } from './globs.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'exports'));
for (const name of ['kent.csv', 'surrey.csv', 'notes.txt', 'literal*.csv']) writeFileSync(join(dir, 'exports', name), 'x');

describe('expandFileArguments', () => {
  it('expands * and ? that the shell left, in sorted order, keeping the typed folder', async () => {
    const base = join(dir, 'exports');
    expect(await expandFileArguments([`${base}/*.txt`, `${base}/s?rrey.csv`, '-'], 'linux')).toEqual([`${base}/notes.txt`, `${base}/surrey.csv`, '-']);
    expect(await expandFileArguments([`${dir}/*/k*.csv`], 'linux')).toEqual([`${base}/kent.csv`]);
  });

  it('keeps an argument that names an existing file, and a pattern that matches nothing, as typed', async () => {
    const literal = join(dir, 'exports', 'literal*.csv');
    expect(await expandFileArguments([literal], 'linux')).toEqual([literal]);
    expect(await expandFileArguments([join(dir, 'exports', '*.xlsx')], 'linux')).toEqual([join(dir, 'exports', '*.xlsx')]);
    expect(await expandFileArguments(['plain.csv'], 'linux')).toEqual(['plain.csv']);
  });

  it('on Windows, a backslash is a separator and matches keep it; case is ignored', async () => {
    expect(await expandFileArguments([`${dir}\\exports\\*.TXT`], 'win32')).toEqual([`${dir}\\exports\\notes.txt`]);
  });
});

describe('check with a pattern the shell did not expand', () => {
  it('checks every matching file, named as typed in the report', async () => {
    // vitest runs from the repository root, so the typed form is relative
    const r = await runInProcess(['check', '--rules', 'rules/south-east.yaml', '--as-of', '2025-11-30', '--format', 'json', './fixtures/example/su*.csv', 'fixtures/example/k?nt.csv']);
    const report = JSON.parse(r.stdout);
    expect(report.inputs.map((i: { file: string }) => i.file)).toEqual(['./fixtures/example/surrey.csv', 'fixtures/example/kent.csv']);
    expect(process.cwd()).toBe(REPO_ROOT.replace(/\/$/, ''));
  });
});
