// End to end through bin/moc-check: exit codes, stdout/stderr separation, JSON shape.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureText, REPO_ROOT, runCli, tempDir, writeInput } from './helpers.js';
import { runInProcess } from './in-process.js';

const root = REPO_ROOT;

// in-process: these test the commands, not the process (the launcher's --version excepted)
const run = runInProcess;

const RULES = fixtureText('rulesets/pay-pqe-exemption.yaml');

const CSV = `la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate,pqe_months,exemption_ref
E10000011,A1,SW101,Social Worker,2025-05-01,38.01,40,
E10000011,A2,SW102,Team Manager,2025-05-01,55.00,40,EX-1
E10000011,A3,SW103,SW,2025-05-01,30.00,12,
`;

let dir: string;
let rules: string;
let csv: string;

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run npm run build (npm test does it)');
  dir = tempDir();
  rules = writeInput(dir, 'rules.yaml', RULES);
  csv = writeInput(dir, 'export.csv', CSV);
});

describe('moc-check check', () => {
  it('prints clean JSON on stdout, messages on stderr, and exits 1 on an error-severity breach', async () => {
    const r = await run(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'json', csv]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.format).toBe('moc-report/v1');
    expect(report.as_of).toBe('2025-11-30');
    expect(report.ruleset.id).toBe('test-region');
    expect(report.findings.map((f: { rule: string; status: string; line: number }) => [f.rule, f.status, f.line])).toEqual([
      ['PAY', 'breach', 2],
      ['PAY', 'exempted', 3],
      ['PQE', 'breach', 4],
    ]);
    expect(report.summary).toEqual({ rows: 3, checked: 3, breaches: 2, exempted: 1, unknown: 0, data_errors: 0, data_warnings: 0 });
    expect(report.exemptions).toEqual([{ id: 'EX-1', status: 'active', applied: 1, cited: 1, cited_not_covering: 0 }]);
    expect(r.stderr).toContain('3 rows, 3 checked');
  });

  it('exits 0 with --fail-on never, and when only warning-severity breaches remain', async () => {
    expect((await run(['check', '--rules', rules, '--as-of', '2025-11-30', '--fail-on', 'never', csv])).code).toBe(0);
    const onlyWarning = writeInput(dir, 'warning-only.csv', 'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate,pqe_months\nE10000011,B1,SW201,SW,2025-05-01,30,12\n');
    expect((await run(['check', '--rules', rules, '--as-of', '2025-11-30', onlyWarning])).code).toBe(0);
    expect((await run(['check', '--rules', rules, '--as-of', '2025-11-30', '--fail-on', 'warning', onlyWarning])).code).toBe(1);
  });

  it('exits 1 when a named file cannot be read, even when it is the only one', async () => {
    const r = await run(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'json', join(dir, 'nope.csv')]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.data_issues).toMatchObject([{ code: 'unreadable_file', severity: 'error', line: null }]);
  });

  it('exits 2 without a stack trace for a broken ruleset, naming file:line:column', async () => {
    const bad = writeInput(dir, 'bad.yaml', RULES.replace('months: 36', 'monhts: 36'));
    const r = await run(['check', '--rules', bad, csv]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: .*monhts/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('with --format json, a run that checked nothing still prints one JSON document: the error', async () => {
    const bad = writeInput(dir, 'bad-json.yaml', RULES.replace('months: 36', 'monhts: 36'));
    const r = await run(['check', '--rules', bad, '--format', 'json', csv]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ format: 'moc-error/v1', checked: false, error: { code: 'ruleset' } });
    expect(doc.error.problems.filter((p: { message: string }) => /monhts/.test(p.message))).toMatchObject([{ line: RULES.split('\n').findIndex((l) => l.includes('months: 36')) + 1 }]);
    const usage = await run(['check', '--rules', rules, '--format', 'json', '--as-of', 'soon', csv]);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout).error).toMatchObject({ code: 'usage' });
    expect((await run(['check', '--rules', bad, '--format', 'json', '--output', join(dir, 'x.json'), csv])).stdout).toBe('');
  });

  it('echoes arguments neutralised: on stderr and in the JSON error document', async () => {
    const hostile = 'x\u001b]52;c;eA==\u0007\u202e\u009b2J';
    const r = await run(['check', '--rules', rules, '--format', 'json', '--as-of', hostile, csv]);
    expect(r.code).toBe(2);
    const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;
    expect(r.stderr).not.toMatch(raw);
    expect(r.stdout).not.toMatch(raw);
    // the document still says exactly what was typed
    expect(JSON.parse(r.stdout).error.message).toContain(hostile);
    const baseline = await run(['check', '--rules', rules, '--baseline', join(dir, `b${hostile}.json`), csv]);
    expect(baseline.stderr).toMatch(/^moc-check: --baseline: cannot read .*no such file$/m);
    expect(baseline.stderr).not.toMatch(raw);
  });

  it('exits 2 for usage errors: no files, a bad --as-of, an unknown format', async () => {
    expect((await run(['check', '--rules', rules])).code).toBe(2);
    const asOf = await run(['check', '--rules', rules, '--as-of', '30/11/2025', csv]);
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toContain('--as-of');
    expect((await run(['check', '--rules', rules, '--format', 'pdf', csv])).code).toBe(2);
  });

  it('writes --output whole, and refuses to overwrite an input', async () => {
    const out = join(dir, 'out', 'report.json');
    const missingDir = await run(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'json', '--output', out, csv]);
    expect(missingDir.code).toBe(2);
    expect(existsSync(out)).toBe(false);

    const ok = join(dir, 'report.json');
    const r = await run(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'json', '--output', ok, csv]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(ok, 'utf8')).summary.breaches).toBe(2);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const before = readFileSync(csv, 'utf8');
    const clash = await run(['check', '--rules', rules, '--output', csv, csv]);
    expect(clash.code).toBe(2);
    expect(readFileSync(csv, 'utf8')).toBe(before);
  });

  it('prints a readable table by default, with no colour when stdout is not a terminal', async () => {
    const r = await run(['check', '--rules', rules, '--as-of', '2025-11-30', csv], { env: { NO_COLOR: '' } });
    expect(r.stdout).toContain('£38.01');
    expect(r.stdout).toContain('EX-1');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('warns on stderr when the ruleset is illustrative', async () => {
    const illustrative = writeInput(dir, 'illustrative.yaml', RULES.replace('version: "1"', 'version: "1"\nstatus: illustrative'));
    const r = await run(['check', '--rules', illustrative, '--as-of', '2025-11-30', '--format', 'json', csv]);
    expect(r.stderr).toMatch(/illustrative/);
    expect(JSON.parse(r.stdout).ruleset.status).toBe('illustrative');
  });
});

