// The compiled-in table must equal the shipped data/councils.csv (regenerate with
// `node tools/councils-table.mjs`).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { COUNCIL_ROWS } from './table.js';

describe('src/councils/table.ts', () => {
  it('equals data/councils.csv', () => {
    const rows = parse(readFileSync(new URL('../../data/councils.csv', import.meta.url)), { bom: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
    expect(rows[0]).toEqual(['ons_code', 'dfe_la_number', 'name', 'region_code', 'region_name']);
    expect(COUNCIL_ROWS).toEqual(rows.slice(1));
  });
});
