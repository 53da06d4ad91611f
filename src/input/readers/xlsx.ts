// The workbook reader (engagements.md section 4; readings 24–27): an `.xlsx` file's
// first visible worksheet as records of text cells, each with the row number Excel
// shows, so every rule of "The file" then applies as for CSV.
//
// fflate (zip) and saxes (XML) rather than exceljs: the check pipeline is synchronous
// steps (signals are let in between), which an async stream reader cannot join, and
// exceljs's streaming reader loses what section 4 asks for (cached formula errors
// such as #N/A, date-typed cells, rich inline strings, sheets whose part is not named
// sheetN.xml), spools sheets to temporary files when the shared strings come after
// them (as Excel writes them), and cannot stop a part that expands past its declared
// size. Measurements: docs/performance.md.
import { createHash } from 'node:crypto';
import { isoDateText, numericCellText, unescapeOoxml } from './xlsx-cells.js';
import { readMergedCells } from './xlsx-merges.js';
import {
  attribute, relationshipsSink, relsPartOf, sharedStringsSink, stylesSink, workbookSink, xmlSink,
  type Relationship, type WorkbookInfo,
} from './xlsx-parts.js';
import type { ByteSnapshot } from './bytes.js';
import { readMeter } from '../meter.js';
import type { InputRecord, ReadOutcome, RecordReader } from './types.js';
import { MAX_EXPANDED_BYTES, WorkbookError, streamParts, zipEntries, type PartSink, type ZipEntry } from './xlsx-zip.js';

export type WorkbookRecordSink = (cells: string[], line: number) => void;

export interface WorkbookReadResult {
  sha256: string | null;
  /** a plain message for `unreadable_file`, or null */
  failure: string | null;
  /** the sheet read (inputs[].sheet) */
  sheet: string | null;
  /** hidden sheets before the one read, so the report can say which sheet it read */
  hiddenBefore: string[];
}

export interface WorkbookOptions {
  /** a sheet named by a profile (section 5), read even when hidden */
  sheet?: string;
}

/** Excel's grid: 16,384 columns (XFD), 1,048,576 rows. */
const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;

const endsWithType = (rel: Relationship, type: string) => rel.type.endsWith('/' + type);

/** Reads a workbook held in memory, one step per chunk of its zip. */
export function* readWorkbookSteps(bytes: Uint8Array, sink: WorkbookRecordSink, options: WorkbookOptions = {}): Generator<void, WorkbookReadResult> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const found = yield* chooseSheet(bytes, options);
    yield* readSheet(bytes, found, sink);
    return { sha256, failure: null, sheet: found.sheet, hiddenBefore: found.hiddenBefore };
  } catch (err) {
    if (!(err instanceof WorkbookError)) throw err;
    return { sha256, failure: err.message, sheet: null, hiddenBefore: [] };
  }
}

interface ChosenSheet {
  entries: Map<string, ZipEntry>;
  sheet: string;
  part: string;
  hiddenBefore: string[];
  date1904: boolean;
  dateStyles: boolean[];
  sharedStrings: string[];
}

/** Streams the named parts (those present) to their sinks; returns the names that ended. */
function* readParts(bytes: Uint8Array, entries: Map<string, ZipEntry>, sinks: Map<string, PartSink>): Generator<void, Set<string>> {
  const ended = new Set<string>();
  const wanted = new Map([...sinks].filter(([key]) => entries.has(key)));
  if (wanted.size === 0) return ended;
  yield* streamParts(
    bytes,
    entries,
    (key) => {
      const sink = wanted.get(key);
      if (!sink) return null;
      wanted.delete(key); // a name stored twice: the first entry only
      return { data: (c) => sink.data(c), end: () => (sink.end(), ended.add(key)) };
    },
    () => ended.size === sinks.size,
  );
  return ended;
}

/** Where Excel and most writers put the parts: read in one pass, others looked up after. */
const USUAL = { workbook: 'xl/workbook.xml', styles: 'xl/styles.xml', sharedStrings: 'xl/sharedstrings.xml' };

class WorkbookParts {
  readonly rootRels = new Map<string, Relationship>();
  info: WorkbookInfo = { date1904: false, sheets: [] };
  rels = new Map<string, Relationship>();
  dateStyles: boolean[] = [];
  sharedStrings: string[] = [];

  workbookSinks(part: string): Map<string, PartSink> {
    this.info = { date1904: false, sheets: [] };
    this.rels = new Map();
    const relsPart = relsPartOf(part);
    return new Map([[part, workbookSink(part, this.info)], [relsPart, relationshipsSink(relsPart, part, this.rels)]]);
  }

  cellSinks(stylesPart: string, stringsPart: string): Map<string, PartSink> {
    this.dateStyles = [];
    this.sharedStrings = [];
    return new Map([[stylesPart, stylesSink(stylesPart, this.dateStyles)], [stringsPart, sharedStringsSink(stringsPart, this.sharedStrings)]]);
  }

