// Merged ranges of a sheet: "a merged range: its value in its top-left cell only"
// (section 4). Excel keeps no value in the other cells of a merge, but LibreOffice can
// ("keep the contents of hidden cells"), and a person sees only the top-left one.
// The ranges are listed after the rows in the sheet's XML, so the sheet is scanned for
// them first: its bytes are searched for `mergeCells`, and only that section is parsed.
import type { SaxesTagPlain } from 'saxes';
import { attribute, localName, saxes } from './xlsx-parts.js';
import { WorkbookError, streamParts, type ZipEntry } from './xlsx-zip.js';

interface Range {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** Rows spanned by a range indexed row by row; taller ranges are checked on every row. */
const INDEXED_ROWS = 1000;

export class MergedCells {
  private readonly byRow = new Map<number, Range[]>();
  private readonly tall: Range[] = [];

  constructor(ranges: Range[]) {
    for (const range of ranges) {
      if (range.r2 - range.r1 >= INDEXED_ROWS) {
        this.tall.push(range);
        continue;
      }
      for (let r = range.r1; r <= range.r2; r++) {
        const list = this.byRow.get(r);
        if (list) list.push(range);
        else this.byRow.set(r, [range]);
      }
    }
  }

  /** A cell inside a merged range other than its top-left one: its value is not shown. */
  hides(row: number, col: number): boolean {
    const inside = (g: Range) => row >= g.r1 && row <= g.r2 && col >= g.c1 && col <= g.c2 && (row !== g.r1 || col !== g.c1);
    const list = this.byRow.get(row);
    if (list) for (const g of list) if (inside(g)) return true;
    for (const g of this.tall) if (inside(g)) return true;
    return false;
  }
}

const CELL_REF = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;

function parseCellRef(ref: string): { row: number; col: number } | null {
  const m = CELL_REF.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function parseRange(ref: string): Range | null {
  const [a, b = a] = ref.split(':');
  const from = parseCellRef(a!);
  const to = parseCellRef(b!);
  if (!from || !to) return null;
  return { r1: Math.min(from.row, to.row), c1: Math.min(from.col, to.col), r2: Math.max(from.row, to.row), c2: Math.max(from.col, to.col) };
}

const MARKER = Buffer.from('mergeCells');
const isNameByte = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === 0x2d || b === 0x2e;

/** Where `<mergeCells` or `<x:mergeCells` starts in `window` (an element, not the word in text); -1 if not. */
function elementStart(window: Buffer): number {
  for (let at = window.indexOf(MARKER); at >= 0; at = window.indexOf(MARKER, at + 1)) {
    if (at >= 1 && window[at - 1] === 0x3c) return at - 1;
    if (at >= 1 && window[at - 1] === 0x3a) {
      let i = at - 2;
      while (i >= 0 && isNameByte(window[i]!)) i--;
      if (i >= 0 && i < at - 2 && window[i] === 0x3c) return i;
    }
  }
  return -1;
}

/** Scans the sheet part for its merged ranges; null when it has none. */
export function* readMergedCells(bytes: Uint8Array, entries: Map<string, ZipEntry>, part: string): Generator<void, MergedCells | null> {
  let tail: Buffer = Buffer.alloc(0);
  let section: string | null = null; // the text from `<…mergeCells`, once found
  let done = false;
  const decoder = new TextDecoder('utf-8');
  const sink = {
    data(chunk: Uint8Array) {
      if (done) return;
      let added: string;
      if (section !== null) {
        added = decoder.decode(chunk, { stream: true });
        section += added;
      } else {
        // the chunk itself, then (rarely needed) its first bytes after the last chunk's end
        const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
        let window = view;
        let open = elementStart(view);
        if (open < 0 && tail.length > 0) {
          window = Buffer.concat([tail, view.subarray(0, 80)]);
          open = elementStart(window);
          if (open >= 0) window = Buffer.concat([tail, view]);
        }
        if (open < 0) {
          tail = Buffer.from(view.subarray(Math.max(0, view.length - 80)));
          return;
        }
        section = added = decoder.decode(window.subarray(open), { stream: true });
      }
      // the end of the section: `</…mergeCells>` (or `<mergeCells/>`), looked for in what was added
      const from = Math.max(0, section.length - added.length - 40);
      if (/^<[^>]*\/>/.test(section) || /<\/[^<>]*mergeCells\s*>/.test(section.slice(from))) done = true;
    },
    end() {
      done = true;
    },
  };
  yield* streamParts(bytes, entries, (key) => (key === part ? sink : null), () => done);
  if (section === null) return null;
  const text: string = section;
  // `<mergeCells/>` or `<mergeCells …>…</mergeCells>`: cut after its end, parse as a fragment.
  const selfClosing = /^<[^>]*\/>/.exec(text);
  const close = /<\/[A-Za-z0-9_]*:?mergeCells\s*>/.exec(text);
  const fragment = selfClosing ? selfClosing[0] : close ? text.slice(0, close.index + close[0].length) : null;
  if (fragment === null) return null; // the word in a string or a comment, not the element
  const ranges: Range[] = [];
  const parser = new (saxes().SaxesParser)({ xmlns: false, fragment: true });
  parser.on('error', (err) => {
    throw new WorkbookError(`the workbook cannot be opened: its part ${part} is damaged (${err.message.split('\n')[0]})`);
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (localName(tag.name) !== 'mergeCell') return;
    const ref = attribute(tag.attributes as Record<string, string>, 'ref');
    const range = ref === undefined ? null : parseRange(ref);
    if (range) ranges.push(range);
  });
  parser.write(fragment).close();
  return ranges.length === 0 ? null : new MergedCells(ranges);
}
