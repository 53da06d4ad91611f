// `return --format xlsx`: one workbook with the five sheets, written by exceljs. Cells
// are typed (dates as date cells, money as numbers shown with two decimals, shares
// with four, text as text: never a formula, whatever it starts with), the header row
// is frozen and bold, and each column is as wide as its longest cell (within limits).
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

function addRows(ws: ExcelJS.Worksheet, columns: SheetColumn[], rows: CellValue[][], widths: number[], bold: boolean): void {
  const header = ws.addRow(columns.map((c) => c.key));
  if (bold) header.font = { bold: true };
  columns.forEach((c, i) => {
    widths[i] = Math.max(widths[i] ?? 0, c.key.length);
  });
  for (const values of rows) {
    const row = ws.addRow([]);
    columns.forEach((c, i) => {
      // the notes sheet holds dates in its value column on the period and as-of rows
      const kind: CellKind = ws.name === 'notes' && i === 1 && NOTE_DATE_ROWS.has(String(values[0])) ? 'date' : c.kind;
      const cell = row.getCell(i + 1);
      cell.value = cellValue(kind, values[i] ?? null);
      const format = FORMATS[kind];
      if (format && values[i] !== null) cell.numFmt = format;
      widths[i] = Math.max(widths[i] ?? 0, shownLength(kind, values[i] ?? null));
    });
  }
}

function addSheet(wb: ExcelJS.Workbook, sheet: Sheet): void {
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  const widths: number[] = [];
  addRows(ws, sheet.columns, sheet.rows, widths, true);
  if (sheet.second) {
    ws.addRow([]);
    addRows(ws, sheet.second.columns, sheet.second.rows, widths, true);
  }
  const count = Math.max(sheet.columns.length, sheet.second?.columns.length ?? 0);
  for (let i = 0; i < count; i++) ws.getColumn(i + 1).width = Math.min(80, Math.max(8, (widths[i] ?? 0) + 2));
}

export async function returnWorkbook(ret: DataReturn, ruleset: Ruleset): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'moc-check';
  // the run's own date, not the clock: the same run gives the same workbook properties
  wb.created = utcDate(ret.as_of);
  wb.modified = utcDate(ret.as_of);
  for (const sheet of returnSheets(ret, ruleset)) addSheet(wb, sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
