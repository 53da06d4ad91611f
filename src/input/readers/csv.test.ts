import { appendFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, writeInput } from '../../../test/helpers.js';
import { drainReader } from './test-support.js';
import { CHUNK_BYTES } from './csv.js';
import { MAX_RECORD_BYTES, parseCsvRecords } from './csv-records.js';
import { openRecordReader } from './index.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;

function read(content: Buffer | string) {
  return drainReader(openRecordReader(writeInput(dir, `f${++seq}.csv`, content)));
}

describe('CSV reader: encodings, read in chunks of CHUNK_BYTES', () => {
  it('reads a multi-byte character cut by the chunk boundary as UTF-8', () => {
    // 'a,' then padding so that the two bytes of '£' (C2 A3) straddle the chunk boundary
    const head = Buffer.from('a,b\n');
    const pad = Buffer.alloc(CHUNK_BYTES - head.length - 1, 0x78); // 'x'
    const content = Buffer.concat([head, pad, Buffer.from('£5\n', 'utf8')]);
    expect(content[CHUNK_BYTES - 1]).toBe(0xc2);
    const { outcome, records } = read(content);
    expect(outcome.encoding).toBe('utf-8');
    expect(records[1]!.cells[0]!.endsWith('£5')).toBe(true);
  });

  it('falls back to Windows-1252 for a stray byte anywhere, also after the first chunk', () => {
    const content = Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(CHUNK_BYTES, 0x78), Buffer.from([0x0a, 0xa3, 0x35, 0x2c, 0x80, 0x93, 0x94, 0x0a])]);
    const { outcome, records } = read(content);
    expect(outcome.encoding).toBe('windows-1252');
    expect(records.at(-1)!.cells).toEqual(['£5', '€“”']);
    expect(records.at(-1)!.line).toBe(3);
  });

  it('treats a multi-byte sequence cut off at the end of the file as not UTF-8', () => {
    expect(read(Buffer.from([0x61, 0x0a, 0xe2, 0x82])).outcome.encoding).toBe('windows-1252');
  });

  it('removes a UTF-8 byte-order mark, also from a file that then reads as Windows-1252', () => {
    expect(read(Buffer.from('\uFEFFla_code,x\n1,2\n', 'utf8')).records[0]!.cells).toEqual(['la_code', 'x']);
    const mixed = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('la_code,rate\nE1,'), Buffer.from([0xa3, 0x35])]);
    const { outcome, records } = read(mixed);
    expect(outcome.encoding).toBe('windows-1252');
    expect(records.map((r) => r.cells)).toEqual([['la_code', 'rate'], ['E1', '£5']]);
  });

  it('refuses UTF-16, NUL bytes and old workbooks with what to do, still hashing the file', () => {
    for (const [bytes, kind, advice] of [
      [Buffer.from([0xff, 0xfe, 0x61, 0x00]), 'utf16', /CSV UTF-8/],
      [Buffer.from('a,b\n1,\u0000\n'), 'nul_byte', /CSV UTF-8/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'old_workbook', /\.xlsx without a password/],
    ] as const) {
      const { outcome, records } = read(bytes);
      expect(records).toEqual([]);
      expect(outcome.failure?.kind).toBe(kind);
      expect(outcome.failure?.message).toMatch(advice);
      expect(outcome.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('names a missing file plainly', () => {
    const { outcome } = drainReader(openRecordReader(`${dir}/nope.csv`));
    expect(outcome.failure).toEqual({ kind: 'cannot_open', message: 'cannot read the file: no such file' });
  });
});

describe('CSV reader: one snapshot of the file (issue 12, items 13 and 20)', () => {
  it('a file that grows while it is read: checksum, encoding and records describe the bytes it had when opened', () => {
    const head = 'la_code,x\n' + 'E1,abc\n'.repeat(Math.ceil(CHUNK_BYTES / 7)); // more than one chunk
    const path = writeInput(dir, 'growing.csv', head);
    const reader = openRecordReader(path);
    expect(reader.nextSync!()).toEqual([]); // the first chunk of the checksum pass
    appendFileSync(path, Buffer.from([0x0a, 0x45, 0x32, 0x2c, 0xa3, 0x0a])); // a row, with a byte that is not UTF-8
    const records = [];
    for (let b = reader.nextSync!(); b !== null; b = reader.nextSync!()) for (const r of b) records.push(r);
    const outcome = reader.outcome();
    expect(outcome.sha256).toBe(createHash('sha256').update(head).digest('hex'));
    expect(outcome.encoding).toBe('utf-8');
    expect(records).toHaveLength(1 + Math.ceil(CHUNK_BYTES / 7));
    expect(records.at(-1)!.cells).toEqual(['E1', 'abc']);
  });

  it(`a record larger than ${MAX_RECORD_BYTES / 1024 / 1024} MiB: plainly too large, from its line on, the file still hashed`, () => {
    const content = Buffer.concat([Buffer.from('la_code,team\nE1,ok\n"x\n'), Buffer.alloc(MAX_RECORD_BYTES + 16, 0x61), Buffer.from('"\nE2,after\n')]);
    const path = writeInput(dir, 'huge-cell.csv', content);
    const { records, outcome } = drainReader(openRecordReader(path));
    expect(records.map((r) => r.cells)).toEqual([['la_code', 'team'], ['E1', 'ok']]);
    expect(outcome.broken).toMatchObject({ line: 3, reason: 'record_too_large' });
    expect(outcome.broken!.problem).toMatch(/larger than 64 MB/);
    expect(outcome.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  }, 60_000);
});

describe('CSV reader: the line ends a file holds, anywhere in it', () => {
  // pass 1 gives csv-parse only the line ends it found (csv-records.ts LineEnds): one
  // line end of another kind, however far into the file, must still end a record
  const body = (end: string) => Array.from({ length: 3000 }, (_, i) => `A-${i},"a, b",${'x'.repeat(30)}${end}`).join('');
  it.each([
    ['LF with one lone CR far in', `${body('\n')}late,cr\rafter,it\n`],
    ['CR with one LF far in', `${body('\r')}late,lf\nafter,it\r`],
    ['CRLF with one lone LF far in', `${body('\r\n')}late,lf\nafter,it\r\n`],
    ['CRLF with one lone CR far in', `${body('\r\n')}late,cr\rafter,it\r\n`],
    ['CRLF ending in a lone CR', `${body('\r\n')}last\r`],
    ['CRLF with LF inside quotes (Excel)', `${body('\r\n')}"two\nlines",x\r\nafter,it\r\n`],
    ['CRLF only', body('\r\n')],
    ['LF only', body('\n')],
  ])('%s', (_name, text) => {
    expect(Buffer.byteLength(text)).toBeGreaterThan(CHUNK_BYTES);
    const { records, outcome } = read(text);
    expect(outcome.broken).toBeNull();
    // the same records and lines as csv-parse given all three line ends
    expect(records).toEqual(parseCsvRecords(text).records);
    expect(records.at(-1)!.cells[0]).not.toMatch(/[\r\n]/);
  });
});
