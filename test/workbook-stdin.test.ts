// Workbooks on standard input (engagements.md "The file": a file that starts
// `PK\x03\x04` is a workbook, whatever its name): piped or redirected, read like the
// same workbook named on the command line, with a profile's sheet; an old .xls on a
// pipe is refused as such, not as NUL bytes; one over the size limit (stream.ts
// MAX_STREAM_WORKBOOK_BYTES, the reader's own in xlsx.ts) is refused plainly, exit 1.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli, tempDir, writeInput } from './helpers.js';
import { makeWorkbook } from './workbook.js';
import { MAX_STREAM_WORKBOOK_BYTES } from '../src/input/readers/stream.js';

const RULES = join(REPO_ROOT, 'fixtures', 'rulesets', 'pay-only.yaml');
const HEADER = ['la_code', 'assignment_id', 'swe_number', 'role', 'start_date', 'hourly_pay_rate'];
const book = makeWorkbook({
  sheets: [
    { name: 'Notes', state: 'hidden', rows: [['notes']] },
    { name: 'Placements', rows: [['Agency placements, November'], HEADER, ['E10000011', 'A1', 'SW123', 'Social Worker', '2025-06-01', 39], ['E10000011', 'A2', 'SW124', 'SW', '2025-06-01', 30], ['Total', null, null, null, null, 69]] },
    { name: 'Other', rows: [HEADER, ['E10000011', 'B1', 'SW125', 'Social Worker', '2025-06-01', 40]] },
  ],
});

const args = (...extra: string[]) => ['check', '--rules', RULES, '--as-of', '2025-11-30', '--format', 'json', ...extra];
const summary = (stdout: string) => {
  const report = JSON.parse(stdout);
  return {
    input: report.inputs.map((i: Record<string, unknown>) => ({ file: i.file, sheet: i.sheet, rows: i.rows, skipped: i.skipped_above_header })),
    findings: report.findings.map((f: Record<string, unknown>) => [f.assignment_id, f.line, f.status]),
    issues: report.data_issues.map((d: Record<string, unknown>) => [d.code, d.line]),
  };
};

describe('a workbook on standard input', () => {
  it('piped: read as the same workbook named on the command line', () => {
    const named = runCli(args(writeInput(tempDir(), 'book.xlsx', book)));
    const piped = runCli(args('-'), { input: book });
    expect(piped.stderr).not.toMatch(/NUL|not a plain CSV|unreadable/);
    expect(piped.code).toBe(named.code);
    expect(summary(piped.stdout)).toEqual({ ...summary(named.stdout), input: [{ file: '-', sheet: 'Placements', rows: 2, skipped: 1 }] });
    expect(summary(piped.stdout).findings).toEqual([['A1', 3, 'breach']]);
    expect(summary(piped.stdout).issues).toEqual([['summary_row', 5]]);
  });

  it('redirected from a file, with the sheet a profile names', () => {
    const dir = tempDir();
    const file = writeInput(dir, 'book.xlsx', book);
    const profile = writeInput(dir, 'p.yaml', 'format: moc-profile/v1\nsheet: Other\n');
    const fd = openSync(file, 'r');
    try {
      const res = spawnSync(process.execPath, [BIN, ...args('--profile', profile, '-')], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
      expect(summary(res.stdout)).toMatchObject({ input: [{ file: '-', sheet: 'Other', rows: 1 }], findings: [['B1', 2, 'breach']] });
    } finally {
      closeSync(fd);
    }
    // and piped, with the same profile
    const piped = runCli(args('--profile', profile, '-'), { input: book });
    expect(summary(piped.stdout)).toMatchObject({ input: [{ file: '-', sheet: 'Other', rows: 1 }] });
  });

  it('an old .xls workbook on a pipe is refused as one, not as NUL bytes', () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const run = runCli(args('-'), { input: xls });
    const report = JSON.parse(run.stdout);
    expect(report.data_issues.map((d: { code: string; message: string }) => [d.code, d.message])).toEqual([
      ['unreadable_file', expect.stringContaining('this is an old Excel workbook (.xls) or a password-protected one')],
    ]);
  });

  it('a damaged workbook on a pipe is unreadable_file, and the other files are still checked', () => {
    const csv = writeInput(tempDir(), 'a.csv', `${HEADER.join(',')}\nE10000011,C1,SW126,Social Worker,2025-06-01,39\n`);
    const run = runCli(args('-', csv), { input: book.subarray(0, 200) });
    const s = summary(run.stdout);
    expect(s.issues).toEqual([['unreadable_file', null]]);
    expect(s.findings).toEqual([['C1', 2, 'breach']]);
  });
});

