// `return --format csv`: one Excel-safe CSV per sheet (councils.csv, compliance.csv,
// assignments.csv, signoffs.csv, notes.csv): UTF-8 with a byte-order mark, CRLF, every
// cell neutralised (no control character, no formula), numbers as plain decimals.
import { CSV_BOM, neutraliseCell } from '../report/csv.js';
import { sanitizeCellText } from '../text.js';
import type { Ruleset } from '../types.js';
import type { DataReturn } from './schema.js';
import { returnSheets, type CellKind, type CellValue, type SheetColumn } from './sheets.js';

const EOL = '\r\n';

function quote(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cellText(kind: CellKind, value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return kind === 'money' ? value.toFixed(2) : kind === 'share' ? value.toFixed(4) : String(value);
  return quote(neutraliseCell(sanitizeCellText(value)));
}

function lines(columns: SheetColumn[], rows: CellValue[][]): string[] {
  return [columns.map((c) => c.key).join(','), ...rows.map((r) => columns.map((c, i) => cellText(c.kind, r[i] ?? null)).join(','))];
}

/** File name -> contents, one per sheet. */
export function returnCsvFiles(ret: DataReturn, ruleset: Ruleset): Array<{ name: string; text: string }> {
  return returnSheets(ret, ruleset).map((sheet) => {
    const all = lines(sheet.columns, sheet.rows);
    if (sheet.second) all.push('', ...lines(sheet.second.columns, sheet.second.rows));
    return { name: `${sheet.name}.csv`, text: CSV_BOM + all.join(EOL) + EOL };
  });
}
