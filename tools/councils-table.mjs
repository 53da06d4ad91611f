#!/usr/bin/env node
// Regenerates src/councils/table.ts from data/councils.csv (the shipped copy of the
// DfE's lookup). The table is compiled in rather than read at run time so the bundle
// needs no file beside it wherever it is installed; src/councils/table.test.ts keeps
// the two equal. Usage: node tools/councils-table.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = fileURLToPath(new URL('..', import.meta.url));
const rows = parse(readFileSync(root + 'data/councils.csv'), { bom: true, record_delimiter: ['\r\n', '\n', '\r'] });
const [header, ...data] = rows;
if (header.join(',') !== 'ons_code,dfe_la_number,name,region_code,region_name') throw new Error('unexpected header: ' + header.join(','));
const lines = data.map((r) => `  [${r.map((c) => JSON.stringify(c)).join(', ')}],`);
writeFileSync(
  root + 'src/councils/table.ts',
  `// Generated from data/councils.csv by tools/councils-table.mjs: do not edit by hand.
// [ons_code, dfe_la_number, name, region_code, region_name]
export const COUNCIL_ROWS: ReadonlyArray<readonly [string, string, string, string, string]> = [
${lines.join('\n')}
];
`,
);
