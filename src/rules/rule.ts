// What every rule kind provides. One file per kind under src/rules/, registered in index.ts.
import type { Assignment } from '../input/assignments.js';
import type { LeaversIndex } from '../input/leavers.js';
import type { AssignmentColumn, FindingDetailsByKind, Rule, RuleKind, Ruleset, UnknownDetails } from '../types.js';

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

/** A rule kind's breach details (declared beside each kind in src/rules/<kind>.ts). */
export type KindDetails<K extends RuleKind = RuleKind> = FindingDetailsByKind[K];

/** What checking one rule on one row gives; `D` is the kind's breach details. */
export type Outcome<D = KindDetails> =
  | { status: 'compliant' }
  | { status: 'breach'; message: string; details: D }
  | { status: 'unknown'; message: string; details: UnknownDetails };

export const COMPLIANT = { status: 'compliant' } as const;

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
  check(rule: R, row: Assignment, ctx: CheckContext): Outcome<KindDetails<R['kind']>>;
}

/** An unknown outcome naming the blank optional columns. */
export function unknownFor(columns: string[], what: string): Outcome<never> {
  return {
    status: 'unknown',
    message: `cannot tell ${what}: ${columns.join(', ')} ${columns.length === 1 ? 'is' : 'are'} not recorded`,
    details: { missing: columns },
  };
}
