// The launcher's two routes to the same code (bin/moc-check): the CommonJS bundle with
// the V8 code cache `npm run build` made (what every other test runs), and the ES
// modules it falls back to when there is no cache for the running Node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli } from './helpers.js';

const EXAMPLE = ['--rules', 'rules/south-east.yaml', '--leavers', 'fixtures/example/leavers.csv', '--as-of', '2025-11-30',
  ...['east-sussex.csv', 'kent.csv', 'surrey.csv'].map((f) => join('fixtures', 'example', f))];

/** The CLI through dist/cli.js, as the launcher runs it without a code cache. */
function runEsModules(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const entry = pathToFileURL(join(REPO_ROOT, 'dist', 'cli.js')).href;
  const script = `const { main } = await import(${JSON.stringify(entry)}); await main(process.argv);`;
  // `node -e` puts its arguments from argv[1]: one placeholder stands for the script
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'moc-check', ...args], {
    cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8',
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('the launcher', () => {
  it('has a code cache for this Node after the build, so the tests run the cached bundle', async () => {
    const { cachePath, bundlePath } = await import(pathToFileURL(join(REPO_ROOT, 'bin', 'cli-bundle.mjs')).href);
    expect(existsSync(bundlePath)).toBe(true);
    expect(existsSync(cachePath)).toBe(true);
    expect(existsSync(BIN)).toBe(true);
  });

  it.each([['json'], ['csv'], ['markdown'], ['table']])('the ES modules give the same %s report and exit code', (format) => {
    const args = ['check', ...EXAMPLE, '--format', format];
    const viaCache = runCli(args);
    const viaModules = runEsModules(args);
    expect(viaCache.code).toBe(1); // the example month has breaches
    expect(viaModules.code).toBe(viaCache.code);
    expect(viaModules.stdout).toBe(viaCache.stdout);
    expect(viaModules.stderr).toBe(viaCache.stderr);
  });
});
