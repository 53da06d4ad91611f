import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckAsync } from './check/index.js';
import { loadRuleset } from './ruleset/load.js';
import { progressLine, progressWanted, startProgress, type ProgressClock } from './progress.js';
import type { ReadMeter } from './input/meter.js';
import { cellWidth } from './width.js';
import { REPO_ROOT } from '../test/helpers.js';

const CLEAR = '\r\u001b[K';

function fakeTty(columns = 100) {
  const writes: string[] = [];
  return { writes, stream: { isTTY: true, columns, write: (t: string) => writes.push(t) } };
}

function fakeClock() {
  const clock = { t: 0, ticks: [] as Array<() => void>, intervals: [] as number[], cancelled: 0 };
  const api: ProgressClock = {
    now: () => clock.t,
    every(ms, tick) {
      clock.intervals.push(ms);
      clock.ticks.push(tick);
      return () => void clock.cancelled++;
    },
  };
  const at = (t: number): void => {
    clock.t = t;
    for (const tick of clock.ticks) tick();
  };
  return { clock, api, at };
}

const meter = (): ReadMeter => ({ records: 0, bytes: 0, filesDone: 0, file: '' });

describe('progressWanted', () => {
  it('only on a TTY, not in CI, not on a dumb terminal', () => {
    const tty = { isTTY: true, write: () => {} };
    expect(progressWanted(tty, {})).toBe(true);
    expect(progressWanted({ isTTY: false, write: () => {} }, {})).toBe(false);
    expect(progressWanted({ write: () => {} }, {})).toBe(false);
    expect(progressWanted(tty, { CI: 'true' })).toBe(false);
    expect(progressWanted(tty, { CI: '1' })).toBe(false);
    expect(progressWanted(tty, { CI: 'false' })).toBe(true);
    expect(progressWanted(tty, { CI: '' })).toBe(true);
    expect(progressWanted(tty, { TERM: 'dumb' })).toBe(false);
  });
});

describe('progressLine', () => {
  const counts = { records: 1234567, bytes: 45_249_000, filesDone: 1, totalFiles: 3, file: 'exports/kent-2025-11.csv' };
  it('says rows, MB read and files done, and the file being read', () => {
    expect(progressLine(counts, 120)).toBe('moc-check: 1,234,567 rows, 45.2 MB read, 1 of 3 files done (reading exports/kent-2025-11.csv)');
  });
  it('says "of 1 file" for a single file', () => {
    expect(progressLine({ ...counts, filesDone: 0, totalFiles: 1 }, 120)).toBe('moc-check: 1,234,567 rows, 45.2 MB read, 0 of 1 file done (reading exports/kent-2025-11.csv)');
  });
  it('shortens the file name from the left to fit, never a number', () => {
    for (const columns of [61, 70, 80, 90]) {
      const line = progressLine(counts, columns);
      expect(line.startsWith('moc-check: 1,234,567 rows, 45.2 MB read, 1 of 3 files done')).toBe(true);
      expect(cellWidth(line)).toBeLessThan(columns);
    }
    expect(progressLine(counts, 90)).toMatch(/\(reading …[^ ]*2025-11\.csv\)$/);
    expect(progressLine(counts, 40)).toBe('1,234,567 rows, 45.2 MB, 1/3 files');
    expect(progressLine(counts, 20)).toBe('');
  });
  it('shows a control character in a file name as a placeholder', () => {
    expect(progressLine({ ...counts, file: 'a\u001b[2J.csv' }, 200)).toContain('(reading a\\x1B[2J.csv)');
  });
  it('names no file once every file is done', () => {
    expect(progressLine({ ...counts, filesDone: 3 }, 120)).toBe('moc-check: 1,234,567 rows, 45.2 MB read, 3 of 3 files done');
  });
});

