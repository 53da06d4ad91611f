// The process itself: what only a real `bin/moc-check` shows — a closed or full
// stdout, signals while writing, a FIFO as an input, memory. Commands are tested
// in-process elsewhere (test/in-process.ts).
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, constants as fsConstants } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli, tempDir, writeInput } from './helpers.js';

const RULES = `format: moc-rules/v1
id: test-region
name: Test region
version: "1"
region:
  name: Test
  las:
    E10000011: East Sussex
roles:
  social_worker:
    label: Social Worker
    aliases: [SW]
rules:
  - id: PAY
    kind: pay_cap
    basis: hourly_pay_rate
    caps:
      - from: 2025-04-01
        rates: {social_worker: 38.00}
`;

/** An export where every row breaches the cap. */
function breaches(n: number): string {
  const rows = ['la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate'];
  for (let i = 1; i <= n; i++) rows.push(`E10000011,A${i},SW${i},Social Worker,2025-05-01,40.00`);
  return rows.join('\n') + '\n';
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

type Stdio = 'pipe' | 'ignore' | number;

/** Spawns the launcher; `onStdout` sees the child once stdout starts (to close it, or signal). */
function spawnCli(args: string[], options: { stdout?: Stdio; env?: Record<string, string>; onStart?: (child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '', ...options.env },
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  options.onStart?.(child);
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

let dir: string;
let rules: string;
let big: string;
beforeAll(() => {
  dir = tempDir();
  rules = writeInput(dir, 'rules.yaml', RULES);
  big = writeInput(dir, 'big.csv', breaches(2000));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a closed or failing standard output', () => {
  for (const format of ['html', 'json']) {
    it(`${format}: a reader that goes away (| head -1) ends the run quietly, with the exit code it would have had`, async () => {
      const r = await spawnCli(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', format, big], {
        onStart: (child) => child.stdout!.once('data', () => child.stdout!.destroy()),
      });
      expect(r.signal).toBeNull();
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
      expect(r.stderr).toMatch(/2000 rows, 2000 checked: 2000 breaches/);
    });
  }

  it('a full disk (> /dev/full) is a plain message and exit 2, for a report and for help', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = await spawnCli(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'json', big], { stdout: full });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^moc-check: could not write to standard output: the disk is full/m);
      expect(r.stderr).not.toMatch(/ENOSPC|Unhandled|\n\s+at /);
      const help = await spawnCli(['--help'], { stdout: full });
      expect(help.code).toBe(2);
      expect(help.stderr).toMatch(/the disk is full/);
    } finally {
      closeSync(full);
    }
  });
});

describe('report files that are not regular files', () => {
  it('a FIFO as --baseline whose writer never writes: SIGTERM stops the run, exit 2, nothing checked', async () => {
    const fifo = join(dir, 'baseline.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = openSync(fifo, fsConstants.O_RDWR); // holds the FIFO open and never writes
    try {
      // an illustrative ruleset: its warning on stderr says the ruleset is loaded and the FIFO read comes next
      const illustrative = writeInput(dir, 'illustrative.yaml', RULES.replace('version: "1"', 'version: "1"\nstatus: illustrative'));
      const r = await spawnCli(['check', '--rules', illustrative, '--as-of', '2025-11-30', '--format', 'json', '--baseline', fifo, big], {
        onStart: (child) => child.stderr!.once('data', () => setTimeout(() => child.kill('SIGTERM'), 100)),
      });
      expect(r.signal).toBeNull();
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^moc-check: SIGTERM: stopped while reading --baseline \S*baseline\.fifo; nothing was checked$/m);
      expect(JSON.parse(r.stdout)).toMatchObject({ format: 'moc-error/v1', checked: false, error: { code: 'interrupted' } });
    } finally {
      closeSync(writer);
    }
  });
});

describe('a signal while the report streams to standard output', () => {
  it('finishes the JSON document, says so on stderr and exits 2', async () => {
    const r = await spawnCli(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'json', big], {
      onStart: (child) =>
        child.stdout!.once('data', () => {
          // the reader stalls, so the report is still being written when the signal comes
          child.stdout!.pause();
          child.kill('SIGINT');
          setTimeout(() => child.stdout!.resume(), 300);
        }),
    });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).findings).toHaveLength(2000);
    expect(r.stderr).toMatch(/^moc-check: SIGINT: stopped after writing the reports in full/m);
  });
});

