import { describe, expect, it } from 'vitest';
import type { DataIssue, Exemption, ExemptionTally, Finding, Report, Ruleset } from '../types.js';
import { formatTable, type TableOptions } from './table.js';
import { foreignDetails } from '../../test/helpers.js';
import { factoryRuleset, makeFinding } from '../../test/report-factory.js';

// eslint-disable-next-line no-control-regex
const ANSI_RE = /\u001b\[[0-9;]*m/g;
const ESC = '\u001b';

function exemption(over: Partial<Exemption> & { id: string }): Exemption {
  return { rules: ['SE-PAY-CAP'], from: '2025-04-01', to: '2026-03-31', approved_by: ['DCS'], blanket: false, ...over };
}

function makeRuleset(over: Partial<Ruleset> = {}): Ruleset {
  return factoryRuleset({
    sha256: 'abc',
    region: { name: 'South East', las: new Map([['E10000016', 'Kent'], ['E10000011', 'East Sussex']]) },
    roles: [{ key: 'team_manager', label: 'Team Manager', aliases: [] }],
    exemptions: [
      exemption({ id: 'SE-EX-1', las: ['E10000016'] }),
      exemption({ id: 'SE-EX-UNUSED', rules: ['DFE-PQE', 'DFE-NOTICE'], from: '2025-01-01', to: '2025-12-15' }),
    ],
    ...over,
  });
}

function finding(over: Partial<Finding>): Finding {
  const { context, ...rest } = over;
  return makeFinding({ details: {}, ...rest, context: { la_name: null, agency: null, team: null, hours_per_week: null, ...context } });
}

function makeReport(over: Partial<Report> = {}): Report {
  const findings: Finding[] = over.findings ?? [
    finding({ line: 14, assignment_id: 'A-0042', swe_number: 'SW12345' }),
    finding({
      line: 15, assignment_id: 'A-0043', swe_number: 'SW12346',
      details: { exemption_not_applied: [{ id: 'SE-EX-UNUSED', reason: 'rule' }] },
    }),
    finding({ rule: 'DFE-PQE', kind: 'min_pqe', line: 16, assignment_id: 'A-0044', swe_number: 'SW20000', message: 'PQE 20 months; needs 36' }),
    finding({
      file: 'exports/east-sussex.csv', la_code: 'E10000011', line: 3, assignment_id: 'ES-1', swe_number: 'SW99999',
      message: 'Team Manager paid £60.00/h; cap £52.00/h', details: { exemption_not_applied: [{ id: 'SE-EX-1', reason: 'la' }] },
    }),
    finding({ file: 'exports/surrey.csv', la_code: 'E10000030', line: 4, assignment_id: 'SY-1', message: 'Surrey breach' }),
    finding({ status: 'exempted', exemption: 'SE-EX-1', line: 20, assignment_id: 'A-0050', message: 'Team Manager paid £55.00/h' }),
    finding({ status: 'unknown', rule: 'DFE-PQE', kind: 'min_pqe', line: 21, assignment_id: 'A-0051', message: 'cannot tell the post-qualifying experience: pqe_months is not recorded', details: { missing: ['pqe_months'] } }),
    finding({ status: 'unknown', rule: 'DFE-PQE', kind: 'min_pqe', line: 22, assignment_id: 'A-0052', message: 'cannot tell the post-qualifying experience: pqe_months is not recorded', details: { missing: ['pqe_months'] } }),
    finding({ status: 'unknown', rule: 'DFE-NOTICE', kind: 'min_notice', severity: 'warning', line: 23, assignment_id: 'A-0053', message: 'cannot tell the notice period: notice_weeks is not recorded', details: { missing: ['notice_weeks'] } }),
  ];
  const data_issues: DataIssue[] = over.data_issues ?? [
    { severity: 'error', code: 'invalid_date', file: 'exports/kent.csv', line: 9, column: 'start_date', value: '31/02/2025', message: 'start_date "31/02/2025" is not a real date' },
    { severity: 'warning', code: 'column_missing_for_rule', file: 'exports/surrey.csv', line: null, column: null, columns: ['notice_weeks'], rule: 'DFE-NOTICE', message: 'rule DFE-NOTICE is not checked in this file: it needs the column notice_weeks' },
    { severity: 'warning', code: 'unknown_exemption', file: 'exports/kent.csv', line: 12, column: 'exemption_ref', message: 'exemption "X" is cited but the ruleset defines no exemption with that id' },
  ];
  const exemptions: ExemptionTally[] = over.exemptions ?? [
    { id: 'SE-EX-1', status: 'active', applied: 1, cited: 2, cited_not_covering: 1 },
    { id: 'SE-EX-UNUSED', status: 'expiring', applied: 0, cited: 1, cited_not_covering: 1 },
  ];
  return {
    format: 'moc-report/v1',
    tool: { name: 'moc-check', version: '0.1.0' },
    as_of: '2025-11-30',
    ruleset: { id: 'south-east', version: '2025-04', status: 'adopted', sha256: 'abc' },
    inputs: [
      { file: 'exports/kent.csv', kind: 'assignments', sha256: 'k', rows: 120, checked: 118 },
      { file: 'exports/east-sussex.csv', kind: 'assignments', sha256: 'e', rows: 30, checked: 30 },
      { file: 'leavers.csv', kind: 'leavers', sha256: 'l', rows: 40 },
    ],
    findings,
    data_issues,
    exemptions,
    summary: { rows: 150, checked: 148, breaches: 5, exempted: 1, unknown: 3, data_errors: 1, data_warnings: 2 },
    ...over,
  };
}

function render(report: Report = makeReport(), opts: Partial<TableOptions> = {}): string {
  return formatTable(report, { ruleset: makeRuleset(), color: false, ...opts });
}

/** The lines from the one starting with `start` up to (not including) the next blank line. */
function section(out: string, start: string): string[] {
  const lines = out.split('\n');
  const i = lines.findIndex((l) => l.startsWith(start));
  expect(i, `section ${start}`).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(i);
  const end = rest.indexOf('');
  return end < 0 ? rest : rest.slice(0, end);
}

describe('formatTable header', () => {
  it('names the ruleset, as-of date and files with kinds and counts', () => {
    const out = render();
    expect(out).toContain('Ruleset: south-east — South East Memorandum of Cooperation, version 2025-04 (adopted)');
    expect(out).toContain('As of: 2025-11-30');
    expect(out).toContain('exports/kent.csv (assignments): 120 rows, 118 checked');
    expect(out).toContain('exports/east-sussex.csv (assignments): 30 rows, 30 checked');
    expect(out).toContain('leavers.csv (leavers register): 40 rows');
    expect(out).not.toContain('illustrative');
  });

  it('warns visibly when the ruleset is illustrative', () => {
    const report = makeReport({ ruleset: { id: 'south-east', version: '2025-04', status: 'illustrative', sha256: 'abc' } });
    const out = render(report, { ruleset: makeRuleset({ status: 'illustrative' }) });
    const warning = out.split('\n').find((l) => l.startsWith('WARNING'));
    expect(warning).toContain('its figures are examples, not adopted caps');
    // near the top, before any finding, and once
    expect(out.indexOf('figures are examples')).toBeLessThan(out.indexOf('Breaches'));
    expect(out.split('illustrative:').length - 1).toBe(1);
  });

  it('says first when a file was not checked at all, and does not call that "No breaches"', () => {
    const report = makeReport({
      findings: [],
      summary: { rows: 0, checked: 0, breaches: 0, exempted: 0, unknown: 0, data_errors: 1, data_warnings: 0 },
      data_issues: [{ severity: 'error', code: 'missing_column', file: 'x.csv', line: null, column: null, message: 'the assignments file lacks the required column assignment_id; the file is not checked', columns: ['assignment_id'] }],
    });
    const lines = render(report).split('\n');
    expect(lines.findIndex((l) => l.startsWith('NOTHING WAS CHECKED in x.csv: the assignments file lacks'))).toBeLessThan(4);
    expect(lines).toContain('  No breaches, but no assignment was checked.');
  });

  it('says "No breaches" covers only the files checked when another was not checked at all', () => {
    const report = makeReport({
      findings: [],
      summary: { rows: 30, checked: 30, breaches: 0, exempted: 0, unknown: 0, data_errors: 1, data_warnings: 0 },
      data_issues: [{ severity: 'error', code: 'unreadable_file', file: 'gone.csv', line: null, column: null, message: 'the file does not exist', columns: [] }],
    });
    const lines = render(report).split('\n');
    expect(lines).toContain('  No breaches in the files checked; 1 file was not checked at all (see the top).');
    expect(lines).not.toContain('  No breaches.');
  });

  it('leaves no run of blank lines for a one-council run, and shows the spend above caps', () => {
    const one = finding({ line: 14, details: { basis: 'hourly_pay_rate', rate: 58, cap: 52, role: 'team_manager', window_from: '2025-04-01', window_to: null }, context: { la_name: null, role: 'team_manager', agency: null, team: null, hours_per_week: 37 } });
    const out = render(makeReport({ findings: [one], summary: { rows: 10, checked: 10, breaches: 1, exempted: 0, unknown: 0, data_errors: 1, data_warnings: 2 } }));
    expect(out).not.toContain('Regional breach table');
    expect(out).not.toMatch(/\n\n\n/);
    // (58 − 52) × 37 × 52 / 12 = £962.00
    expect(out).toContain('Estimated monthly spend above the caps: £962.00, (rate − cap) × hours × 52 / 12 over 1 priced pay-cap breach');
  });
});

describe('formatTable breaches', () => {
  it('groups by council (with its name) and then by rule in ruleset order', () => {
    const lines = section(render(), 'Breaches');
    expect(lines[0]).toBe('Breaches (5)');
    const kent = lines.findIndex((l) => l.includes('E10000016 Kent'));
    const sussex = lines.findIndex((l) => l.includes('E10000011 East Sussex'));
    const surrey = lines.findIndex((l) => l.trim().startsWith('E10000030'));
    expect(kent).toBeGreaterThan(0);
    expect(sussex).toBeGreaterThan(kent);
    expect(surrey).toBeGreaterThan(sussex);
    expect(lines[surrey]).toMatch(/^ {2}E10000030 — 1 finding/); // no name known: code only
    expect(lines[kent]).toContain('3 findings');
    expect(lines[kent]).toContain('(exports/kent.csv)');

    const kentBlock = lines.slice(kent, sussex);
    const pay = kentBlock.findIndex((l) => l.includes('SE-PAY-CAP Agency pay cap'));
    const pqe = kentBlock.findIndex((l) => l.includes('DFE-PQE'));
    expect(pay).toBeGreaterThan(0);
    expect(pqe).toBeGreaterThan(pay);
    expect(kentBlock[pay]).toContain('[error] — 2');
    expect(kentBlock).toContain(
      '      line 14, assignment A-0042, SWE SW12345: Team Manager paid £58.00/h; cap £52.00/h from 2025-04-01 (over by £6.00)',
    );
    expect(kentBlock.slice(pqe)).toContain('      line 16, assignment A-0044, SWE SW20000: PQE 20 months; needs 36');
  });

  it('explains in words why a cited exemption did not cover a breach', () => {
    const out = render();
    const lines = out.split('\n');
    const i = lines.findIndex((l) => l.includes('assignment A-0043'));
    expect(lines[i + 1]!.trim()).toBe('cited exemption SE-EX-UNUSED did not cover it: does not cover this rule');
    const j = lines.findIndex((l) => l.includes('assignment ES-1'));
    expect(lines[j + 1]!.trim()).toBe('cited exemption SE-EX-1 did not cover it: not for this council');
  });

  it('words every not-covered reason', () => {
    const reasons = {
      role: 'not for this role',
      worker: 'not for this worker',
      window: 'the assignment did not start within its dates',
      lapsed: 'it has lapsed on this still-running assignment',
      max_rate: 'the rate is above its max_rate',
    };
    const findings = Object.keys(reasons).map((reason, i) =>
      finding({ assignment_id: `R-${i}`, details: foreignDetails({ exemption_not_applied: [{ id: 'SE-EX-1', reason }] }) }),
    );
    const out = render(makeReport({ findings }));
    for (const words of Object.values(reasons)) expect(out).toContain(`cited exemption SE-EX-1 did not cover it: ${words}`);
  });

  it('says so when there are none, and shows file:line when a council spans files', () => {
    const none = render(makeReport({ findings: [] }));
    expect(section(none, 'Breaches')).toEqual(['Breaches', '  No breaches.']);

    const twoFiles = render(makeReport({
      findings: [finding({ file: 'a.csv', line: 2, assignment_id: 'X1' }), finding({ file: 'b.csv', line: 3, assignment_id: 'X2' })],
    }));
    expect(twoFiles).toContain('a.csv:2, assignment X1');
    expect(twoFiles).toContain('b.csv:3, assignment X2');
  });
});

describe('formatTable worker names', () => {
  const named = (): Report => makeReport({
    findings: [
      finding({
        la_code: 'E06000099', assignment_id: 'N-1', swe_number: 'SW55555',
        context: { la_name: 'Export Council', role: null, agency: null, team: null, hours_per_week: null, worker_name: 'Jane \u001b[2JDoe' },
      }),
    ],
  });

  it('never shows a worker name unless names is asked for', () => {
    const out = render(named());
    expect(out).not.toContain('Jane');
    expect(out).toContain('      line ');
    expect(out).toContain('assignment N-1, SWE SW55555: ');
  });

  it('shows the (sanitised) name beside the finding with names', () => {
    const out = render(named(), { names: true });
    expect(out).toContain('assignment N-1, SWE SW55555, Jane \\x1B[2JDoe: ');
    expect(out).not.toContain('\u001b');
  });

  it("falls back to the export's council name when the region does not know the code", () => {
    expect(render(named())).toContain('  E06000099 Export Council — 1 finding');
  });

  it('marks findings that are new against a baseline', () => {
    const out = render(makeReport({ findings: [finding({ assignment_id: 'B-1', baseline: 'new' }), finding({ assignment_id: 'B-2', baseline: 'known' })] }));
    expect(out).toMatch(/ {6}NEW line \d+, assignment B-1,/);
    expect(out).toMatch(/ {6}line \d+, assignment B-2,/);
  });
});

describe('formatTable exempted and unknown', () => {
  it('lists exempted findings with the exemption covering each', () => {
    const lines = section(render(), 'Exempted');
    expect(lines[0]).toContain('Exempted (1)');
    const i = lines.findIndex((l) => l.includes('assignment A-0050'));
    expect(lines[i + 1]!.trim()).toBe('covered by exemption SE-EX-1');
  });

  it('counts unknowns per rule and per missing column, listing them only when verbose', () => {
    const lines = section(render(), 'Unknown');
    expect(lines[0]).toContain('Unknown (3)');
    expect(lines).toContain('    DFE-PQE: 2');
    expect(lines).toContain('    DFE-NOTICE Notice period: 1');
    expect(lines).toContain('    pqe_months: 2');
    expect(lines).toContain('    notice_weeks: 1');
    expect(lines.join('\n')).not.toContain('A-0051');
    expect(lines.join('\n')).toContain('--verbose');

    const verbose = section(render(makeReport(), { verbose: true }), 'Unknown').join('\n');
    expect(verbose).toContain('line 21, assignment A-0051');
    expect(verbose).toContain('line 23, assignment A-0053');
    expect(verbose).not.toContain('--verbose');
  });
});

describe('formatTable data issues', () => {
  it('shows file:line:column, omitting null parts, with errors and warnings told apart', () => {
    const lines = section(render(), 'Data issues');
    expect(lines[0]).toBe('Data issues (1 error, 2 warnings)');
    expect(lines).toContain('  ERROR   exports/kent.csv:9:start_date [invalid_date] start_date "31/02/2025" is not a real date');
    expect(lines).toContain(
      '  WARNING exports/surrey.csv [column_missing_for_rule] rule DFE-NOTICE is not checked in this file: it needs the column notice_weeks',
    );
    expect(lines.some((l) => l.startsWith('  WARNING exports/kent.csv:12:exemption_ref [unknown_exemption]'))).toBe(true);
  });

  it('omits only the column when the line is known', () => {
    const out = render(makeReport({
      data_issues: [{ severity: 'error', code: 'ragged_row', file: 'k.csv', line: 7, column: null, message: 'too many cells' }],
    }));
    expect(out).toContain('ERROR   k.csv:7 [ragged_row] too many cells');
  });
});

describe('formatTable many data issues', () => {
  it('lists the first 100, counts the rest by code, and lists all with verbose', () => {
    const issues: DataIssue[] = Array.from({ length: 150 }, (_, i) => ({
      severity: 'error', code: i < 120 ? 'invalid_date' : 'missing_value', file: 'x.csv', line: i + 2, column: 'start_date', message: `bad ${i}`,
    }));
    const report = makeReport({ data_issues: issues });
    const short = section(render(report), 'Data issues');
    expect(short.filter((l) => /ERROR/.test(l))).toHaveLength(100);
    expect(short.join('\n')).toContain('… and 50 more issues (20 invalid_date, 30 missing_value)');
    const all = section(render(report, { verbose: true }), 'Data issues');
    expect(all.filter((l) => /ERROR/.test(l))).toHaveLength(150);
    expect(all.join('\n')).not.toContain('more issues');
  });
});

describe('formatTable exemption summary', () => {
  it('tabulates every exemption and marks unused and expiring ones in text', () => {
    const out = render(makeReport(), { columns: 200 });
    const rows = out.split('\n');
    const ex1 = rows.find((l) => l.includes('SE-EX-1 ') && l.includes('│'))!;
    expect(ex1).toMatch(/SE-EX-1\s+│\s+E10000016\s+│\s+SE-PAY-CAP\s+│\s+2025-04-01 – 2026-03-31\s+│\s+active\s+│\s+1\s+│\s+2\s+│\s+1\s+│/);
    expect(ex1).not.toContain('UNUSED');
    const unused = rows.find((l) => l.includes('SE-EX-UNUSED') && l.includes('│'))!;
    expect(unused).toMatch(/│\s+all\s+│\s+DFE-PQE, DFE-NOTICE\s+│\s+2025-01-01 – 2025-12-15\s+│\s+expiring\s+│\s+0\s+│/);
    expect(unused).toContain('UNUSED');
    expect(unused).toContain('EXPIRING in 15 days');
    expect(out).toContain('Note: 1 exemption unused (applied to no finding); 1 exemption expiring within 30 days.');
    for (const head of ['Exemption', 'Councils', 'Rules', 'Window', 'Status', 'Applied', 'Cited']) expect(out).toContain(head);
  });

  it('says when the ruleset defines none', () => {
    const out = render(makeReport({ exemptions: [] }), { ruleset: makeRuleset({ exemptions: [] }) });
    expect(section(out, 'Exemptions')).toEqual(['Exemptions', '  None defined in this ruleset.']);
  });
});

describe('formatTable totals and colour', () => {
  it('ends with a totals line from report.summary', () => {
    const lines = render().trimEnd().split('\n');
    expect(lines.at(-1)).toBe('Totals: rows 150, checked 148, breaches 5, exempted 1, unknown 3, data errors 1, data warnings 2');
    expect(lines.at(-2)).toMatch(/^Estimated monthly spend above the caps: £[\d,]+\.\d\d/);
  });

  it('emits no escape codes when color is false, even in table borders', () => {
    const out = render();
    expect(out).not.toContain(ESC);
    expect(out).toContain('┌');
  });

  it('emits ANSI colour when color is true, with the same text underneath', () => {
    const report = makeReport();
    const plain = render(report);
    const coloured = render(report, { color: true });
    expect(coloured).toMatch(ANSI_RE);
    expect(coloured.replace(ANSI_RE, '')).toBe(plain);
  });

  it('does not depend on the global chalk level', async () => {
    const { default: chalk } = await import('chalk');
    const before = chalk.level;
    chalk.level = 3;
    try {
      expect(render()).not.toContain(ESC);
    } finally {
      chalk.level = before;
    }
  });
});

describe('formatTable terminal safety', () => {
  it('neutralises escape sequences and bidi overrides from every input-derived field', () => {
    const evil = finding({
      file: 'evil\u001b]0;title\u0007.csv',
      la_code: 'E1\u009b2J',
      assignment_id: 'A\r-1',
      swe_number: 'SW\u202e54321',
      message: 'paid \u001b[2J£99.00/h\nFAKE: all clear',
      details: { exemption_not_applied: [{ id: 'EX\u001b[31m', reason: 'rule' }] },
    });
    const report = makeReport({
      findings: [evil, finding({ status: 'unknown', rule: 'DFE-PQE', details: { missing: ['pqe\u001b[2J'] } })],
      data_issues: [{ severity: 'error', code: 'invalid_date', file: 'x\u001b[2J.csv', line: 1, column: 'start_date', message: 'bad \u2066date\u2069' }],
      inputs: [{ file: 'in\u001b[2J.csv', kind: 'assignments', sha256: null, rows: 1, checked: 1 }],
      exemptions: [{ id: 'SE-EX-1\u001b[2J', status: 'active', applied: 1, cited: 0, cited_not_covering: 0 }],
    });
    for (const color of [false, true]) {
      const out = formatTable(report, { ruleset: makeRuleset({ name: 'Name\u001b[2J' }), color, verbose: true });
      const withoutColour = out.replace(ANSI_RE, '');
      expect(withoutColour).not.toContain(ESC);
      expect(out).not.toContain('\u001b[2J');
      expect(out).not.toContain('\u009b');
      expect(out).not.toContain('\r');
      expect(out).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0007]/);
      expect(withoutColour).toContain('paid \\x1B[2J£99.00/h\\x0AFAKE: all clear');
      expect(withoutColour).toContain('SWE SW\\u202E54321');
      expect(withoutColour).toContain('assignment A\\x0D-1');
      expect(withoutColour).toContain('cited exemption EX\\x1B[31m did not cover it');
      expect(withoutColour).toContain('Name\\x1B[2J');
      expect(withoutColour).toContain('pqe\\x1B[2J: 1');
      expect(withoutColour).toContain('x\\x1B[2J.csv:1:start_date');
      // the fake "FAKE: all clear" cannot start a line of its own
      expect(withoutColour.split('\n').some((l) => l.startsWith('FAKE'))).toBe(false);
    }
  });
});
