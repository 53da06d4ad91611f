// min_pqe: months of post-qualifying experience in direct council employment.
import type { MinPqeRule } from '../types.js';
import { COMPLIANT, unknownFor, type RuleDefinition } from './rule.js';

/** A min_pqe breach: the months recorded and required. */
export type MinPqeDetails = { pqe_months: number; required: number };

declare module '../types.js' {
  interface FindingDetailsByKind {
    min_pqe: MinPqeDetails;
  }
}

export const minPqe: RuleDefinition<MinPqeRule> = {
  kind: 'min_pqe',
  description: 'Post-qualifying experience: at least the set number of months in direct local authority employment before agency work.',
  needs: () => ['pqe_months'],
  check(rule, row) {
    const pqe = row.pqe_months;
    if (pqe.state !== 'ok') return unknownFor(['pqe_months'], 'the post-qualifying experience');
    if (pqe.value >= rule.months) return COMPLIANT;
    return {
      status: 'breach',
      message: `${pqe.value} ${pqe.value === 1 ? "month's" : "months'"} post-qualifying experience, ${rule.months} required`,
      details: { pqe_months: pqe.value, required: rule.months },
    };
  },
};
