// The shared leavers register (engagements.md §2), indexed by SWE number so the
// cooling-off check is one lookup per row whatever the register's size.
import type { IsoDate } from '../types.js';
import { detach } from '../detach.js';
import { LEAVER_SPEC } from './columns.js';
import { planColumns, readPlanned, type PlannedColumn, type RowContext } from './row.js';

export { LEAVER_SPEC, REQUIRED_LEAVER_COLUMNS } from './columns.js';

export interface LeavingEvent {
  /** upper-cased council code */
  la: string;
  date: IsoDate;
  file: string;
  line: number;
}

/** normalised SWE number -> leaving events */
export type LeaversIndex = Map<string, LeavingEvent[]>;

/** Reads one register row; returns the event, or null when the row is not usable. */
const plans = new WeakMap<Map<string, number>, readonly PlannedColumn[]>();

/** The register's columns the check uses: la_code, swe_number, leaving_date (the rest are not read). */
function leaverPlan(positions: Map<string, number>): readonly PlannedColumn[] {
  let plan = plans.get(positions);
  if (!plan) plans.set(positions, (plan = planColumns(LEAVER_SPEC, ['la_code', 'swe_number', 'leaving_date'], positions)));
  return plan;
}

export function readLeaver(ctx: RowContext, cells: string[], line: number): { swe: string; event: LeavingEvent } | null {
  const before = ctx.issues.length;
  const [laColumn, sweColumn, dateColumn] = leaverPlan(ctx.positions);
  const la = readPlanned(ctx, cells, line, laColumn!);
  const swe = readPlanned(ctx, cells, line, sweColumn!);
  const date = readPlanned(ctx, cells, line, dateColumn!);
  if (ctx.issues.length !== before || la.state !== 'ok' || swe.state !== 'ok' || date.state !== 'ok') return null;
  // the reader of a text, SWE or date cell gives a string
  return { swe: detach(swe.value as string), event: { la: detach((la.value as string).toUpperCase()), date: detach(date.value as string), file: ctx.file, line } };
}

export function addLeaver(index: LeaversIndex, swe: string, event: LeavingEvent): void {
  const list = index.get(swe);
  if (list) list.push(event);
  else index.set(swe, [event]);
}
