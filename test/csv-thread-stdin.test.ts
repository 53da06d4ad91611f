// Which CSV inputs are read on the second thread (src/input/readers/index.ts,
// csv-thread.ts; decisions 61): a named regular file from MOC_CHECK_CSV_THREAD_BYTES
// on, but standard input never, not even a regular file redirected in (whose
// descriptor, 0, a thread could read), and no pipe. The run is watched from outside:
// a preloaded script (node --require) wraps worker_threads.Worker and says on stderr
// each time one is made, so the test sees the real choice of the built tool.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, csvTable, REPO_ROOT, tempDir, writeInput } from './helpers.js';

const RULES = join(REPO_ROOT, 'fixtures', 'rulesets', 'pay-only.yaml');
const SPY = `
const threads = require('node:worker_threads');
const Original = threads.Worker;
threads.Worker = class extends Original {
  constructor(script, options) {
    process.stderr.write('spy: new Worker ' + String(script) + '\\n');
    super(script, options);
  }
};
`;
const COLS = ['la_code', 'assignment_id', 'swe_number', 'role', 'start_date', 'hourly_pay_rate'];
// 300 rows, every tenth paid over the cap: enough batches for the thread to matter
const CSV = csvTable(COLS, Array.from({ length: 300 }, (_, i) => ({ hourly_pay_rate: i % 10 === 0 ? '50.00' : '30.00' })));

let dir: string;
let spy: string;
let file: string;
beforeAll(() => {
  dir = tempDir();
  spy = writeInput(dir, 'spy-worker.cjs', SPY);
  file = writeInput(dir, 'assignments.csv', CSV);
});

interface Watched {
  code: number | null;
  workers: string[];
  findings: Array<[string, number]>;
}

/** Runs the check on `input` with the Worker spy; `stdin` is what standard input is. */
function watched(input: string | null, stdin: number | Buffer, env: Record<string, string> = { MOC_CHECK_CSV_THREAD_BYTES: '0' }): Watched {
  const shell = input === null;
  const node = [process.execPath, '--require', spy, BIN, 'check', '--rules', RULES, '--as-of', '2025-11-30', '--format', 'json', '--fail-on', 'never'];
  // bash appends the pipe's name (/dev/fd/N) as the last argument
  const [command, args] = shell ? ['bash', ['-c', 'exec "$@" <(cat "$0")', file, ...node]] : [node[0]!, [...node.slice(1), input]];
  const res = spawnSync(command as string, args as string[], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    ...(typeof stdin === 'number' ? { stdio: [stdin, 'pipe', 'pipe'] } : { input: stdin }),
    encoding: 'utf8',
  });
  const workers = res.stderr.split('\n').filter((l) => l.startsWith('spy: new Worker ')).map((l) => l.slice('spy: new Worker '.length));
  const report = JSON.parse(res.stdout) as { findings: Array<{ file: string; line: number }> };
  return { code: res.status, workers, findings: report.findings.map((f) => [f.file === input ? 'input' : f.file, f.line]) };
}

const BREACH_LINES = Array.from({ length: 30 }, (_, i) => 2 + i * 10);

describe('the CSV reading thread: named files use it, standard input and pipes never', () => {
  it('a named regular file with MOC_CHECK_CSV_THREAD_BYTES=0 is read on the thread', () => {
    const run = watched(file, Buffer.alloc(0));
    expect(run.code).toBe(0);
    expect(run.workers).toHaveLength(1);
    expect(run.workers[0]).toMatch(/\/dist\/csv-worker\.js$/);
    expect(run.findings).toEqual(BREACH_LINES.map((line) => ['input', line]));
  });

  it('the same file with the threshold above its size is read on this thread, with the same findings', () => {
    const run = watched(file, Buffer.alloc(0), { MOC_CHECK_CSV_THREAD_BYTES: String(CSV.length + 1) });
    expect(run.workers).toEqual([]);
    expect(run.findings).toEqual(BREACH_LINES.map((line) => ['input', line]));
  });

  it('standard input redirected from the same regular file, MOC_CHECK_CSV_THREAD_BYTES=0: read on this thread', () => {
    const fd = openSync(file, 'r');
    try {
      const run = watched('-', fd);
      expect(run.code).toBe(0);
      expect(run.workers).toEqual([]);
      expect(run.findings).toEqual(BREACH_LINES.map((line) => ['input', line]));
    } finally {
      closeSync(fd);
    }
  });

  it('standard input piped, MOC_CHECK_CSV_THREAD_BYTES=0: read on this thread', () => {
    const run = watched('-', Buffer.from(CSV));
    expect(run.workers).toEqual([]);
    expect(run.findings).toEqual(BREACH_LINES.map((line) => ['input', line]));
  });

  it('a pipe named on the command line (<(cat file)), MOC_CHECK_CSV_THREAD_BYTES=0: read on this thread', () => {
    const run = watched(null, Buffer.alloc(0));
    expect(run.workers).toEqual([]);
    expect(run.findings.map(([name, line]) => [name.replace(/^\/dev\/fd\/\d+$/, 'pipe'), line])).toEqual(BREACH_LINES.map((line) => ['pipe', line]));
  });
});
