// The small parts of a workbook, read with saxes (a streaming XML parser): the package
// and workbook relationships, the sheet list, the cell formats and the shared strings.
import type * as Saxes from 'saxes';
import type { SaxesTagPlain } from 'saxes';
import { isDateFormat, unescapeOoxml } from './xlsx-cells.js';
import { WorkbookError, type PartSink } from './xlsx-zip.js';

// Required when a workbook is first read, like fflate (xlsx-zip.ts): not part of start-up.
let saxesModule: typeof Saxes | undefined;
export const saxes = (): typeof Saxes => (saxesModule ??= require('saxes') as typeof Saxes);

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

/** `x:row` → `row`: some writers prefix every element. */
export const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** An attribute by local name (`r:id` is found as `id` with any prefix). */
export function attribute(attributes: Record<string, string>, local: string, prefixed = false): string | undefined {
  if (!prefixed && local in attributes) return attributes[local];
  for (const key of Object.keys(attributes)) {
    const colon = key.indexOf(':');
    if (colon >= 0 && key.slice(colon + 1) === local) return attributes[key];
  }
  return undefined;
}

/** A part sink that decodes UTF-8 (or UTF-16 with its mark) and feeds saxes. */
export function xmlSink(partName: string, handlers: XmlHandlers, onEnd: () => void = () => {}): PartSink {
  const parser = new (saxes().SaxesParser)({ xmlns: false, position: false });
  const fail = (err: Error): never => {
    throw new WorkbookError(`the workbook cannot be opened: its part ${partName} is damaged (${err.message.split('\n')[0]})`);
  };
  parser.on('error', fail);
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>));
  parser.on('closetag', (tag: SaxesTagPlain) => handlers.close(localName(tag.name)));
  parser.on('text', (text) => handlers.text(text));
  parser.on('cdata', (text) => handlers.text(text));
  let decoder: TextDecoder | null = null;
  return {
    data(chunk) {
      if (!decoder) {
        const utf16 = chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff));
        decoder = new TextDecoder(utf16 ? (chunk[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'utf-8');
      }
      parser.write(decoder.decode(chunk, { stream: true }));
    },
    end() {
      if (decoder) parser.write(decoder.decode());
      parser.close();
      onEnd();
    },
  };
}

export interface Relationship {
  type: string;
  /** the target part's name, resolved against the source part, lower-cased */
  target: string;
}

/** `xl/workbook.xml` + `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`; `/xl/...` is absolute. */
export function resolveTarget(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') base.pop();
    else base.push(segment);
  }
  return base.join('/').toLowerCase();
}

/** The relationships part of `sourcePart` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`). */
export function relsPartOf(sourcePart: string): string {
  const slash = sourcePart.lastIndexOf('/');
  return `${sourcePart.slice(0, slash + 1)}_rels/${sourcePart.slice(slash + 1)}.rels`.toLowerCase();
}

export function relationshipsSink(partName: string, sourcePart: string, into: Map<string, Relationship>): PartSink {
  return xmlSink(partName, {
    open(name, a) {
      if (name !== 'Relationship' || a.TargetMode === 'External') return;
      const id = a.Id;
      if (id !== undefined && a.Target !== undefined && !into.has(id)) into.set(id, { type: a.Type ?? '', target: resolveTarget(sourcePart, a.Target) });
    },
    close() {},
    text() {},
  });
}

export interface SheetEntry {
  name: string;
  state: string;
  relId: string | undefined;
}

export interface WorkbookInfo {
  date1904: boolean;
  sheets: SheetEntry[];
}

export function workbookSink(partName: string, into: WorkbookInfo): PartSink {
  return xmlSink(partName, {
    open(name, a) {
      if (name === 'workbookPr') {
        const v = (a.date1904 ?? '').trim().toLowerCase();
        into.date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        into.sheets.push({ name: a.name ?? '', state: (a.state ?? 'visible').trim(), relId: attribute(a, 'id', true) });
      }
    },
    close() {},
    text() {},
  });
}

/** Per cell style index (`s`): whether a number in it is shown as a date. */
export function stylesSink(partName: string, dateStyles: boolean[]): PartSink {
  const formatCodes = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  return xmlSink(
    partName,
    {
      open(name, a) {
        if (name === 'numFmt') {
          const id = Number(a.numFmtId);
          if (Number.isInteger(id) && a.formatCode !== undefined) formatCodes.set(id, a.formatCode);
        } else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(a.numFmtId ?? '0');
          xfIds.push(Number.isInteger(id) ? id : 0);
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    },
    () => {
      // numFmts come before cellXfs in the schema, but resolve at the end in case they do not.
      for (const id of xfIds) dateStyles.push(isDateFormat(id, formatCodes.get(id)));
    },
  );
}

/**
 * Shared strings, rich text joined into plain text; phonetic runs (`rPh`) are not
 * what the cell shows and are left out.
 */
export function sharedStringsSink(partName: string, into: string[]): PartSink {
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let text = '';
  return xmlSink(partName, {
    open(name) {
      if (name === 'si') {
        inSi = true;
        text = '';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inSi && phonetic === 0) inT = true;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        into.push(unescapeOoxml(text));
        inSi = false;
      }
    },
    text(t) {
      if (inT) text += t;
    },
  });
}
