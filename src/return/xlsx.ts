// `return --format xlsx`: one workbook with the five sheets, written by exceljs. Cells
// are typed (dates as date cells, money as numbers shown with two decimals, shares
// with four, text as text: never a formula, whatever it starts with), the header row
// is frozen and bold, and each column is as wide as its longest cell (within limits).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sanitizeCellText } from '../text.js';
import type { DataReturn } from './schema.js';
import { NOTE_DATE_ROWS, returnSheets, type CellKind, type CellValue, type Sheet, type SheetColumn } from './sheets.js';
import type { Ruleset } from '../types.js';

const FORMATS: Record<CellKind, string | undefined> = {
  text: '@',
  int: '0',
  money: '0.00',
  number: 'General',
  date: 'yyyy-mm-dd',
  share: '0.0000',
};

function utcDate(iso: string): Date {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

/** The value as the cell holds it: a Date for dates, a number for numbers, else sanitised text. */
function cellValue(kind: CellKind, value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (kind === 'date' && typeof value === 'string') return utcDate(value);
  if (typeof value === 'number') return value;
  return sanitizeCellText(value);
}

function shownLength(kind: CellKind, value: CellValue): number {
  if (value === null) return 0;
  if (kind === 'date') return 10;
  if (kind === 'money' && typeof value === 'number') return value.toFixed(2).length;
  if (kind === 'share' && typeof value === 'number') return 6;
  return String(value).length;
}

/** Each column's width: its longest cell, header included, within limits. */
function columnWidths(sheet: Sheet): number[] {
  const widths: number[] = [];
  for (const table of [sheet, ...(sheet.second ? [sheet.second] : [])]) {
    table.columns.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.key.length);
    });
    for (const values of table.rows) {
      table.columns.forEach((c, i) => {
        widths[i] = Math.max(widths[i] ?? 0, shownLength(kindOf(sheet, c, i, values), values[i] ?? null));
      });
    }
  }
  return widths.map((w) => Math.min(80, Math.max(8, w + 2)));
}

/** The notes sheet holds dates in its value column on the period and as-of rows. */
function kindOf(sheet: Sheet, column: SheetColumn, i: number, values: CellValue[]): CellKind {
  return sheet.name === 'notes' && i === 1 && NOTE_DATE_ROWS.has(String(values[0])) ? 'date' : column.kind;
}

function addRows(ws: ExcelJS.Worksheet, sheet: Sheet, columns: SheetColumn[], rows: CellValue[][]): void {
  const header = ws.addRow(columns.map((c) => c.key));
  header.font = { bold: true };
  header.commit();
  for (const values of rows) {
    const row = ws.addRow([]);
    columns.forEach((c, i) => {
      const kind = kindOf(sheet, c, i, values);
      const cell = row.getCell(i + 1);
      cell.value = cellValue(kind, values[i] ?? null);
      const format = FORMATS[kind];
      if (format && values[i] !== null) cell.numFmt = format;
    });
    // written out now: the workbook never holds a sheet's rows (a region's year is 100,000)
    row.commit();
  }
}

function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: Sheet): void {
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  // widths go before the first row is written
  columnWidths(sheet).forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  addRows(ws, sheet, sheet.columns, sheet.rows);
  if (sheet.second) {
    ws.addRow([]).commit();
    addRows(ws, sheet, sheet.second.columns, sheet.second.rows);
  }
  ws.commit();
}

/**
 * The workbook, written by exceljs's streaming writer a row at a time (the whole-book
 * writer held 1.7 GB for a return of 66,000 assignments), its bytes collected.
 */
export async function returnWorkbook(ret: DataReturn, ruleset: Ruleset): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'moc-check';
  // the run's own date, not the clock: the same run gives the same workbook properties
  wb.created = utcDate(ret.as_of);
  wb.modified = utcDate(ret.as_of);
  for (const sheet of returnSheets(ret, ruleset)) addSheet(wb, sheet);
  await wb.commit();
  return Buffer.concat(chunks);
}
