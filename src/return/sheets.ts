// The return as typed sheets (return.md "Rows and fields"), shared by the workbook and
// the CSV files so both hold the same cells: each column has a type that says how it
// is written (a date cell, a number with two decimals, text).
import { returnRules, ruleField } from './build.js';
import type { DataReturn } from './schema.js';
import type { Ruleset } from '../types.js';

export type CellKind = 'text' | 'int' | 'money' | 'number' | 'date' | 'share';
export type CellValue = string | number | null;

export interface SheetColumn {
  key: string;
  kind: CellKind;
}

export interface Sheet {
  name: 'councils' | 'compliance' | 'assignments' | 'signoffs' | 'notes';
  columns: SheetColumn[];
  rows: CellValue[][];
  /** rows written after a blank row, under their own header (the notes sheet's inputs) */
  second?: { columns: SheetColumn[]; rows: CellValue[][] };
}

const col = (kind: CellKind, ...keys: string[]): SheetColumn[] => keys.map((key) => ({ key, kind }));

function table(columns: SheetColumn[], items: ReadonlyArray<Record<string, unknown>>): CellValue[][] {
  return items.map((item) => columns.map((c) => {
    const v = item[c.key];
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    return v === undefined ? null : (v as CellValue);
  }));
}

export const COUNCIL_COLUMNS: SheetColumn[] = [
  ...col('text', 'la_code', 'la_name'),
  ...col('int', 'assignments', 'assignments_fully_compliant', 'cap_breaches', 'cap_breaches_signed_off', 'cap_breaches_not_signed_off'),
  ...col('text', 'agencies_affecting_compliance'),
  ...col('money', 'monthly_cost'),
  ...col('text', 'monthly_cost_basis'),
  ...col('int', 'rows_priced', 'rows_not_priced'),
  ...col('text', 'reasons'),
];

export const COMPLIANCE_COLUMNS: SheetColumn[] = [
  ...col('text', 'la_code', 'la_name', 'rule', 'kind', 'title'),
  ...col('int', 'compliant', 'breach', 'exempted', 'unknown', 'not_checked'),
  ...col('share', 'share_compliant'),
];

export function assignmentColumns(ruleset: Ruleset): SheetColumn[] {
  return [
    ...col('text', 'la_code', 'assignment_id', 'swe_number', 'dfe_role', 'role', 'engagement_type', 'agency'),
    ...col('money', 'hourly_pay_rate', 'hourly_charge_rate'),
    ...col('number', 'hours_per_week'),
    ...col('date', 'start_date', 'end_date'),
    ...col('text', 'project_team'),
    ...col('text', ...returnRules(ruleset).map((r) => ruleField(r.id))),
    ...col('text', 'exemptions', 'signed_off_by'),
  ];
}

export const SIGNOFF_COLUMNS: SheetColumn[] = [
  ...col('text', 'id', 'rules', 'las', 'roles'),
  ...col('date', 'from', 'to'),
  ...col('text', 'approved_by'),
  ...col('date', 'approved_on'),
  ...col('text', 'reason', 'blanket'),
  ...col('int', 'applied'),
];

export const NOTE_COLUMNS: SheetColumn[] = col('text', 'note', 'value');
export const INPUT_COLUMNS: SheetColumn[] = [
  ...col('text', 'file', 'kind', 'sha256'),
  ...col('int', 'rows', 'checked', 'out_of_period', 'data_errors', 'data_warnings'),
];

/** The first line names an illustrative ruleset as such (return.md "Sheet notes"). */
export function rulesetLine(ret: DataReturn): string {
  const rs = ret.ruleset;
  return rs.status === 'illustrative'
    ? `ILLUSTRATIVE ruleset ${rs.id} version ${rs.version}: its caps and exemptions are examples, not adopted figures`
    : `ruleset ${rs.id} version ${rs.version} (adopted)`;
}

export function dataErrorCount(ret: DataReturn): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const i of ret.notes.inputs) {
    errors += i.data_errors;
    warnings += i.data_warnings;
  }
  return { errors, warnings };
}

function notesRows(ret: DataReturn): CellValue[][] {
  const { errors, warnings } = dataErrorCount(ret);
  const n = ret.notes;
  return [
    ['ruleset', rulesetLine(ret)],
    ['ruleset_id', n.ruleset.id],
    ['ruleset_version', n.ruleset.version],
    ['ruleset_status', n.ruleset.status],
    ['period_from', n.period.from],
    ['period_to', n.period.to],
    ['as_of', n.as_of],
    ['tool', `${n.tool.name} ${n.tool.version}`],
    ['data_errors', String(errors)],
    ['data_warnings', String(warnings)],
    [
      'data_errors_note',
      errors === 0
        ? 'the run had no data errors'
        : `the run had ${errors} data error${errors === 1 ? '' : 's'}: rows with them may be left out or not checked for some rules (not_checked); fix them in the source system and run again`,
    ],
    ['template', "copy these figures into the DfE's template of the day; docs/return.md says which field answers which question"],
  ];
}

/** Date-typed notes cells: the period and as-of rows hold dates. */
export const NOTE_DATE_ROWS = new Set(['period_from', 'period_to', 'as_of']);

export function returnSheets(ret: DataReturn, ruleset: Ruleset): Sheet[] {
  const assignments = assignmentColumns(ruleset);
  return [
    { name: 'councils', columns: COUNCIL_COLUMNS, rows: table(COUNCIL_COLUMNS, ret.councils) },
    { name: 'compliance', columns: COMPLIANCE_COLUMNS, rows: table(COMPLIANCE_COLUMNS, ret.compliance) },
    { name: 'assignments', columns: assignments, rows: table(assignments, ret.assignments) },
    { name: 'signoffs', columns: SIGNOFF_COLUMNS, rows: table(SIGNOFF_COLUMNS, ret.signoffs) },
    { name: 'notes', columns: NOTE_COLUMNS, rows: notesRows(ret), second: { columns: INPUT_COLUMNS, rows: table(INPUT_COLUMNS, ret.notes.inputs) } },
  ];
}
