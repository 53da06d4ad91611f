// One agency assignment row, read and normalised (engagements.md §1).
import type { DataIssue, IsoDate } from '../types.js';
import { detach } from '../detach.js';
import { ASSIGNMENT_COLUMNS, ASSIGNMENT_SPEC, type AssignmentColumn } from './columns.js';
import { planColumns, readPlanned, type Field, type FieldsOf, type PlannedColumn, type RowContext } from './row.js';

export { ASSIGNMENT_SPEC, REQUIRED_ASSIGNMENT_COLUMNS } from './columns.js';

/** One typed field per column of ASSIGNMENT_SPEC. */
export type AssignmentFields = FieldsOf<typeof ASSIGNMENT_SPEC>;

export interface Assignment extends AssignmentFields {
  file: string;
  line: number;
  /** trimmed and upper-cased; '' when blank */
  laCode: string;
  /** trimmed; '' when blank */
  assignmentId: string;
  /** normalised SWE number, or the raw cell when invalid (for reports) */
  sweForReport: string;
  /** end_date as the checks use it: undefined when blank, invalid or before the start */
  effectiveEnd: IsoDate | undefined;
  /** the row's own leaving event, when complete and valid */
  ownLeaving: { la: string; date: IsoDate } | null;
  /** distinct cited exemption ids as written (first spelling), compared ignoring case */
  citedIds: readonly string[];
}

const NO_IDS: readonly string[] = Object.freeze([]);
/** Each column's plan against one header, by name (computed once per file). */
export type AssignmentPlan = Readonly<Record<AssignmentColumn, PlannedColumn>>;

const plans = new WeakMap<Map<string, number>, AssignmentPlan>();

export function assignmentPlan(positions: Map<string, number>): AssignmentPlan {
  let plan = plans.get(positions);
  if (!plan) {
    const byColumn = Object.fromEntries(planColumns(ASSIGNMENT_SPEC, ASSIGNMENT_COLUMNS, positions).map((p) => [p.column, p]));
    // planColumns gave one entry per column of ASSIGNMENT_COLUMNS
    plans.set(positions, (plan = byColumn as AssignmentPlan));
  }
  return plan;
}

/** Council codes repeat: each distinct cell text is upper-cased once. */
const upperCodes = new Map<string, string>();

function upperCode(text: string): string {
  let upper = upperCodes.get(text);
  if (upper === undefined) {
    upper = text.toUpperCase();
    if (upperCodes.size < 10_000) upperCodes.set(detach(text), detach(upper));
  }
  return upper;
}

/** One planned cell, typed by the row field it fills (the reader of a K cell gives a K value). */
function cell<T>(ctx: RowContext, cells: string[], line: number, planned: PlannedColumn): Field<T> {
  return readPlanned(ctx, cells, line, planned) as Field<T>;
}

