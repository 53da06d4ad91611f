import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_COLUMNS } from './columns.js';
import { readAssignment } from './assignments.js';
import type { RowContext } from './row.js';
import type { DataIssue } from '../types.js';

const header = ['la_code', 'assignment_id', 'swe_number', 'role', 'start_date', 'hourly_pay_rate'];
const contextFor = (issues: DataIssue[]): RowContext => ({
  file: 'a.csv', severity: 'error', roleIndex: new Map([['sw', 'social_worker']]),
  positions: new Map(header.map((c, i) => [c, i])), issues, councilsRead: new Map(),
});

describe('readAssignment: control characters in the key cells', () => {
  // C0 controls but tab, LF and CR; DEL; C1 controls. The edges of each range.
  it.each([
    [0x00, true], [0x08, true], [0x09, false], [0x0a, false], [0x0b, true], [0x0c, true], [0x0d, false],
    [0x0e, true], [0x1f, true], [0x20, false], [0x7e, false], [0x7f, true], [0x9f, true], [0xa0, false],
  ])('U+%s in assignment_id: control_character %s', (code, flagged) => {
    const issues: DataIssue[] = [];
    readAssignment(contextFor(issues), ['E10000016', `A${String.fromCharCode(code)}1`, 'SW123', 'SW', '2025-01-06', '30'], 2);
    expect(issues.filter((i) => i.code === 'control_character').map((i) => i.column)).toEqual(flagged ? ['assignment_id'] : []);
  });
});

describe('readAssignment: every field', () => {
  it('fills each column from its own cell, and a column the file lacks is absent', () => {
    const row = readAssignment(contextFor([]), ['E10000016', 'A-1', 'SW123', 'SW', '2025-01-06', '30.5'], 2);
    expect(row.la_code).toEqual({ state: 'ok', value: 'E10000016', raw: 'E10000016' });
    expect(row.assignment_id).toEqual({ state: 'ok', value: 'A-1', raw: 'A-1' });
    expect(row.swe_number).toEqual({ state: 'ok', value: 'SW123', raw: 'SW123' });
    expect(row.role).toEqual({ state: 'ok', value: 'social_worker', raw: 'SW' });
    expect(row.start_date).toEqual({ state: 'ok', value: '2025-01-06', raw: '2025-01-06' });
    expect(row.hourly_pay_rate).toEqual({ state: 'ok', value: { amount: 30.5, pence: 3050 }, raw: '30.5' });
    for (const column of ASSIGNMENT_COLUMNS.filter((c) => !header.includes(c))) expect(row[column]).toEqual({ state: 'absent' });
  });
});
