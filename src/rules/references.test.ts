// references, written from rules.md ("Rule kinds", "What a rule needs").
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, makeRuleset } from '../../test/helpers.js';
import { testRule } from '../../test/rule-tester.js';
import type { ReferencesRule } from '../types.js';

const COLS = [...BASE_COLS, 'reference_count', 'reference_template', 'references_complete_date'];

function refRule(partial: Partial<ReferencesRule> = {}): ReferencesRule {
  return { id: 'REFS', kind: 'references', severity: 'error', min_count: 2, template_required: true, before_start: true, ...partial };
}

/** start_date defaults to 2025-06-01 */
const OK = { reference_count: '2', reference_template: 'yes', references_complete_date: '2025-05-20' };
const UNKNOWN_MESSAGE = (columns: string) => `cannot tell whether the references are complete: ${columns}`;

testRule('references: each part', { rule: refRule(), columns: COLS }, {
  valid: [
    { name: 'all parts met', row: OK },
    { name: 'more references, completed on the start day', row: { ...OK, reference_count: '5', references_complete_date: '2025-06-01' } },
    { name: 'completed on the start day (UK date)', row: { ...OK, references_complete_date: '01/06/2025' } },
    { name: 'min_count 0: a count of 0 complies', rule: refRule({ min_count: 0 }), row: { ...OK, reference_count: '0' } },
  ],
  invalid: [
    {
      name: 'count below min_count',
      row: { ...OK, reference_count: '1' },
      status: 'breach',
      message: '1 reference, 2 required',
      details: { reference_count: 1, min_count: 2, reference_template: true, references_complete_date: '2025-05-20', start_date: '2025-06-01' },
    },
    { name: 'template no when template_required', row: { ...OK, reference_template: 'no' }, status: 'breach', message: 'references not on the standard template' },
    { name: 'template N', row: { ...OK, reference_template: 'N' }, status: 'breach' },
    {
      name: 'completed the day after the start',
      row: { ...OK, references_complete_date: '2025-06-02' },
      status: 'breach',
      message: 'references completed 2025-06-02, after the start on 2025-06-01',
    },
    {
      name: 'several failing parts: one finding naming each',
      row: { reference_count: '0', reference_template: 'no', references_complete_date: '2025-07-01' },
      status: 'breach',
      message: '0 references, 2 required; references not on the standard template; references completed 2025-07-01, after the start on 2025-06-01',
    },
  ],
});

testRule('references: blanks, and a definite breach wins over a blank', { rule: refRule(), columns: COLS }, {
  invalid: [
    { row: { ...OK, reference_count: '' }, status: 'unknown', message: UNKNOWN_MESSAGE('reference_count is not recorded'), details: { missing: ['reference_count'] } },
    { row: { ...OK, reference_template: '' }, status: 'unknown', details: { missing: ['reference_template'] } },
    { row: { ...OK, references_complete_date: '' }, status: 'unknown', details: { missing: ['references_complete_date'] } },
    {
      name: 'all blank: unknown, no data issue',
      row: { reference_count: '', reference_template: '', references_complete_date: '' },
      status: 'unknown',
      message: UNKNOWN_MESSAGE('reference_count, reference_template, references_complete_date are not recorded'),
    },
    { name: 'count too low, blank template', row: { ...OK, reference_count: '1', reference_template: '' }, status: 'breach' },
    { name: 'blank count, template no', row: { ...OK, reference_count: '', reference_template: 'no' }, status: 'breach' },
    {
      name: 'blank count and template, late completion',
      row: { reference_count: '', reference_template: '', references_complete_date: '2025-06-30' },
      status: 'breach',
    },
    { name: 'count too low, blank completion date', row: { ...OK, reference_count: '0', references_complete_date: '' }, status: 'breach' },
  ],
});

