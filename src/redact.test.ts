import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { capWindow, foreignDetails, makeRuleset, tempDir, writeInput } from '../test/helpers.js';
import { factoryRuleset, makeFinding, makeReport, payCap } from '../test/report-factory.js';
import { runCheck } from './check/index.js';
import { pseudonymFor, pseudonymKeyFromEnv, PSEUDONYM_KEY_ENV, REDACTED, redactReport } from './redact.js';
import { formatCsv } from './report/csv.js';
import { formatJson } from './report/json.js';
import { formatMarkdown } from './report/markdown.js';
import { formatTable } from './report/table.js';
import { formatSarif } from './report/sarif.js';
import { formatJunit } from './report/junit.js';
import { formatGithub, githubJobSummary } from './report/github.js';
import { formatHtml } from './report/html.js';
import type { Report, Ruleset } from './types.js';

const KEY = 'test-key-0123456789';

function everyFormat(report: Report, ruleset: Ruleset): Record<string, string> {
  const o = { ruleset, color: false, verbose: true, names: true };
  return {
    json: formatJson(report, o),
    stringify: JSON.stringify(report),
    markdown: formatMarkdown(report, o),
    csv: formatCsv(report, o),
    table: formatTable(report, o),
    sarif: formatSarif(report, o),
    junit: formatJunit(report, o),
    github: formatGithub(report, o) + githubJobSummary(report, o),
    html: formatHtml(report, o),
  };
}

function handReport(): Report {
  return makeReport(
    [
      payCap(58, 52, 37, { swe_number: 'SW12345', context: { worker_name: 'Jane Doe' } }),
      makeFinding({
        rule: 'DFE-PQE', kind: 'min_pqe', swe_number: 'SW777', message: 'pqe for SW777 (also sw 0777) too short',
        details: foreignDetails({ note: 'see SW777', list: ['SW 12345'] }), context: { worker_name: 'Bob Smith' },
      }),
      makeFinding({ rule: 'DFE-NOTICE', kind: 'min_notice', status: 'unknown', swe_number: 'SW1234567', context: { worker_name: null } }),
    ],
    {
      data_issues: [
        { severity: 'error', code: 'invalid_swe_number', file: 'k.csv', line: 4, column: 'swe_number', value: 'SW 99999999', message: 'swe_number "SW 99999999" is not a valid Social Work England number' },
        { severity: 'warning', code: 'missing_value', file: 'leavers.csv', line: 2, column: 'worker_name', value: 'Carol Jones', message: 'oops' },
        { severity: 'error', code: 'ragged_row', file: 'k.csv', line: 9, column: null, value: 'Dave Evans', message: 'the row has more cells than the header' },
      ],
    },
  );
}

const SECRETS = ['SW12345', 'SW777', 'sw 0777', 'SW 12345', 'SW1234567', 'SW 99999999', 'Jane Doe', 'Bob Smith', 'Carol Jones', 'Dave Evans'];

