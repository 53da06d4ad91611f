// min_notice: the notice period in the assignment's contract.
import type { MinNoticeRule } from '../types.js';
import { COMPLIANT, unknownFor, type RuleDefinition } from './rule.js';

/** A min_notice breach: the weeks in the contract and required. */
export type MinNoticeDetails = { notice_weeks: number; required: number };

declare module '../types.js' {
  interface FindingDetailsByKind {
    min_notice: MinNoticeDetails;
  }
}

export const minNotice: RuleDefinition<MinNoticeRule> = {
  kind: 'min_notice',
  description: 'Notice: the assignment contract gives at least the set number of weeks of notice.',
  needs: () => ['notice_weeks'],
  check(rule, row) {
    const notice = row.notice_weeks;
    if (notice.state !== 'ok') return unknownFor(['notice_weeks'], 'the notice period');
    if (notice.value >= rule.weeks) return COMPLIANT;
    return {
      status: 'breach',
      message: `${notice.value} ${notice.value === 1 ? "week's" : "weeks'"} notice, ${rule.weeks} required`,
      details: { notice_weeks: notice.value, required: rule.weeks },
    };
  },
};
