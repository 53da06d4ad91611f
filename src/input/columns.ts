// The one source of each table's columns (engagements.md §1, §2 and §3): their names,
// order, cell types and whether a file must have them. Types, the required lists and
// the readers are all derived from these specs. Imports nothing, so anything may use it.

export type CellType = 'text' | 'council' | 'date' | 'money' | 'number' | 'integer' | 'boolean' | 'swe' | 'role' | 'engagement';

export interface ColumnSpec {
  readonly type: CellType;
  readonly required: boolean;
}

export type TableSpec = Readonly<Record<string, ColumnSpec>>;

/** Canonical columns of the agency assignments export (engagements.md §1), in the contract's order. */
export const ASSIGNMENT_SPEC = {
  la_code: { type: 'council', required: true },
  assignment_id: { type: 'text', required: true },
  swe_number: { type: 'swe', required: true },
  role: { type: 'role', required: true },
  start_date: { type: 'date', required: true },
  hourly_pay_rate: { type: 'money', required: true },
  end_date: { type: 'date', required: false },
  la_name: { type: 'text', required: false },
  worker_name: { type: 'text', required: false },
  team: { type: 'text', required: false },
  agency: { type: 'text', required: false },
  engagement_type: { type: 'engagement', required: false },
  hourly_charge_rate: { type: 'money', required: false },
  hours_per_week: { type: 'number', required: false },
  pqe_months: { type: 'integer', required: false },
  left_substantive_date: { type: 'date', required: false },
  left_substantive_la: { type: 'council', required: false },
  notice_weeks: { type: 'number', required: false },
  reference_count: { type: 'integer', required: false },
  reference_template: { type: 'boolean', required: false },
  references_complete_date: { type: 'date', required: false },
  project_team: { type: 'boolean', required: false },
  exemption_ref: { type: 'text', required: false },
} as const satisfies TableSpec;

/** Canonical columns of the leavers register (engagements.md §2). */
export const LEAVER_SPEC = {
  la_code: { type: 'council', required: true },
  swe_number: { type: 'swe', required: true },
  leaving_date: { type: 'date', required: true },
  role: { type: 'text', required: false },
  worker_name: { type: 'text', required: false },
} as const satisfies TableSpec;

/** Canonical columns of the permanent starters register (engagements.md §3). */
export const STARTER_SPEC = {
  la_code: { type: 'council', required: true },
  swe_number: { type: 'swe', required: true },
  start_date: { type: 'date', required: true },
  role: { type: 'role', required: true },
  previous_la: { type: 'council', required: false },
  previous_role: { type: 'role', required: false },
  promotion: { type: 'boolean', required: false },
  exemption_ref: { type: 'text', required: false },
  la_name: { type: 'text', required: false },
  worker_name: { type: 'text', required: false },
} as const satisfies TableSpec;

export type ColumnOf<S extends TableSpec> = keyof S & string;
export type AssignmentColumn = ColumnOf<typeof ASSIGNMENT_SPEC>;
export type LeaverColumn = ColumnOf<typeof LEAVER_SPEC>;
export type StarterColumn = ColumnOf<typeof STARTER_SPEC>;

/** A spec's columns in their declared order. */
export function columnsOf<S extends TableSpec>(spec: S): readonly ColumnOf<S>[] {
  // Object.keys is typed string[]; the keys of an `as const` spec are exactly ColumnOf<S>.
  return Object.keys(spec) as ColumnOf<S>[];
}

/** The columns a file of this kind must have, in the spec's order. */
export function requiredColumnsOf<S extends TableSpec>(spec: S): readonly ColumnOf<S>[] {
  return columnsOf(spec).filter((column) => spec[column]!.required);
}

export const ASSIGNMENT_COLUMNS = columnsOf(ASSIGNMENT_SPEC);
export const LEAVER_COLUMNS = columnsOf(LEAVER_SPEC);
export const REQUIRED_ASSIGNMENT_COLUMNS = requiredColumnsOf(ASSIGNMENT_SPEC);
export const REQUIRED_LEAVER_COLUMNS = requiredColumnsOf(LEAVER_SPEC);
export const STARTER_COLUMNS = columnsOf(STARTER_SPEC);
export const REQUIRED_STARTER_COLUMNS = requiredColumnsOf(STARTER_SPEC);
