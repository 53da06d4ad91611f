// Test helpers: hand-built rulesets (no YAML needed) and temporary input files.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tempDir } from './temp.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moneyFromNumber } from '../src/money.js';
import { runCheck } from '../src/check/index.js';
import type { Period } from '../src/period.js';
import type { CapWindow, EngagementType, Exemption, FindingDetails, Money, Report, Rule, Ruleset } from '../src/types.js';

/**
 * Details of a shape moc-check never writes, as a report read from elsewhere may hold
 * them: for tests of code that must take any details (redaction, CSV round trips).
 */
export function foreignDetails(details: Record<string, unknown>): FindingDetails {
  return details as FindingDetails;
}

export function money(n: number): Money {
  const m = moneyFromNumber(n);
  if (!m) throw new Error(`bad money ${n}`);
  return m;
}

export function capWindow(from: string, to: string | null, rates: Record<string, number>): CapWindow {
  return { from, to, rates: new Map(Object.entries(rates).map(([k, v]) => [k, money(v)])), ratesByType: new Map() };
}

/** A cap window whose rates may be by engagement type ({paye: 33.5, umbrella: 39}). */
export function typedCapWindow(from: string, to: string | null, rates: Record<string, number | Partial<Record<EngagementType, number>>>): CapWindow {
  const window: CapWindow = { from, to, rates: new Map(), ratesByType: new Map() };
  for (const [role, rate] of Object.entries(rates)) {
    if (typeof rate === 'number') window.rates.set(role, money(rate));
    else window.ratesByType.set(role, Object.fromEntries(Object.entries(rate).map(([type, amount]) => [type, money(amount)])));
  }
  return window;
}

export function exemption(partial: Partial<Exemption> & Pick<Exemption, 'id' | 'rules' | 'from' | 'to'>): Exemption {
  return { approved_by: ['DCS'], blanket: false, ...partial };
}

export function makeRuleset(partial: Partial<Ruleset> = {}): Ruleset {
  const rules: Rule[] = partial.rules ?? [];
  return {
    id: 'test-region',
    name: 'Test region',
    version: '1',
    status: 'adopted',
    sources: [],
    starterRules: [],
    files: ['test.yaml'],
    sha256: '0'.repeat(64),
    region: { name: 'Test', las: new Map([['E10000011', 'East Sussex'], ['E10000016', 'Kent']]) },
    roles: [
      { key: 'social_worker', label: 'Social Worker', aliases: ['SW', 'Level 2 Social Worker'] },
      { key: 'team_manager', label: 'Team Manager', aliases: ['TM'] },
    ],
    columns: new Map(),
    definedRuleIds: new Set(rules.map((r) => r.id)),
    exemptions: [],
    ...partial,
    rules,
  };
}

export { screenshotDir, tempDir } from './temp.js';

/** Writes a file into dir and returns its path. */
export function writeInput(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export const HEADER = 'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate';

/** Runs the core on CSV text (assignments, optional leavers) with a hand-built ruleset. */
export function checkCsv(
  ruleset: Ruleset,
  csv: string | Buffer | Array<string | Buffer>,
  options: { leavers?: string | Buffer | Array<string | Buffer>; starters?: string | Buffer | Array<string | Buffer>; asOf?: string; period?: Period } = {},
): Report {
  const dir = tempDir();
  const list = <T,>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
  const files = list(csv).map((content, i) => writeInput(dir, `assignments-${i + 1}.csv`, content));
  const leavers = list(options.leavers).map((content, i) => writeInput(dir, `leavers-${i + 1}.csv`, content));
  const starters = list(options.starters).map((content, i) => writeInput(dir, `starters-${i + 1}.csv`, content));
  const report = runCheck({ ruleset, files, leavers, starters, asOf: options.asOf ?? '2025-11-30', ...(options.period ? { period: options.period } : {}) });
  // Report paths relative to nothing: tests compare by basename.
  const base = (p: string) => p.slice(dir.length + 1);
  for (const i of report.inputs) i.file = base(i.file);
  for (const f of report.findings) f.file = base(f.file);
  for (const d of report.data_issues) d.file = base(d.file);
  return report;
}

/** The six required columns of an assignments export. */
export const BASE_COLS = ['la_code', 'assignment_id', 'swe_number', 'role', 'start_date', 'hourly_pay_rate'];

/** Cell values used where a test row does not give one (assignment_id defaults to A1, A2, …). */
export const ROW_DEFAULTS: Readonly<Record<string, string>> = {
  la_code: 'E10000011', swe_number: 'SW123', role: 'Social Worker', start_date: '2025-06-01', hourly_pay_rate: '30.00',
};

function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text with a header of `cols` and one row per record, blanks filled from `defaults`. */
export function csvTable(cols: string[], rows: Array<Record<string, string>>, defaults: Readonly<Record<string, string>> = ROW_DEFAULTS): string {
  const lines = [cols.join(',')];
  rows.forEach((r, i) => {
    lines.push(cols.map((c) => quoteCell(r[c] ?? (c === 'assignment_id' ? `A${i + 1}` : defaults[c] ?? ''))).join(','));
  });
  return lines.join('\n') + '\n';
}

/** `line:rule:status` of every finding, in report order. */
export function findingStatuses(report: Report): string[] {
  return report.findings.map((f) => `${f.line}:${f.rule}:${f.status}`);
}

/** [code, severity, line, column] of every data issue, in report order. */
export function issueSummaries(report: Report): Array<[string, string, number | null, string | null]> {
  return report.data_issues.map((d) => [d.code, d.severity, d.line, d.column]);
}

/** The repository root and its launcher, for end-to-end tests. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(REPO_ROOT, 'bin', 'moc-check');

/** The text of a test fixture, by its path under fixtures/ (e.g. rulesets/pay-only.yaml). */
export function fixtureText(path: string): string {
  return readFileSync(join(REPO_ROOT, 'fixtures', path), 'utf8');
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs bin/moc-check synchronously, without colour, from the repository root by default. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string | Buffer; timeout?: number } = {},
): CliRun {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input,
    timeout: options.timeout,
    encoding: 'utf8',
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}
