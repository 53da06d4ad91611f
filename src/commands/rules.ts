// `moc-check rules validate|show|list`: rulesets checked and shown as a person reads them.
import { EXIT_NOT_CHECKED, EXIT_OK } from '../exit.js';
import { formatProblem, loadRuleset } from '../ruleset/load.js';
import { listShippedRulesets } from '../ruleset/list.js';
import { sanitizeText } from '../text.js';
import { expandFileArguments } from './globs.js';
import { loadOrFail, parseAsOf, plural, type Io, type Outcome } from './common.js';

export async function validateCommand(io: Io, typedFiles: string[]): Promise<Outcome> {
  const files = await expandFileArguments(typedFiles);
  let failed = false;
  for (const file of files) {
    const result = loadRuleset(file);
    if (result.ok) {
      const rs = result.ruleset;
      io.stdout.write(sanitizeText(`${file}: ok — ${rs.id} version ${rs.version} (${rs.status}), ${plural(rs.rules.length + rs.starterRules.length, 'rule')}, ${plural(rs.exemptions.length, 'exemption')}`) + '\n');
    } else {
      failed = true;
      for (const problem of result.problems) io.stdout.write(formatProblem(problem) + '\n');
    }
  }
  return { code: failed ? EXIT_NOT_CHECKED : EXIT_OK };
}

export async function showCommand(io: Io, file: string, asOfText: string | undefined): Promise<Outcome> {
  const asOf = parseAsOf(asOfText);
  const ruleset = loadOrFail(io, file);
  const { showRuleset } = await import('../ruleset/show.js');
  io.stdout.write(showRuleset(ruleset, asOf));
  return { code: EXIT_OK };
}

export async function listCommand(io: Io): Promise<Outcome> {
  io.stdout.write(listShippedRulesets());
  return { code: EXIT_OK };
}
