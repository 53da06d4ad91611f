// Exemptions (rules.md "Exemptions"): which breach an exemption covers, why a cited
// one does not, and an exemption's status on the reporting date.
import { daysBetween } from './dates.js';
import type { Assignment } from './input/assignments.js';
import type { Starter } from './input/starters.js';
import type { Exemption, ExemptionStatus, IsoDate, NotCoveredReason, Rule } from './types.js';

export type { NotCoveredReason };

/**
 * The first of conditions 1–5 that the exemption fails for this breach, or null
 * when it would cover it (condition 6, blanket or cited, is the caller's).
 */
export function firstFailedCondition(ex: Exemption, rule: Rule, row: Assignment, asOf: IsoDate): NotCoveredReason | null {
  const first = firstFailedCommonCondition(ex, rule.id, row);
  if (first !== null) return first;
  if (asOf > ex.to && (row.effectiveEnd === undefined || row.effectiveEnd > ex.to)) return 'lapsed';
  if (rule.kind === 'pay_cap' && ex.max_rate) {
    const rate = row[rule.basis];
    if (rate.state !== 'ok' || rate.value.pence > ex.max_rate.pence) return 'max_rate';
  }
  return null;
}

/** Conditions 1–3, which read the same cells of an assignment and of a starters row. */
function firstFailedCommonCondition(ex: Exemption, ruleId: string, row: Pick<Assignment, 'laCode' | 'role' | 'swe_number' | 'start_date'>): NotCoveredReason | null {
  if (!ex.rules.includes(ruleId)) return 'rule';
  if (ex.las && !ex.las.includes(row.laCode)) return 'la';
  if (ex.roles && (row.role.state !== 'ok' || !ex.roles.includes(row.role.value))) return 'role';
  if (ex.swe_numbers && (row.swe_number.state !== 'ok' || !ex.swe_numbers.includes(row.swe_number.value))) return 'worker';
  if (row.start_date.state !== 'ok' || row.start_date.value < ex.from || row.start_date.value > ex.to) return 'window';
  return null;
}

/**
 * A breach of a head_hunting rule on a starters row (reading 18): `las` is the joining
 * council and `roles` the new post's role; a starters row never lapses (condition 4
 * always holds) and max_rate does not apply.
 */
export function decideStarterExemption(exemptions: readonly Exemption[], cited: readonly Exemption[], ruleId: string, row: Starter): ExemptionDecision {
  return decideBy(exemptions, cited, (ex) => firstFailedCommonCondition(ex, ruleId, row));
}

/** An exemption's status on `asOf` (rules.md "Exemptions", last paragraph). */
export function exemptionStatus(ex: Pick<Exemption, 'from' | 'to'>, asOf: IsoDate): ExemptionStatus {
  if (asOf < ex.from) return 'pending';
  if (asOf > ex.to) return 'expired';
  return daysBetween(asOf, ex.to) <= 30 ? 'expiring' : 'active';
}

export interface ExemptionDecision {
  /** the exemption that turns the breach into `exempted`, if any */
  exemption: Exemption | null;
  /** for a breach that stays one: each cited, defined exemption and why it did not cover */
  notApplied: Array<{ id: string; reason: NotCoveredReason }>;
}

/** Applies the ruleset's exemptions, in order, to one breach. `cited` holds the row's defined cited exemptions. */
export function decideExemption(
  exemptions: readonly Exemption[],
  cited: readonly Exemption[],
  rule: Rule,
  row: Assignment,
  asOf: IsoDate,
): ExemptionDecision {
  return decideBy(exemptions, cited, (ex) => firstFailedCondition(ex, rule, row, asOf));
}

/** The first qualifying exemption in ruleset order (blanket or cited), else why each cited one failed. */
function decideBy(exemptions: readonly Exemption[], cited: readonly Exemption[], failed: (ex: Exemption) => NotCoveredReason | null): ExemptionDecision {
  for (const ex of exemptions) {
    if ((ex.blanket || cited.includes(ex)) && failed(ex) === null) return { exemption: ex, notApplied: [] };
  }
  const notApplied: ExemptionDecision['notApplied'] = [];
  for (const ex of cited) notApplied.push({ id: ex.id, reason: failed(ex) ?? 'rule' });
  return { exemption: null, notApplied };
}
