// Exit codes of report.md: 0 clean, 1 breaches at the fail level or data errors, 2 not checked.
import type { FailOn, Report } from './types.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_NOT_CHECKED = 2;

/**
 * Breaches at the fail level (0 with --fail-on never). Breaches already known in a
 * --baseline report are accepted: only new ones count.
 */
export function failingBreaches(report: Report, failOn: FailOn): number {
  if (failOn === 'never') return 0;
  let n = 0;
  for (const f of report.findings) {
    if (f.status === 'breach' && f.baseline !== 'known' && (f.severity === 'error' || failOn === 'warning')) n++;
  }
  return n;
}

export function exitCodeFor(report: Report, failOn: FailOn): number {
  if (failOn === 'never') return EXIT_OK;
  if (report.data_issues.some((i) => i.severity === 'error')) return EXIT_FINDINGS;
  return failingBreaches(report, failOn) > 0 ? EXIT_FINDINGS : EXIT_OK;
}
