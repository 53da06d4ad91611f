// Runs the command line in this process (src/cli.ts `run`), so end-to-end tests of
// commands need not spawn Node. Tests of the process itself (signals, stdin, the
// launcher, exit on a closed pipe) still use runCli from helpers.ts.
import { run } from '../src/cli.js';
import type { CliRun } from './helpers.js';

export async function runInProcess(args: string[], options: { env?: Record<string, string>; isTTY?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(['node', 'moc-check', ...args], {
    stdout: { isTTY: options.isTTY ?? false, write: (text: string) => (stdout += text) },
    stderr: { isTTY: false, write: (text: string) => (stderr += text) },
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  return { code, stdout, stderr };
}
