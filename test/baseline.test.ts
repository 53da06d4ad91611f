// --baseline end to end: a finding is known by its id (ruleset, rule, council,
// assignment), so a new rule breached on an assignment whose other breach is known
// is new and fails the run (report.md "Findings", docs/ci.md).
import { describe, expect, it } from 'vitest';
import { fixtureText, tempDir, writeInput } from './helpers.js';
import { runInProcess } from './in-process.js';

const HEADER = 'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate,pqe_months';

describe('--baseline with two rules on one assignment', () => {
  it('rule A known, rule B new on the same assignment: B is new and the run exits 1', async () => {
    const dir = tempDir();
    const rules = writeInput(dir, 'rules.yaml', fixtureText('rulesets/pay-pqe-exemption.yaml'));
    // last month: A1 breaches PAY only; this month A1 also breaches PQE (a warning rule)
    const before = writeInput(dir, 'before.csv', `${HEADER}\nE10000011,A1,SW101,Social Worker,2025-05-01,38.01,40\n`);
    const after = writeInput(dir, 'after.csv', `${HEADER}\nE10000011,A1,SW101,Social Worker,2025-05-01,38.01,12\n`);
    const common = ['check', '--rules', rules, '--as-of', '2025-11-30', '--fail-on', 'warning', '--format', 'json'];

    const old = await runInProcess([...common, '--output', `${dir}/baseline.json`, before]);
    expect(old.code).toBe(1);

    const same = await runInProcess([...common, '--baseline', `${dir}/baseline.json`, before]);
    expect(same.code).toBe(0);

    const next = await runInProcess([...common, '--baseline', `${dir}/baseline.json`, after]);
    const report = JSON.parse(next.stdout) as { findings: Array<{ rule: string; assignment_id: string; status: string; baseline?: string }> };
    expect(report.findings.map((f) => [f.rule, f.assignment_id, f.status, f.baseline])).toEqual([
      ['PAY', 'A1', 'breach', 'known'],
      ['PQE', 'A1', 'breach', 'new'],
    ]);
    expect(next.code).toBe(1);
  });
});
