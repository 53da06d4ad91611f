import { describe, expect, it } from 'vitest';
import { COUNCILS, CouncilResolver, normaliseCouncilName, resolveCouncilCode } from './resolve.js';

describe('normaliseCouncilName', () => {
  it.each([
    ['Kent County Council', 'kent'],
    ['Brighton & Hove City Council', 'brighton and hove'],
    ['Brighton&Hove', 'brighton and hove'], // reading 8
    ['  KENT  ', 'kent'],
    ['St. Helens Metropolitan Borough Council', 'st helens'],
    ['London Borough of Barnet', 'barnet'],
    ['Royal Borough of Kingston upon Thames', 'kingston upon thames'],
    ['London Borough of Royal Borough of X', 'royal borough of x'], // one prefix only
    ['Kent Council Council', 'kent council'], // the first matching ending only
    ['Medway Borough Council', 'medway'],
    ['Epsom District Council', 'epsom'],
    ['Leeds City Council', 'leeds'],
    ['Surrey Council', 'surrey'],
    ['Council', 'council'], // an ending needs the space before it
    ['Southend-on-Sea', 'southend on sea'],
    ['Bristol, City of', 'bristol city of'],
    ['Hammersmith_and__Fulham', 'hammersmith and fulham'],
    ['Bournemouth, Christchurch & Poole', 'bournemouth christchurch and poole'],
    ['Ealing.', 'ealing'],
    ['E.Sussex', 'esussex'], // `.` is deleted, not a separator
    ['Côte', 'c te'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseCouncilName(input)).toBe(expected);
  });
});

describe('CouncilResolver.resolve', () => {
  const region = new Map([
    ['E10000011', 'East Sussex'],
    ['E06000043', 'Brighton and Hove'],
    ['E10000016', 'Kent'],
  ]);
  const resolver = new CouncilResolver(region);
  it.each([
    // step 1: ONS codes, any case
    ['E10000016', 'E10000016', 'ons_code', 'Kent'],
    [' e10000016 ', 'E10000016', 'ons_code', 'Kent'],
    ['E09000003', 'E09000003', 'ons_code', 'Barnet'], // a table council outside the region
    ['E10000021', 'E10000021', 'ons_code', null], // Northamptonshire, no longer in the table
    ['E1000001', 'E1000001', 'kept', null], // 7 digits: not a code
    // step 2: DfE numbers in the table, exactly three ASCII digits (reading 41)
    ['886', 'E10000016', 'dfe_number', 'Kent'],
    [' 845 ', 'E10000011', 'dfe_number', 'East Sussex'],
    ['302', 'E09000003', 'dfe_number', 'Barnet'],
    ['0886', '0886', 'kept', null],
    ['886.0', '886.0', 'kept', null],
    ['999', '999', 'kept', null],
    ['928', '928', 'kept', null], // Northamptonshire's old number
    // step 3: names, region first, then the table
    ['Kent County Council', 'E10000016', 'region_name', 'Kent'],
    ['kent', 'E10000016', 'region_name', 'Kent'],
    ['Brighton & Hove City Council', 'E06000043', 'region_name', 'Brighton and Hove'],
    ['East Sussex County Council', 'E10000011', 'region_name', 'East Sussex'],
    ['Surrey County Council', 'E10000030', 'table_name', 'Surrey'],
    ['London Borough of Barnet', 'E09000003', 'table_name', 'Barnet'],
    ['Bristol', 'E06000023', 'table_name', 'Bristol, City of'],
    ['Bristol City Council', 'E06000023', 'table_name', 'Bristol, City of'],
    ['Bristol, City of', 'E06000023', 'table_name', 'Bristol, City of'],
    ['Herefordshire Council', 'E06000019', 'table_name', 'Herefordshire, County of'],
    ['Kingston upon Hull', 'E06000010', 'table_name', 'Kingston upon Hull, City of'],
    ['City of London', 'E09000001', 'table_name', 'City of London'],
    ['County Durham', 'E06000047', 'table_name', 'County Durham'],
    // step 4: anything else, trimmed and upper-cased
    ['City of Bristol', 'CITY OF BRISTOL', 'kept', null],
    ['Northamptonshire', 'NORTHAMPTONSHIRE', 'kept', null],
    [' la-1 ', 'LA-1', 'kept', null],
    ['---', '---', 'kept', null],
  ])('%j → %s (%s)', (cell, code, by, name) => {
    expect(resolver.resolve(cell)).toEqual({ code, by, name });
  });

  it('region names shadow the table (reading 39)', () => {
    const shadowing = new CouncilResolver(new Map([['E99999999', 'Kent']]));
    expect(shadowing.resolve('Kent County Council')).toEqual({ code: 'E99999999', by: 'region_name', name: 'Kent' });
    expect(shadowing.resolve('Surrey')).toEqual({ code: 'E10000030', by: 'table_name', name: 'Surrey' });
  });

  it('the first of two region names that normalise alike wins (reading 39)', () => {
    const r = new CouncilResolver(new Map([['E00000001', 'North Town'], ['E00000002', 'North-Town Council']]));
    expect(r.resolve('north town').code).toBe('E00000001');
  });

  it('without a region, names resolve through the table alone', () => {
    expect(new CouncilResolver().resolve('Kent County Council')).toEqual({ code: 'E10000016', by: 'table_name', name: 'Kent' });
  });

  it('answers the same for a repeated cell (cached)', () => {
    const r = new CouncilResolver(region);
    expect(r.resolve('Kent')).toBe(r.resolve('Kent'));
  });
});

describe('CouncilResolver.inRegion (council_not_in_region)', () => {
  it.each([
    [[['E10000011', 'East Sussex']], 'E10000011', true],
    [[['E10000011', 'East Sussex']], 'E10000016', false],
    [[['845', 'East Sussex']], 'E10000011', true], // region keys resolved by DfE number too
    [[['e10000011', 'East Sussex']], 'E10000011', true],
    [[], 'E10000016', true], // a ruleset with no region: every council is in it
    [[], 'ANYTHING', true],
  ] as Array<[Array<[string, string]>, string, boolean]>)('%j has %s: %s', (las, code, expected) => {
    expect(new CouncilResolver(new Map(las)).inRegion(code)).toBe(expected);
  });
});

describe('resolveCouncilCode (ruleset codes: steps 1, 2, 4)', () => {
  it.each([
    ['E10000016', 'E10000016'],
    [' e10000016', 'E10000016'],
    ['886', 'E10000016'],
    ['0886', '0886'],
    ['999', '999'],
    ['Kent', 'KENT'], // never by name
  ])('%j → %j', (text, code) => {
    expect(resolveCouncilCode(text)).toBe(code);
  });
});

describe('the councils table', () => {
  it('holds the 153 English councils with unique codes, numbers and names', () => {
    expect(COUNCILS).toHaveLength(153);
    expect(new Set(COUNCILS.map((c) => c.ons)).size).toBe(153);
    expect(new Set(COUNCILS.map((c) => c.dfe)).size).toBe(153);
    for (const c of COUNCILS) {
      expect(c.ons).toMatch(/^E[0-9]{8}$/);
      expect(c.dfe).toMatch(/^[0-9]{3}$/);
      expect(c.regionCode).toMatch(/^E12[0-9]{6}$/);
    }
    // No two names (nor short forms) normalise alike, so a name match is never a guess.
    const keys = COUNCILS.map((c) => normaliseCouncilName(c.name));
    expect(new Set(keys).size).toBe(153);
    const resolver = new CouncilResolver();
    for (const c of COUNCILS) expect(resolver.resolve(c.name).code).toBe(c.ons);
  });
});
