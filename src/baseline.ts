// --baseline OLD.json: a previous JSON report whose breaches are "known".
//
// applyBaseline marks every finding with status `breach` as `baseline: "known"`
// when a finding with the same id and status `breach` is in the baseline, else
// `"new"`. Exempted and unknown findings are not marked (they never fail a run),
// and a breach in the baseline that was exempted or unknown there counts as new.
// Finding ids already include the ruleset id, so a baseline made with another
// ruleset simply leaves every breach new.
// The exit code (src/exit.ts) leaves known breaches out.
import type { Finding, Report } from './types.js';
import { mapReport } from './check/spool.js';

/** A copy of `report` with every breach marked known or new against `baseline`. */
export function applyBaseline(report: Report, baseline: Report): Report {
  const known = new Set<string>();
  for (const f of baseline.findings) if (f.status === 'breach') known.add(f.id);
  // each finding copied as it is read: a spooled list of millions is spooled again, not held
  return mapReport(report, {
    findings: (f: Finding): Finding => {
      const { baseline: _old, ...rest } = structuredClone(f);
      if (f.status !== 'breach') return rest;
      return { ...rest, baseline: known.has(f.id) ? 'known' : 'new' };
    },
  });
}

/** Breaches marked known / new (both 0 when no baseline was applied). */
export function baselineCounts(report: Report): { known: number; new: number } {
  let known = 0;
  let fresh = 0;
  for (const f of report.findings) {
    if (f.status !== 'breach') continue;
    if (f.baseline === 'known') known++;
    else if (f.baseline === 'new') fresh++;
  }
  return { known, new: fresh };
}