describe('redactReport', () => {
  it('removes worker names and SWE numbers from every format', () => {
    const report = handReport();
    const redacted = redactReport(report, KEY);
    for (const [format, text] of Object.entries(everyFormat(redacted, factoryRuleset()))) {
      for (const secret of SECRETS) expect(text.includes(secret), `${format} holds ${secret}`).toBe(false);
      expect(text, format).toMatch(/SWX-[0-9a-f]{10}/);
    }
    expect(redacted.findings.every((f) => !('worker_name' in f.context))).toBe(true);
    // the input is not changed
    expect(report.findings[0]!.swe_number).toBe('SW12345');
    expect(report.findings[0]!.context.worker_name).toBe('Jane Doe');
  });

  it('gives the same worker the same pseudonym under the same key, and a different one under another', () => {
    const a = redactReport(handReport(), KEY);
    const b = redactReport(handReport(), KEY);
    const c = redactReport(handReport(), 'another-key');
    expect(a.findings.map((f) => f.swe_number)).toEqual(b.findings.map((f) => f.swe_number));
    expect(a.findings[0]!.swe_number).not.toBe(c.findings[0]!.swe_number);
    // normalised: spaces, case and leading zeros do not change the pseudonym
    expect(pseudonymFor('sw 012345', KEY)).toBe(pseudonymFor('SW12345', KEY));
    expect(a.findings[0]!.swe_number).toBe(pseudonymFor('SW12345', KEY));
    // text mentions get the same pseudonym as the field
    const pqe = a.findings[1]!;
    expect(pqe.message).toBe(`pqe for ${pqe.swe_number} (also ${pqe.swe_number}) too short`);
    expect(pqe.details).toEqual({ note: `see ${pqe.swe_number}`, list: [a.findings[0]!.swe_number] });
  });

  it('keeps ids, counts and everything else', () => {
    const report = handReport();
    const redacted = redactReport(report, KEY);
    expect(redacted.findings.map((f) => f.id)).toEqual(report.findings.map((f) => f.id));
    expect(redacted.summary).toEqual(report.summary);
    expect(redacted.exemptions).toEqual(report.exemptions);
    expect(redacted.findings[0]!.details).toEqual(report.findings[0]!.details);
    const ctx = report.findings[2]!.context;
    expect(redacted.findings[2]!.context).toEqual({ ...ctx, worker_name: undefined, la_name: null, agency: redacted.findings[2]!.context.agency, team: redacted.findings[2]!.context.team });
    expect(pseudonymFor('', KEY)).toBe('');
  });

  it('shows no free-text cell and no raw value of an invalid cell, data-issue messages included', () => {
    const ruleset = makeRuleset({
      rules: [{ id: 'PAY', kind: 'pay_cap', severity: 'error', basis: 'hourly_pay_rate', caps: [capWindow('2025-04-01', null, { social_worker: 40 })] }],
    });
    const dir = tempDir();
    try {
      const file = writeInput(dir, 'kent.csv', [
        'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate,worker_name,team,agency,hours_per_week',
        'E10000016,A-1,SW054321,SW,2025-06-01,45.00,Anna Hostile,Team Oluwaseun,Oluwaseun Adeyemi Ltd,37',
        'E10000016,A-2,Oluwaseun Adeyemi,SW,2025-06-01,45.00,Ben,Team,Oluwaseun Adeyemi Ltd,37',
        'E10000016,A-3,SW054322,Grace Okafor,2025-06-01,45.00,Cara,Team,Agency,37',
        'E10000016,A-4,SW054323,SW,Grace Okafor,45.00,Dan,Team,Agency,37',
      ].join('\n'));
      const report = runCheck({ ruleset, files: [file], leavers: [], asOf: '2025-11-30', names: true });
      expect(JSON.stringify(report)).toContain('Grace Okafor');
      const redacted = redactReport(report, KEY);
      for (const [format, text] of Object.entries(everyFormat(redacted, ruleset))) {
        for (const secret of ['Oluwaseun', 'Adeyemi', 'Grace Okafor', 'Anna Hostile']) expect(text.includes(secret), `${format} holds ${secret}`).toBe(false);
      }
      // the issue is still said: its column and code
      const role = redacted.data_issues.find((d) => d.code === 'unknown_role')!;
      expect(role).toMatchObject({ column: 'role', value: REDACTED, message: 'role: unknown role (the cell is not shown: --redact)' });
      // agencies keep a stable pseudonym, so breaches still group by agency
      const agencies = redacted.findings.map((f) => f.context.agency);
      expect(agencies[0]).toMatch(/^agency-[0-9a-f]{8}$/);
      expect(new Set(redacted.findings.filter((f) => f.line <= 3).map((f) => f.context.agency)).size).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('redacts a report the checking core produced with names', () => {
    const ruleset = makeRuleset({
      rules: [
        { id: 'PAY', kind: 'pay_cap', severity: 'error', basis: 'hourly_pay_rate', caps: [capWindow('2025-04-01', null, { social_worker: 40 })] },
        { id: 'COOL', kind: 'cooling_off', severity: 'error', months: 3, scope: 'region' },
      ],
    });
    const dir = tempDir();
    const assignments = writeInput(dir, 'kent.csv', [
      'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate,worker_name,team,agency,hours_per_week',
      'E10000016,A-1,SW 054321,SW,2025-06-01,45.00,Anna Hostile,=HYPERLINK("x"),Agency One,37',
      'E10000016,A-2,sw9876,SW,2025-06-01,41.00,Ben Ordinary,-2+3,Agency Two,',
      'E10000016,A-3,SW12345678,SW,2025-06-01,39.00,Cara Invalid,Team,Agency,37',
    ].join('\n'));
    const leavers = writeInput(dir, 'leavers.csv', ['la_code,swe_number,leaving_date,worker_name', 'E10000011,SW54321,2025-05-01,Anna Hostile'].join('\n'));
    const report = runCheck({ ruleset, files: [assignments], leavers: [leavers], asOf: '2025-11-30', names: true });
    expect(report.findings.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(report)).toContain('Anna Hostile');
    const redacted = redactReport(report, KEY);
    const secrets = ['SW 054321', 'SW54321', 'sw9876', 'SW9876', 'SW12345678', 'Anna Hostile', 'Ben Ordinary', 'Cara Invalid'];
    for (const [format, text] of Object.entries(everyFormat(redacted, ruleset))) {
      for (const secret of secrets) expect(text.includes(secret), `${format} holds ${secret}`).toBe(false);
    }
  });
});

describe('pseudonymKeyFromEnv', () => {
  it('reads MOC_CHECK_PSEUDONYM_KEY, else makes a random key for this run', () => {
    expect(pseudonymKeyFromEnv({ [PSEUDONYM_KEY_ENV]: 'secret' })).toEqual({ key: 'secret', source: 'env' });
    const a = pseudonymKeyFromEnv({});
    const b = pseudonymKeyFromEnv({ [PSEUDONYM_KEY_ENV]: '' });
    expect(a.source).toBe('random');
    expect(b.source).toBe('random');
    expect(a.key).not.toBe(b.key);
    expect(a.key.length).toBeGreaterThanOrEqual(32);
  });
});

describe('redactReport: names in free text, replaced as whole words, the longest first', () => {
  // The report's own names (context.worker_name) found in a finding's message; each row:
  // the names the report holds, the message, the message once redacted.
  const R = REDACTED;
  it.each([
    [['Jane Doe'], 'Jane Doe left', `${R} left`],
    [['Jane Doe'], 'see Jane Doe', `see ${R}`],
    [['Jane Doe'], 'Jane Doe, Jane Doe.', `${R}, ${R}.`],
    [['Jane Doe'], 'Jane Doe2 and XJane Doe stay', 'Jane Doe2 and XJane Doe stay'],
    [['Jane Doe'], 'Éjane Doe and Jane Doeé stay', 'Éjane Doe and Jane Doeé stay'],
    [['Jane Doe'], '𝐀Jane Doe stays (a letter outside the BMP)', '𝐀Jane Doe stays (a letter outside the BMP)'],
    [['Jane Doe'], '(Jane Doe)', `(${R})`],
    [['Anne Marie', 'Anne Marie Smith'], 'Anne Marie Smith and Anne Marie', `${R} and ${R}`],
    [['Al', 'Alan Li'], 'Alan Li, Al, Alan', `${R}, ${R}, Alan`],
    [['Jane Doe'], 'nothing to see', 'nothing to see'],
  ])('names %j in %j', (names, message, expected) => {
    const report = makeReport(names.map((name, i) => payCap(58, 52, 37, { swe_number: `SW${1000 + i}`, message: i === 0 ? message : 'x', context: { worker_name: name } })));
    expect(redactReport(report, KEY).findings[0]!.message).toBe(expected);
  });

  it('an SWE number of the report inside text becomes its pseudonym, as a whole word only', () => {
    const report = makeReport([payCap(58, 52, 37, { swe_number: 'SW 4242', message: 'SW 4242 and XSW 4242', context: { worker_name: null } })]);
    expect(redactReport(report, KEY).findings[0]!.message).toBe(`${pseudonymFor('SW 4242', KEY)} and XSW 4242`);
  });
});