describe('a workbook on standard input over the size limit', () => {
  const TOO_LARGE = 'the workbook is larger than 256 MB, so it was not opened';
  const csvRow = `${HEADER.join(',')}\nE10000011,C1,SW126,Social Worker,2025-06-01,39\n`;
  /** What the person sees: exit code, the one data issue of `-`, the other file's findings, and no stack trace. */
  const seen = (res: { status: number | null; stdout: string; stderr: string }) => {
    expect(res.stderr).not.toMatch(/^\s+at /m);
    expect(res.stderr).not.toMatch(/internal error|RangeError|ERR_/);
    const report = JSON.parse(res.stdout);
    return {
      code: res.status,
      stdin: report.data_issues.filter((d: { file: string }) => d.file === '-').map((d: Record<string, unknown>) => [d.code, d.severity, d.line, d.message]),
      others: report.findings.map((f: Record<string, unknown>) => [f.assignment_id, f.status]),
    };
  };
  const expected = { code: 1, stdin: [['unreadable_file', 'error', null, TOO_LARGE]], others: [['C1', 'breach']] };

  it('piped, more than the limit: refused with the plain message once the limit is passed, not read to its end; exit 1, the other files still checked', async () => {
    const csv = writeInput(tempDir(), 'a.csv', csvRow);
    const child = spawn(process.execPath, [BIN, ...args('-', csv)], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // the signature, then zeros a MiB at a time up to 64 MiB past the limit, counting
    // what the run took in before it stopped reading (EPIPE ends the feed)
    const zeros = Buffer.alloc(2 ** 20);
    const offered = MAX_STREAM_WORKBOOK_BYTES + 64 * 2 ** 20;
    let written = 0;
    child.stdin!.on('error', () => {});
    const feed = (): void => {
      if (written >= offered || child.stdin!.destroyed) return void child.stdin!.end();
      const chunk = written === 0 ? Buffer.concat([Buffer.from('PK\x03\x04'), zeros.subarray(4)]) : zeros;
      child.stdin!.write(chunk, (err) => {
        if (err) return;
        written += chunk.length;
        feed();
      });
    };
    feed();
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(seen({ status, stdout, stderr })).toEqual(expected);
    expect(written).toBeGreaterThan(MAX_STREAM_WORKBOOK_BYTES - 2 ** 20);
    expect(written).toBeLessThan(MAX_STREAM_WORKBOOK_BYTES + 8 * 2 ** 20);
  }, 60_000);

  it('redirected from a regular file one byte over the limit: the same', () => {
    const dir = tempDir();
    const csv = writeInput(dir, 'a.csv', csvRow);
    const big = writeInput(dir, 'big.xlsx', Buffer.from('PK\x03\x04'));
    truncateSync(big, MAX_STREAM_WORKBOOK_BYTES + 1); // sparse: no disk used, and never read
    const fd = openSync(big, 'r');
    try {
      const res = spawnSync(process.execPath, [BIN, ...args('-', csv)], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
      expect(seen(res)).toEqual(expected);
    } finally {
      closeSync(fd);
    }
  });

  it('redirected from a regular file at the limit: opened (and, all zeros after its signature, found damaged), not refused for its size', () => {
    const dir = tempDir();
    const csv = writeInput(dir, 'a.csv', csvRow);
    const big = writeInput(dir, 'limit.xlsx', Buffer.from('PK\x03\x04'));
    truncateSync(big, MAX_STREAM_WORKBOOK_BYTES);
    const fd = openSync(big, 'r');
    try {
      const res = spawnSync(process.execPath, [BIN, ...args('-', csv)], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
      const s = seen(res);
      expect(s.code).toBe(1);
      expect(s.stdin).toEqual([['unreadable_file', 'error', null, expect.stringMatching(/^the workbook cannot be opened: the file is damaged or is not an \.xlsx file/)]]);
      expect(s.others).toEqual(expected.others);
    } finally {
      closeSync(fd);
    }
  }, 60_000);
});
