// A rule's tests as data (after typescript-eslint's RuleTester): tables of in-memory
// rows that the rule must find compliant (`valid`), report (`invalid`), or not check
// at all (`notChecked`: a field it needs is unusable, or its column is absent). Each
// row goes through the check run's own pieces (src/check/): header matching, cell
// reading with its data issues, "what a rule needs", the rule kind's check, the
// exemptions and the finding. No file is written.
import { describe, expect, it } from 'vitest';
import { ExemptionApplication } from '../src/check/apply-exemptions.js';
import { activeRulesFor, evaluateRow, fieldsUsable } from '../src/check/evaluate.js';
import { FindingFactory } from '../src/check/findings.js';
import { leaversTable } from '../src/check/leavers-table.js';
import type { TableEnvironment } from '../src/check/table.js';
import { decideStarterExemption } from '../src/exemptions.js';
import { readAssignment } from '../src/input/assignments.js';
import { ASSIGNMENT_COLUMNS, STARTER_COLUMNS } from '../src/input/columns.js';
import { readStarter } from '../src/input/starters.js';
import { LeaversIndex } from '../src/input/leavers.js';
import type { RowContext } from '../src/input/row.js';
import { buildHeaderIndex, matchHeader } from '../src/input/table.js';
import { buildRoleIndex } from '../src/ruleset/names.js';
import { headHunting, starterFieldsUsable, type HeadHuntingRule } from '../src/rules/head_hunting.js';
import { hasTypedCaps } from '../src/rules/pay_cap.js';
import { makeCheckContext } from '../src/rules/rule.js';
import type { DataIssue, DataIssueCode, Exemption, Finding, Rule, Ruleset } from '../src/types.js';
import { BASE_COLS, makeRuleset, ROW_DEFAULTS } from './helpers.js';

/** Cells by canonical column; a column of the header left out takes its ROW_DEFAULTS value (assignment_id: A1). */
export type Cells = Record<string, string>;

/** A row-level data issue expected on the row: [code, column] (severity is the file kind's). */
export type IssueExpectation = [DataIssueCode, string];

interface CaseBase<R = Rule> {
  /** the test's name; default: the row's cells */
  name?: string;
  row: Cells;
  /** the header; default: the setup's columns, else the required six plus the row's columns */
  columns?: string[];
  rule?: R;
  ruleset?: Partial<Ruleset>;
  /** leavers register rows (la_code, swe_number, leaving_date) */
  leavers?: Cells[];
  asOf?: string;
  /** the data issues of the row, exactly (default: none) */
  issues?: IssueExpectation[];
  /** the data issues of the leavers rows, exactly (default: none) */
  leaverIssues?: IssueExpectation[];
}

export type ValidCase<R = Rule> = CaseBase<R>;
export type NotCheckedCase<R = Rule> = CaseBase<R>;
export interface InvalidCase<R = Rule> extends CaseBase<R> {
  status: 'breach' | 'unknown' | 'exempted';
  /** the finding's details, exactly */
  details?: unknown;
  message?: string | RegExp;
  /** the exemption named (status exempted) */
  exemption?: string;
}

export interface RuleTable {
  valid?: ValidCase[];
  invalid?: InvalidCase[];
  notChecked?: NotCheckedCase[];
}

export interface RuleSetup {
  rule: Rule;
  ruleset?: Partial<Ruleset>;
  columns?: string[];
  leavers?: Cells[];
  asOf?: string;
}

/** What the rule did on one row. */
export interface RowResult {
  status: 'not_checked' | 'compliant' | Finding['status'];
  /** the finding, for breach, unknown and exempted */
  finding: Finding | null;
  /** the file's issues about the rule's columns, then the row's own issues */
  issues: DataIssue[];
  leaverIssues: DataIssue[];
}

const LEAVER_DEFAULTS: Readonly<Cells> = { la_code: 'E10000011', swe_number: 'SW123', leaving_date: '2025-03-15' };

function headerFor(cells: Cells, given: string[] | undefined): string[] {
  if (given) return given;
  const columns = [...BASE_COLS];
  for (const column of Object.keys(cells)) if (!columns.includes(column)) columns.push(column);
  return columns;
}

function readLeavers(env: TableEnvironment, rows: Cells[]): { index: LeaversIndex; issues: DataIssue[] } {
  const index = new LeaversIndex();
  const issues: DataIssue[] = [];
  const kind = leaversTable(index);
  const columns = [...new Set([...Object.keys(LEAVER_DEFAULTS), ...rows.flatMap((row) => Object.keys(row))])];
  const header = matchHeader(columns, 1, buildHeaderIndex(kind.columns, env.aliases));
  const ctx: RowContext = { file: 'leavers.csv', severity: kind.severity, roleIndex: env.roleIndex, positions: header.positions, issues };
  const handle = kind.start(ctx, header);
  rows.forEach((row, i) => handle(columns.map((c) => row[c] ?? LEAVER_DEFAULTS[c] ?? ''), i + 2));
  return { index, issues };
}

