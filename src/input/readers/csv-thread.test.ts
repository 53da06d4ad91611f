// The CSV reader on a second thread gives what the reader on this thread gives: the
// same records, lines and outcome. The thread runs the built worker (dist/csv-worker.js,
// which `npm test` builds first): these tests are of that build.
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, writeInput } from '../../../test/helpers.js';
import { fileSnapshot, type ByteSnapshot } from './bytes.js';
import { CHUNK_BYTES, csvReader } from './csv.js';
import { decodeBatch, encodeBatch, MAX_IN_FLIGHT } from './csv-batch.js';
import { csvThreadReader, threadFor, threadThreshold, THREAD_BYTES, workerScript } from './csv-thread.js';
import { drainReader } from './test-support.js';
import type { InputRecord, RecordReader } from './types.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;

const script = workerScript();

function snapshotOf(path: string): { bytes: ByteSnapshot; fd: number } {
  const fd = openSync(path, 'r');
  return { bytes: fileSnapshot(fd, statSync(path).size), fd };
}

/** Both readers over the same file: this thread's, then the second thread's. */
async function bothWays(content: string | Buffer) {
  const path = writeInput(dir, `t${++seq}.csv`, content);
  const here = drainReader(csvReader(snapshotOf(path).bytes));
  const { bytes, fd } = snapshotOf(path);
  const reader = csvThreadReader(bytes, fd, script!);
  const there = drainReader(reader);
  await reader.stopped;
  return { here, there };
}

const long = (n: number) => 'x'.repeat(n);
const manyRows = (rows: number) => 'la_code,assignment_id,note\n' + Array.from({ length: rows }, (_, i) => `E${i % 7},A${i},${long(i % 90)}\n`).join('');

const CASES: [name: string, content: () => string | Buffer][] = [
  ['CRLF inside quotes', () => 'a,b\r\n"x\r\ny",z\r\n"p\r\n\r\nq",r\r\n'],
  ['mixed LF, CRLF and CR line ends', () => 'a,b\r\nc,d\ne,f\rg,h\n\n"i\rj",k\r\n'],
  ['a quoted field still open at the end of the file', () => 'h1,h2\n1,2\n"open\nmore,3\n4,5\n'],
  ['Windows-1252 bytes', () => Buffer.concat([Buffer.from('la_code,rate\n'), Buffer.from([0x45, 0x31, 0x2c, 0xa3, 0x35, 0x0a, 0x80, 0x93, 0x94, 0x2c, 0x78, 0x0a])])],
  ['Windows-1252 from a byte after the first chunk', () => Buffer.concat([Buffer.from(manyRows(3000)), Buffer.from([0x45, 0x31, 0x2c, 0xa3, 0x0a])])],
  ['a UTF-8 byte-order mark', () => '\uFEFFla_code,x\n1,2\n'],
  ['UTF-16', () => Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00])],
  ['a NUL byte', () => 'a,b\n1,\u0000\n'],
  ['an old workbook', () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])],
  ['an empty file', () => ''],
  ['a header only, no line end', () => 'la_code,assignment_id,role'],
  ['a header only', () => 'la_code,assignment_id,role\r\n'],
  ['multi-byte characters across chunk boundaries', () => 'a,b\n' + '£€,😀\n'.repeat(CHUNK_BYTES / 4)],
  ['a quoted record cut across batch boundaries', () => {
    const head = 'a,b\n' + 'x,y\n'.repeat(Math.floor(CHUNK_BYTES / 4) - 3);
    return head + `"${long(50)}\r\n${long(CHUNK_BYTES * 2)}\n${long(50)}",z\n` + 'after,1\n';
  }],
  [`more batches than the ${MAX_IN_FLIGHT} let ahead (about 2 MB)`, () => manyRows(40_000)],
];

describe('CSV reader on a second thread: the same records, lines and outcome as on this thread', () => {
  it('has the built worker to run', () => {
    expect(script).not.toBeNull();
  });

  it.each(CASES)('%s', async (_name, content) => {
    const { here, there } = await bothWays(content());
    expect(there.outcome).toEqual(here.outcome);
    expect(there.records.length).toBe(here.records.length);
    expect(there.records).toEqual(here.records);
  });

  it('a file that cannot be read partway is cannot_open, as on this thread', async () => {
    // a folder's descriptor opens but every read of it fails (EISDIR)
    const folder = openSync(dir, 'r');
    try {
      const here = drainReader(csvReader(fileSnapshot(folder, 100, false)));
      const reader = csvThreadReader(fileSnapshot(folder, 100, false), folder, script!);
      const there = drainReader(reader);
      await reader.stopped;
      expect(here.outcome.failure?.kind).toBe('cannot_open');
      expect(there.outcome).toEqual(here.outcome);
    } finally {
      closeSync(folder);
    }
  });
});

