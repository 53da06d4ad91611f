import { describe, expect, it } from 'vitest';
import { tempDir, writeInput } from '../../test/helpers.js';
import { CHUNK, readCsvFile } from './file.js';

function read(content: Buffer) {
  const records: string[][] = [];
  const result = readCsvFile(writeInput(tempDir(), 'f.csv', content), (cells) => records.push(cells));
  return { result, records };
}

describe('readCsvFile encoding detection across chunks', () => {
  it('reads a multi-byte character cut by the chunk boundary as UTF-8', () => {
    // 'a,' then padding so that the two bytes of '£' (C2 A3) straddle the first chunk boundary
    const head = Buffer.from('a,b\n');
    const pad = Buffer.alloc(CHUNK - head.length - 1, 0x78); // 'x'
    const content = Buffer.concat([head, pad, Buffer.from('£5\n', 'utf8')]);
    expect(content[CHUNK - 1]).toBe(0xc2);
    const { result, records } = read(content);
    expect(result.encoding).toBe('utf-8');
    expect(records[1]![0]!.endsWith('£5')).toBe(true);
  });

  it('falls back to Windows-1252 for a stray byte anywhere, also after the first chunk', () => {
    const content = Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(CHUNK, 0x78), Buffer.from([0x0a, 0xa3, 0x35, 0x0a])]);
    const { result, records } = read(content);
    expect(result.encoding).toBe('windows-1252');
    expect(records.at(-1)).toEqual(['£5']);
  });

  it('treats a multi-byte sequence cut off at the end of the file as not UTF-8', () => {
    const { result } = read(Buffer.from([0x61, 0x0a, 0xe2, 0x82]));
    expect(result.encoding).toBe('windows-1252');
  });

  it('removes a UTF-8 byte-order mark', () => {
    const { records } = read(Buffer.from('\uFEFFla_code,x\n1,2\n', 'utf8'));
    expect(records[0]).toEqual(['la_code', 'x']);
  });

  it('a Windows-1252 file that starts with a UTF-8 byte-order mark: the mark is removed, the £ read', () => {
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('la_code,rate\nE10000011,'), Buffer.from([0xa3]), Buffer.from('38\n')]);
    const { result, records } = read(content);
    expect(result.encoding).toBe('windows-1252');
    expect(records).toEqual([['la_code', 'rate'], ['E10000011', '£38']]);
  });
});
