import { describe, expect, it } from 'vitest';
import { closestHeader, headerList } from './header-hints.js';

const VENDOR = ['Placement ID', 'Worker Name', 'SWE Reg No', 'Job Title', 'Council', 'Start', 'End', 'Pay Rate (£/hr)', 'Charge Rate (£/hr)', 'Cost Centre'];

describe('closestHeader', () => {
  it.each([
    ['assignment_id', VENDOR, 'Placement ID'],
    ['swe_number', VENDOR, 'SWE Reg No'],
    ['role', VENDOR, 'Job Title'],
    ['la_code', VENDOR, 'Council'],
    ['start_date', VENDOR, 'Start'],
    ['hourly_pay_rate', VENDOR, 'Pay Rate (£/hr)'],
    ['hourly_charge_rate', VENDOR, 'Charge Rate (£/hr)'],
    ['start_date', ['Date Started', 'Start'], 'Date Started'], // both words: the better match
    ['leaving_date', ['SWE', 'Date Left'], 'Date Left'],
    ['swe_number', ['Worker', 'Registration Number'], 'Registration Number'],
    ['assignment_id', ['Booking Ref', 'Worker ID'], 'Booking Ref'],
    ['la_code', ['Local Authority', 'LA Name'], 'Local Authority'], // leftmost of equals
    ['assignment_id', ['Name', 'Team'], null], // nothing in common
    ['role', [], null],
  ])('%s among %j: %j', (column, cells, expected) => {
    expect(closestHeader(column, cells)).toBe(expected);
  });
});

describe('headerList', () => {
  it('quotes the non-blank cells, at most a few', () => {
    expect(headerList(['a', ' ', 'b '])).toBe('"a", "b"');
    expect(headerList([])).toBe('(none)');
    expect(headerList(['1', '2', '3', '4'], 2)).toBe('"1", "2" and 2 more');
  });
});
