import { describe, expect, it } from 'vitest';
import { ciFinding, ciReport } from '../test/report-factory-ci.js';
import { applyBaseline, baselineCounts } from './baseline.js';
import { failingBreaches } from './exit.js';

describe('applyBaseline', () => {
  it('marks every breach known when the baseline is the same run, and nothing fails', () => {
    const report = ciReport();
    const marked = applyBaseline(report, report);
    for (const f of marked.findings) {
      if (f.status === 'breach') expect(f.baseline).toBe('known');
      else expect(f.baseline).toBeUndefined();
    }
    expect(failingBreaches(marked, 'error')).toBe(0);
    expect(failingBreaches(marked, 'warning')).toBe(0);
    expect(baselineCounts(marked)).toEqual({ known: report.summary.breaches, new: 0 });
  });

  it('one extra breach is new and is the only one failing', () => {
    const old = ciReport();
    const extra = ciFinding({ rule: 'DFE-PQE', kind: 'min_pqe', line: 99, message: 'PQE 3 months; needs 36' });
    const report = ciReport({ findings: [...old.findings, extra] });
    const marked = applyBaseline(report, old);
    expect(marked.findings.filter((f) => f.baseline === 'new').map((f) => f.id)).toEqual([extra.id]);
    expect(failingBreaches(marked, 'error')).toBe(1);
    expect(failingBreaches(marked, 'never')).toBe(0);
  });

  it('returns a copy and leaves the input alone; the summary is unchanged', () => {
    const report = ciReport();
    const marked = applyBaseline(report, ciReport({ findings: [] }));
    expect(report.findings.some((f) => f.baseline !== undefined)).toBe(false);
    expect(marked).not.toBe(report);
    expect(marked.summary).toEqual(report.summary);
    expect(marked.findings.filter((f) => f.baseline === 'new')).toHaveLength(report.summary.breaches);
  });

  it('counts only breaches in the baseline as known', () => {
    const f = ciFinding({});
    const baseline = ciReport({ findings: [{ ...f, status: 'exempted', exemption: 'X' }] });
    const marked = applyBaseline(ciReport({ findings: [f] }), baseline);
    expect(marked.findings[0]!.baseline).toBe('new');
  });

  it('honours the fail level without a baseline', () => {
    const report = ciReport();
    const breaches = report.findings.filter((f) => f.status === 'breach');
    expect(failingBreaches(report, 'error')).toBe(breaches.filter((f) => f.severity === 'error').length);
    expect(failingBreaches(report, 'warning')).toBe(breaches.length);
    // a known warning breach does not fail at --fail-on warning either
    const warning = breaches.find((f) => f.severity === 'warning')!;
    const marked = applyBaseline(report, ciReport({ findings: [warning] }));
    expect(failingBreaches(marked, 'warning')).toBe(breaches.length - 1);
  });
});
