// references, written from rules.md ("Rule kinds", "What a rule needs").
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, findingStatuses, issueSummaries, makeRuleset } from '../../test/helpers.js';
import type { ReferencesRule, Report } from '../types.js';

const COLS = [...BASE_COLS, 'reference_count', 'reference_template', 'references_complete_date'];

function refRule(partial: Partial<ReferencesRule> = {}): ReferencesRule {
  return { id: 'REFS', kind: 'references', severity: 'error', min_count: 2, template_required: true, before_start: true, ...partial };
}

/** start_date defaults to 2025-06-01 */
function runRefs(rows: Array<Record<string, string>>, rule = refRule(), cols = COLS): Report {
  return checkCsv(makeRuleset({ rules: [rule] }), csvTable(cols, rows));
}

const OK = { reference_count: '2', reference_template: 'yes', references_complete_date: '2025-05-20' };

describe('references: each part', () => {
  it('all parts met: compliant', () => {
    const report = runRefs([OK, { ...OK, reference_count: '5', references_complete_date: '2025-06-01' }]);
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toEqual([]);
  });

  it('count below min_count breaches', () => {
    const report = runRefs([{ ...OK, reference_count: '1' }]);
    expect(findingStatuses(report)).toEqual(['2:REFS:breach']);
    expect(report.findings[0]).toMatchObject({ kind: 'references', severity: 'error', exemption: null, la_code: 'E10000011' });
  });

  it('template no breaches when template_required', () => {
    expect(findingStatuses(runRefs([{ ...OK, reference_template: 'no' }, { ...OK, reference_template: 'N' }])))
      .toEqual(['2:REFS:breach', '3:REFS:breach']);
  });

  it('completed after the start breaches when before_start; on the start day complies', () => {
    expect(findingStatuses(runRefs([
      { ...OK, references_complete_date: '2025-06-02' },
      { ...OK, references_complete_date: '01/06/2025' },
    ]))).toEqual(['2:REFS:breach']);
  });

  it('several failing parts: still one finding for the row', () => {
    const report = runRefs([{ reference_count: '0', reference_template: 'no', references_complete_date: '2025-07-01' }]);
    expect(findingStatuses(report)).toEqual(['2:REFS:breach']);
  });
});

describe('references: blanks and "a definite breach wins over a blank"', () => {
  it('blank count, others met: unknown', () => {
    expect(findingStatuses(runRefs([{ ...OK, reference_count: '' }]))).toEqual(['2:REFS:unknown']);
  });

  it('blank template, others met: unknown', () => {
    expect(findingStatuses(runRefs([{ ...OK, reference_template: '' }]))).toEqual(['2:REFS:unknown']);
  });

  it('blank complete date, others met: unknown', () => {
    expect(findingStatuses(runRefs([{ ...OK, references_complete_date: '' }]))).toEqual(['2:REFS:unknown']);
  });

  it('all blank: unknown, no data issue', () => {
    const report = runRefs([{ reference_count: '', reference_template: '', references_complete_date: '' }]);
    expect(findingStatuses(report)).toEqual(['2:REFS:unknown']);
    expect(report.data_issues).toEqual([]);
  });

  it('count too low with blank template: breach', () => {
    expect(findingStatuses(runRefs([{ ...OK, reference_count: '1', reference_template: '' }]))).toEqual(['2:REFS:breach']);
  });

  it('blank count with template no: breach', () => {
    expect(findingStatuses(runRefs([{ ...OK, reference_count: '', reference_template: 'no' }]))).toEqual(['2:REFS:breach']);
  });

  it('blank count and template with a late complete date: breach', () => {
    expect(findingStatuses(runRefs([{ reference_count: '', reference_template: '', references_complete_date: '2025-06-30' }])))
      .toEqual(['2:REFS:breach']);
  });

  it('count too low with blank complete date: breach', () => {
    expect(findingStatuses(runRefs([{ ...OK, reference_count: '0', references_complete_date: '' }]))).toEqual(['2:REFS:breach']);
  });
});

