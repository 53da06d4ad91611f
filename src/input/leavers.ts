// The shared leavers register (engagements.md §2), indexed by SWE number so the
// cooling-off check is one lookup per row whatever the register's size.
import type { IsoDate } from '../types.js';
import { detach } from '../detach.js';
import { LEAVER_SPEC } from './columns.js';
import { readField, type RowContext } from './row.js';

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
export function readLeaver(ctx: RowContext, cells: string[], line: number): { swe: string; event: LeavingEvent } | null {
  const before = ctx.issues.length;
  const la = readField(ctx, cells, line, 'la_code', LEAVER_SPEC.la_code);
  const swe = readField(ctx, cells, line, 'swe_number', LEAVER_SPEC.swe_number);
  const date = readField(ctx, cells, line, 'leaving_date', LEAVER_SPEC.leaving_date);
  if (ctx.issues.length !== before || la.state !== 'ok' || swe.state !== 'ok' || date.state !== 'ok') return null;
  return { swe: detach(swe.value), event: { la: detach(la.value.toUpperCase()), date: date.value, file: ctx.file, line } };
}

export function addLeaver(index: LeaversIndex, swe: string, event: LeavingEvent): void {
  const list = index.get(swe);
  if (list) list.push(event);
  else index.set(swe, [event]);
}
