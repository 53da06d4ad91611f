// head_hunting: no recruiting a member council's social worker into a permanent post
// unless the move is a promotion (rules.md "Rule kinds"; readings 14–18). Checked on
// rows of the permanent starters register (--starters), never on assignment rows.
import { councilByCode } from '../councils/resolve.js';
import { STARTER_SPEC, type StarterColumn } from '../input/columns.js';
import type { Starter } from '../input/starters.js';
import type { HeadHuntingRule, IsoDate, Ruleset } from '../types.js';

export type { HeadHuntingRule };
import type { CheckContext, Outcome } from './rule.js';

/** A head_hunting breach: who moved where, and how "not a promotion" was decided. */
export type HeadHuntingDetails = {
  previous_la: string;
  start_date: IsoDate;
  /** the new post's role key */
  role: string;
  /** the previous post's role key; null when blank or not a role of the ruleset */
  previous_role: string | null;
  /** the register's promotion cell; null when blank, invalid or absent */
  promotion: boolean | null;
  grade: number | null;
  previous_grade: number | null;
  scope: HeadHuntingRule['scope'];
};

declare module '../types.js' {
  interface FindingDetailsByKind {
    head_hunting: HeadHuntingDetails;
  }
}

/** What every starters-register rule kind provides (head_hunting is the only one). */
export interface StarterRuleDefinition<R> {
  kind: 'head_hunting';
  description: string;
  /** every column the rule reads (reading 15: an absent previous_la is column_missing_for_rule) */
  needs(rule: R): StarterColumn[];
  /** Called only when la_code, swe_number, start_date and role are valid (reading 16). */
  check(rule: R, row: Starter, ctx: CheckContext): Outcome<HeadHuntingDetails>;
}

/**
 * Whether the rule is checked on the row (rules.md "What a rule needs"): every needed
 * field valid, every needed required field filled in; a blank previous_la is fine.
 */
export function starterFieldsUsable(row: Starter, needs: readonly StarterColumn[]): boolean {
  for (const column of needs) {
    const field = row[column];
    if (field.state === 'invalid' || field.state === 'absent') return false;
    if (field.state === 'blank' && STARTER_SPEC[column].required) return false;
  }
  return true;
}

/** Role key -> grade, per ruleset (roles are few; built once). */
const gradesByRuleset = new WeakMap<Ruleset, Map<string, number>>();

function gradeOf(ruleset: Ruleset, role: string): number | null {
  let grades = gradesByRuleset.get(ruleset);
  if (!grades) {
    grades = new Map();
    for (const r of ruleset.roles) if (r.grade !== undefined) grades.set(r.key, r.grade);
    gradesByRuleset.set(ruleset, grades);
  }
  return grades.get(role) ?? null;
}

function councilText(code: string, ctx: CheckContext): string {
  const name = ctx.ruleset.region.las.get(code) ?? councilByCode(code)?.name;
  return name ? `${name} (${code})` : code;
}

/** Whether the worker came from another council in scope (rules.md; reading 17: codes after resolution). */
function fromAnotherCouncil(rule: HeadHuntingRule, row: Starter, ctx: CheckContext): string | null {
  if (row.previous_la.state !== 'ok') return null;
  const previous = row.previous_la.value;
  if (previous === row.laCode) return null;
  if (rule.scope === 'any_other_la') return previous;
  return ctx.regionLas.size === 0 || ctx.regionLas.has(previous) ? previous : null;
}

export const headHunting: StarterRuleDefinition<HeadHuntingRule> = {
  kind: 'head_hunting',
  description: 'Head-hunting: no recruiting a social worker from another member council into a permanent post unless the move is a promotion.',
  needs: () => ['la_code', 'swe_number', 'start_date', 'role', 'previous_la'],
  check(rule, row, ctx) {
    if (row.role.state !== 'ok' || row.start_date.state !== 'ok') return { status: 'compliant' };
    const previousLa = fromAnotherCouncil(rule, row, ctx);
    if (previousLa === null) return { status: 'compliant' };
    // An invalid promotion or previous_role is its own data issue and counts as blank here.
    const promotion = row.promotion.state === 'ok' ? row.promotion.value : null;
    if (promotion === true) return { status: 'compliant' };
    const role = row.role.value;
    const previousRole = row.previous_role.state === 'ok' ? row.previous_role.value : null;
    const grade = gradeOf(ctx.ruleset, role);
    const previousGrade = previousRole === null ? null : gradeOf(ctx.ruleset, previousRole);
    const label = (key: string) => ctx.roleLabels.get(key) ?? key;
    const moved = `joined ${councilText(row.laCode, ctx)} on ${row.start_date.value} from ${councilText(previousLa, ctx)} as ${label(role)}`;
    const previously = previousRole === null ? '' : `, previously ${label(previousRole)}`;
    if (promotion === null && (grade === null || previousGrade === null)) {
      const why = previousRole !== null
        ? 'promotion is not recorded and the roles have no grades to compare'
        : row.previous_role.state === 'invalid'
          ? 'promotion is not recorded and previous_role is not a role of the ruleset'
          : 'promotion and previous_role are not recorded';
      return {
        status: 'unknown',
        message: `${moved}${previously}: cannot tell whether it was a promotion: ${why}`,
        // where from and when, as a breach says (the finding id is built from the start date)
        details: { missing: previousRole === null ? ['promotion', 'previous_role'] : ['promotion'], previous_la: previousLa, start_date: row.start_date.value },
      };
    }
    if (promotion === null && grade !== null && previousGrade !== null && grade > previousGrade) return { status: 'compliant' };
    return {
      status: 'breach',
      message: `${moved}${previously}: not a promotion`,
      details: {
        previous_la: previousLa, start_date: row.start_date.value, role, previous_role: previousRole, promotion,
        grade, previous_grade: previousGrade, scope: rule.scope,
      },
    };
  },
};
