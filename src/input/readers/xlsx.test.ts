import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { makeWorkbook, type CellSpec, type WorkbookSpec } from '../../../test/workbook.js';
import { readWorkbookSteps, workbookReader, type WorkbookOptions } from './xlsx.js';

function read(bytes: Uint8Array, options: WorkbookOptions = {}) {
  const records: Array<{ cells: string[]; line: number }> = [];
  const steps = readWorkbookSteps(bytes, (cells, line) => records.push({ cells, line }), options);
  for (;;) {
    const next = steps.next();
    if (next.done) return { ...next.value, records };
  }
}

const sheet = (rows: SheetRows, extra: Partial<WorkbookSpec> = {}) => makeWorkbook({ sheets: [{ name: 'Data', rows }], ...extra });
type SheetRows = Array<CellSpec[] | [number, CellSpec[]]>;

/** The text of the single cell A1 of a one-cell sheet. */
function cell(c: CellSpec, extra: Partial<WorkbookSpec> = {}): string | undefined {
  const result = read(sheet([[c]], extra));
  expect(result.failure).toBeNull();
  return result.records[0]?.cells[0];
}

/** Rewrites the central-directory sizes of one entry (what a lying or hostile zip declares). */
function patchDirectory(zip: Uint8Array, name: string, sizes: { compressed?: number; original?: number }): Buffer {
  const buf = Buffer.from(zip);
  const sig = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = buf.indexOf(sig); at >= 0; at = buf.indexOf(sig, at + 4)) {
    const nameLength = buf.readUInt16LE(at + 28);
    if (buf.toString('utf8', at + 46, at + 46 + nameLength) !== name) continue;
    if (sizes.compressed !== undefined) buf.writeUInt32LE(sizes.compressed, at + 20);
    if (sizes.original !== undefined) buf.writeUInt32LE(sizes.original, at + 24);
    return buf;
  }
  throw new Error(`no entry ${name}`);
}

