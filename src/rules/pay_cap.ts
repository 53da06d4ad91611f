// pay_cap: the basis rate must not be above the role's cap in the window containing start_date.
import { formatPounds } from '../money.js';
import type { CapWindow, Finding, IsoDate, PayCapRule } from '../types.js';
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
};

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
    const cap = window?.rates.get(row.role.value);
    if (!window || !cap) return COMPLIANT;
    const rate = row[rule.basis];
    if (rate.state !== 'ok') return unknownFor([rule.basis], 'whether the cap is met');
    if (rate.value.pence <= cap.pence) return COMPLIANT;
    const label = ctx.roleLabels.get(row.role.value) ?? row.role.value;
    const verb = rule.basis === 'hourly_pay_rate' ? 'paid' : 'charged at';
    return {
      status: 'breach',
      message: `${label} ${verb} ${formatPounds(rate.value.pence)}/h; cap ${formatPounds(cap.pence)}/h from ${window.from} (over by ${formatPounds(rate.value.pence - cap.pence)})`,
      details: {
        basis: rule.basis,
        rate: rate.value.amount,
        cap: cap.amount,
        role: row.role.value,
        window_from: window.from,
        window_to: window.to,
      },
    };
  },
};
