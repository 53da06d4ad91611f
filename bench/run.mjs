// npm run bench: the full check against a bare csv-parse parse of the same file,
// at 10k, 100k and 1M rows, measured in the same run. Sizes: BENCH_SIZES=10000,100000
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAssignments, generateLeavers } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = join(root, 'bench', 'data');
mkdirSync(dataDir, { recursive: true });
const sizes = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);

const leavers = join(dataDir, 'leavers-50k.csv');
if (!existsSync(leavers)) generateLeavers(leavers, 50_000);

function timed(args, env = {}) {
  const rssFile = join(dataDir, `rss-${process.pid}.txt`);
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, ['--import', join(root, 'bench', 'rss-hook.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, ...env, MOC_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0 && res.status !== 1) throw new Error(`${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  const rssKiB = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { seconds, rssMiB: rssKiB / 1024 };
}

const best = (runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));

function startupSeconds(args) {
  let fastest = Infinity;
  for (let i = 0; i < 10; i++) fastest = Math.min(fastest, timed(args).seconds);
  return fastest;
}

if (process.env.BENCH_STARTUP !== '0') {
  const small = join(dataDir, 'assignments-100.csv');
  if (!existsSync(small)) generateAssignments(small, 100);
  const bin = join(root, 'bin', 'moc-check');
  const node = startupSeconds(['-e', '0']);
  const version = startupSeconds([bin, '--version']);
  const check = startupSeconds([bin, 'check', '--rules', 'rules/south-east.yaml', '--as-of', '2025-11-30', '--format', 'json', '--fail-on', 'never', small]);
  console.log(`start-up (best of 10): node -e 0 ${(node * 1000).toFixed(0)} ms; moc-check --version ${(version * 1000).toFixed(0)} ms (${(version / node).toFixed(2)}x); 100-row check ${(check * 1000).toFixed(0)} ms`);
  console.log('');
}

console.log(`moc-check benchmark — node ${process.version}, best of ${repeats}`);
console.log('rows       MB      parse s   check s   ratio   rows/s       MB/s    peak RSS (check)');
for (const rows of sizes) {
  const file = join(dataDir, `assignments-${rows}.csv`);
  if (!existsSync(file)) generateAssignments(file, rows);
  const mb = statSync(file).size / 1e6;
  const out = join(dataDir, `report-${rows}.json`);
  const parse = [];
  const check = [];
  for (let i = 0; i < repeats; i++) {
    parse.push(timed([join(root, 'bench', 'bare-parse.mjs'), file]));
    check.push(
      timed([
        join(root, 'bin', 'moc-check'), 'check', '--rules', 'rules/south-east.yaml', '--leavers', leavers,
        '--as-of', '2025-11-30', '--format', 'json', '--output', out, '--fail-on', 'never', file,
      ]),
    );
  }
  const p = best(parse);
  const c = best(check);
  const peak = Math.max(...check.map((r) => r.rssMiB));
  console.log(
    [
      String(rows).padEnd(10), mb.toFixed(1).padStart(6), p.seconds.toFixed(2).padStart(9), c.seconds.toFixed(2).padStart(9),
      (c.seconds / p.seconds).toFixed(2).padStart(7), Math.round(rows / c.seconds).toLocaleString('en-GB').padStart(10),
      (mb / c.seconds).toFixed(1).padStart(9), `${peak.toFixed(0)} MiB`.padStart(12),
    ].join(' '),
  );
  rmSync(out, { force: true });
}
