// Finding ids (report.md "Findings") and the one input that could make them ambiguous:
// the U+001F separator typed into a key cell (issue 12 item 16).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BASE_COLS, checkCsv, csvTable, makeRuleset } from '../../test/helpers.js';
import type { ProjectTeamRule, Ruleset } from '../types.js';
import { findingId } from './fingerprint.js';

/** The contract's formula, written out independently of the code under test. */
function contractId(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u001f'), 'utf8').digest('hex').slice(0, 12);
}

const US = '\u001f';

describe('findingId', () => {
  it('is the contract formula for ordinary keys (ids of ordinary rows never change)', () => {
    for (const [la, id] of [['E10000016', 'A-0042'], ['E10000011', 'A 1'], ['E10000011', 'Ä-ü/1'], ['E1', 'tab\there']]) {
      expect(findingId('south-east', 'SE-PAY-CAP', la!, id!)).toBe(contractId(['south-east', 'SE-PAY-CAP', la!, id!]));
    }
  });

  it('gives different breaches different ids even when a key cell holds the separator', () => {
    const a = findingId('r', 'RULE', `E1${US}A`, 'B');
    const b = findingId('r', 'RULE', 'E1', `A${US}B`);
    expect(a).not.toBe(b);
    // nor can a separator-bearing key take the id of some ordinary row
    expect(a).not.toBe(contractId(['r', 'RULE', `E1`, `A${US}B`]));
    expect(findingId('r', 'RULE', 'E1', `A${US}B`)).not.toBe(contractId(['r', 'RULE', 'E1', `A${US}B`]));
    expect(findingId('r', 'RULE', `E1${US}`, '')).not.toBe(findingId('r', 'RULE', 'E1', US));
    expect(findingId('r', 'RULE', 'E1', `A${US}`)).not.toBe(findingId('r', 'RULE', 'E1', `A${US}${US}`));
  });
});

describe('a control character in a key cell', () => {
  const rule: ProjectTeamRule = { id: 'PT', kind: 'project_team', severity: 'error' };
  const ruleset: Ruleset = makeRuleset({ rules: [rule] });
  const cols = [...BASE_COLS, 'project_team'];

  it('keeps two breaches apart and warns about each such cell', () => {
    const report = checkCsv(ruleset, csvTable(cols, [
      { la_code: `E10000011${US}X`, assignment_id: 'B', project_team: 'yes' },
      { la_code: 'E10000011', assignment_id: `X${US}B`, project_team: 'yes' },
      { la_code: 'E10000016', assignment_id: 'A-1', project_team: 'yes' },
    ]));
    expect(report.findings.map((f) => f.line)).toEqual([2, 3, 4]);
    const ids = report.findings.map((f) => f.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids[2]).toBe(contractId(['test-region', 'PT', 'E10000016', 'A-1']));
    const issues = report.data_issues.map((d) => [d.code, d.severity, d.line, d.column]);
    expect(issues).toEqual([
      ['control_character', 'warning', 2, 'la_code'],
      ['council_not_in_region', 'warning', 2, 'la_code'], // the code with its control character is no region council
      ['control_character', 'warning', 3, 'assignment_id'],
    ]);
    expect(report.data_issues[0]!.message).toContain('U+001F');
  });

  it('is reported for other control characters too, not for tabs and line breaks a cell may hold', () => {
    const report = checkCsv(ruleset, csvTable(cols, [
      { assignment_id: 'A\u0007B', project_team: 'no' },
      { assignment_id: 'A\u009bB', project_team: 'no' },
      { assignment_id: 'A B-1/ü', project_team: 'no' },
      { assignment_id: 'A\tB\nC\r\nD', project_team: 'no' },
    ]));
    expect(report.data_issues.map((d) => [d.code, d.line, d.column])).toEqual([
      ['control_character', 2, 'assignment_id'],
      ['control_character', 3, 'assignment_id'],
    ]);
    expect(report.summary.checked).toBe(4);
  });
});