describe('CSV reader on a second thread: stopping', () => {
  it('close() before the end stops the thread and closes the file; the checksum read so far stays', async () => {
    const path = writeInput(dir, `t${++seq}.csv`, manyRows(40_000));
    const { bytes, fd } = snapshotOf(path);
    let closes = 0;
    const counted: ByteSnapshot = { size: bytes.size, fd, readAt: (buf, pos) => bytes.readAt(buf, pos), close: () => { closes++; bytes.close(); } };
    const reader = csvThreadReader(counted, fd, script!);
    let first: readonly InputRecord[] | null = [];
    while (first !== null && first.length === 0) first = reader.nextSync();
    expect(first![0]!.cells).toEqual(['la_code', 'assignment_id', 'note']);
    reader.close();
    reader.close();
    expect(reader.nextSync()).toBeNull();
    await reader.stopped;
    expect(closes).toBe(1);
    expect(reader.outcome().sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(reader.outcome().encoding).toBe('utf-8');
  });

  it('a thread that cannot start ends the read as cannot_open, without hanging', async () => {
    const path = writeInput(dir, `t${++seq}.csv`, 'a,b\n');
    const { bytes, fd } = snapshotOf(path);
    const reader: RecordReader = csvThreadReader(bytes, fd, new URL('./no-such-worker.js', import.meta.url));
    for (let batch = await reader.next(); batch !== null; batch = await reader.next()) {
      expect(batch).toEqual([]);
      await new Promise((resolve) => setImmediate(resolve)); // what the check's driver does between steps
    }
    expect(reader.outcome().failure?.kind).toBe('cannot_open');
  });
});

describe('CSV reader on a second thread: when it is used', () => {
  it.each([
    [undefined, THREAD_BYTES],
    ['0', 0],
    ['1048576', 1048576],
    ['lots', THREAD_BYTES],
    ['-5', THREAD_BYTES],
  ])('MOC_CHECK_CSV_THREAD_BYTES=%s: threshold %i', (value, expected) => {
    expect(threadThreshold(value === undefined ? {} : { MOC_CHECK_CSV_THREAD_BYTES: value })).toBe(expected);
  });

  it('only for a regular file from the threshold on, never for bytes in memory', () => {
    const file = { size: 10, fd: 3, readAt: () => 0, close: () => {} };
    expect(threadFor(file, { MOC_CHECK_CSV_THREAD_BYTES: '10' })).toEqual(script);
    expect(threadFor(file, { MOC_CHECK_CSV_THREAD_BYTES: '11' })).toBeNull();
    expect(threadFor(file, {})).toBeNull(); // 10 bytes, under THREAD_BYTES
    expect(threadFor({ ...file, fd: undefined }, { MOC_CHECK_CSV_THREAD_BYTES: '0' })).toBeNull();
  });

  it('a batch travels as one string and two arrays and comes back the same, empty cells and lines included', () => {
    const records: InputRecord[] = [{ cells: [''], line: 1 }, { cells: ['a', '', 'b\nc'], line: 2 }, { cells: ['', ''], line: 4 }, { cells: ['z'], line: 3_000_000_000 }];
    expect(decodeBatch(encodeBatch(records, 0))).toEqual(records);
  });
});

describe('the check with every CSV file read on a second thread', () => {
  const bin = fileURLToPath(new URL('../../../bin/moc-check', import.meta.url));
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const run = (env: NodeJS.ProcessEnv, format: string) => spawnSync(process.execPath, [bin, 'check', '--rules', 'rules/south-east.yaml',
    '--leavers', 'fixtures/example/leavers.csv', '--starters', 'fixtures/example/starters.csv', '--as-of', '2025-11-30', '--fail-on', 'never',
    '--format', format, 'fixtures/example/east-sussex.csv', 'fixtures/example/kent.csv', 'fixtures/example/surrey.csv'], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });

  it.each(['json', 'csv'])('writes the same %s report as with every file read on the main thread', (format) => {
    const here = run({ MOC_CHECK_CSV_THREAD_BYTES: String(2 ** 40) }, format);
    const there = run({ MOC_CHECK_CSV_THREAD_BYTES: '0' }, format);
    expect(here.status).toBe(0);
    expect(there.status).toBe(0);
    expect(there.stdout).toBe(here.stdout);
    expect(there.stderr).toBe(here.stderr);
  });
});