describe('a signal while a large report streams to standard output (issue 12 item 9)', () => {
  // 60,000 breaches: past the spool limit, so the findings are read back from disk while
  // the report is written, in many chunks; the reader stalls after the first one, so the
  // signal arrives mid-document
  let large: string;
  beforeAll(() => {
    large = writeInput(dir, 'large.csv', breaches(60_000));
  });
  const stallThenSignal = (signal: NodeJS.Signals) => (child: ReturnType<typeof spawn>) =>
    child.stdout!.once('data', () => {
      child.stdout!.pause();
      child.kill(signal);
      setTimeout(() => child.stdout!.resume(), 300);
    });

  for (const format of ['json', 'sarif', 'junit'] as const) {
    it(`${format}: SIGTERM mid-stream: one whole document on stdout, exit 2, stderr says so`, async () => {
      const r = await spawnCli(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', format, large], { onStart: stallThenSignal('SIGTERM') });
      expect(r.signal).toBeNull();
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^moc-check: SIGTERM: stopped after writing the reports in full/m);
      expect(r.stdout.length).toBeGreaterThan(1_000_000);
      if (format === 'json') expect(JSON.parse(r.stdout).findings).toHaveLength(60_000);
      if (format === 'sarif') expect(JSON.parse(r.stdout).runs[0].results).toHaveLength(60_000);
      if (format === 'junit') {
        expect(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
        expect(r.stdout.endsWith('</testsuites>\n')).toBe(true);
        expect(r.stdout.match(/<failure /g)).toHaveLength(60_000);
      }
    }, 60_000);
  }
});

describe('a replaced report keeps its mode (issue 12 item 10)', () => {
  it('--output over a 0600 file stays 0600; a new --write file gets the umask', () => {
    const kept = join(dir, 'kept.json');
    writeFileSync(kept, '{}');
    chmodSync(kept, 0o600);
    const created = join(dir, 'created.csv');
    const r = runCli(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'json', '--output', kept, '--write', `csv=${created}`, big]);
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(readFileSync(kept, 'utf8')).findings).toHaveLength(2000); // replaced…
    expect(statSync(kept).mode & 0o777).toBe(0o600); // …and still private
    expect(statSync(created).mode & 0o777).toBe(0o666 & ~process.umask());
    // once more over both: each keeps what it had
    chmodSync(created, 0o640);
    expect(runCli(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'json', '--output', kept, '--write', `csv=${created}`, big]).code).toBe(1);
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    expect(statSync(created).mode & 0o777).toBe(0o640);
  }, 60_000);
});

describe('memory', () => {
  // 150,000 rows need about 30 MB of live heap (keys seen, spooled findings' index): a
  // 32 MB heap is outgrown during the check.
  it('a run that outgrows the heap stops with exit 2 and a plain message, not a V8 abort', async () => {
    const many = writeInput(dir, 'many.csv', breaches(150_000));
    const out = join(dir, 'many.json');
    const r = await spawnCli(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'json', '--output', out, many], {
      env: { NODE_OPTIONS: '--max-old-space-size=32' },
    });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^moc-check: out of memory during the check: the run needs more than the 32 MB of memory Node\.js allows it; nothing was written/m);
    expect(r.stderr).not.toMatch(/FATAL ERROR|heap out of memory|Native stack/);
    expect(readdirSync(dir).filter((n) => n.startsWith('many.json') || n.startsWith('.many.json'))).toEqual([]);
  });

  // 120,000 findings (spooled past 50,000) fit a 64 MB heap while checked and streamed as
  // JSON, and as the terminal table, which keeps counts and its first 1,000 breaches
  // rather than every one (it used to outgrow the heap here and stop with exit 2).
  it('a report of many findings is written in a small heap, the terminal table too', async () => {
    const many = writeInput(dir, 'many-findings.csv', breaches(120_000));
    const json = join(dir, 'fits.json');
    const env = { NODE_OPTIONS: '--max-old-space-size=64' };
    const fits = await spawnCli(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'json', '--output', json, many], { env });
    expect(fits.code).toBe(1);
    expect(JSON.parse(readFileSync(json, 'utf8')).findings).toHaveLength(120_000);
    const out = join(dir, 'table.txt');
    const r = await spawnCli(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'table', '--output', out, many], { env });
    expect(r.signal).toBeNull();
    expect(r.stderr).not.toMatch(/FATAL ERROR|heap out of memory|Native stack|out of memory/);
    expect(r.code).toBe(1);
    const table = readFileSync(out, 'utf8');
    expect(table).toContain('Breaches (120000)');
    expect(table).toContain('The first 1000 breaches in the order read are listed; the other 119000 are counted');
  }, 120_000);
});