describe('startProgress', () => {
  it('draws nothing on a stream that is not a TTY, and starts no timer', () => {
    const { clock, api } = fakeClock();
    const writes: string[] = [];
    startProgress({ stream: { isTTY: false, write: (t: string) => writes.push(t) }, env: {}, totalFiles: 1, clock: api }).stop();
    startProgress({ stream: fakeTty().stream, env: { CI: 'true' }, totalFiles: 1, clock: api }).stop();
    expect(writes).toEqual([]);
    expect(clock.ticks).toHaveLength(0);
  });

  it('stays silent for a short run: nothing written, not even a clear', () => {
    const { writes, stream } = fakeTty();
    const { api, at } = fakeClock();
    const m = meter();
    const p = startProgress({ stream, env: {}, totalFiles: 2, clock: api, meter: m });
    m.records = 500;
    at(1999);
    p.stop();
    expect(writes).toEqual([]);
  });

  it('shows the counts since it started after two seconds, redraws only on change, at most every 250 ms, and clears at the end', () => {
    const { writes, stream } = fakeTty();
    const { clock, api, at } = fakeClock();
    const m: ReadMeter = { records: 10, bytes: 1000, filesDone: 4, file: 'old.csv' }; // an earlier run in this process
    const p = startProgress({ stream, env: {}, totalFiles: 2, clock: api, meter: m });
    expect(clock.intervals).toEqual([250]);
    Object.assign(m, { records: 100_010, bytes: 2_501_000, file: 'a.csv' });
    at(2000);
    expect(writes).toEqual([`${CLEAR}moc-check: 100,000 rows, 2.5 MB read, 0 of 2 files done (reading a.csv)`]);
    at(2250);
    expect(writes).toHaveLength(1); // nothing changed
    Object.assign(m, { records: 200_010, filesDone: 5, file: 'b.csv' });
    at(2500);
    expect(writes.at(-1)).toBe(`${CLEAR}moc-check: 200,000 rows, 2.5 MB read, 1 of 2 files done (reading b.csv)`);
    p.stop();
    p.stop();
    expect(writes.at(-1)).toBe(CLEAR);
    expect(writes.filter((w) => w === CLEAR)).toHaveLength(1);
    expect(clock.cancelled).toBe(1);
  });

  it('clears the line when the process exits without stopping it (an error, process.exit)', () => {
    const { writes, stream } = fakeTty();
    const { api, at } = fakeClock();
    const before = process.listenerCount('exit');
    const m = meter();
    startProgress({ stream, env: {}, totalFiles: 1, clock: api, meter: m });
    expect(process.listenerCount('exit')).toBe(before + 1);
    m.records = 5;
    at(3000);
    process.emit('exit', 0);
    expect(writes.at(-1)).toBe(CLEAR);
    expect(process.listenerCount('exit')).toBe(before);
  });

  it('counts what a real check reads: every record, every byte, every file', async () => {
    const loaded = loadRuleset(join(REPO_ROOT, 'rules', 'south-east.yaml'));
    if (!loaded.ok) throw new Error('ruleset');
    const example = join(REPO_ROOT, 'fixtures', 'example');
    const files = ['east-sussex.csv', 'kent.csv'].map((f) => join(example, f));
    const leavers = [join(example, 'leavers.csv')];
    const { writes, stream } = fakeTty(200);
    const { api, at } = fakeClock();
    const p = startProgress({ stream, env: {}, totalFiles: 3, clock: api });
    const report = await runCheckAsync({ ruleset: loaded.ruleset, files, leavers, asOf: '2025-11-30' });
    at(5000);
    p.stop();
    const bytes = [...files, ...leavers].reduce((n, f) => n + statSync(f).size, 0);
    const line = writes[0]!;
    expect(line).toContain(`${(bytes / 1e6).toFixed(1)} MB read, 3 of 3 files done`);
    const records = Number(/: ([\d,]+) rows/.exec(line)![1]!.replace(/,/g, ''));
    // every non-blank data record, plus each file's header
    expect(records).toBeGreaterThanOrEqual(report.inputs.reduce((n, i) => n + i.rows + 1, 0));
  });
});
