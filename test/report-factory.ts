// Hand-built reports for the formatter, redaction and diff tests (no input files needed).
import type { CouncilSummary } from '../src/types.js';
import type { Exemption, ExemptionTally, Finding, Report, Rule, Ruleset, Summary } from '../src/types.js';

const DEFAULT_RULES: Rule[] = [
  { id: 'SE-PAY-CAP', kind: 'pay_cap', severity: 'error', title: 'Agency pay cap', basis: 'hourly_pay_rate', caps: [] },
  { id: 'DFE-PQE', kind: 'min_pqe', severity: 'error', months: 36 },
  { id: 'DFE-NOTICE', kind: 'min_notice', severity: 'warning', title: 'Notice period', weeks: 4 },
];

/** A South East-like ruleset; `definedRuleIds` follows the rules given. */
export function factoryRuleset(over: Partial<Ruleset> = {}): Ruleset {
  const exemptions: Exemption[] = [
    { id: 'SE-EX-1', rules: ['SE-PAY-CAP'], las: ['E10000016'], from: '2025-04-01', to: '2026-03-31', approved_by: ['DCS Kent', 'Regional board'], approved_on: '2025-03-20', blanket: false },
    { id: 'SE-EX-2', rules: ['DFE-PQE'], from: '2025-01-01', to: '2025-12-15', approved_by: ['DCS East Sussex'], blanket: true },
  ];
  return {
    id: 'south-east',
    name: 'South East Memorandum of Cooperation',
    version: '2025-04',
    status: 'adopted',
    sources: [],
    starterRules: [],
    files: ['rules/south-east.yaml'],
    sha256: 'abc123',
    region: { name: 'South East', las: new Map([['E10000016', 'Kent'], ['E10000011', 'East Sussex'], ['E10000030', 'Surrey']]) },
    roles: [
      { key: 'social_worker', label: 'Social Worker', aliases: [] },
      { key: 'team_manager', label: 'Team Manager', aliases: [] },
    ],
    columns: new Map(),
    exemptions,
    ...over,
    definedRuleIds: new Set((over.rules ?? DEFAULT_RULES).map((r) => r.id)),
    rules: over.rules ?? DEFAULT_RULES,
  };
}

let seq = 0;

/** Finding fields to override; context fields are merged over the defaults. */
export type FindingOver = Omit<Partial<Finding>, 'context'> & { context?: Partial<Finding['context']> };

export function makeFinding(over: FindingOver = {}): Finding {
  seq++;
  const { context, ...rest } = over;
  return {
    id: `f${String(seq).padStart(11, '0')}`,
    rule: 'SE-PAY-CAP',
    kind: 'pay_cap',
    severity: 'error',
    status: 'breach',
    file: 'exports/kent.csv',
    line: 10 + seq,
    la_code: 'E10000016',
    assignment_id: `A-${seq}`,
    swe_number: `SW${10000 + seq}`,
    exemption: null,
    message: 'Team Manager paid £58.00/h; cap £52.00/h from 2025-04-01 (over by £6.00)',
    details: { basis: 'hourly_pay_rate', rate: 58, cap: 52, role: 'team_manager', window_from: '2025-04-01', window_to: null },
    ...rest,
    context: { la_name: 'Kent', role: 'team_manager', agency: 'Acme Social Care', team: 'Children in Need', hours_per_week: 37, ...context },
  };
}

/** A pay-cap breach with the given rate, cap and hours. */
export function payCap(rate: number, cap: number, hours: number | null, over: FindingOver = {}): Finding {
  return makeFinding({
    ...over,
    details: { basis: 'hourly_pay_rate', rate, cap, role: 'team_manager', window_from: '2025-04-01', window_to: null, ...(over.details ?? {}) },
    context: { hours_per_week: hours, ...(over.context ?? {}) },
  });
}

export function summarise(findings: Finding[], base: Partial<Summary> = {}): Summary {
  return {
    rows: 100,
    checked: 98,
    breaches: findings.filter((f) => f.status === 'breach').length,
    exempted: findings.filter((f) => f.status === 'exempted').length,
    unknown: findings.filter((f) => f.status === 'unknown').length,
    data_errors: 0,
    data_warnings: 0,
    ...base,
  };
}

export type TestReport = Report & { councils?: CouncilSummary[] };

export function makeReport(findings: Finding[], over: Partial<TestReport> = {}): TestReport {
  const exemptions: ExemptionTally[] = [
    { id: 'SE-EX-1', status: 'active', applied: findings.filter((f) => f.exemption === 'SE-EX-1').length, cited: 2, cited_not_covering: 0 },
    { id: 'SE-EX-2', status: 'expiring', applied: 0, cited: 0, cited_not_covering: 0 },
  ];
  const data_issues = over.data_issues ?? [];
  return {
    format: 'moc-report/v1',
    tool: { name: 'moc-check', version: '0.1.0' },
    as_of: '2025-11-30',
    ruleset: { id: 'south-east', version: '2025-04', status: 'adopted', sha256: 'abc123' },
    inputs: [{ file: 'exports/kent.csv', kind: 'assignments', sha256: 'x', rows: 100, checked: 98 }],
    findings,
    data_issues,
    exemptions,
    summary: summarise(findings, {
      data_errors: data_issues.filter((d) => d.severity === 'error').length,
      data_warnings: data_issues.filter((d) => d.severity === 'warning').length,
    }),
    ...over,
  };
}