  relOfType(type: string): string | undefined {
    for (const rel of this.rels.values()) if (endsWithType(rel, type)) return rel.target;
    return undefined;
  }
}

function* chooseSheet(bytes: Uint8Array, options: WorkbookOptions): Generator<void, ChosenSheet> {
  const entries = zipEntries(bytes);
  const parts = new WorkbookParts();
  // 1. the package relationships, the workbook (its sheets in tab order and its
  // relationships), the cell formats and the shared strings, where they usually are
  yield* readParts(bytes, entries, new Map([
    ['_rels/.rels', relationshipsSink('_rels/.rels', '', parts.rootRels)],
    ...parts.workbookSinks(USUAL.workbook),
    ...parts.cellSinks(USUAL.styles, USUAL.sharedStrings),
  ]));
  const officeDocument = [...parts.rootRels.values()].find((r) => endsWithType(r, 'officeDocument'));
  const workbookPart = officeDocument && entries.has(officeDocument.target) ? officeDocument.target : USUAL.workbook;
  if (!entries.has(workbookPart)) {
    throw new WorkbookError(
      entries.has('content.xml')
        ? 'this is an OpenDocument spreadsheet, not an .xlsx workbook; save it as .xlsx or as "CSV UTF-8"'
        : 'this is a zip archive but not an Excel workbook (it has no workbook part); save it as .xlsx or as "CSV UTF-8"',
    );
  }
  if (workbookPart !== USUAL.workbook) yield* readParts(bytes, entries, parts.workbookSinks(workbookPart));
  const stylesPart = parts.relOfType('styles') ?? USUAL.styles;
  const stringsPart = parts.relOfType('sharedStrings') ?? USUAL.sharedStrings;
  if (stylesPart !== USUAL.styles || stringsPart !== USUAL.sharedStrings) yield* readParts(bytes, entries, parts.cellSinks(stylesPart, stringsPart));

  const { info, rels } = parts;
  const hiddenBefore: string[] = [];
  let chosen: { name: string; part: string } | null = null;
  const worksheets: string[] = [];
  // Excel's sheet names are unique ignoring case, so a name in another case is still one sheet.
  const wanted = options.sheet?.trim().toLowerCase();
  for (const sheet of info.sheets) {
    const rel = sheet.relId === undefined ? undefined : rels.get(sheet.relId);
    // Chart sheets, dialog and macro sheets are not worksheets (reading 27).
    if (!rel || !endsWithType(rel, 'worksheet') || !entries.has(rel.target)) continue;
    if (options.sheet !== undefined) {
      worksheets.push(sheet.name);
      if (sheet.name === options.sheet) {
        chosen = { name: sheet.name, part: rel.target };
        break;
      }
      if (!chosen && sheet.name.trim().toLowerCase() === wanted) chosen = { name: sheet.name, part: rel.target };
      continue;
    }
    if (sheet.state === 'hidden' || sheet.state === 'veryHidden') {
      hiddenBefore.push(sheet.name);
      continue;
    }
    chosen = { name: sheet.name, part: rel.target };
    break;
  }
  if (!chosen) {
    if (options.sheet !== undefined) {
      const names = worksheets.map((name) => `"${name}"`).join(', ');
      throw new WorkbookError(`the workbook has no worksheet named "${options.sheet}", the sheet its profile names (its worksheets: ${names || 'none'}); correct "sheet" in the profile`);
    }
    throw new WorkbookError(
      info.sheets.length === 0
        ? 'the workbook has no worksheet'
        : 'the workbook has no visible worksheet (every sheet is hidden, or is a chart); unhide the sheet to check, or save it as "CSV UTF-8"',
    );
  }
  return { entries, sheet: chosen.name, part: chosen.part, hiddenBefore, date1904: info.date1904, dateStyles: parts.dateStyles, sharedStrings: parts.sharedStrings };
}

