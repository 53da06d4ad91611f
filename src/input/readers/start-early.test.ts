// startEarly: a large CSV file's reading thread started before its turn (while the
// leavers register is read), then handed to openRecordReader; anything else untouched.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, writeInput } from '../../../test/helpers.js';
import { openRecordReader, startEarly } from './index.js';
import { drainReader } from './test-support.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rows = 'la_code,assignment_id\n' + Array.from({ length: 3000 }, (_, i) => `E${i % 7},A${i}\n`).join('');

describe('startEarly', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.MOC_CHECK_CSV_THREAD_BYTES;
    process.env.MOC_CHECK_CSV_THREAD_BYTES = '1000';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.MOC_CHECK_CSV_THREAD_BYTES;
    else process.env.MOC_CHECK_CSV_THREAD_BYTES = saved;
  });

  it('the reader started early gives what a reader opened in turn gives, checksum included', () => {
    const path = writeInput(dir, 'early.csv', rows);
    const inTurn = drainReader(openRecordReader(path));
    startEarly(path);
    const early = drainReader(openRecordReader(path));
    expect(early.records).toEqual(inTurn.records);
    expect(early.outcome).toEqual(inTurn.outcome);
    expect(early.outcome.sha256).toMatch(/^[0-9a-f]{64}$/);
    // taken once: the next open reads the file afresh
    expect(drainReader(openRecordReader(path)).records).toEqual(inTurn.records);
  });

  it.each([
    ['a missing file', 'missing.csv', null],
    ['a small file', 'small.csv', 'la_code,assignment_id\nE1,A1\n'],
    ['standard input', '-', null],
  ])('leaves %s to openRecordReader', (_what, name, text) => {
    const path = name === '-' ? '-' : text === null ? `${dir}/${name}` : writeInput(dir, name, text);
    if (name === 'small.csv') process.env.MOC_CHECK_CSV_THREAD_BYTES = '100000';
    expect(() => startEarly(path)).not.toThrow();
    if (name === 'missing.csv') expect(drainReader(openRecordReader(path)).outcome.failure?.kind).toBe('cannot_open');
    if (name === 'small.csv') expect(drainReader(openRecordReader(path)).records).toHaveLength(2);
  });
});
