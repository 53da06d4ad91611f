// `moc-check rules list`: the shipped rulesets, each with its status and sources.
import { sanitizeText } from '../text.js';
import { loadRuleset } from './load.js';
import { shippedRulesDir, shippedRulesets } from './shipped.js';

/** The shipped rulesets as plain text, ending with a newline. */
export function listShippedRulesets(): string {
  const dir = shippedRulesDir();
  const list = shippedRulesets();
  if (dir === null || list.length === 0) return 'No rulesets are shipped with this installation of moc-check.\n';
  const out = [`Rulesets shipped with moc-check (${dir}); name one with --rules NAME or extends: NAME:`];
  for (const { name, path } of list) {
    out.push('');
    const result = loadRuleset(path);
    if (!result.ok) {
      out.push(`${name}: does not load (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; see moc-check rules validate ${path})`);
      continue;
    }
    const rs = result.ruleset;
    out.push(`${name}: ${rs.status}, version ${rs.version}${rs.files.length > 1 ? `, extends ${rs.files.slice(0, -1).map((f) => f.slice(dir.length + 1)).join(' and ')}` : ''}`);
    out.push(`  ${rs.name}`);
    if (rs.status === 'illustrative') out.push('  its figures are examples, not adopted policy');
    if (rs.sources.length === 0) out.push('  sources: none given');
    else {
      out.push('  sources:');
      for (const s of rs.sources) out.push(`    - ${s}`);
    }
  }
  return out.map(sanitizeText).join('\n') + '\n';
}