/**
 * Runs one rule on one in-memory row (line 2 of assignments.csv, whose header is
 * `columns`), through the same pieces as a check run: the rule's columns against the
 * header, the row read, its cited exemptions, "what a rule needs", the evaluation,
 * the exemption decision and the finding.
 */
export function runRuleOnRow(setup: RuleSetup, c: CaseBase): RowResult {
  const rule = c.rule ?? setup.rule;
  const ruleset = makeRuleset({ ...setup.ruleset, ...c.ruleset, rules: [rule] });
  const env: TableEnvironment = { aliases: ruleset.columns, roleIndex: buildRoleIndex(ruleset.roles) };
  const leavers = readLeavers(env, c.leavers ?? setup.leavers ?? []);
  const columns = headerFor(c.row, c.columns ?? setup.columns);
  const header = matchHeader(columns, 1, buildHeaderIndex(ASSIGNMENT_COLUMNS, env.aliases));
  const issues: DataIssue[] = [];
  const rowCtx: RowContext = {
    file: 'assignments.csv', severity: 'error', roleIndex: env.roleIndex, positions: header.positions, issues, engagementTypes: hasTypedCaps(ruleset),
  };
  const active = activeRulesFor(ruleset, rowCtx.file, header, issues);
  const cells = columns.map((column) => c.row[column] ?? (column === 'assignment_id' ? 'A1' : ROW_DEFAULTS[column] ?? ''));
  const row = readAssignment(rowCtx, cells, 2);
  const exemptions = new ExemptionApplication(ruleset.exemptions, c.asOf ?? setup.asOf ?? '2025-11-30');
  const cited = exemptions.cited(row, issues);
  const done = (status: RowResult['status'], finding: Finding | null = null): RowResult => ({ status, finding, issues, leaverIssues: leavers.issues });

  if (active.length === 0 || !fieldsUsable(row, active[0]!.needs)) return done('not_checked');
  const [result] = evaluateRow(row, active, makeCheckContext(ruleset, leavers.index));
  if (!result) return done('compliant');
  const decision = result.outcome.status === 'breach' ? exemptions.decide(result.rule, row, cited) : null;
  const finding = new FindingFactory(ruleset, false).make(row, result, decision);
  return done(finding.status, finding);
}

const setupRule = (setup: RuleSetup, c: CaseBase): Rule => c.rule ?? setup.rule;

