// The generic loader on a format other than rulesets: what a profile loader reuses.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadYamlFile, type YamlFormat } from './load.js';
import { q } from './diagnostics.js';
import { entriesAsWritten } from './validate.js';

const dir = mkdtempSync(join(tmpdir(), 'moc-check-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

const ProfileSchema = z.strictObject(
  {
    format: z.literal('moc-profile/v1', { error: 'must be exactly moc-profile/v1' }),
    name: z.string({ error: 'must be text' }),
    skip_rows: z.int({ error: 'must be a whole number' }).min(0, { error: 'must be a whole number' }).optional(),
    headers: z.record(z.string(), z.string({ error: 'must be text' }), { error: 'must be a mapping' }).optional(),
  },
  { error: 'must be a mapping' },
);

const PROFILE: YamlFormat<typeof ProfileSchema> = {
  kind: { noun: 'profile', format: { key: 'format', value: 'moc-profile/v1' }, maxBytes: 64 * 1024, textPaths: [['name'], ['headers', '*']] },
  schema: ProfileSchema,
  wording: {
    allowedKeys: (_data, path) => (path.length === 0 ? Object.keys(ProfileSchema.shape) : []),
    describe: (_data, path) => path.map((s) => q(String(s))).join(' of '),
  },
  check(data, source, problems) {
    if (data.name === 'forbidden') problems.add(source.file, { line: 2, column: 7 }, 'that name is taken');
  },
};

function load(...lines: string[]) {
  const path = join(dir, `p${++counter}.yaml`);
  writeFileSync(path, lines.join('\n') + '\n');
  return { path, result: loadYamlFile(path, PROFILE) };
}

describe('loadYamlFile with a schema of its own', () => {
  it('returns the schema output, numbers in text fields read as written, keys in the order written', () => {
    const { result } = load('format: moc-profile/v1', 'name: 007', 'headers:', '  "845": East Sussex', '  b: 12.50', '  "10": Ten');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.data.name).toBe('007');
    expect(entriesAsWritten(result.data.headers, result.source, ['headers'])).toEqual([['845', 'East Sussex'], ['b', '12.50'], ['10', 'Ten']]);
  });

  it('reports every problem at once, located, worded with the kind\'s noun', () => {
    const { path, result } = load('format: moc-profile/v1', 'name: [a]', 'skip_rowz: 2', 'skip_rows: -1', 'headers: {a: 1, a: 2}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.file === path}:${p.line}:${p.column}: ${p.message}`)).toEqual([
      'true:2:7: "name" must be text, not a list',
      'true:3:1: unknown key "skip_rowz" at the top level of the file (did you mean "skip_rows"?)',
      'true:4:12: "skip_rows" must be a whole number, not -1',
      'true:5:17: duplicate key "a" (it already appears on line 5); each key may appear only once',
    ]);
  });

  it('runs the format\'s own checks on the validated output', () => {
    const { result } = load('format: moc-profile/v1', 'name: forbidden');
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual(['that name is taken']);
  });

  it('refuses YAML bombs and files of the wrong shape with the kind\'s noun', () => {
    const bomb = load('format: moc-profile/v1', 'name: &x a', 'headers: {b: *x}').result;
    expect(bomb.ok ? [] : bomb.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '2:7: anchors ("&x") are not allowed in a profile: write each value out in full',
      '3:14: aliases ("*x") are not allowed in a profile: write the value out in full',
    ]);
    expect(load('- just a list').result).toMatchObject({ ok: false, problems: [{ message: 'not a profile: it has no "format: moc-profile/v1" line at its top level, so nothing else in it is read' }] });
    expect(loadYamlFile(join(dir, 'none.yaml'), PROFILE)).toMatchObject({ ok: false, problems: [{ line: 1, column: 1, message: 'cannot read the profile: there is no such file' }] });
  });
});
