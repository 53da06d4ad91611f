// cooling_off: no agency start within `months` of leaving a permanent post in scope.
import { addMonths } from '../dates.js';
import type { CoolingOffRule } from '../types.js';
import { COMPLIANT, type CheckContext, type RuleDefinition } from './rule.js';
import type { Assignment } from '../input/assignments.js';

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

function eventsFor(row: Assignment, ctx: CheckContext): Event[] {
  const events: Event[] = [];
  if (row.ownLeaving) events.push({ ...row.ownLeaving, source: 'row' });
  const registered = row.swe_number.state === 'ok' ? ctx.leavers.get(row.swe_number.value) : undefined;
  if (registered) for (const e of registered) events.push({ la: e.la, date: e.date, source: 'leavers', file: e.file, line: e.line });
  return events;
}

export const coolingOff: RuleDefinition<CoolingOffRule> = {
  kind: 'cooling_off',
  description: 'Cooling-off: no agency engagement within the set number of months of leaving a permanent post at the same council or, with scope region, any council in the region.',
  needs: () => ['swe_number', 'start_date'],
  check(rule, row, ctx) {
    if (row.start_date.state !== 'ok') return COMPLIANT;
    const start = row.start_date.value;
    // Of several events that catch the row, report the one whose cooling-off ends last.
    let hit: { event: Event; until: string } | null = null;
    for (const event of eventsFor(row, ctx)) {
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
