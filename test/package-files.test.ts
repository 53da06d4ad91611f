// What an installed user is pointed to ships with the package (issue 9 item 6): every
// repository path the README and the docs link or name as a place to look (docs,
// schemas, rulesets, the councils table, the example) is under package.json `files`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { files: string[] };
const shipped = (path: string) => ['README.md', 'package.json', ...pkg.files].some((f) => path === f || path.startsWith(f.replace(/\/$/, '') + '/'));

const texts: Array<[string, string]> = [
  ['README.md', ''],
  ...readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f): [string, string] => [`docs/${f}`, 'docs/']),
];

/** Relative links `](path)` and code spans naming a repository path, resolved from the file. */
function pathsIn(file: string, base: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const out = new Set<string>();
  for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
    if (/^[a-z]+:/.test(m[1]!)) continue;
    out.add(join(base, m[1]!).replace(/\\/g, '/'));
  }
  for (const m of text.matchAll(/`((?:docs|schema|rules|data|fixtures\/example)\/[^`\s*]*)`/g)) out.add(m[1]!.replace(/\/$/, ''));
  return [...out].filter((p) => existsSync(join(REPO_ROOT, p)));
}

describe('package.json files', () => {
  it.each(texts)('ships what %s points to', (file, base) => {
    const missing = pathsIn(file, base).filter((p) => !shipped(p));
    expect(missing).toEqual([]);
  });

  it('ships the bundled rulesets, schemas, councils table and example', () => {
    for (const path of ['rules/south-east.yaml', 'schema/profile.schema.json', 'data/councils.csv', 'fixtures/example/vendor-placements.profile.yaml', 'docs/profiles.md', 'CHANGELOG.md']) expect(shipped(path)).toBe(true);
  });
});
