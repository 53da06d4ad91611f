// pay_cap: the basis rate must not be above the role's cap in the window containing start_date.
import { formatPounds } from '../money.js';
import type { CapWindow, EngagementType, Finding, IsoDate, PayCapRule, Ruleset } from '../types.js';
import { COMPLIANT, unknownFor, type RuleDefinition } from './rule.js';

/** A pay_cap breach: the rate and the cap it is over, on the rule's basis. */
export type PayCapDetails = {
  basis: PayCapRule['basis'];
  rate: number;
  cap: number;
  /** the ruleset role key */
  role: string;
  window_from: IsoDate;
  window_to: IsoDate | null;
  /** present when the role's rate in the window is by engagement type */
  engagement_type?: EngagementType;
};

/** How messages name an engagement type. */
const TYPE_LABELS: Record<EngagementType, string> = { paye: 'PAYE', umbrella: 'umbrella', limited_company: 'limited company' };

/** Whether some pay_cap rule has a window with a rate by engagement type, even one no row falls in (reading 19). */
export function hasTypedCaps(ruleset: Ruleset): boolean {
  return ruleset.rules.some((rule) => rule.kind === 'pay_cap' && rule.caps.some((w) => w.ratesByType.size > 0));
}

declare module '../types.js' {
  interface FindingDetailsByKind {
    pay_cap: PayCapDetails;
  }
}

/** A finding's pay_cap details, when it has them: a breach or an exempted finding of the kind (not an unknown one). */
export function payCapDetailsOf(f: Pick<Finding, 'kind' | 'details'>): PayCapDetails | null {
  return f.kind === 'pay_cap' && 'cap' in f.details ? f.details : null;
}

export function capWindowFor(rule: PayCapRule, start: string): CapWindow | undefined {
  return rule.caps.find((w) => w.from <= start && (w.to === null || start <= w.to));
}

export const payCap: RuleDefinition<PayCapRule> = {
  kind: 'pay_cap',
  description: 'Agency pay cap: the hourly pay (or charge) rate must not exceed the cap for the role in force when the assignment started.',
  needs: (rule) => ['role', 'start_date', rule.basis],
  check(rule, row, ctx) {
    if (row.role.state !== 'ok' || row.start_date.state !== 'ok') return COMPLIANT;
    const window = capWindowFor(rule, row.start_date.value);
    if (!window) return COMPLIANT;
    let cap = window.rates.get(row.role.value);
    let type: EngagementType | undefined;
    const byType = window.ratesByType.get(row.role.value);
    if (byType) {
      // engagement_type is needed only here (reading 20): blank or absent is unknown, an
      // invalid one (its own data issue) means the rule is not checked on this row
      const engagement = row.engagement_type;
      if (engagement.state === 'blank' || engagement.state === 'absent') return unknownFor(['engagement_type'], 'whether the cap is met');
      if (engagement.state === 'invalid') return COMPLIANT;
      type = engagement.value;
      cap = byType[type];
    }
    if (!cap) return COMPLIANT;
    const basis = row[rule.basis];
    if (basis.state !== 'ok') return unknownFor([rule.basis], 'whether the cap is met');
    if (basis.value.pence <= cap.pence) return COMPLIANT;
    const role = ctx.roleLabels.get(row.role.value) ?? row.role.value;
    const label = type === undefined ? role : `${role} (${TYPE_LABELS[type]})`;
    const verb = rule.basis === 'hourly_pay_rate' ? 'paid' : 'charged at';
    return {
      status: 'breach',
      message: `${label} ${verb} ${formatPounds(basis.value.pence)}/h; cap ${formatPounds(cap.pence)}/h from ${window.from} (over by ${formatPounds(basis.value.pence - cap.pence)})`,
      details: {
        basis: rule.basis,
        rate: basis.value.amount,
        cap: cap.amount,
        role: row.role.value,
        window_from: window.from,
        window_to: window.to,
        ...(type === undefined ? {} : { engagement_type: type }),
      },
    };
  },
};
