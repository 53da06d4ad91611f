// End to end: several reports from one run, redaction, baseline, diff, stdin, schemas.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvReport } from '../src/report/csv.js';
import { REPO_ROOT, runCli, tempDir, writeInput } from './helpers.js';
import { runInProcess } from './in-process.js';

const root = REPO_ROOT;
const example = join(root, 'fixtures', 'example');
const rules = join(root, 'rules', 'south-east.yaml');
const exampleFiles = ['east-sussex.csv', 'kent.csv', 'surrey.csv'].map((f) => join(example, f));
const leavers = join(example, 'leavers.csv');

// GITHUB_STEP_SUMMARY is cleared so a run inside GitHub Actions does not write to the real one.
// In-process (test/in-process.ts); reading standard input is tested with a real process.
const run = (args: string[], options: { env?: Record<string, string> } = {}) =>
  runInProcess(args, { env: { GITHUB_STEP_SUMMARY: '', ...options.env } });

const checkArgs = (...extra: string[]) => ['check', '--rules', rules, '--leavers', leavers, '--as-of', '2025-11-30', ...extra];

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

describe('--write FORMAT=PATH', () => {
  it('writes every asked format from one run while --format goes to stdout', async () => {
    const json = join(dir, 'oct.json');
    const csv = join(dir, 'oct.csv');
    const md = join(dir, 'oct.md');
    const r = await run(checkArgs('--format', 'json', '--write', `csv=${csv}`, '--write', `markdown=${md}`, '--write', `json=${json}`, ...exampleFiles));
    expect(r.code).toBe(1);
    const stdoutReport = JSON.parse(r.stdout);
    const fileReport = JSON.parse(readFileSync(json, 'utf8'));
    expect(fileReport).toEqual(stdoutReport);
    const csvText = readFileSync(csv, 'utf8');
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    expect(parseCsvReport(csvText).findings.map((f) => f.id)).toEqual(stdoutReport.findings.map((f: { id: string }) => f.id));
    expect(readFileSync(md, 'utf8')).toContain('| **Total** |');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an unknown format, a missing path and an output that is an input', async () => {
    expect((await run(checkArgs('--write', 'pdf=x.pdf', ...exampleFiles))).code).toBe(2);
    expect((await run(checkArgs('--write', 'csv', ...exampleFiles))).code).toBe(2);
    const r = await run(checkArgs('--write', `csv=${exampleFiles[0]}`, ...exampleFiles));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('input');
  });
});

describe('--redact', () => {
  it('leaves no worker name or SWE number of the input in any format', async () => {
    const out = { json: join(dir, 'r.json'), csv: join(dir, 'r.csv'), markdown: join(dir, 'r.md'), sarif: join(dir, 'r.sarif'), junit: join(dir, 'r.xml'), github: join(dir, 'r.gh') };
    const writes = Object.entries(out).flatMap(([format, path]) => ['--write', `${format}=${path}`]);
    const r = await run(checkArgs('--redact', ...writes, ...exampleFiles), { env: { MOC_CHECK_PSEUDONYM_KEY: 'test-key' } });
    expect([0, 1]).toContain(r.code);
    const inputs = [...exampleFiles, leavers].map((f) => readFileSync(f, 'latin1')).join('\n');
    const swes = new Set([...inputs.matchAll(/\bsw\s*0*[1-9]\d{0,5}\b/gi)].map((m) => m[0].replace(/\s+/g, '').toUpperCase().replace(/^SW0+/, 'SW')));
    expect(swes.size).toBeGreaterThan(10);
    const outputs = [r.stdout, ...Object.values(out).map((p) => readFileSync(p, 'utf8'))];
    for (const text of outputs) {
      for (const swe of swes) expect(text.includes(swe) && new RegExp(`\\b${swe}\\b`).test(text)).toBe(false);
    }
    const json = JSON.parse(readFileSync(out.json, 'utf8'));
    expect(json.findings.every((f: { swe_number: string }) => /^SWX-[0-9a-f]{10}$/.test(f.swe_number) || f.swe_number === '')).toBe(true);
  });

  it('gives the same pseudonym across runs with the same key', async () => {
    const a = JSON.parse((await run(checkArgs('--redact', '--format', 'json', ...exampleFiles), { env: { MOC_CHECK_PSEUDONYM_KEY: 'k1' } })).stdout);
    const b = JSON.parse((await run(checkArgs('--redact', '--format', 'json', ...exampleFiles), { env: { MOC_CHECK_PSEUDONYM_KEY: 'k1' } })).stdout);
    expect(a.findings.map((f: { swe_number: string }) => f.swe_number)).toEqual(b.findings.map((f: { swe_number: string }) => f.swe_number));
  });

  it('refuses --redact with --names', async () => {
    expect((await run(checkArgs('--redact', '--names', ...exampleFiles))).code).toBe(2);
  });
});

