// The quarterly data return (return.md) as a zod schema: the single source of the
// types below and of `schema/return.schema.json`. Blank is null; lists are strings
// joined with "; " (reading 29); money in pounds, shares as fractions.
import * as z from 'zod';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('a date, YYYY-MM-DD');
const Count = z.number().int().min(0);
const List = z.string().nullable().describe('items joined with "; "; null when there are none');

export const ROW_STATUSES = ['compliant', 'breach', 'exempted', 'unknown', 'not_checked'] as const;
export const RowStatusSchema = z.enum(ROW_STATUSES);
export type RowStatus = z.infer<typeof RowStatusSchema>;

export const ReturnCouncilSchema = z.object({
  la_code: z.string(),
  la_name: z.string().nullable(),
  assignments: Count.describe('checked assignment rows of the period'),
  assignments_fully_compliant: Count.describe('rows with no breach status for any rule'),
  cap_breaches: Count.describe('rows with status breach or exempted for some pay_cap rule'),
  cap_breaches_signed_off: Count.describe('of those, rows where every such pay_cap status is exempted'),
  cap_breaches_not_signed_off: Count,
  agencies_affecting_compliance: List.describe('"Name (n)" for each agency of a row with a breach or exempted status, by n descending then name'),
  monthly_cost: z.number().min(0).describe('pounds, two decimals: Σ rate × hours_per_week × 52 / 12 over priced rows'),
  monthly_cost_basis: z.enum(['charge', 'pay', 'mixed']).nullable(),
  rows_priced: Count,
  rows_not_priced: Count,
  reasons: List.describe('the distinct reasons of the exemptions applied, in ruleset order'),
});

export const ReturnComplianceSchema = z.object({
  la_code: z.string(),
  la_name: z.string().nullable(),
  rule: z.string(),
  kind: z.string(),
  title: z.string().nullable(),
  compliant: Count,
  breach: Count,
  exempted: Count,
  unknown: Count,
  not_checked: Count,
  share_compliant: z.number().min(0).max(1).nullable().describe('(compliant + exempted) / (assignments − not_checked − unknown), 4 places half-up; null when the divisor is 0'),
});

const ReturnAssignmentFixedSchema = z
  .object({
    la_code: z.string(),
    assignment_id: z.string(),
    swe_number: z.string().nullable().describe('normalised; the raw cell when invalid; a pseudonym with --redact'),
    dfe_role: z.string().nullable(),
    role: z.string().nullable().describe("the role's label; the raw cell when unknown"),
    engagement_type: z.string().nullable(),
    agency: z.string().nullable(),
    hourly_pay_rate: z.number().nullable(),
    hourly_charge_rate: z.number().nullable(),
    hours_per_week: z.number().nullable(),
    start_date: IsoDate.nullable(),
    end_date: IsoDate.nullable(),
    project_team: z.enum(['yes', 'no']).nullable(),
    exemptions: List,
    signed_off_by: List,
  });
export const ReturnAssignmentSchema = ReturnAssignmentFixedSchema
  .catchall(RowStatusSchema)
  .describe('one checked row; one more field per rule (its id, or rule_ + id) holding the row’s status');

export const ReturnSignoffSchema = z.object({
  id: z.string(),
  rules: List,
  las: List.describe('null: every council'),
  roles: List.describe('role keys; null: every role'),
  from: IsoDate,
  to: IsoDate,
  approved_by: List,
  approved_on: IsoDate.nullable(),
  reason: z.string().nullable(),
  blanket: z.boolean(),
  applied: Count.describe("findings it turned into exempted on the return's rows"),
});

export const ReturnNotesSchema = z.object({
  ruleset: z.object({ id: z.string(), version: z.string(), status: z.enum(['adopted', 'illustrative']) }),
  period: z.object({ from: IsoDate, to: IsoDate }),
  as_of: IsoDate,
  tool: z.object({ name: z.literal('moc-check'), version: z.string() }),
  inputs: z.array(
    z.object({
      file: z.string(),
      kind: z.string(),
      sha256: z.string().nullable(),
      rows: Count,
      checked: Count.nullable(),
      out_of_period: Count.nullable(),
      data_errors: Count,
      data_warnings: Count,
    }),
  ),
});

export const ReturnSchema = z
  .object({
    format: z.literal('moc-return/v1'),
    period: z.object({ from: IsoDate, to: IsoDate }),
    as_of: IsoDate,
    ruleset: z.object({ id: z.string(), version: z.string(), status: z.enum(['adopted', 'illustrative']), sha256: z.string() }),
    councils: z.array(ReturnCouncilSchema),
    compliance: z.array(ReturnComplianceSchema),
    assignments: z.array(ReturnAssignmentSchema),
    signoffs: z.array(ReturnSignoffSchema),
    notes: ReturnNotesSchema,
  })
  .describe('moc-check quarterly data return, format moc-return/v1');

export type DataReturn = Omit<z.infer<typeof ReturnSchema>, 'assignments'> & { assignments: ReturnAssignment[] };
export type ReturnCouncil = z.infer<typeof ReturnCouncilSchema>;
export type ReturnCompliance = z.infer<typeof ReturnComplianceSchema>;
/** The fixed fields, typed; a rule's status sits under its field name (ruleField). */
export type ReturnAssignment = z.infer<typeof ReturnAssignmentFixedSchema> & Record<string, string | number | null>;
export type ReturnSignoff = z.infer<typeof ReturnSignoffSchema>;
export type ReturnNotes = z.infer<typeof ReturnNotesSchema>;

/** The fixed fields of an assignments row, in order; rule fields come after project_team. */
export const ASSIGNMENT_FIELDS = [
  'la_code', 'assignment_id', 'swe_number', 'dfe_role', 'role', 'engagement_type', 'agency', 'hourly_pay_rate',
  'hourly_charge_rate', 'hours_per_week', 'start_date', 'end_date', 'project_team',
] as const;
export const ASSIGNMENT_TAIL_FIELDS = ['exemptions', 'signed_off_by'] as const;
