// The rulesets shipped with moc-check (the package's rules/ folder), found wherever
// moc-check is installed: `--rules south-east` and `extends: national-dfe-2024` name
// them by a bare name when no such file exists (rules.md "Shape", `extends`).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULESET_ID_RE } from './schema.js';

const PACKAGE_NAME = 'moc-check';

let cached: string | null | undefined;

/**
 * The shipped rules folder: the `rules` folder beside the package.json of moc-check,
 * searched upwards from this module (src/ruleset/ in a checkout, dist/ or
 * dist/chunks/ once built and installed).
 */
export function shippedRulesDir(): string | null {
  if (cached !== undefined) return cached;
  cached = null;
  let dir = nodePath.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = nodePath.join(dir, 'package.json');
    if (existsSync(pkg) && isMocCheckPackage(pkg) && isFolder(nodePath.join(dir, 'rules'))) {
      cached = nodePath.join(dir, 'rules');
      break;
    }
    const up = nodePath.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return cached;
}

function isMocCheckPackage(path: string): boolean {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A bare ruleset name (`south-east`): no folder, no extension. */
export function isBareName(text: string): boolean {
  return RULESET_ID_RE.test(text);
}

/**
 * Where `written` leads: the file itself when it exists, else, for a bare name, the
 * shipped ruleset of that name when there is one, else `written` unchanged (so that
 * reading it gives the usual "there is no such file").
 */
export function resolveRulesetPath(written: string, resolved: string = written): string {
  if (existsSync(resolved) || !isBareName(written)) return resolved;
  const dir = shippedRulesDir();
  const shipped = dir === null ? null : nodePath.join(dir, `${written}.yaml`);
  return shipped !== null && existsSync(shipped) ? shipped : resolved;
}

/** The shipped rulesets, by name (file name without .yaml), sorted. */
export function shippedRulesets(): { name: string; path: string }[] {
  const dir = shippedRulesDir();
  if (dir === null) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && isBareName(f.slice(0, -'.yaml'.length)))
    .sort()
    .map((f) => ({ name: f.slice(0, -'.yaml'.length), path: nodePath.join(dir, f) }));
}
