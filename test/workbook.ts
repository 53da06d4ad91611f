// Builds small .xlsx workbooks for tests, part by part, so a test can say exactly what
// the XML holds (hidden sheets, styles, shared strings, odd orders, hostile zips).
import { zipSync, strToU8, type Zippable } from 'fflate';

export type CellSpec =
  | string // a shared string
  | number // a number, style 0
  | boolean
  | null // no cell
  | { xml: string } // the whole <c> element, written as given
  | { n: number | string; s: number } // a number with a style index
  | { inline: string }
  | { f: string; v?: string; t?: string }; // a formula with its cached value

export interface SheetSpec {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** rows from row 1, or [rowNumber, cells] pairs to leave gaps */
  rows?: Array<CellSpec[] | [number, CellSpec[]]>;
  /** the whole sheet XML instead of rows */
  xml?: string;
  chart?: boolean;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** custom number formats, id → code */
  numFmts?: Record<number, string>;
  /** numFmtId of each cell style; style 0 is General unless given */
  cellXfs?: number[];
  date1904?: boolean;
  /** parts added or replaced, by name */
  extra?: Record<string, string | Uint8Array>;
  /** parts left out */
  omit?: string[];
  /** zip entry order: the shared strings and styles after the sheets, as Excel writes them */
  stringsLast?: boolean;
  level?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function columnName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function makeWorkbook(spec: WorkbookSpec): Buffer {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const shared = (s: string) => {
    let i = stringIndex.get(s);
    if (i === undefined) stringIndex.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const cellXml = (cell: CellSpec, ref: string): string => {
    if (cell === null) return '';
    if (typeof cell === 'string') return `<c r="${ref}" t="s"><v>${shared(cell)}</v></c>`;
    if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
    if (typeof cell === 'boolean') return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
    if ('xml' in cell) return cell.xml;
    if ('inline' in cell) return `<c r="${ref}" t="inlineStr"><is><t>${esc(cell.inline)}</t></is></c>`;
    if ('f' in cell) return `<c r="${ref}"${cell.t ? ` t="${cell.t}"` : ''}><f>${esc(cell.f)}</f>${cell.v === undefined ? '' : `<v>${esc(cell.v)}</v>`}</c>`;
    return `<c r="${ref}" s="${cell.s}"><v>${cell.n}</v></c>`;
  };
  const sheetXml = (sheet: SheetSpec): string => {
    if (sheet.xml !== undefined) return sheet.xml;
    const rows = (sheet.rows ?? []).map((row, i) => {
      const [r, cells] = typeof row[0] === 'number' && Array.isArray(row[1]) ? (row as [number, CellSpec[]]) : [i + 1, row as CellSpec[]];
      return `<row r="${r}">${cells.map((c, j) => cellXml(c, columnName(j + 1) + r)).join('')}</row>`;
    });
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  };

  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheetParts: Record<string, string> = {};
  const sheetEls: string[] = [];
  const rels: string[] = [];
  spec.sheets.forEach((sheet, i) => {
    const n = i + 1;
    const kind = sheet.chart ? 'chartsheet' : 'worksheet';
    const part = sheet.chart ? `chartsheets/sheet${n}.xml` : `worksheets/sheet${n}.xml`;
    sheetParts[`xl/${part}`] = sheet.chart ? '<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>' : sheetXml(sheet);
    sheetEls.push(`<sheet name="${esc(sheet.name)}" sheetId="${n}"${sheet.state && sheet.state !== 'visible' ? ` state="${sheet.state}"` : ''} r:id="rId${n}"/>`);
    rels.push(`<Relationship Id="rId${n}" Type="${R}/${kind}" Target="${part}"/>`);
  });
  const k = spec.sheets.length;
  rels.push(`<Relationship Id="rId${k + 1}" Type="${R}/styles" Target="styles.xml"/>`);
  rels.push(`<Relationship Id="rId${k + 2}" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`);

  const numFmts = Object.entries(spec.numFmts ?? {});
  const xfs = spec.cellXfs ?? [0];
  const styles =
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join('')}</numFmts>` : '') +
    `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` + // never read: only cellXfs style cells
    `<cellXfs count="${xfs.length}">${xfs.map((id) => `<xf numFmtId="${id}" fontId="0" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`;

  const workbook =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}">` +
    (spec.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
    `<sheets>${sheetEls.join('')}</sheets></workbook>`;

  // sheet XML first builds the shared strings, so render sheets before the strings part
  const head: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': workbook,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  };
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`;
  const tail = { 'xl/styles.xml': styles, 'xl/sharedStrings.xml': sst };
  const ordered: Record<string, string | Uint8Array> = spec.stringsLast ? { ...head, ...sheetParts, ...tail } : { ...head, ...tail, ...sheetParts };
  Object.assign(ordered, spec.extra ?? {});
  for (const name of spec.omit ?? []) delete ordered[name];
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(ordered)) zippable[name] = typeof content === 'string' ? strToU8(content) : content;
  return Buffer.from(zipSync(zippable, { level: (spec.level ?? 6) as 6 }));
}
