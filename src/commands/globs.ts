// File arguments with `*` or `?` that the shell did not expand (PowerShell and cmd pass
// them through; a POSIX shell does too when quoted) are expanded here, with tinyglobby.
// Each match keeps the form the user typed — `exports\*.csv` gives `exports\kent.csv`,
// `./x/*.csv` gives `./x/kent.csv` — so messages and reports name files as typed.
// An argument that names an existing file is never a pattern; a pattern that matches
// nothing stays as typed, and is then reported as a file that cannot be opened.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { STDIN_PATH } from '../input/readers/index.js';

const GLOB_CHARS = /[*?]/;

function expandPattern(globSync: typeof import('tinyglobby').globSync, arg: string, windows: boolean): string[] {
  const parts = arg.split(windows ? /[\\/]/ : /\//);
  const firstGlob = parts.findIndex((part) => GLOB_CHARS.test(part));
  let baseLength = 0;
  for (let i = 0; i < firstGlob; i++) baseLength += parts[i]!.length + 1;
  const base = arg.slice(0, baseLength); // the typed folder, with its own separators
  const separators = base.match(windows ? /[\\/]/g : /\//g);
  const sep = separators?.[separators.length - 1] ?? (windows ? '\\' : '/');
  const cwd = resolve(windows ? base.replace(/\\/g, '/') : base || '.');
  const found = globSync(parts.slice(firstGlob).join('/'), { cwd, onlyFiles: true, expandDirectories: false, caseSensitiveMatch: !windows });
  found.sort();
  return found.map((path) => base + (sep === '/' ? path : path.replace(/\//g, sep)));
}

/**
 * The file arguments with unexpanded patterns expanded, in order (each pattern's
 * matches sorted). tinyglobby is loaded only when an argument needs it.
 */
export async function expandFileArguments(args: readonly string[], platform: NodeJS.Platform = process.platform): Promise<string[]> {
  const out: string[] = [];
  let globSync: typeof import('tinyglobby').globSync | undefined;
  for (const arg of args) {
    if (arg === STDIN_PATH || !GLOB_CHARS.test(arg) || existsSync(arg)) {
      out.push(arg);
      continue;
    }
    globSync ??= (await import('tinyglobby')).globSync;
    const matches = expandPattern(globSync, arg, platform === 'win32');
    if (matches.length === 0) out.push(arg);
    else for (const match of matches) out.push(match);
  }
  return out;
}