describe('moc-check rules', () => {
  it('validate exits 0 for a good ruleset and 2 with every problem located for a bad one', async () => {
    expect((await run(['rules', 'validate', rules])).code).toBe(0);
    const bad = writeInput(dir, 'two-problems.yaml', RULES.replace('months: 36', 'monhts: 36').replace('kind: pay_cap', 'kind: pay_capp'));
    const r = await run(['rules', 'validate', bad]);
    expect(r.code).toBe(2);
    const located = (r.stdout + r.stderr).split('\n').filter((l) => /two-problems\.yaml:\d+:\d+: /.test(l));
    expect(located.length).toBeGreaterThanOrEqual(2);
  });

  it('show prints the merged ruleset', async () => {
    const r = await run(['rules', 'show', rules, '--as-of', '2025-11-30']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Team Manager');
    expect(r.stdout).toContain('EX-1');
  });
});

describe('moc-check --help and --version', () => {
  it('prints the version from package.json', async () => {
    const r = runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('gives help with an example on every command', async () => {
    for (const args of [['--help'], ['rules', '--help'], ['diff', '--help'], ['schema', '--help'], ['check', '--help'], ['rules', 'validate', '--help'], ['rules', 'show', '--help']]) {
      const r = await run(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Example/);
    }
  });
});
