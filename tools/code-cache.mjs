// Run by `npm run build`: makes the V8 code cache for dist/cli.cjs (bin/cli-bundle.mjs)
// after a warm-up check of fixtures/example/kent.csv, so the functions a check runs
// are in it compiled, not only the bundle's top level. With the launcher's heap flag,
// since V8 rejects a cache made under other flags.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

v8.setFlagsFromString('--heap-growing-percent=25');
const { cachePath, compileCli } = await import('../bin/cli-bundle.mjs');
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'moc-check-code-cache-'));
// Removed on exit, however the build script ends (a warm-up that never settles runs no `finally`).
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const writes = [process.stdout.write, process.stderr.write];
const { script, main } = compileCli(undefined);
// Silenced, but still calling back: the CLI waits for its writes to drain.
process.stdout.write = process.stderr.write = (_chunk, encoding, done) => {
  const callback = typeof encoding === 'function' ? encoding : done;
  if (callback) process.nextTick(callback);
  return true;
};
try {
  await main(['node', 'moc-check', 'check', '--rules', join(root, 'rules/south-east.yaml'), '--as-of', '2025-11-30',
    '--format', 'json', '--output', join(dir, 'report.json'), '--fail-on', 'never', join(root, 'fixtures/example/kent.csv')]);
} finally {
  [process.stdout.write, process.stderr.write] = writes;
}
if (process.exitCode !== 0 && process.exitCode !== undefined) throw new Error(`the warm-up check exited ${process.exitCode}`);
writeFileSync(cachePath, script.createCachedData());
