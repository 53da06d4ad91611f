import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, writeInput } from '../../../test/helpers.js';
import { drainReader } from './test-support.js';
import { CHUNK_BYTES } from './csv.js';
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
