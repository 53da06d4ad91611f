// What every rule kind provides. One file per kind under src/rules/, registered in index.ts.
import type { Assignment } from '../input/assignments.js';
import type { LeaversIndex } from '../input/leavers.js';
import type { AssignmentColumn, Rule, Ruleset } from '../types.js';

export interface CheckContext {
  ruleset: Ruleset;
  leavers: LeaversIndex;
  /** upper-cased codes of region.las; empty = every council is in the region */
  regionLas: Set<string>;
  /** role key -> label */
  roleLabels: Map<string, string>;
}

/** The context of one run: built once, shared by every row. */
export function makeCheckContext(ruleset: Ruleset, leavers: LeaversIndex): CheckContext {
  return {
    ruleset,
    leavers,
    regionLas: new Set(ruleset.region.las.keys()),
    roleLabels: new Map(ruleset.roles.map((r) => [r.key, r.label])),
  };
}

export type Outcome =
  | { status: 'compliant' }
  | { status: 'breach' | 'unknown'; message: string; details: Record<string, unknown> };

export const COMPLIANT: Outcome = { status: 'compliant' };

export interface RuleDefinition<R extends Rule = Rule> {
  kind: R['kind'];
  /** one line for help texts (SARIF rule descriptions, --help) */
  description: string;
  /** the columns the rule reads besides la_code and assignment_id */
  needs(rule: R): AssignmentColumn[];
  /**
   * Called only when every needed field is valid and every needed required field
   * is filled in; optional needed fields may be blank (the rule decides: unknown).
   */
  check(rule: R, row: Assignment, ctx: CheckContext): Outcome;
}

/** An unknown outcome naming the blank optional columns. */
export function unknownFor(columns: string[], what: string): Outcome {
  return {
    status: 'unknown',
    message: `cannot tell ${what}: ${columns.join(', ')} ${columns.length === 1 ? 'is' : 'are'} not recorded`,
    details: { missing: columns },
  };
}
