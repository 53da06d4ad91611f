// cooling_off: no agency start within `months` of leaving a permanent post in scope.
import { addMonths } from '../dates.js';
import type { CoolingOffRule, Finding, IsoDate } from '../types.js';
import { COMPLIANT, type CheckContext, type RuleDefinition } from './rule.js';
import type { Assignment } from '../input/assignments.js';
import type { LeavingEvent } from '../input/leavers.js';

/** A cooling_off breach: the leaving event that caught the start, and where it came from. */
export type CoolingOffDetails = {
  left_la: string;
  leaving_date: IsoDate;
  cooling_off_until: IsoDate;
  start_date: IsoDate;
  months: number;
  scope: CoolingOffRule['scope'];
  /** the row's own left_substantive_* cells, or a leavers register */
  source: 'row' | 'leavers';
  /** for source leavers: the register's file and line */
  leavers_file?: string;
  leavers_line?: number;
};

declare module '../types.js' {
  interface FindingDetailsByKind {
    cooling_off: CoolingOffDetails;
  }
}

/** A finding's cooling_off details, when it has them: a breach or an exempted finding of the kind. */
export function coolingOffDetailsOf(f: Pick<Finding, 'kind' | 'details'>): CoolingOffDetails | null {
  return f.kind === 'cooling_off' && 'leaving_date' in f.details ? f.details : null;
}

interface Event {
  la: string;
  date: string;
  source: 'row' | 'leavers';
  file?: string;
  line?: number;
}

function inScope(rule: CoolingOffRule, eventLa: string, rowLa: string, ctx: CheckContext): boolean {
  if (eventLa === rowLa) return true;
  return rule.scope === 'region' && (ctx.regionLas.size === 0 || ctx.regionLas.has(eventLa));
}

function eventsFor(row: Assignment, registered: readonly LeavingEvent[] | undefined): Event[] {
  const events: Event[] = [];
  if (row.ownLeaving) events.push({ ...row.ownLeaving, source: 'row' });
  if (registered) for (const e of registered) events.push({ la: e.la, date: e.date, source: 'leavers', file: e.file, line: e.line });
  return events;
}

export const coolingOff: RuleDefinition<CoolingOffRule> = {
  kind: 'cooling_off',
  description: 'Cooling-off: no agency engagement within the set number of months of leaving a permanent post at the same council or, with scope region, any council in the region.',
  needs: () => ['swe_number', 'start_date'],
  check(rule, row, ctx) {
    if (row.start_date.state !== 'ok') return COMPLIANT;
    // most workers have no leaving event at all: no allocation for them
    const registered = row.swe_number.state === 'ok' ? ctx.leavers.get(row.swe_number.value) : undefined;
    if (row.ownLeaving === null && registered === undefined) return COMPLIANT;
    const start = row.start_date.value;
    // Of several events that catch the row, report the one whose cooling-off ends last.
    let hit: { event: Event; until: string } | null = null;
    for (const event of eventsFor(row, registered)) {
      if (!inScope(rule, event.la, row.laCode, ctx)) continue;
      const until = addMonths(event.date, rule.months);
      if (event.date <= start && start <= until && (hit === null || until > hit.until)) hit = { event, until };
    }
    if (!hit) return COMPLIANT;
    const name = ctx.ruleset.region.las.get(hit.event.la);
    const where = name ? `${name} (${hit.event.la})` : hit.event.la;
    return {
      status: 'breach',
      message: `left ${where} on ${hit.event.date}, started ${start}: inside the ${rule.months}-month cooling-off until ${hit.until}`,
      details: {
        left_la: hit.event.la,
        leaving_date: hit.event.date,
        cooling_off_until: hit.until,
        start_date: start,
        months: rule.months,
        scope: rule.scope,
        source: hit.event.source,
        ...(hit.event.source === 'leavers' ? { leavers_file: hit.event.file, leavers_line: hit.event.line } : {}),
      },
    };
  },
};
