// Loads a ruleset: reads the YAML of every file of the `extends` chain (src/yaml/),
// validates each against the schema (schema.ts), checks what the schema cannot
// (checks.ts), and builds the merged Ruleset from the validated files (build.ts).
// Every problem of every file is collected, each with its file, line and column,
// before anything is returned (rules.md "Reading the YAML").
//
// Choices where rules.md is silent:
// - a file over 1 MB, nesting deeper than 64 brackets or 256 columns of
//   indentation, or an extends chain over 32 files is refused before parsing;
// - a problem with no position (the top file cannot be read) is put at 1:1;
// - `to:` left empty in a cap window means open-ended, like leaving it out;
//   `rules:`, `exemptions:`, `roles:` etc. left empty mean an empty section;
// - numbers and true/false written in text fields (ids, names, labels, aliases,
//   council codes, approvers...) are read as their source text;
// - exemption `roles` and cap `rates` name roles by key (a label or alias is an
//   unknown role, with a hint); exemption `las` need not be in region.las;
// - council codes equal after trimming and upper-casing may not both be listed
//   in one file's region.las;
// - unknown roles are checked on the merged ruleset's rules and on every
//   exemption; those checks and the rule-id checks are skipped when a file of the
//   chain could not be read at all (its problem is reported instead);
// - a problem in a file of the chain does not stop the others being checked;
//   problems are listed parent file first, then by line and column.
import * as nodePath from 'node:path';
import { Problems, q, sortProblems, type Problem } from '../yaml/diagnostics.js';
import { hasKey, isString, type Obj } from '../yaml/plain.js';
import { clean, locAt, parseYamlSource, readYamlFile, type YamlSource } from '../yaml/source.js';
import { validateSource } from '../yaml/validate.js';
import { buildRuleset } from './build.js';
import { checkChain, checkFile, type ChainIndex } from './checks.js';
import type { ValidatedFile } from './merge.js';
import { RulesFileSchema } from './schema.js';
import { resolveRulesetPath } from './shipped.js';
import type { Ruleset } from './types.js';
import { RULES_FILE_KIND, RULES_WORDING } from './wording.js';

export { formatProblem } from '../yaml/diagnostics.js';
export { MAX_RULES_FILE_BYTES } from './wording.js';
export type RulesProblem = Problem;

export type LoadResult = { ok: true; ruleset: Ruleset } | { ok: false; problems: RulesProblem[] };

/** Most files in one extends chain (national -> region -> local needs 3). */
const MAX_CHAIN = 32;

interface Chain {
  /** files read, parent first */
  sources: YamlSource[];
  /** the validated files, parent first, while every one so far validated */
  validated: ValidatedFile[] | null;
  index: ChainIndex | null;
  /** every file of the chain was read and is usable */
  complete: boolean;
}

function loadChain(file: string, read: { bytes: Buffer; text: string; real: string }, stack: string[], problems: Problems): Chain {
  const src = parseYamlSource(file, read.bytes, read.text, RULES_FILE_KIND, problems);
  if (!src.usable) return { sources: [src], validated: null, index: null, complete: false };
  const output = validateSource(src, RulesFileSchema, RULES_WORDING, problems);
  const data = src.data as Obj;
  if (!hasKey(data, 'extends')) {
    for (const key of ['id', 'name', 'version']) {
      if (!hasKey(data, key)) {
        src.issuePaths.push([key]);
        problems.add(file, locAt(src, []), `missing required key ${q(key)} (a file without "extends" must give "id", "name" and "version")`);
      }
    }
  }

  let parent: Chain | null = null;
  let parentComplete = true;
  if (hasKey(data, 'extends')) {
    parentComplete = false;
    const ext = data.extends;
    if (isString(ext) && clean(src, ['extends'])) {
      // a bare name with no such file names a shipped ruleset
      const target = resolveRulesetPath(ext, nodePath.isAbsolute(ext) ? nodePath.normalize(ext) : nodePath.join(nodePath.dirname(file), ext));
      const at = locAt(src, ['extends']);
      const r = readYamlFile(nodePath.resolve(target), RULES_FILE_KIND);
      if (!r.ok) {
        problems.add(file, at, `cannot read ${q(ext)} named by "extends": ${r.reason}`);
      } else if (stack.includes(r.real) || r.real === read.real) {
        problems.add(file, at, `"extends" names ${q(ext)}, which leads back to this file: the files extend each other in a loop`);
      } else if (stack.length + 1 >= MAX_CHAIN) {
        problems.add(file, at, `"extends" goes more than ${MAX_CHAIN} files deep; a ruleset is built from a few files at most`);
      } else {
        parent = loadChain(target, r, [...stack, read.real], problems);
        parentComplete = parent.complete;
      }
    }
  }

  const index = checkFile(src, parent?.index ?? null, parentComplete, problems);
  const parentValidated = parent ? parent.validated : [];
  const validated = output !== undefined && parentValidated && parentComplete ? [...parentValidated, { source: src, data: output }] : null;
  return { sources: [...(parent?.sources ?? []), src], validated, index, complete: parentComplete };
}

/**
 * Reads the ruleset at `written` (or, for a bare name with no such file, the shipped
 * ruleset of that name) and every file it extends; all problems at once.
 */
export function loadRuleset(written: string): LoadResult {
  const path = resolveRulesetPath(written);
  const problems = new Problems();
  const read = readYamlFile(nodePath.resolve(path), RULES_FILE_KIND);
  if (!read.ok) {
    return { ok: false, problems: [{ file: path, line: 1, column: 1, message: `cannot read the rules file: ${read.reason}` }] };
  }
  const chain = loadChain(path, read, [], problems);
  const files = chain.sources.map((f) => f.file);
  if (chain.index) checkChain(chain.index, chain.complete, problems);
  if (problems.list.length > 0 || !chain.index || !chain.complete || !chain.validated) {
    const list = problems.list.length > 0 ? problems.list : [{ file: path, line: 1, column: 1, message: 'the ruleset could not be read' }];
    return { ok: false, problems: sortProblems(list, files) };
  }
  return { ok: true, ruleset: buildRuleset(chain.validated) };
}