const plain = refRule({ template_required: false, before_start: false });
testRule('references: template_required and before_start off', { rule: plain, columns: COLS }, {
  valid: [
    { name: 'template no and a late completion do not matter', row: { reference_count: '2', reference_template: 'no', references_complete_date: '2026-01-01' } },
    { name: 'blank template and completion date do not give unknown', row: { reference_count: '2', reference_template: '', references_complete_date: '' } },
    { name: 'the other columns may be absent', columns: [...BASE_COLS, 'reference_count'], row: { reference_count: '2' } },
    {
      name: 'template_required only: a late completion does not matter',
      rule: refRule({ before_start: false }),
      row: { ...OK, references_complete_date: '2026-01-01' },
    },
  ],
  invalid: [
    { row: { reference_count: '1' }, status: 'breach', details: { reference_count: 1, min_count: 2 } },
    { row: { reference_count: '' }, status: 'unknown' },
    { name: 'the other columns absent, count too low', columns: [...BASE_COLS, 'reference_count'], row: { reference_count: '1' }, status: 'breach' },
    {
      name: 'an invalid value in a column the rule does not need is reported, the rule still runs',
      row: { reference_count: '1', reference_template: 'maybe' },
      issues: [['invalid_boolean', 'reference_template']],
      status: 'breach',
    },
    { name: 'template_required only: template false breaches', rule: refRule({ before_start: false }), row: { ...OK, reference_template: 'false' }, status: 'breach' },
    {
      name: 'an invalid start_date without before_start: still checked',
      rule: refRule({ before_start: false }),
      row: { ...OK, start_date: 'tomorrow', reference_count: '0' },
      issues: [['invalid_date', 'start_date']],
      status: 'breach',
    },
  ],
});

testRule('references: invalid needed values', { rule: refRule(), columns: COLS }, {
  notChecked: [
    { name: 'count 2.0, even with another part breaching', row: { ...OK, reference_count: '2.0', reference_template: 'no' }, issues: [['invalid_integer', 'reference_count']] },
    { name: 'template maybe when required', row: { ...OK, reference_count: '0', reference_template: 'maybe' }, issues: [['invalid_boolean', 'reference_template']] },
    { name: 'completion date 2025-02-29 when before_start', row: { ...OK, references_complete_date: '2025-02-29' }, issues: [['invalid_date', 'references_complete_date']] },
    { name: 'start_date 06/31/2025 when before_start', row: { ...OK, start_date: '06/31/2025', reference_count: '0' }, issues: [['invalid_date', 'start_date']] },
  ],
});

describe('references in a file: absent columns', () => {
  const run = (cols: string[], row: Record<string, string>) => checkCsv(makeRuleset({ rules: [refRule()] }), csvTable(cols, [row]));

  it('template column absent with template_required: column_missing_for_rule, not checked', () => {
    const report = run([...BASE_COLS, 'reference_count', 'references_complete_date'], { reference_count: '0', references_complete_date: '2025-05-01' });
    expect(report.findings).toEqual([]);
    expect(report.data_issues.map((d) => [d.code, d.severity, d.line, d.rule, d.columns])).toEqual([
      ['column_missing_for_rule', 'warning', null, 'REFS', ['reference_template']],
    ]);
  });

  it('all three columns absent: one warning listing every missing column', () => {
    const report = run(BASE_COLS, {});
    expect(report.findings).toEqual([]);
    expect(report.data_issues).toHaveLength(1);
    expect(report.data_issues[0]).toMatchObject({ code: 'column_missing_for_rule', severity: 'warning', rule: 'REFS', line: null });
    expect([...(report.data_issues[0]!.columns ?? [])].sort())
      .toEqual(['reference_count', 'reference_template', 'references_complete_date']);
  });

  it('a breach finding names the kind and severity', () => {
    const report = run(COLS, { ...OK, reference_count: '1' });
    expect(report.findings[0]).toMatchObject({ kind: 'references', severity: 'error', exemption: null, la_code: 'E10000011', line: 2 });
  });
});
