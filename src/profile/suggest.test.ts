// The suggestions and header matches of `moc-check init`, by table.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleset } from '../ruleset/load.js';
import { REPO_ROOT, tempDir, writeInput } from '../../test/helpers.js';
import { matchHeaderCells } from './draft.js';
import { columnLetters, filePattern } from './draft-yaml.js';
import { loadProfiles } from './load.js';
import { similarity, suggestBoolean, suggestCouncil, suggestEngagementType, suggestRole } from './suggest.js';

const loaded = loadRuleset(join(REPO_ROOT, 'rules', 'south-east.yaml'));
if (!loaded.ok) throw new Error('south-east.yaml does not load');
const { ruleset } = loaded;

describe('suggested roles', () => {
  it.each([
    ['Snr Social Worker', 'Senior Social Worker'],
    ['Senior SW', 'Senior Social Worker'],
    ['Social Worker - Children', 'Social Worker'],
    ['Team Mgr', 'Team Manager'],
    ['Adv Practitioner', 'Advanced Practitioner'],
    ['Agency Admin', null],
    ['Driver', null],
  ])('%j → %j', (cell, role) => expect(suggestRole(cell, ruleset.roles).value).toBe(role));
});

describe('suggested yes/no', () => {
  it.each([
    ['Project', 'yes'], ['x', 'yes'], ['Yes - on file', 'yes'], ['Received', 'yes'],
    ['BAU', 'no'], ['N/A', 'no'], ['Not received', 'no'], ['-', 'no'], ['Pending', 'no'],
    ['maybe', null], ['Jan 2025', null],
  ])('%j → %j', (cell, value) => expect(suggestBoolean(cell).value).toBe(value));
});

describe('suggested councils', () => {
  it.each([
    ['Kent CC', 'E10000016'],
    ['Kent Cty', 'E10000016'],
    ['Surrey C.C.', 'E10000030'],
    ['Brighton and Hove CC', 'E06000043'],
    ['Hampshre', 'E10000014'],
    ['Head Office', null],
    ['XYZ', null],
  ])('%j → %j', (cell, code) => expect(suggestCouncil(cell, ruleset.region.las).value).toBe(code));
});

describe('suggested engagement types', () => {
  it.each([['PAYE via agency', 'PAYE'], ['Umbrela', 'umbrella'], ['Limited co.', 'limited company'], ['Permanent', null]])('%j → %j', (cell, value) =>
    expect(suggestEngagementType(cell).value).toBe(value),
  );
});

describe('similarity', () => {
  it('is 1 for the same text, 0 for nothing shared', () => {
    expect(similarity('kent', 'kent')).toBe(1);
    expect(similarity('kent', 'xyz')).toBe(0);
    expect(similarity('kent', 'kent cty')).toBeGreaterThanOrEqual(0.6);
  });
});

describe('header cells matched to columns', () => {
  const how = (cells: string[]) => matchHeaderCells(cells, 'assignments', ruleset.columns);

  it('names first (exact, normalised, the ruleset\'s), then close matches; the leftmost of two names wins', () => {
    const { matches, unmatched } = how(['assignment_id', 'Start - Date', 'Placement Ref', 'SWE Reg No', 'Pay Rate (£/hr)', 'Job Title', 'START_DATE', 'Notes', '']);
    expect(matches.map((m) => [m.column, m.header, m.how])).toEqual([
      ['assignment_id', 'assignment_id', 'exact'],
      ['start_date', 'Start - Date', 'normalised'],
      ['swe_number', 'SWE Reg No', 'ruleset'],
      ['hourly_pay_rate', 'Pay Rate (£/hr)', 'ruleset'],
      ['role', 'Job Title', 'close'],
    ]);
    // Placement Ref is the ruleset's name for assignment_id, which column A already gives
    expect(unmatched.map((u) => [columnLetters(u.index), u.header, u.duplicateOf])).toEqual([
      ['C', 'Placement Ref', 'assignment_id'], ['G', 'START_DATE', 'start_date'], ['H', 'Notes', undefined],
    ]);
  });

  it('a cell goes to one column only, the best first, a required column before an optional one', () => {
    const { matches } = how(['Council', 'Pay Rate', 'Charge Rate']);
    expect(matches.map((m) => [m.column, m.header])).toEqual([['la_code', 'Council'], ['hourly_pay_rate', 'Pay Rate'], ['hourly_charge_rate', 'Charge Rate']]);
  });
});

describe('draft helpers', () => {
  it.each([['kent-2025-11.xlsx', 'kent-*.xlsx'], ['exports/Surrey 2025 11 30.csv', 'Surrey *.csv'], ['west.csv', 'west.csv'], ['c:\\x\\q3-2025.csv', 'q*.csv']])(
    'file pattern of %j is %j', (file, pattern) => expect(filePattern(file)).toBe(pattern),
  );
  it('column letters', () => expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']));
});

describe('a profile still holding TODOs', () => {
  it('is refused, every TODO located', () => {
    const file = writeInput(tempDir(), 'p.yaml', ['format: moc-profile/v1', 'columns:', '  role: TODO', 'fixed:', '  la_code: TODO', 'values:', '  role:', '    Odd: "TODO a role"', '    SW: Social Worker', ''].join('\n'));
    const result = loadProfiles([file]);
    expect(result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '3:9: the header for column "role" is still TODO (a draft from moc-check init): fill it in, or delete the line',
      '5:12: the fixed value of column "la_code" is still TODO (a draft from moc-check init): fill it in, or delete the line',
      '8:10: the mapping of "Odd" in column "role" is still TODO (a draft from moc-check init): fill it in, or delete the line',
    ]);
  });
});