describe('workbook records', () => {
  it('reads the first sheet as records with Excel row numbers', () => {
    const result = read(sheet([['la_code', 'assignment_id'], ['E10000016', 'A-1'], [886, 'A-2']]));
    expect(result.failure).toBeNull();
    expect(result.sheet).toBe('Data');
    expect(result.records).toEqual([
      { cells: ['la_code', 'assignment_id'], line: 1 },
      { cells: ['E10000016', 'A-1'], line: 2 },
      { cells: ['886', 'A-2'], line: 3 },
    ]);
  });

  it('keeps the row numbers of rows after missing ones (reading 25)', () => {
    const result = read(sheet([[3, ['Title']], [5, ['a', 'b']], [9, ['c']]]));
    expect(result.records.map((r) => r.line)).toEqual([3, 5, 9]);
  });

  it('ends a record at the last cell holding a value; styled empty cells do not widen it (reading 25)', () => {
    const xml = `<worksheet><sheetData>
      <row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c><c r="E1" s="1"/><c r="F1" t="s"/></row>
      <row r="2"><c r="B2"><v>5</v></c><c r="D2" s="1"><f>A1</f></c></row>
      <row r="3" s="1" customFormat="1"/>
    </sheetData></worksheet>`;
    const result = read(makeWorkbook({ sheets: [{ name: 'S', xml }], cellXfs: [0, 0] }));
    expect(result.records).toEqual([
      { cells: ['a', '', 'c'], line: 1 },
      { cells: ['', '5'], line: 2 },
      { cells: [], line: 3 },
    ]);
  });

  it('reads rows and cells that carry no reference, each after the one before', () => {
    const xml = '<worksheet><sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row><row><c r="C2"><v>2</v></c><c><v>3</v></c></row></sheetData></worksheet>';
    expect(read(makeWorkbook({ sheets: [{ name: 'S', xml }] })).records).toEqual([
      { cells: ['a', '1'], line: 1 },
      { cells: ['', '', '2', '3'], line: 2 },
    ]);
  });

  it('reads elements with a namespace prefix (x:row)', () => {
    const xml = '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row x:r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>hi</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>';
    expect(read(makeWorkbook({ sheets: [{ name: 'S', xml }] })).records).toEqual([{ cells: ['', 'hi'], line: 2 }]);
  });

  it('reads a workbook whose shared strings come after its sheets, as Excel writes them', () => {
    const result = read(sheet([['x', 'y'], ['y', 'x']], { stringsLast: true }));
    expect(result.records.map((r) => r.cells)).toEqual([['x', 'y'], ['y', 'x']]);
  });

  it('finds parts where the relationships say, relative or absolute, in any case', () => {
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const rels = (body: string) => `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
    const bytes = makeWorkbook({
      sheets: [],
      omit: ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'],
      extra: {
        '_rels/.rels': rels(`<Relationship Id="r1" Type="${R}/officeDocument" Target="/Book/Main.xml"/>`),
        'Book/Main.xml': `<workbook xmlns:rel="${R}"><workbookPr date1904="true"/><sheets><sheet name="Only" sheetId="1" rel:id="a"/></sheets></workbook>`,
        'Book/_rels/Main.xml.rels': rels(`<Relationship Id="a" Type="${R}/worksheet" Target="../Data/one.xml"/><Relationship Id="b" Type="${R}/styles" Target="/Book/Fmt.xml"/><Relationship Id="c" Type="${R}/sharedStrings" Target="strings.xml"/>`),
        'Book/Fmt.xml': '<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
        'Book/strings.xml': '<sst><si><t>hello</t></si></sst>',
        'data/ONE.xml': '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>44286</v></c></row></sheetData></worksheet>',
      },
    });
    const result = read(bytes);
    expect(result.failure).toBeNull();
    expect(result.sheet).toBe('Only');
    expect(result.records).toEqual([{ cells: ['hello', '2025-04-01'], line: 1 }]);
  });

  it('gives the SHA-256 of the file bytes', () => {
    const bytes = sheet([['a']]);
    expect(read(bytes).sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('which sheet is read (reading 27)', () => {
  const book = (sheets: WorkbookSpec['sheets']) => makeWorkbook({ sheets });
  it.each([
    ['the first', [{ name: 'One', rows: [['1']] }, { name: 'Two', rows: [['2']] }], 'One', []],
    ['after a hidden one', [{ name: 'Old', state: 'hidden' as const, rows: [['0']] }, { name: 'Two', rows: [['2']] }], 'Two', ['Old']],
    ['after a very hidden one', [{ name: 'Lookup', state: 'veryHidden' as const, rows: [['0']] }, { name: 'Two', rows: [['2']] }], 'Two', ['Lookup']],
    ['after a chart sheet', [{ name: 'Chart1', chart: true }, { name: 'Two', rows: [['2']] }], 'Two', []],
  ])('%s', (_, sheets, name, hidden) => {
    const result = read(book(sheets as WorkbookSpec['sheets']));
    expect(result.failure).toBeNull();
    expect(result.sheet).toBe(name);
    expect(result.hiddenBefore).toEqual(hidden);
    expect(result.records[0]!.cells).toEqual([name === 'One' ? '1' : '2']);
  });

  it('a workbook with no visible worksheet is unreadable', () => {
    const result = read(book([{ name: 'A', state: 'hidden', rows: [['1']] }, { name: 'C', chart: true }]));
    expect(result.failure).toMatch(/no visible worksheet/);
    expect(result.sheet).toBeNull();
    expect(result.records).toEqual([]);
  });

  it('a sheet named by a profile is read even when hidden', () => {
    const result = read(book([{ name: 'A', rows: [['1']] }, { name: 'B', state: 'hidden', rows: [['2']] }]), { sheet: 'B' });
    expect(result.sheet).toBe('B');
    expect(result.records[0]!.cells).toEqual(['2']);
    expect(read(book([{ name: 'A', rows: [['1']] }]), { sheet: 'Z' }).failure).toMatch(/no worksheet named "Z", the sheet its profile names \(its worksheets: "A"\)/);
  });
});

describe('cells as a person sees them', () => {
  const styled = (n: number | string, numFmtId: number, numFmts?: Record<number, string>, extra: Partial<WorkbookSpec> = {}) =>
    cell({ n, s: 1 }, { cellXfs: [0, numFmtId], numFmts, ...extra });

  it.each([
    [38.5, '38.5'],
    [52, '52'],
    [0.1, '0.1'],
    [0.30000000000000004, '0.30000000000000004'],
    [886, '886'],
    ['1E+21', '1000000000000000000000'],
    ['1.5E-7', '0.00000015'],
    ['-2.5', '-2.5'],
    ['007', '7'],
  ])('the number %s reads %s', (n, text) => {
    expect(cell({ n, s: 0 })).toBe(text);
  });

  it.each([
    [45748, 14, undefined, '2025-04-01'],
    [45748, 22, undefined, '2025-04-01'],
    [45748.5, 22, undefined, '2025-04-01 12:00:00'],
    [45748.1, 22, undefined, '2025-04-01 02:24:00'], // rounded to the millisecond, then truncated
    [45748.0000001, 14, undefined, '2025-04-01 00:00:00'], // a fraction of a second past midnight (reading 26)
    [45748.99999, 14, undefined, '2025-04-01 23:59:59'],
    [0.75, 20, undefined, '1899-12-30 18:00:00'], // time only (reading 26)
    [1, 14, undefined, '1900-01-01'],
    [61, 14, undefined, '1900-03-01'],
    [45748, 164, { 164: 'dd/mm/yyyy' }, '2025-04-01'],
    [45748, 164, { 164: 'DD-MMM-YYYY' }, '2025-04-01'],
    [45748, 164, { 164: '[$-809]d mmmm yyyy;@' }, '2025-04-01'],
    [45748, 164, { 164: '[h]:mm' }, '45748'], // a duration is its number (reading 26)
    [1.5, 164, { 164: '[mm]:ss' }, '1.5'],
    [45748, 164, { 164: '0.00" days"' }, '45748'], // letters in quotes do not count
    [45748, 164, { 164: '[Red]#,##0.00' }, '45748'], // nor in brackets
    [45748, 164, { 164: '£#,##0.00' }, '45748'],
    [38.5, 4, undefined, '38.5'], // #,##0.00 shows 38.50; the number is read
    [0.5, 9, undefined, '0.5'], // 0% shows 50%
    [45748, 2, undefined, '45748'],
    [45748, 49, undefined, '45748'], // text format
  ])('%s with format %s %j reads %s', (n, id, fmts, text) => {
    expect(styled(n, id, fmts)).toBe(text);
  });

  it('honours the 1904 date system', () => {
    expect(styled(44286, 14, undefined, { date1904: true })).toBe('2025-04-01');
  });

  it('only cell styles count, not the cell style formats (cellStyleXfs)', () => {
    expect(cell({ n: 45748, s: 0 })).toBe('45748'); // the builder's cellStyleXfs holds a date format
  });

  it.each([
    [{ xml: '<c r="A1" t="b"><v>1</v></c>' }, 'true'],
    [false, 'false'],
    [{ xml: '<c r="A1" t="e"><v>#N/A</v></c>' }, '#N/A'],
    [{ f: 'VLOOKUP(B1,X:Y,2,0)', v: '#N/A', t: 'e' }, '#N/A'],
    [{ f: 'A2&"x"', v: 'Kent', t: 'str' }, 'Kent'],
    [{ f: 'A2>1', v: '1', t: 'b' }, 'true'],
    [{ f: 'A2*2', v: '77' }, '77'],
    [{ f: 'A2*2' }, undefined], // no cached value: blank
    [{ xml: '<c r="A1" t="d"><v>2025-04-01T00:00:00</v></c>' }, '2025-04-01'],
    [{ xml: '<c r="A1" t="d"><v>2025-04-01T09:30:00.250</v></c>' }, '2025-04-01 09:30:00'],
    [{ xml: '<c r="A1" t="inlineStr"><is><r><t>Kent </t></r><r><rPr><b/></rPr><t>County</t></r></is></c>' }, 'Kent County'],
    [{ inline: ' spaced ' }, ' spaced '],
    [{ xml: '<c r="A1" t="str"><v>a_x000D_b</v></c>' }, 'a\rb'],
  ] as Array<[CellSpec, string | undefined]>)('%j reads %j', (c, text) => {
    expect(cell(c)).toBe(text);
  });

  it('joins rich shared strings and leaves out phonetic runs', () => {
    const sst = '<sst><si><r><t>East </t></r><r><t>Sussex</t></r></si><si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si><si><t>a_x005F_x000D_b</t></si></sst>';
    const xml = '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row></sheetData></worksheet>';
    const result = read(makeWorkbook({ sheets: [{ name: 'S', xml }], extra: { 'xl/sharedStrings.xml': sst } }));
    expect(result.records[0]!.cells).toEqual(['East Sussex', '漢字', 'a_x000D_b']);
  });
});

describe('merged ranges: the value of the top-left cell only', () => {
  const inl = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const sheetWith = (merges: string, prefix = '') =>
    `<${prefix}worksheet><${prefix}sheetData>` +
    `<row r="1">${inl('A1', 'Title')}${inl('B1', 'kept by LibreOffice')}${inl('C1', 'x')}</row>` +
    `<row r="2">${inl('A2', 'a')}${inl('B2', 'b')}${inl('C2', 'c')}</row>` +
    `<row r="3">${inl('A3', 'mergeCells is a word here')}${inl('B3', 'hidden')}</row>` +
    `</${prefix}sheetData>${merges}</${prefix}worksheet>`;
  const cellsOf = (xml: string) => read(makeWorkbook({ sheets: [{ name: 'S', xml }] })).records.map((r) => r.cells);

  it('hides the other cells of each range; a record ends at its last shown value', () => {
    expect(cellsOf(sheetWith('<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="$A$3:$B$4"/></mergeCells>'))).toEqual([
      ['Title'],
      ['a', 'b', 'c'],
      ['mergeCells is a word here'],
    ]);
  });

  it('with a namespace prefix, and none at all', () => {
    expect(cellsOf(sheetWith('<x:mergeCells><x:mergeCell ref="B2:C2"/></x:mergeCells>', 'x:'))[1]).toEqual(['a', 'b']);
    expect(cellsOf(sheetWith('<mergeCells/>'))[0]).toEqual(['Title', 'kept by LibreOffice', 'x']);
    expect(cellsOf(sheetWith(''))[2]).toEqual(['mergeCells is a word here', 'hidden']);
  });

  it('a tall range spanning many rows', () => {
    expect(cellsOf(sheetWith('<mergeCells><mergeCell ref="B1:B5000"/></mergeCells>'))).toEqual([
      ['Title', 'kept by LibreOffice', 'x'], // B1 is the range's top-left cell
      ['a', '', 'c'],
      ['mergeCells is a word here'],
    ]);
  });
});

describe('workbooks that cannot be read are unreadable_file with a plain message', () => {
  const good = () => sheet([['a', 'b'], ...Array.from({ length: 50 }, (_, i) => [`row ${i}`, i])]);

  it.each([
    ['random bytes after a zip signature', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), /workbook cannot be opened/],
    ['a truncated file', good().subarray(0, 300), /workbook cannot be opened/],
    ['a zip that is not a workbook', Buffer.from(zipSync({ 'word/document.xml': strToU8('<w/>') })), /not an Excel workbook/],
    ['an OpenDocument spreadsheet', Buffer.from(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') })), /OpenDocument/],
    ['a sheet that is not XML', makeWorkbook({ sheets: [{ name: 'S', xml: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</c></row>' }] }), /part xl\/worksheets\/sheet1.xml is damaged/],
    ['a sheet part that is missing', makeWorkbook({ sheets: [{ name: 'S', rows: [['a']] }], omit: ['xl/worksheets/sheet1.xml'] }), /no visible worksheet/],
    ['a cell beyond column XFD', makeWorkbook({ sheets: [{ name: 'S', xml: '<worksheet><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>' }] }), /beyond column XFD/],
    ['an entity it does not know', makeWorkbook({ sheets: [{ name: 'S', xml: '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>' }] }), /is damaged/],
  ])('%s', (_, bytes, message) => {
    const result = read(bytes);
    expect(result.failure).toMatch(message);
    expect(result.sheet).toBeNull();
  });

  describe('zip-bomb limits (reading 24)', () => {
    it('a part that would expand beyond 100 times its compressed size', () => {
      const bomb = makeWorkbook({ sheets: [{ name: 'S', rows: [['a']] }], extra: { 'xl/media/pad.bin': new Uint8Array(1 << 20) } });
      expect(read(bomb).failure).toMatch(/zip bomb: its part xl\/media\/pad.bin would expand to more than 100 times/);
    });

    it('exactly 100 times passes; one byte more does not', () => {
      const base = sheet([['a']], { extra: { 'xl/pad.bin': new Uint8Array(0) }, level: 0 });
      expect(read(patchDirectory(base, 'xl/pad.bin', { compressed: 10, original: 1000 })).failure).toBeNull();
      expect(read(patchDirectory(base, 'xl/pad.bin', { compressed: 10, original: 1001 })).failure).toMatch(/100 times/);
    });

    it('an empty part (0/0) passes; 0 bytes declared to expand does not', () => {
      const base = sheet([['a']], { extra: { 'xl/empty.bin': new Uint8Array(0) }, level: 0 });
      expect(read(base).failure).toBeNull();
      expect(read(patchDirectory(base, 'xl/empty.bin', { original: 1 })).failure).toMatch(/100 times/);
    });

    it('parts that would expand beyond 256 × 2^20 bytes in all', () => {
      const base = sheet([['a']], { extra: { 'xl/a.bin': new Uint8Array(0), 'xl/b.bin': new Uint8Array(0) }, level: 0 });
      const half = 128 * 2 ** 20;
      const atLimit = patchDirectory(patchDirectory(base, 'xl/a.bin', { compressed: 2 ** 21, original: half }), 'xl/b.bin', { compressed: 2 ** 21, original: half - 2000 });
      expect(read(atLimit).failure).toBeNull();
      const over = patchDirectory(patchDirectory(base, 'xl/a.bin', { compressed: 2 ** 21, original: half }), 'xl/b.bin', { compressed: 2 ** 21, original: half });
      expect(read(over).failure).toMatch(/zip bomb: its parts would expand to more than 256 MB/);
    });

    it('a part that expands beyond the size its directory declares is stopped', () => {
      const rows = Array.from({ length: 400 }, (_, i) => [`value ${i % 7}`, i]);
      const base = sheet(rows);
      const liar = patchDirectory(base, 'xl/worksheets/sheet1.xml', { original: 4000 });
      expect(read(liar).failure).toMatch(/expands beyond the size it declares/);
    });
  });
});

describe('workbookReader (the readers\' interface)', () => {
  const source = (data: Buffer) => {
    let closed = 0;
    return {
      size: data.length,
      readAt: (buf: Buffer, pos: number) => (pos >= data.length ? 0 : data.copy(buf, 0, pos, Math.min(data.length, pos + buf.length))),
      close: () => void closed++,
      closed: () => closed,
    };
  };

  it('hands over every record in batches, then null, then the outcome', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`r${i}`, i]);
    const data = sheet(rows);
    const src = source(data);
    const reader = workbookReader(src);
    const lines: number[] = [];
    let batches = 0;
    for (let batch = reader.nextSync!(); batch !== null; batch = reader.nextSync!()) {
      batches++;
      for (const r of batch) lines.push(r.line);
    }
    expect(lines).toEqual(rows.map((_, i) => i + 1));
    expect(batches).toBeGreaterThan(1);
    expect(reader.outcome()).toMatchObject({ failure: null, sheet: 'Data', sha256: createHash('sha256').update(data).digest('hex'), workbook: { hiddenSheets: [] } });
    reader.close();
    expect(src.closed()).toBe(1);
  });

  it('a failure is the outcome, with no records', () => {
    const reader = workbookReader(source(Buffer.from('PK\x03\x04 not really')));
    expect(reader.nextSync!()).toBeNull();
    expect(reader.outcome().failure).toMatchObject({ kind: 'workbook', message: expect.stringMatching(/cannot be opened/) });
  });
});
