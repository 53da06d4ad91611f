// npm run bench, workbooks: the full check of a 50,000-row .xlsx against the same rows
// as CSV, in the same run (time and peak RSS). The workbook is written from the
// generated CSV the way Excel saves one: shared strings after the sheet, dates as
// serial numbers with a date format, rates and counts as numbers. Rows: BENCH_XLSX_ROWS.
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Zip, ZipDeflate } from 'fflate';
import { generateAssignments } from './generate.mjs';

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const colName = (c) => {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** Writes the rows of a CSV file as an .xlsx workbook, streamed through fflate's Zip. */
export function csvToWorkbook(csvPath, xlsxPath) {
  const rows = parse(readFileSync(csvPath), { relax_column_count: true });
  const fd = openSync(xlsxPath, 'w');
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    writeSync(fd, chunk);
  });
  const add = (name, text) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(Buffer.from(text), true);
  };
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  add('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  add('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  add('xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheets><sheet name="Assignments" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  add('xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`);

  const strings = new Map();
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  zip.add(sheet);
  let buf = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  rows.forEach((cells, i) => {
    const r = i + 1;
    buf += `<row r="${r}">`;
    cells.forEach((cell, j) => {
      if (cell === '') return;
      const ref = colName(j + 1) + r;
      if (i > 0 && /^\d{4}-\d{2}-\d{2}$/.test(cell)) buf += `<c r="${ref}" s="1"><v>${(Date.parse(cell) - EPOCH) / DAY}</v></c>`;
      else if (i > 0 && /^\d+(\.\d+)?$/.test(cell) && !/^0\d/.test(cell)) buf += `<c r="${ref}"><v>${Number(cell)}</v></c>`;
      else {
        let k = strings.get(cell);
        if (k === undefined) strings.set(cell, (k = strings.size));
        buf += `<c r="${ref}" t="s"><v>${k}</v></c>`;
      }
    });
    buf += '</row>';
    if (buf.length > 1 << 20) {
      sheet.push(Buffer.from(buf));
      buf = '';
    }
  });
  sheet.push(Buffer.from(buf + '</sheetData></worksheet>'), true);
  add('xl/styles.xml', '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>');
  let sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="${strings.size}">`;
  for (const s of strings.keys()) sst += `<si><t>${esc(s)}</t></si>`;
  add('xl/sharedStrings.xml', sst + '</sst>');
  zip.end();
  closeSync(fd);
  return xlsxPath;
}

/** Runs the comparison with run.mjs's timer (medians of `repeats`); prints one table. */
export function benchWorkbook({ dataDir, timed, median, repeats, checkArgs }) {
  const rows = Number(process.env.BENCH_XLSX_ROWS ?? 50_000);
  const csv = join(dataDir, `assignments-${rows}.csv`);
  if (!existsSync(csv)) generateAssignments(csv, rows);
  const xlsx = join(dataDir, `assignments-${rows}.xlsx`);
  if (!existsSync(xlsx)) csvToWorkbook(csv, xlsx);
  const out = join(dataDir, `report-xlsx-${rows}.json`);
  const runs = { csv: [], xlsx: [] };
  for (let i = 0; i < repeats; i++) {
    runs.csv.push(timed(checkArgs(csv, 'json', out)));
    runs.xlsx.push(timed(checkArgs(xlsx, 'json', out)));
  }
  rmSync(out, { force: true });
  console.log('');
  console.log(`workbook vs CSV: the same ${rows.toLocaleString('en-GB')} rows (wide), full check, medians of ${repeats}`);
  console.log('input       MB   check wall/cpu   peak RSS');
  for (const [name, file] of [['csv', csv], ['xlsx', xlsx]]) {
    const r = runs[name];
    const wall = median(r.map((x) => x.seconds)).toFixed(2);
    const cpu = median(r.map((x) => x.cpu)).toFixed(2);
    const rss = r.reduce((m, x) => Math.max(m, x.rssMiB), 0).toFixed(0);
    console.log([name.padEnd(6), (statSync(file).size / 1e6).toFixed(1).padStart(7), `${wall} / ${cpu}`.padStart(16), `${rss} MiB`.padStart(10)].join(' '));
  }
}
