// --baseline OLD.json: a previous JSON report whose breaches are "known".
//
// applyBaseline marks every finding with status `breach` as `baseline: "known"`
// when a finding with the same id and status `breach` is in the baseline, else
// `"new"`. Exempted and unknown findings are not marked (they never fail a run),
// and a breach in the baseline that was exempted or unknown there counts as new.
// Finding ids already include the ruleset id, so a baseline made with another
// ruleset simply leaves every breach new.
//
// failingBreaches counts what --fail-on fails on, leaving known breaches out;
// data errors are not breaches and are counted by the exit-code logic itself.
import { readFileSync } from 'node:fs';
import type { FailOn, Finding, Report } from './types.js';

/** A copy of `report` with every breach marked known or new against `baseline`. */
export function applyBaseline(report: Report, baseline: Report): Report {
  const known = new Set<string>();
  for (const f of baseline.findings) if (f.status === 'breach') known.add(f.id);
  const copy = structuredClone(report);
  copy.findings = copy.findings.map((f) => {
    const { baseline: _old, ...rest } = f;
    if (f.status !== 'breach') return rest;
    return { ...rest, baseline: known.has(f.id) ? 'known' : 'new' } satisfies Finding;
  });
  return copy;
}

/** Breaches at the fail level that are not known in the baseline (0 with --fail-on never). */
export function failingBreaches(report: Report, failOn: FailOn): number {
  if (failOn === 'never') return 0;
  return report.findings.filter(
    (f) => f.status === 'breach' && f.baseline !== 'known' && (f.severity === 'error' || failOn === 'warning'),
  ).length;
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

/**
 * Reads a previous `--format json` report. Throws an Error with a plain message
 * when the file cannot be read, is not JSON, or is not a moc-check report. Only
 * `format` and each finding's `id` and `status` are checked: they are all the
 * baseline is used for.
 */
export function readBaseline(path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new Error(`cannot read baseline ${path}: ${why}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`baseline ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const notReport = (why: string) =>
    new Error(`baseline ${path} is not a moc-check JSON report (${why}); make one with --format json`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw notReport('not a JSON object');
  const obj = data as Record<string, unknown>;
  if (obj['format'] !== 'moc-report/v1') throw notReport('"format" is not "moc-report/v1"');
  const findings = obj['findings'];
  if (!Array.isArray(findings)) throw notReport('"findings" is not a list');
  findings.forEach((f: unknown, i) => {
    if (typeof f !== 'object' || f === null) throw notReport(`finding ${i + 1} is not an object`);
    const { id, status } = f as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') throw notReport(`finding ${i + 1} has no id`);
    if (status !== 'breach' && status !== 'exempted' && status !== 'unknown') {
      throw notReport(`finding ${i + 1} has an invalid status`);
    }
  });
  if (obj['data_issues'] !== undefined && !Array.isArray(obj['data_issues'])) throw notReport('"data_issues" is not a list');
  return { data_issues: [], inputs: [], exemptions: [], ...obj } as unknown as Report;
}