describe('--baseline', () => {
  it('accepts the breaches of a baseline taken from the same run, and fails on one extra breach', async () => {
    const baseline = join(dir, 'baseline.json');
    const first = await run(checkArgs('--format', 'json', '--output', baseline, exampleFiles[0]!, exampleFiles[1]!));
    expect(first.code).toBe(1);
    // data errors still fail, so use a clean file for the exit-code property
    const clean = writeInput(dir, 'clean.csv', 'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate\nE10000011,Z1,SW90001,Social Worker,2025-05-01,40.00\n');
    const base2 = join(dir, 'baseline2.json');
    expect((await run(checkArgs('--format', 'json', '--output', base2, clean))).code).toBe(1);
    const again = await run(checkArgs('--format', 'json', '--baseline', base2, clean));
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).findings.map((f: { baseline: string }) => f.baseline)).toEqual(['known']);
    const extra = writeInput(dir, 'extra.csv', readFileSync(clean, 'utf8') + 'E10000011,Z2,SW90002,Social Worker,2025-05-01,40.00\n');
    const r = await run(checkArgs('--format', 'json', '--baseline', base2, extra));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { baseline: string }) => f.baseline)).toEqual(['known', 'new']);
  });

  it('exits 2 with a plain message for a baseline that is not a report', async () => {
    const r = await run(checkArgs('--baseline', exampleFiles[0]!, exampleFiles[0]!));
    expect(r.code).toBe(2);
    // said once: "--baseline: FILE is not a moc-check JSON report: …", not "--baseline: baseline: …"
    expect(r.stderr).toMatch(/^moc-check: --baseline: \S*east-sussex\.csv is not a moc-check JSON report: /m);
    const missing = await run(checkArgs('--baseline', join(dir, 'nope.json'), exampleFiles[0]!));
    expect(missing.stderr).toMatch(/^moc-check: --baseline: cannot read \S*nope\.json: no such file$/m);
  });
});

describe('moc-check diff', () => {
  it('reports new, resolved and persisting breaches and exits 1 only when there are new ones', async () => {
    const oldReport = join(dir, 'old.json');
    const newReport = join(dir, 'new.json');
    await run(checkArgs('--format', 'json', '--output', oldReport, exampleFiles[0]!, exampleFiles[1]!));
    await run(checkArgs('--format', 'json', '--output', newReport, exampleFiles[1]!, exampleFiles[2]!));
    const oldIds = new Set(JSON.parse(readFileSync(oldReport, 'utf8')).findings.filter((f: { status: string }) => f.status === 'breach').map((f: { id: string }) => f.id));
    const newIds = new Set(JSON.parse(readFileSync(newReport, 'utf8')).findings.filter((f: { status: string }) => f.status === 'breach').map((f: { id: string }) => f.id));
    const r = await run(['diff', oldReport, newReport, '--format', 'json']);
    expect(r.code).toBe(1);
    const diff = JSON.parse(r.stdout);
    const ids = (list: Array<{ id: string }>) => list.map((f) => f.id).sort();
    expect(ids(diff.new_breaches)).toEqual([...newIds].filter((id) => !oldIds.has(id)).sort());
    expect(ids(diff.resolved_breaches)).toEqual([...oldIds].filter((id) => !newIds.has(id)).sort());
    expect(ids(diff.persisting_breaches)).toEqual([...newIds].filter((id) => oldIds.has(id)).sort());
    expect((await run(['diff', newReport, newReport])).code).toBe(0);
    expect((await run(['diff', exampleFiles[0]!, newReport])).code).toBe(2);
    // a device is refused at once, not read for ever
    const zero = await run(['diff', oldReport, '/dev/zero']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe('moc-check: cannot read /dev/zero: it is a device, not a report file\n');
  });
});

describe('standard input and schemas', () => {
  it('reads the assignments CSV from stdin with -', async () => {
    const viaFile = JSON.parse((await run(checkArgs('--format', 'json', exampleFiles[0]!))).stdout);
    const viaStdin = JSON.parse(runCli(checkArgs('--format', 'json', '-'), { input: readFileSync(exampleFiles[0]!, 'utf8'), env: { GITHUB_STEP_SUMMARY: '' } }).stdout);
    expect(viaStdin.inputs[0].file).toBe('-');
    expect(viaStdin.summary).toEqual(viaFile.summary);
    expect(viaStdin.findings.map((f: { id: string; line: number }) => [f.id, f.line])).toEqual(viaFile.findings.map((f: { id: string; line: number }) => [f.id, f.line]));
  });

  it('prints the committed JSON Schemas', async () => {
    for (const which of ['rules', 'report']) {
      const r = await run(['schema', which]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(readFileSync(join(root, 'schema', `${which}.schema.json`), 'utf8'));
    }
  });
});

describe('--format github with GITHUB_STEP_SUMMARY', () => {
  it('prints workflow commands and appends a markdown job summary', async () => {
    const summary = writeInput(dir, 'summary.md', '');
    const r = await run(checkArgs('--format', 'github', ...exampleFiles), { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.stdout).toMatch(/^::error file=/m);
    expect(existsSync(summary)).toBe(true);
    expect(readFileSync(summary, 'utf8')).toContain('|');
  });

  it('refuses a GITHUB_STEP_SUMMARY that is an input, or a report output, before checking', async () => {
    const copy = writeInput(dir, 'kent-copy.csv', readFileSync(exampleFiles[1]!));
    const before = readFileSync(copy, 'utf8');
    const r = await run(checkArgs('--format', 'github', copy), { env: { GITHUB_STEP_SUMMARY: copy } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/GITHUB_STEP_SUMMARY \S*kent-copy\.csv is one of the input files/);
    expect(readFileSync(copy, 'utf8')).toBe(before);
    const out = join(dir, 'gh.md');
    const clash = await run(checkArgs('--format', 'json', '--write', `github=${out}`, copy), { env: { GITHUB_STEP_SUMMARY: out } });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/also where the github report goes/);
  });

  it('a job summary that cannot be written leaves the printed report standing, says so, and keeps the exit code', async () => {
    const nowhere = join(dir, 'no-such-folder', 'summary.md');
    const r = await run(checkArgs('--format', 'github', ...exampleFiles), { env: { GITHUB_STEP_SUMMARY: nowhere } });
    const plain = await run(checkArgs('--format', 'github', ...exampleFiles));
    expect(r.code).toBe(plain.code);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stderr).toMatch(/could not append the job summary to \S*summary\.md \(GITHUB_STEP_SUMMARY\): a folder on the output path does not exist; the report stands/);
  });
});
