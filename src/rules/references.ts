// references: count, standard template and timing of practice-based references.
import type { AssignmentColumn, IsoDate, ReferencesRule } from '../types.js';
import type { Assignment } from '../input/assignments.js';
import { COMPLIANT, unknownFor, type RuleDefinition } from './rule.js';

/** A references breach: each part the row recorded (a blank part is left out). */
export type ReferencesDetails = {
  reference_count?: number;
  min_count?: number;
  reference_template?: boolean;
  references_complete_date?: IsoDate;
  start_date?: IsoDate;
};

declare module '../types.js' {
  interface FindingDetailsByKind {
    references: ReferencesDetails;
  }
}

/** Every part the rule asks for recorded and met (the common case, decided without allocating). */
function plainlyMet(rule: ReferencesRule, row: Assignment): boolean {
  const count = row.reference_count;
  if (count.state !== 'ok' || count.value < rule.min_count) return false;
  if (rule.template_required) {
    const template = row.reference_template;
    if (template.state !== 'ok' || !template.value) return false;
  }
  if (rule.before_start) {
    const done = row.references_complete_date;
    const start = row.start_date;
    if (done.state !== 'ok' || start.state !== 'ok' || done.value > start.value) return false;
  }
  return true;
}

export const references: RuleDefinition<ReferencesRule> = {
  kind: 'references',
  description: 'References: enough practice-based references, on the standard template and received before the start where the ruleset says so.',
  needs(rule) {
    const columns: AssignmentColumn[] = ['reference_count'];
    if (rule.template_required) columns.push('reference_template');
    if (rule.before_start) columns.push('references_complete_date', 'start_date');
    return columns;
  },
  check(rule, row) {
    // Most rows meet every part: say so without building the details.
    if (plainlyMet(rule, row)) return COMPLIANT;
    // A definite breach of one part wins over a blank in another.
    const problems: string[] = [];
    const blanks: string[] = [];
    const details: ReferencesDetails = {};
    const count = row.reference_count;
    if (count.state === 'ok') {
      details.reference_count = count.value;
      details.min_count = rule.min_count;
      if (count.value < rule.min_count) problems.push(`${count.value} reference${count.value === 1 ? '' : 's'}, ${rule.min_count} required`);
    } else blanks.push('reference_count');
    if (rule.template_required) {
      const template = row.reference_template;
      if (template.state === 'ok') {
        details.reference_template = template.value;
        if (!template.value) problems.push('references not on the standard template');
      } else blanks.push('reference_template');
    }
    if (rule.before_start) {
      const done = row.references_complete_date;
      if (done.state === 'ok' && row.start_date.state === 'ok') {
        details.references_complete_date = done.value;
        details.start_date = row.start_date.value;
        if (done.value > row.start_date.value) problems.push(`references completed ${done.value}, after the start on ${row.start_date.value}`);
      } else blanks.push('references_complete_date');
    }
    if (problems.length > 0) return { status: 'breach', message: problems.join('; '), details };
    if (blanks.length > 0) return unknownFor(blanks, 'whether the references are complete');
    return COMPLIANT;
  },
};
