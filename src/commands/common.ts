// What every command shares: the streams it writes to, the outcome it returns, and
// the plain errors that end a run with exit 2 (not checked) and no stack trace.
import { plural } from '../plural.js';
import { parseIsoDate, todayLocal } from '../dates.js';
import { samePath } from '../output.js';
import { STDIN_PATH } from '../input/readers/index.js';
import { formatProblem, loadRuleset, type RulesProblem } from '../ruleset/load.js';
import { guardStream, type OutStream } from '../streams.js';
import { sanitizeLines } from '../text.js';
import type { Ruleset } from '../types.js';
import type { ProfileSelector } from '../profile/selector.js';

export type { OutStream } from '../streams.js';

/** Where a command writes and what it reads from its environment: process's own, or a test's. */
export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
}

export function processIo(): Io {
  return { stdout: guardStream(process.stdout), stderr: guardStream(process.stderr), env: process.env };
}

/**
 * Why a run was not checked, for the JSON error document: with `--format json` and no
 * `--output`, stdout always holds one JSON document, even when the exit code is 2.
 */
export interface NotChecked {
  code: 'usage' | 'ruleset' | 'profile' | 'interrupted' | 'output' | 'memory' | 'internal';
  message: string;
  problems?: RulesProblem[];
}

/** What a command did: its exit code and, for exit 2, why nothing was checked. */
export interface Outcome {
  code: number;
  notChecked?: NotChecked;
  /** the files written (reports, diffs), in the order they were announced */
  written?: string[];
}

/** A plain problem (usage, an unreadable baseline, an interruption): message to stderr, exit 2, no stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly kind: NotChecked['code'] = 'usage',
    readonly problems?: RulesProblem[],
  ) {
    super(message);
  }
}

export function say(io: Io, text: string): void {
  // paths, arguments and cells quoted in messages are untrusted: neutralised (src/text.ts)
  io.stderr.write(sanitizeLines(text.endsWith('\n') ? text : text + '\n'));
}

export { plural };

export function parseAsOf(value: string | undefined): string {
  if (value === undefined) return todayLocal();
  const date = parseIsoDate(value);
  if (!date) throw new UsageError(`--as-of "${value}" is not a date as YYYY-MM-DD`);
  return date;
}

/** Loads a ruleset; on failure prints every problem and throws the summary as a UsageError. */
export function loadOrFail(io: Io, path: string): Ruleset {
  const result = loadRuleset(path);
  if (result.ok) return result.ruleset;
  for (const problem of result.problems) say(io, formatProblem(problem));
  const message = `the ruleset ${path} has ${plural(result.problems.length, 'problem')}; nothing was checked`;
  throw new UsageError(message, 'ruleset', result.problems);
}

/** The --profile files, or a usage error after printing every problem in them, located. */
export async function loadProfilesOrFail(io: Io, paths: readonly string[]): Promise<ProfileSelector | undefined> {
  if (paths.length === 0) return undefined;
  // loaded only when --profile is given: start-up of a check without profiles (docs/performance.md)
  const [{ loadProfiles }, { ProfileSelector }] = await Promise.all([import('../profile/load.js'), import('../profile/selector.js')]);
  const result = loadProfiles(paths);
  if (!result.ok) {
    for (const problem of result.problems) say(io, formatProblem(problem));
    throw new UsageError(`the ${plural(paths.length, 'profile')} given ${result.problems.length === 1 ? 'has 1 problem' : `have ${result.problems.length} problems`}; nothing was checked`, 'profile', result.problems);
  }
  for (const path of ProfileSelector.unreachable(result.profiles)) {
    say(io, `warning: profile ${path} has no "files" and another such profile comes first, so it reads no file`);
  }
  return new ProfileSelector(result.profiles);
}

export interface OutputTarget {
  format: string;
  path: string;
}

/** Refuses outputs that would overwrite an input or each other. */
export function checkOutputPaths(outputs: OutputTarget[], inputs: string[]): void {
  for (const [i, out] of outputs.entries()) {
    for (const input of inputs) {
      if (input !== STDIN_PATH && samePath(input, out.path)) throw new UsageError(`the output ${out.path} is one of the input files; refusing to overwrite it`);
    }
    for (const other of outputs.slice(i + 1)) {
      if (samePath(other.path, out.path)) throw new UsageError(`two reports would be written to ${out.path}`);
    }
  }
}