/** Reads a row of an assignments file, pushing its row-level issues into ctx.issues. */
export function readAssignment(ctx: RowContext, cells: string[], line: number, plan = assignmentPlan(ctx.positions)): Assignment {
  // One literal with every field: all rows share one shape, and the compiler checks
  // that no column of the spec is left out.
  const row: Assignment = {
    file: ctx.file,
    line,
    laCode: '',
    assignmentId: '',
    sweForReport: '',
    effectiveEnd: undefined,
    ownLeaving: null,
    citedIds: NO_IDS,
    la_code: cell(ctx, cells, line, plan.la_code),
    assignment_id: cell(ctx, cells, line, plan.assignment_id),
    swe_number: cell(ctx, cells, line, plan.swe_number),
    role: cell(ctx, cells, line, plan.role),
    start_date: cell(ctx, cells, line, plan.start_date),
    hourly_pay_rate: cell(ctx, cells, line, plan.hourly_pay_rate),
    end_date: cell(ctx, cells, line, plan.end_date),
    la_name: cell(ctx, cells, line, plan.la_name),
    worker_name: cell(ctx, cells, line, plan.worker_name),
    team: cell(ctx, cells, line, plan.team),
    agency: cell(ctx, cells, line, plan.agency),
    engagement_type: cell(ctx, cells, line, plan.engagement_type),
    hourly_charge_rate: cell(ctx, cells, line, plan.hourly_charge_rate),
    hours_per_week: cell(ctx, cells, line, plan.hours_per_week),
    pqe_months: cell(ctx, cells, line, plan.pqe_months),
    left_substantive_date: cell(ctx, cells, line, plan.left_substantive_date),
    left_substantive_la: cell(ctx, cells, line, plan.left_substantive_la),
    notice_weeks: cell(ctx, cells, line, plan.notice_weeks),
    reference_count: cell(ctx, cells, line, plan.reference_count),
    reference_template: cell(ctx, cells, line, plan.reference_template),
    references_complete_date: cell(ctx, cells, line, plan.references_complete_date),
    project_team: cell(ctx, cells, line, plan.project_team),
    exemption_ref: cell(ctx, cells, line, plan.exemption_ref),
  };
  const { la_code, assignment_id, swe_number } = row;
  row.laCode = la_code.state === 'ok' ? upperCode(la_code.value) : '';
  row.assignmentId = assignment_id.state === 'ok' ? assignment_id.value : '';
  row.sweForReport = swe_number.state === 'ok' ? swe_number.value : swe_number.state === 'absent' ? '' : swe_number.raw.trim();
  if (hasControlCharacter(row.laCode)) ctx.issues.push(controlCharacterIssue(ctx.file, line, 'la_code', la_code));
  if (hasControlCharacter(row.assignmentId)) ctx.issues.push(controlCharacterIssue(ctx.file, line, 'assignment_id', assignment_id));

  if (row.end_date.state === 'ok') {
    if (row.start_date.state === 'ok' && row.end_date.value < row.start_date.value) {
      ctx.issues.push({
        severity: ctx.severity, code: 'end_before_start', file: ctx.file, line, column: 'end_date', value: detach(row.end_date.raw),
        message: `end_date ${row.end_date.value} is before start_date ${row.start_date.value}; the row is checked as still open`,
      });
    } else {
      row.effectiveEnd = row.end_date.value;
    }
  }

  const leftDate = row.left_substantive_date;
  if (leftDate.state === 'ok' || leftDate.state === 'invalid') {
    if (row.left_substantive_la.state !== 'ok') {
      ctx.issues.push({
        severity: ctx.severity, code: 'missing_left_substantive_la', file: ctx.file, line, column: 'left_substantive_la',
        value: row.left_substantive_la.state === 'blank' ? detach(row.left_substantive_la.raw) : undefined,
        message: `left_substantive_date is filled in but left_substantive_la (the council the worker left) is ${row.left_substantive_la.state === 'absent' ? 'not a column of this file' : 'blank'}`,
      });
    } else if (leftDate.state === 'ok') {
      row.ownLeaving = { la: row.left_substantive_la.value.toUpperCase(), date: leftDate.value };
    }
  }

  if (row.exemption_ref.state === 'ok') {
    const citedIds: string[] = [];
    row.citedIds = citedIds;
    const seen = new Set<string>();
    for (const part of row.exemption_ref.value.split(';')) {
      const id = part.trim();
      if (id === '') continue;
      const key = id.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      citedIds.push(id);
    }
  }
  return row;
}

// C0 controls (but tab and line breaks, which a spreadsheet cell may hold), DEL and C1
// controls. Key cells feed finding ids, and U+001F is the ids' separator (issue 12
// item 16): see fingerprint.ts.
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** CONTROL_RE's test as a loop: two key cells a row, where a regex call costs more than the scan. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 9 && c !== 10 && c !== 13 : c >= 0x7f && c <= 0x9f) return true;
  }
  return false;
}

function controlCharacterIssue(file: string, line: number, column: 'la_code' | 'assignment_id', field: Field<string>): DataIssue {
  const raw = field.state === 'absent' ? '' : field.raw;
  const code = CONTROL_RE.exec(raw)![0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return {
    severity: 'warning', code: 'control_character', file, line, column, value: detach(raw),
    message: `${column} holds a control character (U+${code}); the row is checked, and its finding ids are computed from an escaped form of the key`,
  };
}