function caseName(c: CaseBase<unknown>): string {
  return c.name ?? (Object.entries(c.row).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ') || 'the default row');
}

/** [code, column]; a file-level issue about columns names them instead: ['column_missing_for_rule', 'a, b']. */
const summary = (issues: DataIssue[]): IssueExpectation[] => issues.map((d) => [d.code, d.column ?? d.columns?.join(', ') ?? '']);

/** Registers one vitest test per row of the table. */
export function testRule(title: string, setup: RuleSetup, table: RuleTable): void {
  describe(title, () => {
    for (const c of table.valid ?? []) {
      it(`valid: ${caseName(c)}`, () => {
        const result = runRuleOnRow(setup, c);
        expect(summary(result.issues)).toEqual(c.issues ?? []);
        expect(summary(result.leaverIssues)).toEqual(c.leaverIssues ?? []);
        expect(result.status).toBe('compliant');
      });
    }
    for (const c of table.invalid ?? []) {
      it(`invalid (${c.status}): ${caseName(c)}`, () => {
        const result = runRuleOnRow(setup, c);
        expect(summary(result.issues)).toEqual(c.issues ?? []);
        expect(summary(result.leaverIssues)).toEqual(c.leaverIssues ?? []);
        expect(result.status).toBe(c.status);
        const finding = result.finding!;
        if (c.details !== undefined) expect(finding.details).toEqual(c.details);
        if (typeof c.message === 'string') expect(finding.message).toBe(c.message);
        else if (c.message) expect(finding.message).toMatch(c.message);
        expect(finding.exemption).toBe(c.exemption ?? null);
        expect(finding).toMatchObject({ rule: setupRule(setup, c).id, kind: setupRule(setup, c).kind, severity: setupRule(setup, c).severity, file: 'assignments.csv', line: 2 });
      });
    }
    for (const c of table.notChecked ?? []) {
      it(`not checked: ${caseName(c)}`, () => {
        const result = runRuleOnRow(setup, c);
        expect(summary(result.issues)).toEqual(c.issues ?? []);
        expect(result.status).toBe('not_checked');
      });
    }
  });
}

// ---------------------------------------------------------------- starters register rules

export interface StarterSetup {
  rule: HeadHuntingRule;
  ruleset?: Partial<Ruleset>;
  columns?: string[];
}

export interface StarterTable {
  valid?: ValidCase<HeadHuntingRule>[];
  invalid?: InvalidCase<HeadHuntingRule>[];
  notChecked?: NotCheckedCase<HeadHuntingRule>[];
}

/** The required four columns of a starters register, then the row's own. */
const STARTER_BASE = ['la_code', 'swe_number', 'start_date', 'role'];
const STARTER_DEFAULTS: Readonly<Cells> = { la_code: 'E10000011', swe_number: 'SW123', start_date: '2025-09-01', role: 'Social Worker' };

export interface StarterResult {
  status: RowResult['status'];
  message: string | null;
  details: unknown;
  exemption: string | null;
  issues: DataIssue[];
}

/** Runs a starters rule on one in-memory row (line 2 of starters.csv). */
export function runStarterRuleOnRow(setup: StarterSetup, c: CaseBase<HeadHuntingRule>): StarterResult {
  const rule = c.rule ?? setup.rule;
  const ruleset = makeRuleset({ ...setup.ruleset, ...c.ruleset });
  const roleIndex = buildRoleIndex(ruleset.roles);
  const given = c.columns ?? setup.columns;
  const columns = given ?? [...new Set([...STARTER_BASE, 'previous_la', ...Object.keys(c.row)])];
  const header = matchHeader(columns, 1, buildHeaderIndex(STARTER_COLUMNS, ruleset.columns));
  const issues: DataIssue[] = [];
  const ctx: RowContext = { file: 'starters.csv', severity: 'error', roleIndex, positions: header.positions, issues };
  const needs = headHunting.needs(rule);
  const absent = needs.filter((column) => !header.positions.has(column));
  if (absent.length > 0) throw new Error(`the header lacks ${absent.join(', ')}, which ${rule.id} needs`);
  const row = readStarter(ctx, columns.map((column) => c.row[column] ?? STARTER_DEFAULTS[column] ?? ''), 2);
  const byId = new Map(ruleset.exemptions.map((ex) => [ex.id.toLowerCase(), ex]));
  const cited = row.citedIds.map((id) => byId.get(id.toLowerCase())).filter((ex): ex is Exemption => ex !== undefined);
  const none = { message: null, details: null, exemption: null, issues };
  if (!starterFieldsUsable(row, needs)) return { status: 'not_checked', ...none };
  const outcome = headHunting.check(rule, row, makeCheckContext(ruleset, new LeaversIndex()));
  if (outcome.status === 'compliant') return { status: 'compliant', ...none };
  if (outcome.status === 'unknown') return { status: 'unknown', message: outcome.message, details: outcome.details, exemption: null, issues };
  const decision = decideStarterExemption(ruleset.exemptions, cited, rule.id, row);
  if (decision.exemption) return { status: 'exempted', message: outcome.message, details: outcome.details, exemption: decision.exemption.id, issues };
  const details = decision.notApplied.length > 0 ? { ...outcome.details, exemption_not_applied: decision.notApplied } : outcome.details;
  return { status: 'breach', message: outcome.message, details, exemption: null, issues };
}

/** Registers one vitest test per row of a starters rule's table. */
export function testStarterRule(title: string, setup: StarterSetup, table: StarterTable): void {
  describe(title, () => {
    for (const c of table.valid ?? []) {
      it(`valid: ${caseName(c)}`, () => {
        const result = runStarterRuleOnRow(setup, c);
        expect(summary(result.issues)).toEqual(c.issues ?? []);
        expect(result.status).toBe('compliant');
      });
    }
    for (const c of table.invalid ?? []) {
      it(`invalid (${c.status}): ${caseName(c)}`, () => {
        const result = runStarterRuleOnRow(setup, c);
        expect(summary(result.issues)).toEqual(c.issues ?? []);
        expect(result.status).toBe(c.status);
        if (c.details !== undefined) expect(result.details).toEqual(c.details);
        if (typeof c.message === 'string') expect(result.message).toBe(c.message);
        else if (c.message) expect(result.message).toMatch(c.message);
        expect(result.exemption).toBe(c.exemption ?? null);
      });
    }
    for (const c of table.notChecked ?? []) {
      it(`not checked: ${caseName(c)}`, () => {
        const result = runStarterRuleOnRow(setup, c);
        expect(summary(result.issues)).toEqual(c.issues ?? []);
        expect(result.status).toBe('not_checked');
      });
    }
  });
}
