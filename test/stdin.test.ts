// Standard input and FIFOs as assignments files (issue 12, items 6 and 7): a terminal,
// a pipe that never writes and a FIFO stop on SIGINT/SIGTERM with exit 2 and nothing
// written; a terminal is told what the tool waits for; zeros and floods are refused.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readlinkSync, writeSync, constants as fsConstants } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, tempDir, writeInput } from './helpers.js';

const RULES = join(REPO_ROOT, 'fixtures', 'rulesets', 'pay-only.yaml');
const CSV = 'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate\nE10000011,A1,SW1,Social Worker,2025-06-01,50\n';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], onStart: (child: ChildProcess) => void): Promise<Run> {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin!.on('error', () => {}); // the child may stop reading first
  onStart(child);
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Whether process `pid` has `path` open (Linux /proc). */
function opened(pid: number, path: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

const checkArgs = (output: string, input: string) => [BIN, 'check', '--rules', RULES, '--as-of', '2025-11-30', '--output', output, input];

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

describe('standard input that never ends or never writes', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`a pipe whose writer never writes: ${signal} stops the run, exit 2, nothing written`, async () => {
      const out = join(dir, `silent-${signal}.json`);
      const r = await run(process.execPath, checkArgs(out, '-'), (child) => {
        // the stdin pipe stays open and silent; give the run time to reach the read
        setTimeout(() => child.kill(signal), 1500);
      });
      expect(r.signal).toBeNull();
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^moc-check: ${signal}: the check was stopped before the end; no report was written$`, 'm'));
      expect(existsSync(out)).toBe(false);
      // not a terminal: nothing said about waiting
      expect(r.stderr).not.toMatch(/waiting for CSV/);
    }, 30_000);
  }

  it('a stream of zeros is refused on its first bytes (NUL), not read for ever', async () => {
    const out = join(dir, 'zeros.json');
    const r = await run(process.execPath, [BIN, 'check', '--rules', RULES, '--as-of', '2025-11-30', '--format', 'json', '--output', out, '-'], (child) => {
      const zeros = Buffer.alloc(1 << 16);
      const pump = () => {
        if (child.stdin!.writable) child.stdin!.write(zeros, pump);
      };
      pump();
    });
    expect(r.code).toBe(1);
    const report = JSON.parse(execFileSync('cat', [out], { encoding: 'utf8' }));
    expect(report.data_issues).toMatchObject([{ code: 'unreadable_file', file: '-', line: null, message: expect.stringMatching(/NUL bytes/) }]);
  }, 30_000);

  it('a file redirected into standard input is read like a file', async () => {
    const input = writeInput(dir, 'redirected.csv', CSV);
    const fd = openSync(input, 'r');
    try {
      const child = spawn(process.execPath, [BIN, 'check', '--rules', RULES, '--as-of', '2025-11-30', '--format', 'json', '-'], { cwd: REPO_ROOT, stdio: [fd, 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(JSON.parse(stdout).findings.map((f: { file: string; line: number }) => [f.file, f.line])).toEqual([['-', 2]]);
    } finally {
      closeSync(fd);
    }
  }, 30_000);
});

describe('standard input from a terminal', () => {
  // `script` gives the run a pseudo-terminal; what is written to its stdin is typed at that terminal.
  const hasScript = (() => {
    try {
      execFileSync('script', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const inTerminal = (keys: string) =>
    run('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} check --rules ${JSON.stringify(RULES)} --as-of 2025-11-30 --format json -`, '/dev/null'], (child) => {
      let seen = '';
      child.stdout!.on('data', (d: Buffer) => {
        seen += d.toString();
        if (seen.includes('waiting for CSV') && keys !== '') {
          const typed = keys;
          keys = '';
          setTimeout(() => child.stdin!.write(typed), 200);
        }
      });
    });

  it.skipIf(!hasScript)('says on stderr that it waits for CSV on standard input, then reads what is typed up to Ctrl-D', async () => {
    const r = await inTerminal(CSV + '\u0004');
    expect(r.stdout).toMatch(/^moc-check: waiting for CSV on standard input \(end it with Ctrl-D; Ctrl-C stops\)/);
    const json = r.stdout.slice(r.stdout.indexOf('{'), r.stdout.lastIndexOf('}') + 1).replace(/\r\n/g, '\n');
    expect(JSON.parse(json).findings.map((f: { line: number }) => f.line)).toEqual([2]);
  }, 30_000);

  it.skipIf(!hasScript)('Ctrl-C at the terminal stops the run: exit 2, no report', async () => {
    const r = await inTerminal('\u0003');
    expect(r.stdout).toMatch(/moc-check: SIGINT: the check was stopped before the end; no report was written/);
    expect(r.stdout).toMatch(/"format": "moc-error\/v1"/);
    expect(r.stdout).not.toMatch(/moc-report\/v1/);
  }, 30_000);
});

describe('a FIFO named as the assignments file', () => {
  it('without a writer: read as empty at once, not waited for', async () => {
    const fifo = join(dir, 'nobody.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await run(process.execPath, [BIN, 'check', '--rules', RULES, '--as-of', '2025-11-30', '--format', 'json', fifo], () => {});
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).data_issues).toMatchObject([{ code: 'unreadable_file', message: expect.stringMatching(/empty/) }]);
  }, 30_000);

  it('with a writer that never writes: SIGTERM stops the run, exit 2, nothing written', async () => {
    const fifo = join(dir, 'silent.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = openSync(fifo, fsConstants.O_RDWR); // holds the FIFO open and never writes
    try {
      const out = join(dir, 'fifo.json');
      const r = await run(process.execPath, checkArgs(out, fifo), (child) => setTimeout(() => child.kill('SIGTERM'), 1500));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^moc-check: SIGTERM: the check was stopped before the end; no report was written$/m);
      expect(existsSync(out)).toBe(false);
    } finally {
      closeSync(writer);
    }
  }, 30_000);

  it('with a writer: read through to its end', async () => {
    const fifo = join(dir, 'written.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = openSync(fifo, fsConstants.O_RDWR);
    writeSync(writer, CSV); // held in the FIFO while this process keeps it open
    const r = await run(process.execPath, [BIN, 'check', '--rules', RULES, '--as-of', '2025-11-30', '--format', 'json', fifo], (child) => {
      // close the writing end once the run has the FIFO open (before that, closing would drop the data)
      const poll = setInterval(() => {
        if (!opened(child.pid!, fifo)) return;
        clearInterval(poll);
        closeSync(writer);
      }, 50);
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { line: number }) => f.line)).toEqual([2]);
  }, 30_000);
});
