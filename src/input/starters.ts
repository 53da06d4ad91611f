// One row of the permanent starters register (engagements.md §3), read and
// normalised: the rows the head_hunting rule checks. Row-level issues are errors,
// as in an assignments file (the register is data being checked).
import { detach } from '../detach.js';
import { STARTER_COLUMNS, STARTER_SPEC } from './columns.js';
import { planColumns, readFields, type FieldsOf, type PlannedColumn, type RowContext } from './row.js';

/** One typed field per column of STARTER_SPEC. */
export type StarterFields = FieldsOf<typeof STARTER_SPEC>;

export interface Starter extends StarterFields {
  file: string;
  line: number;
  /** the resolved council code; '' when blank */
  laCode: string;
  /** normalised SWE number, or the raw cell when invalid (for reports) */
  sweForReport: string;
  /** distinct cited exemption ids as written (first spelling), compared ignoring case */
  citedIds: readonly string[];
}

/** The column plan of a starters file, once per header (positions map). */
const plans = new WeakMap<Map<string, number>, readonly PlannedColumn[]>();

function starterPlan(positions: Map<string, number>): readonly PlannedColumn[] {
  let plan = plans.get(positions);
  if (!plan) plans.set(positions, (plan = planColumns(STARTER_SPEC, STARTER_COLUMNS, positions)));
  return plan;
}

/** Reads a row of a starters register, pushing its row-level issues into ctx.issues. */
export function readStarter(ctx: RowContext, cells: string[], line: number): Starter {
  const base = { file: ctx.file, line, laCode: '', sweForReport: '', citedIds: [] as readonly string[] };
  const row: Starter = readFields<typeof STARTER_SPEC, typeof base>(ctx, cells, line, starterPlan(ctx.positions), base);
  const { la_code, swe_number } = row;
  row.laCode = la_code.state === 'ok' ? detach(la_code.value) : '';
  row.sweForReport = swe_number.state === 'ok' ? swe_number.value : swe_number.state === 'absent' ? '' : detach(swe_number.raw.trim());
  if (row.exemption_ref.state === 'ok') row.citedIds = citedIdsOf(row.exemption_ref.value);
  return row;
}

/** Distinct ids of an exemption_ref cell (`;`-separated), compared ignoring case, first spelling kept. */
export function citedIdsOf(cell: string): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const part of cell.split(';')) {
    const id = part.trim();
    if (id === '' || seen.has(id.toLowerCase())) continue;
    seen.add(id.toLowerCase());
    ids.push(detach(id));
  }
  return ids;
}
