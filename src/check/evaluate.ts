// Pure row evaluation: which active rules a row breaches or cannot be told about.
// No exemptions and no report here (see apply-exemptions.ts and findings.ts).
import { ASSIGNMENT_SPEC, type AssignmentColumn } from '../input/columns.js';
import type { Assignment } from '../input/assignments.js';
import type { Header } from '../input/table.js';
import { definitionOf } from '../rules/index.js';
import type { CheckContext, Outcome } from '../rules/rule.js';
import type { DataIssue, Rule, Ruleset } from '../types.js';

export interface ActiveRule {
  rule: Rule;
  needs: readonly AssignmentColumn[];
}

/** A rule's outcome on a row other than compliant. */
export interface RuleResult {
  rule: Rule;
  outcome: Exclude<Outcome, { status: 'compliant' }>;
}

/** The rules a file can be checked against; a column_missing_for_rule warning for each rule whose columns are absent. */
export function activeRulesFor(ruleset: Ruleset, file: string, header: Header, issues: DataIssue[]): ActiveRule[] {
  return rulesWithColumns(ruleset.rules, (rule) => definitionOf(rule).needs(rule), file, header, issues);
}

/**
 * Of `rules`, those whose columns (`needsOf`) the header has, each with its columns;
 * one column_missing_for_rule warning for each of the others (reading 15). Assignment
 * files and starters registers share it.
 */
export function rulesWithColumns<R extends { id: string }, C extends string>(
  rules: readonly R[],
  needsOf: (rule: R) => readonly C[],
  file: string,
  header: Header,
  issues: DataIssue[],
): { rule: R; needs: readonly C[] }[] {
  const active: { rule: R; needs: readonly C[] }[] = [];
  for (const rule of rules) {
    const needs = needsOf(rule);
    const absent = needs.filter((c) => !header.positions.has(c));
    if (absent.length === 0) {
      active.push({ rule, needs });
      continue;
    }
    issues.push({
      severity: 'warning', code: 'column_missing_for_rule', file, line: null, column: null, columns: absent, rule: rule.id,
      message: `rule ${rule.id} is not checked in this file: it needs the column${absent.length === 1 ? '' : 's'} ${absent.join(', ')}`,
    });
  }
  return active;
}

const NO_RESULTS: readonly RuleResult[] = Object.freeze([]);

/** The row's non-compliant outcomes, in the ruleset's order (shared empty list when there are none). */
export function evaluateRow(row: Assignment, activeRules: readonly ActiveRule[], ctx: CheckContext): readonly RuleResult[] {
  let results: RuleResult[] | null = null;
  for (const { rule, needs } of activeRules) {
    if (!fieldsUsable(row, needs)) continue;
    const outcome = definitionOf(rule).check(rule, row, ctx);
    if (outcome.status === 'compliant') continue;
    (results ??= []).push({ rule, outcome });
  }
  return results ?? NO_RESULTS;
}

/** Every needed field is valid, and every needed required field is filled in (rules.md "What a rule needs"). */
export function fieldsUsable(row: Assignment, needs: readonly AssignmentColumn[]): boolean {
  for (const column of needs) {
    const field = row[column];
    if (field.state === 'invalid' || field.state === 'absent') return false;
    if (field.state === 'blank' && ASSIGNMENT_SPEC[column].required) return false;
  }
  return true;
}
