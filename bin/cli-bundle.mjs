// The check path as one CommonJS bundle (dist/cli.cjs), compiled through vm.Script with
// the V8 code cache that `npm run build` made on this machine (tools/code-cache.mjs):
// Node 20 has no compile cache for ES modules, and compiling the bundle's JavaScript
// is about a fifth of a 100-row check (docs/performance.md "Start-up", decisions.md).
// Nothing is written at run time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const dist = new URL('../dist/', import.meta.url);
export const bundlePath = fileURLToPath(new URL('cli.cjs', dist));
// V8 rejects a cache made by another V8 or for another CPU; naming the file by both
// means a Node upgrade finds no cache (and takes the ES modules) rather than a stale one.
export const cachePath = fileURLToPath(new URL(`cli-${process.versions.v8}-${process.arch}.cache`, dist));

/** Compiles and runs the bundle; `cachedData` may be undefined (when the cache is made). */
export function compileCli(cachedData) {
  const script = new Script('(function (exports, require, module, __filename, __dirname) { ' + readFileSync(bundlePath, 'utf8') + '\n})', { filename: bundlePath, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, fileURLToPath(dist));
  return { script, main: module.exports.main };
}