/** `BC12` → column 55 (1-based); 0 when the reference has no letters. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower-case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
    if (col > MAX_COLUMNS) return MAX_COLUMNS + 1;
  }
  return col;
}

function* readSheet(bytes: Uint8Array, found: ChosenSheet, sink: WorkbookRecordSink): Generator<void, void> {
  const { sharedStrings, dateStyles, date1904 } = found;
  const merged = yield* readMergedCells(bytes, found.entries, found.part);
  let rowNumber = 0;
  let cells: string[] = [];
  let width = 0; // the last column holding a value (reading 25)
  let col = 0;
  let type = '';
  let style = 0;
  let inRow = false;
  let inCell = false;
  let collecting = false; // inside <v>, or a <t> of an inline string
  let phonetic = 0;
  let value = '';
  let hasValue = false;

  const place = (text: string) => {
    if (text === '' || merged?.hides(rowNumber, col)) return;
    if (col > MAX_COLUMNS) throw new WorkbookError(`the workbook cannot be read: row ${rowNumber} has a cell beyond column XFD, the last one Excel has`);
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = text;
    if (col > width) width = col;
  };

  const cellText = (): string => {
    if (!hasValue) return ''; // a formula with no cached value, or a styled empty cell
    switch (type) {
      case 's': {
        const i = Number(value);
        return Number.isInteger(i) && i >= 0 && i < sharedStrings.length ? sharedStrings[i]! : '';
      }
      case 'inlineStr':
      case 'str':
        return unescapeOoxml(value);
      case 'b':
        return value.trim() === '1' || value.trim().toLowerCase() === 'true' ? 'true' : 'false';
      case 'e':
        return value;
      case 'd':
        return isoDateText(value);
      default:
        return numericCellText(value, dateStyles[style] === true, date1904);
    }
  };

  const handlers = {
    open(name: string, a: Record<string, string>) {
      if (name === 'row') {
        const r = Number(attribute(a, 'r'));
        // `r` is optional: a row without it follows the one before.
        rowNumber = Number.isInteger(r) && r >= 1 ? r : rowNumber + 1;
        if (rowNumber > MAX_ROWS) throw new WorkbookError(`the workbook cannot be read: it has a row beyond row ${MAX_ROWS}, the last one Excel has`);
        inRow = true;
        cells = [];
        width = 0;
        col = 0;
      } else if (name === 'c' && inRow) {
        const ref = attribute(a, 'r');
        const c = ref === undefined ? 0 : columnOf(ref);
        col = c > 0 ? c : col + 1;
        type = a.t ?? 'n';
        const s = Number(a.s ?? '0');
        style = Number.isInteger(s) && s >= 0 ? s : 0;
        inCell = true;
        value = '';
        hasValue = false;
        phonetic = 0;
      } else if (inCell) {
        if (name === 'v') {
          collecting = true;
          hasValue = true;
          value = '';
        } else if (name === 'is') {
          hasValue = true;
          value = '';
        } else if (name === 'rPh') phonetic++;
        else if (name === 't' && phonetic === 0 && type === 'inlineStr') collecting = true;
      }
    },
    close(name: string) {
      if (name === 'v' || name === 't') collecting = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c' && inCell) {
        place(cellText());
        inCell = false;
      } else if (name === 'row' && inRow) {
        inRow = false;
        cells.length = width;
        // Rows absent from the XML are blank records; they are skipped anyway, so only
        // the rows present are passed on, each with its own number.
        sink(cells, rowNumber);
      }
    },
    text(t: string) {
      if (collecting) value += t;
    },
  };

  let ended = false;
  const sheetSink = xmlSink(found.part, handlers, () => (ended = true));
  yield* streamParts(bytes, found.entries, (key) => (key === found.part ? sheetSink : null), () => ended);
  if (!ended) throw new WorkbookError(`the workbook cannot be opened: the sheet "${found.sheet}" is damaged or missing`);
}



// ------------------------------------------------------------ the reader interface

/** Records handed over per batch, at most. */
const BATCH = 2048;

/**
 * The workbook reader behind the readers' interface (types.ts): records in batches,
 * at most 64 steps of the zip (512 KB) per batch so that a caller lets signals in, and
 * at the end the outcome (checksum, sheet, failure).
 */
export function workbookReader(source: ByteSnapshot, options: WorkbookOptions = {}): RecordReader {
  let batch: InputRecord[] = [];
  let result: WorkbookReadResult | null = null;
  let steps: Generator<void, WorkbookReadResult> | null = null;
  if (source.size > MAX_EXPANDED_BYTES + 2 ** 20) {
    result = { sha256: null, failure: 'the workbook is larger than 256 MB, so it was not opened', sheet: null, hiddenBefore: [] };
  } else {
    const bytes = Buffer.allocUnsafe(source.size);
    let pos = 0;
    while (pos < bytes.length) {
      const n = source.readAt(bytes.subarray(pos), pos);
      if (n === 0) break;
      pos += n;
    }
    readMeter.bytes += pos;
    steps = readWorkbookSteps(bytes.subarray(0, pos), (cells, line) => batch.push({ cells, line }), options);
  }
  const nextSync = (): InputRecord[] | null => {
    for (let n = 0; steps !== null && batch.length < BATCH && n < 64; n++) {
      const step = steps.next();
      if (step.done) {
        result = step.value;
        steps = null;
      }
    }
    if (batch.length === 0 && steps === null) return null;
    const out = batch;
    batch = [];
    return out;
  };
  return {
    nextSync,
    next: () => Promise.resolve(nextSync()),
    outcome: (): ReadOutcome => {
      const r = result ?? { sha256: null, failure: 'the workbook was not read to its end', sheet: null, hiddenBefore: [] };
      return {
        sha256: r.sha256,
        failure: r.failure === null ? null : { kind: 'workbook', message: r.failure },
        broken: null,
        encoding: null,
        sheet: r.sheet,
        workbook: { hiddenSheets: r.hiddenBefore },
      };
    },
    close: () => {
      steps?.return(undefined as never);
      steps = null;
      source.close();
    },
  };
}
