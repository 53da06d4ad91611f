// Hand-built Report / Ruleset objects for the CI formatter and baseline tests
// (sarif, junit, github, baseline). The summary is computed from the findings
// and data issues, so the tests can compare each format's counts with it.
import type { DataIssue, Finding, Report, Rule, Ruleset } from '../src/types.js';
import { factoryRuleset, makeFinding } from './report-factory.js';
import type { FormatOptions } from '../src/report/types.js';

export const CI_RULES: Rule[] = [
  {
    id: 'SE-PAY-CAP', kind: 'pay_cap', severity: 'error', title: 'Agency pay cap', basis: 'hourly_pay_rate',
    caps: [
      {
        from: '2025-04-01', to: null,
        rates: new Map([['team_manager', { amount: 52, pence: 5200 }], ['social_worker', { amount: 38.5, pence: 3850 }]]),
        ratesByType: new Map(),
      },
    ],
  },
  { id: 'DFE-PQE', kind: 'min_pqe', severity: 'error', months: 36 },
  { id: 'DFE-NOTICE', kind: 'min_notice', severity: 'warning', title: 'Notice period', weeks: 4 },
  { id: 'SE-COOLING', kind: 'cooling_off', severity: 'error', months: 3, scope: 'region' },
  { id: 'DFE-REFS', kind: 'references', severity: 'error', min_count: 2, template_required: true, before_start: true },
  { id: 'DFE-PROJECT', kind: 'project_team', severity: 'warning' },
];

export function ciRuleset(over: Partial<Ruleset> = {}): Ruleset {
  return factoryRuleset({
    sha256: 'abc',
    region: { name: 'South East', las: new Map([['E10000016', 'Kent'], ['E10000011', 'East Sussex']]) },
    roles: [
      { key: 'team_manager', label: 'Team Manager', aliases: [] },
      { key: 'social_worker', label: 'Social Worker', aliases: [] },
    ],
    exemptions: [],
    rules: CI_RULES,
    ...over,
  });
}

export function ciOptions(over: Partial<FormatOptions> = {}): FormatOptions {
  return { ruleset: ciRuleset(), color: false, verbose: false, ...over };
}

/** A pay-cap breach at Kent with empty details and no agency, team or hours. */
export function ciFinding(over: Partial<Finding> = {}): Finding {
  const { context, ...rest } = over;
  return makeFinding({ details: {}, ...rest, context: { agency: null, team: null, hours_per_week: null, ...context } });
}

export function ciIssue(over: Partial<DataIssue> = {}): DataIssue {
  return {
    severity: 'error', code: 'invalid_date', file: 'exports/kent.csv', line: 9, column: 'start_date',
    value: '31/02/2025', message: 'start_date "31/02/2025" is not a real date', ...over,
  };
}

/** A report whose summary counts match its findings and data issues. */
export function ciReport(over: Partial<Omit<Report, 'summary'>> = {}): Report {
  const findings = over.findings ?? [
    ciFinding({ line: 14 }),
    ciFinding({ line: 15 }),
    ciFinding({ rule: 'DFE-PQE', kind: 'min_pqe', line: 16, message: 'PQE 20 months; needs 36' }),
    ciFinding({ rule: 'DFE-NOTICE', kind: 'min_notice', severity: 'warning', line: 17, message: 'notice 2 weeks; needs 4' }),
    ciFinding({ file: 'exports/east-sussex.csv', la_code: 'E10000011', line: 3, message: 'Team Manager paid £60.00/h; cap £52.00/h' }),
    ciFinding({ status: 'exempted', exemption: 'SE-EX-1', line: 20, message: 'Team Manager paid £55.00/h' }),
    ciFinding({ status: 'unknown', rule: 'DFE-PQE', kind: 'min_pqe', line: 21, message: 'cannot tell: pqe_months is not recorded' }),
  ];
  const data_issues = over.data_issues ?? [
    ciIssue(),
    ciIssue({ file: 'exports/east-sussex.csv', line: null, column: null, code: 'column_missing_for_rule', severity: 'warning', value: undefined, columns: ['notice_weeks'], rule: 'DFE-NOTICE', message: 'rule DFE-NOTICE is not checked in this file: it needs the column notice_weeks' }),
    ciIssue({ file: 'leavers.csv', line: 5, column: 'leaving_date', severity: 'warning', value: '2025-13-01', message: 'leaving_date "2025-13-01" is not a real date' }),
    ciIssue({ file: 'exports/surrey.csv', line: null, column: null, code: 'unreadable_file', value: undefined, message: 'cannot open the file' }),
  ];
  const count = (s: Finding['status']) => findings.filter((f) => f.status === s).length;
  const report: Report = {
    format: 'moc-report/v1',
    tool: { name: 'moc-check', version: '0.1.0' },
    as_of: '2025-11-30',
    ruleset: { id: 'south-east', version: '2025-04', status: 'adopted', sha256: 'abc' },
    inputs: [
      { file: 'exports/kent.csv', kind: 'assignments', sha256: 'k', rows: 120, checked: 118 },
      { file: 'exports/east-sussex.csv', kind: 'assignments', sha256: 'e', rows: 30, checked: 30 },
      { file: 'exports/surrey.csv', kind: 'assignments', sha256: null, rows: 0, checked: 0 },
      { file: 'leavers.csv', kind: 'leavers', sha256: 'l', rows: 40 },
    ],
    exemptions: [],
    ...over,
    findings,
    data_issues,
    summary: {
      rows: 150,
      checked: 148,
      breaches: count('breach'),
      exempted: count('exempted'),
      unknown: count('unknown'),
      data_errors: data_issues.filter((d) => d.severity === 'error').length,
      data_warnings: data_issues.filter((d) => d.severity === 'warning').length,
    },
  };
  return report;
}
