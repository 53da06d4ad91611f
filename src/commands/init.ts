// `moc-check init FILE`: a draft profile from a sample export (issue 9 item 4). The
// sample is read as the check reads it (CSV or workbook, the header searched the same
// way); the draft goes to stdout, or whole to --output, never over an input or an
// existing file unless --force, and never anywhere the person did not name.
import { existsSync } from 'node:fs';
import { openRecordReader, STDIN_PATH } from '../input/readers/index.js';
import { describeWriteError, samePath, writeFileAtomic } from '../output.js';
import { HEADER_SEARCH_RECORDS } from '../input/table.js';
import { DraftBuilder, type DraftKind } from '../profile/draft.js';
import { draftYaml, todoCount } from '../profile/draft-yaml.js';
import { resolveRulesetPath } from '../ruleset/shipped.js';
import { Interrupted, untilSignal } from '../signals.js';
import { EXIT_OK } from '../exit.js';
import { UsageError, loadOrFail, say, type Io, type Outcome } from './common.js';

export interface InitFlags {
  rules?: string;
  kind: DraftKind;
  output?: string;
  force?: boolean;
  sheet?: string;
}

/** The ruleset a draft is read against when --rules is not given: the national rules shipped with moc-check. */
export const DEFAULT_INIT_RULES = 'national-dfe-2024';

export const INIT_KINDS: readonly DraftKind[] = ['assignments', 'leavers', 'starters'];

export async function initCommand(io: Io, file: string, flags: InitFlags): Promise<Outcome> {
  if (!INIT_KINDS.includes(flags.kind)) throw new UsageError(`--kind "${flags.kind}" is not one of ${INIT_KINDS.join(', ')}`);
  const rules = flags.rules ?? DEFAULT_INIT_RULES;
  const output = flags.output;
  if (output !== undefined) {
    for (const input of [file, resolveRulesetPath(rules)]) {
      if (input !== STDIN_PATH && samePath(input, output)) throw new UsageError(`the output ${output} is one of the input files; refusing to overwrite it`);
    }
    if (!flags.force && existsSync(output)) throw new UsageError(`${output} exists; refusing to overwrite it (give another --output, or --force to replace it)`);
  }
  const ruleset = loadOrFail(io, rules);

  const builder = new DraftBuilder(flags.kind, ruleset);
  const reader = openRecordReader(file, flags.sheet === undefined ? {} : { sheet: flags.sheet });
  let outcome;
  try {
    outcome = await untilSignal(async (signal) => {
      signal.addEventListener('abort', () => reader.close(), { once: true });
      for (;;) {
        const batch = reader.nextSync ? reader.nextSync() : await reader.next();
        if (signal.aborted) throw new Error('stopped');
        if (batch === null) break;
        for (const record of batch) builder.add(record);
        // let a signal in between batches of a large sample
        await new Promise((resolve) => setImmediate(resolve));
      }
      return reader.outcome();
    }, 'while reading the sample');
  } catch (err) {
    if (err instanceof Interrupted) throw new UsageError(`${err.signal}: stopped while reading ${file}; nothing was written`, 'interrupted');
    throw err;
  } finally {
    reader.close();
  }
  if (outcome.failure && outcome.failure.kind === 'workbook' && flags.sheet !== undefined) {
    throw new UsageError(`${file}: ${outcome.failure.message.replace('the sheet its profile names', 'the sheet --sheet names').replace('correct "sheet" in the profile', 'correct --sheet')}; no profile was written`);
  }
  if (outcome.failure) throw new UsageError(`${file}: ${outcome.failure.message}; no profile was written`);
  if (outcome.broken) say(io, `warning: ${file}: line ${outcome.broken.line}: ${outcome.broken.problem}; the draft is made from the records before it`);
  const draft = builder.finish();
  if (draft === null) throw new UsageError(`${file}: the file is empty or holds only blank lines; no profile was written`);

  const text = draftYaml(draft, { file, rules, rulesId: ruleset.id, sheet: outcome.sheet });
  const todos = todoCount(text);
  const close = draft.matches.filter((m) => m.how === 'close').length;
  if (draft.requiredFound < 2) {
    say(io, `warning: no record among the first ${HEADER_SEARCH_RECORDS} non-blank ones names two required columns, so the first is taken as the header${outcome.sheet === null ? '' : `; is "${outcome.sheet}" the sheet to read (--sheet)?`}`);
  }
  const summary = `${draft.matches.length} column(s) matched (${close} close match(es) to check), ${draft.missing.length} required column(s) missing, ${todos} TODO(s)`;
  if (output === undefined) {
    io.stdout.write(text);
    say(io, `moc-check: draft profile for ${file}: ${summary}`);
    return { code: EXIT_OK };
  }
  try {
    writeFileAtomic(output, text);
  } catch (err) {
    throw new UsageError(`cannot write ${output}: ${describeWriteError(err)}; nothing was written`, 'output');
  }
  say(io, `moc-check: wrote the draft profile ${output}: ${summary}`);
  say(io, todos > 0
    ? `next: fill in the TODOs in ${output}, then run moc-check check --rules ${rules} --profile ${output} ${file}`
    : `next: check the suggestions in ${output}, then run moc-check check --rules ${rules} --profile ${output} ${file}`);
  return { code: EXIT_OK, written: [output] };
}
