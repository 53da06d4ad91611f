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

/** A valid SWE number is SW1 to SW999999 (engagements.md "SWE number"). */
const SWE_NUMBERS = 1_000_000;

/** The digits of a normalised SWE number as an integer; -1 when it is not of that form. */
function sweDigits(swe: string): number {
  const n = swe.length;
  if (n < 3 || n > 8) return -1;
  let value = 0;
  for (let i = 2; i < n; i++) {
    const d = swe.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Normalised SWE number -> leaving events. Most workers checked are not in the
 * register, so membership is first read from a bitmap of the registered numbers
 * (125 KB, one bit per possible number): one byte read instead of a hash lookup,
 * which on a 50,000-entry register cost about 0.3 µs a row in cache misses.
 */
export class LeaversIndex {
  private readonly events = new Map<string, LeavingEvent[]>();
  private readonly registered = new Uint8Array(SWE_NUMBERS / 8);

  get size(): number {
    return this.events.size;
  }

  add(swe: string, event: LeavingEvent): void {
    const list = this.events.get(swe);
    if (list) list.push(event);
    else this.events.set(swe, [event]);
    const n = sweDigits(swe);
    if (n >= 0 && n < SWE_NUMBERS) this.registered[n >> 3]! |= 1 << (n & 7);
  }

  /** The worker's leaving events, if any: one bit read for most workers, who have none. */
  get(swe: string): readonly LeavingEvent[] | undefined {
    const n = sweDigits(swe);
    // a number outside the bitmap's range (never a valid one) is looked up the slow way
    if (n >= 0 && n < SWE_NUMBERS && (this.registered[n >> 3]! & (1 << (n & 7))) === 0) return undefined;
    return this.events.get(swe);
  }

  has(swe: string): boolean {
    return this.get(swe) !== undefined;
  }
}

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