describe('references: template_required / before_start off', () => {
  const plain = refRule({ template_required: false, before_start: false });

  it('template no and a late complete date do not matter', () => {
    const report = runRefs([{ reference_count: '2', reference_template: 'no', references_complete_date: '2026-01-01' }], plain);
    expect(report.findings).toEqual([]);
  });

  it('blank template and blank complete date do not give unknown', () => {
    const report = runRefs([{ reference_count: '2', reference_template: '', references_complete_date: '' }], plain);
    expect(report.findings).toEqual([]);
    expect(report.summary.unknown).toBe(0);
  });

  it('count still checked: 1 breaches, blank unknown', () => {
    expect(findingStatuses(runRefs([{ reference_count: '1' }, { reference_count: '' }], plain)))
      .toEqual(['2:REFS:breach', '3:REFS:unknown']);
  });

  it('columns the rule does not need may be absent: no column_missing_for_rule', () => {
    const report = runRefs([{ reference_count: '1' }], plain, [...BASE_COLS, 'reference_count']);
    expect(findingStatuses(report)).toEqual(['2:REFS:breach']);
    expect(report.data_issues).toEqual([]);
  });

  it('an invalid value in a column the rule does not need is reported but the rule still runs', () => {
    const report = runRefs([{ reference_count: '1', reference_template: 'maybe' }], plain);
    expect(findingStatuses(report)).toEqual(['2:REFS:breach']);
    expect(issueSummaries(report)).toEqual([['invalid_boolean', 'error', 2, 'reference_template']]);
  });

  it('template_required only: a late complete date does not matter, template no breaches', () => {
    const rule = refRule({ before_start: false });
    expect(findingStatuses(runRefs([
      { ...OK, references_complete_date: '2026-01-01' },
      { ...OK, reference_template: 'false' },
    ], rule))).toEqual(['3:REFS:breach']);
  });

  it('min_count 0: any count complies', () => {
    expect(runRefs([{ ...OK, reference_count: '0' }], refRule({ min_count: 0 })).findings).toEqual([]);
  });
});

describe('references: invalid needed values and absent columns', () => {
  it('invalid count (2.0): invalid_integer, no finding even with another part breaching', () => {
    const report = runRefs([{ ...OK, reference_count: '2.0', reference_template: 'no' }]);
    expect(report.findings).toEqual([]);
    expect(issueSummaries(report)).toEqual([['invalid_integer', 'error', 2, 'reference_count']]);
  });

  it('invalid template (maybe) when required: invalid_boolean, no finding', () => {
    const report = runRefs([{ ...OK, reference_count: '0', reference_template: 'maybe' }]);
    expect(report.findings).toEqual([]);
    expect(issueSummaries(report)).toEqual([['invalid_boolean', 'error', 2, 'reference_template']]);
  });

  it('invalid complete date when before_start: invalid_date, no finding', () => {
    const report = runRefs([{ ...OK, references_complete_date: '2025-02-29' }]);
    expect(report.findings).toEqual([]);
    expect(issueSummaries(report)).toEqual([['invalid_date', 'error', 2, 'references_complete_date']]);
  });

  it('invalid start_date when before_start: no finding', () => {
    const report = runRefs([{ ...OK, start_date: '06/31/2025', reference_count: '0' }]);
    expect(report.findings).toEqual([]);
    expect(issueSummaries(report)).toEqual([['invalid_date', 'error', 2, 'start_date']]);
  });

  it('invalid start_date without before_start: still checked', () => {
    const report = runRefs([{ ...OK, start_date: 'tomorrow', reference_count: '0' }], refRule({ before_start: false }));
    expect(findingStatuses(report)).toEqual(['2:REFS:breach']);
  });

  it('template column absent with template_required: column_missing_for_rule, not checked', () => {
    const report = runRefs([{ reference_count: '0', references_complete_date: '2025-05-01' }], refRule(),
      [...BASE_COLS, 'reference_count', 'references_complete_date']);
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.rule, d.columns])).toEqual([
      ['column_missing_for_rule', 'warning', null, 'REFS', ['reference_template']],
    ]);
  });

  it('all three columns absent: one warning listing every missing column', () => {
    const report = runRefs([{}], refRule(), BASE_COLS);
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toHaveLength(1);
    expect(report.data_issues[0]).toMatchObject({ code: 'column_missing_for_rule', severity: 'warning', rule: 'REFS', line: null });
    expect([...(report.data_issues[0]!.columns ?? [])].sort())
      .toEqual(['reference_count', 'reference_template', 'references_complete_date']);
  });
});
