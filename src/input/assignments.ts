// One agency assignment row, read and normalised (engagements.md §1).
import type { AssignmentColumn, IsoDate, Money } from '../types.js';
import { detach } from '../detach.js';
import { readField, type Field, type RowContext, type CellType } from './row.js';

export const ASSIGNMENT_SPEC: Record<AssignmentColumn, { type: CellType; required: boolean }> = {
  la_code: { type: 'text', required: true },
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
  engagement_type: { type: 'text', required: false },
  hourly_charge_rate: { type: 'money', required: false },
  hours_per_week: { type: 'number', required: false },
  pqe_months: { type: 'integer', required: false },
  left_substantive_date: { type: 'date', required: false },
  left_substantive_la: { type: 'text', required: false },
  notice_weeks: { type: 'number', required: false },
  reference_count: { type: 'integer', required: false },
  reference_template: { type: 'boolean', required: false },
  references_complete_date: { type: 'date', required: false },
  project_team: { type: 'boolean', required: false },
  exemption_ref: { type: 'text', required: false },
};

/** The columns a file must have (engagements.md §1), in the contract's order. */
export const REQUIRED_ASSIGNMENT_COLUMNS: readonly AssignmentColumn[] = (Object.keys(ASSIGNMENT_SPEC) as AssignmentColumn[]).filter(
  (column) => ASSIGNMENT_SPEC[column].required,
);

export interface Assignment {
  file: string;
  line: number;
  /** trimmed and upper-cased; '' when blank */
  laCode: string;
  /** trimmed; '' when blank */
  assignmentId: string;
  /** normalised SWE number, or the raw cell when invalid (for reports) */
  sweForReport: string;
  la_code: Field<string>;
  assignment_id: Field<string>;
  swe_number: Field<string>;
  role: Field<string>;
  start_date: Field<IsoDate>;
  hourly_pay_rate: Field<Money>;
  end_date: Field<IsoDate>;
  la_name: Field<string>;
  worker_name: Field<string>;
  team: Field<string>;
  agency: Field<string>;
  engagement_type: Field<string>;
  hourly_charge_rate: Field<Money>;
  hours_per_week: Field<number>;
  pqe_months: Field<number>;
  left_substantive_date: Field<IsoDate>;
  left_substantive_la: Field<string>;
  notice_weeks: Field<number>;
  reference_count: Field<number>;
  reference_template: Field<boolean>;
  references_complete_date: Field<IsoDate>;
  project_team: Field<boolean>;
  exemption_ref: Field<string>;
  /** end_date as the checks use it: undefined when blank, invalid or before the start */
  effectiveEnd: IsoDate | undefined;
  /** the row's own leaving event, when complete and valid */
  ownLeaving: { la: string; date: IsoDate } | null;
  /** distinct cited exemption ids as written (first spelling), compared ignoring case */
  citedIds: string[];
}

/** Reads a row of an assignments file, pushing its row-level issues into ctx.issues. */
export function readAssignment(ctx: RowContext, cells: string[], line: number): Assignment {
  const f = <C extends AssignmentColumn>(column: C) => readField(ctx, cells, line, column, ASSIGNMENT_SPEC[column]);
  const la_code = f('la_code') as Field<string>;
  const assignment_id = f('assignment_id') as Field<string>;
  const swe_number = f('swe_number') as Field<string>;
  const row: Assignment = {
    file: ctx.file,
    line,
    laCode: la_code.state === 'ok' ? la_code.value.toUpperCase() : '',
    assignmentId: assignment_id.state === 'ok' ? assignment_id.value : '',
    sweForReport: swe_number.state === 'ok' ? swe_number.value : swe_number.state === 'absent' ? '' : swe_number.raw.trim(),
    la_code,
    assignment_id,
    swe_number,
    role: f('role') as Field<string>,
    start_date: f('start_date') as Field<IsoDate>,
    hourly_pay_rate: f('hourly_pay_rate') as Field<Money>,
    end_date: f('end_date') as Field<IsoDate>,
    la_name: f('la_name') as Field<string>,
    worker_name: f('worker_name') as Field<string>,
    team: f('team') as Field<string>,
    agency: f('agency') as Field<string>,
    engagement_type: f('engagement_type') as Field<string>,
    hourly_charge_rate: f('hourly_charge_rate') as Field<Money>,
    hours_per_week: f('hours_per_week') as Field<number>,
    pqe_months: f('pqe_months') as Field<number>,
    left_substantive_date: f('left_substantive_date') as Field<IsoDate>,
    left_substantive_la: f('left_substantive_la') as Field<string>,
    notice_weeks: f('notice_weeks') as Field<number>,
    reference_count: f('reference_count') as Field<number>,
    reference_template: f('reference_template') as Field<boolean>,
    references_complete_date: f('references_complete_date') as Field<IsoDate>,
    project_team: f('project_team') as Field<boolean>,
    exemption_ref: f('exemption_ref') as Field<string>,
    effectiveEnd: undefined,
    ownLeaving: null,
    citedIds: [],
  };

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
    const seen = new Set<string>();
    for (const part of row.exemption_ref.value.split(';')) {
      const id = part.trim();
      if (id === '') continue;
      const key = id.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      row.citedIds.push(id);
    }
  }
  return row;
}
