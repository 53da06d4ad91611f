// Suggested mappings for the values a ruleset would not read, for `moc-check init`:
// the closest role, a yes/no, the closest council, the closest engagement type. A
// suggestion is a guess for a person to check, never applied without them.
import { COUNCILS, normaliseCouncilName } from '../councils/resolve.js';
import { normaliseRoleText } from '../ruleset/names.js';
import type { Role } from '../types.js';

export interface Suggestion {
  /** the value to read instead; null when there is no good guess */
  value: string | null;
  /** why, for the draft's comment */
  reason: string;
}

/** Letter pairs of a text without its spaces: the basis of the similarity below. */
function bigrams(text: string): Map<string, number> {
  const s = text.replace(/\s+/g, ' ').trim();
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const pair = s.slice(i, i + 2);
    out.set(pair, (out.get(pair) ?? 0) + 1);
  }
  return out;
}

/** Sørensen–Dice similarity of two texts' letter pairs, 0 to 1. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let both = 0;
  let total = 0;
  for (const [pair, n] of x) {
    both += Math.min(n, y.get(pair) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? 0 : (2 * both) / total;
}

/** Abbreviations in local role titles, read as the words of the ruleset's names. */
const ROLE_WORDS: Record<string, string> = {
  snr: 'senior', sr: 'senior', sen: 'senior', sw: 'social worker', sws: 'social worker', ssw: 'senior social worker',
  qsw: 'qualified social worker', prac: 'practitioner', pract: 'practitioner', practioner: 'practitioner',
  mgr: 'manager', mngr: 'manager', man: 'manager', asst: 'assistant', ass: 'assistant', adv: 'advanced',
  tm: 'team manager', atm: 'assistant team manager', iro: 'independent reviewing officer', cp: 'child protection',
  psw: 'principal social worker', ap: 'advanced practitioner',
};

function expandRole(text: string): string {
  return normaliseRoleText(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => ROLE_WORDS[w] ?? w)
    .join(' ');
}

const ROLE_THRESHOLD = 0.5;

/** The ruleset role a local title most likely means, by its label, key and aliases. */
export function suggestRole(cell: string, roles: readonly Role[]): Suggestion {
  const wanted = expandRole(cell);
  let best: { role: Role; name: string; score: number } | null = null;
  for (const role of roles) {
    for (const name of [role.label, role.key.replace(/_/g, ' '), ...role.aliases]) {
      const score = similarity(wanted, expandRole(name));
      if (score > (best?.score ?? 0)) best = { role, name, score };
    }
  }
  const labels = roles.map((r) => r.label).join(', ');
  if (best === null || best.score < ROLE_THRESHOLD) {
    return { value: null, reason: `not a role of the ruleset; one of: ${labels} (or delete the line: such rows are unknown_role)` };
  }
  const via = best.name === best.role.label ? '' : ` (as "${best.name}")`;
  return { value: best.role.label, reason: `closest role${via}; check it` };
}

const YES_WORDS = new Set(['x', '✓', '✔', 'tick', 'ticked', 'confirmed', 'complete', 'completed', 'received', 'agreed', 'done', 'on', 'present', 'standard', 'project', 'ok']);
const NO_WORDS = new Set(['-', '–', 'none', 'n/a', 'na', 'not applicable', 'nil', 'not received', 'outstanding', 'pending', 'missing', 'off', 'bau', 'incomplete', 'not complete', 'not standard', 'non-standard', 'nope']);

/** yes or no for a local word in a yes/no column. */
export function suggestBoolean(cell: string): Suggestion {
  const t = normaliseRoleText(cell);
  const first = t.split(/[^a-z0-9]+/)[0] ?? '';
  if (YES_WORDS.has(t) || first === 'yes' || first === 'y') return { value: 'yes', reason: 'read as yes; check it' };
  if (NO_WORDS.has(t) || first === 'no' || first === 'not' || first === 'non') return { value: 'no', reason: 'read as no; check it' };
  return { value: null, reason: 'not yes/no; write yes or no' };
}

/** Abbreviations of council types that the spec's endings do not drop (`Kent CC`). */
const COUNCIL_ABBREVIATIONS = / (?:cc|mbc|bc|dc|ua|c c|county|city|borough|district|council|la)$/;

/** The council a cell most likely names: the region's names first, then the councils table. */
export function suggestCouncil(cell: string, regionLas: ReadonlyMap<string, string>): Suggestion {
  let wanted = normaliseCouncilName(cell);
  for (let stripped = wanted.replace(COUNCIL_ABBREVIATIONS, ''); stripped !== wanted; stripped = wanted.replace(COUNCIL_ABBREVIATIONS, '')) wanted = stripped;
  const candidates: { code: string; name: string }[] = [];
  for (const [code, name] of regionLas) candidates.push({ code, name });
  for (const c of COUNCILS) {
    candidates.push({ code: c.ons, name: c.name });
    const short = c.name.replace(/, (City|County) of$/, '');
    if (short !== c.name) candidates.push({ code: c.ons, name: short });
  }
  let best: { code: string; name: string; score: number } | null = null;
  for (const c of candidates) {
    const score = similarity(wanted, normaliseCouncilName(c.name));
    if (score > (best?.score ?? 0)) best = { ...c, score };
  }
  if (best === null || best.score < 0.6) return { value: null, reason: 'no council name like it; write its ONS code (E10000016) or DfE number' };
  return { value: best.code, reason: `closest council: ${best.name}; check it` };
}

/** The spellings engagement types accept (engagements.md, **engagement type**). */
const ENGAGEMENT_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['paye', 'PAYE'], ['pay as you earn', 'PAYE'], ['umbrella', 'umbrella'], ['umbrella company', 'umbrella'],
  ['limited company', 'limited company'], ['ltd company', 'limited company'], ['personal service company', 'limited company'],
];

export function suggestEngagementType(cell: string): Suggestion {
  const wanted = cell.toLowerCase().replace(/\./g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  let best: { value: string; score: number } | null = null;
  for (const [name, value] of ENGAGEMENT_NAMES) {
    const score = wanted.includes(name) ? 0.9 : similarity(wanted, name);
    if (score > (best?.score ?? 0)) best = { value, score };
  }
  if (best === null || best.score < 0.6) return { value: null, reason: 'not an engagement type; write PAYE, umbrella or limited company' };
  return { value: best.value, reason: 'closest engagement type; check it' };
}
