// npm run bench: the full check against a bare csv-parse parse of the same file,
// measured in the same run, on two row shapes (narrow: ~150 bytes, 24 columns, ~13%
// of rows with a finding; wide: ~300 bytes, every column) at 10k, 100k and 1M rows,
// and an all-breaching 1M-row file (six findings a row) in every format.
// Environment: BENCH_SIZES=10000,100000  BENCH_SETS=narrow,wide,allbreach
// BENCH_REPEATS=3  BENCH_STARTUP=0  BENCH_ALLBREACH_ROWS=1000000  BENCH_FORMATS=json,csv
// BENCH_OPTIONS=0 (no --redact/--baseline runs)  BENCH_XLSX=0 (no workbook runs)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAssignments, generateLeavers, generateNarrow } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = join(root, 'bench', 'data');
mkdirSync(dataDir, { recursive: true });
const sizes = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const sets = (process.env.BENCH_SETS ?? 'narrow,wide,allbreach').split(',');
const repeats = Math.max(3, Number(process.env.BENCH_REPEATS ?? 3));
const allBreachRows = Number(process.env.BENCH_ALLBREACH_ROWS ?? 1_000_000);
const formats = (process.env.BENCH_FORMATS ?? 'json,table,csv,markdown,html,sarif,junit,github').split(',');
const bin = join(root, 'bin', 'moc-check');

const leavers = join(dataDir, 'leavers-50k.csv');
if (!existsSync(leavers)) generateLeavers(leavers, 50_000);

/** Runs node with args; wall time, CPU time and peak RSS (from bench/rss-hook.mjs). */
function timed(args, nodeFlags = [], { allowFailure = false, env = {} } = {}) {
  const rssFile = join(dataDir, `rss-${process.pid}.txt`);
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [...nodeFlags, '--import', join(root, 'bench', 'rss-hook.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, ...env, MOC_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0 && res.status !== 1 && !allowFailure) throw new Error(`${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  // a process killed by V8 (signal 6) runs no exit hook: no figures, only the failure
  const usage = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')) : { cpu: NaN, maxRSS: NaN };
  rmSync(rssFile, { force: true });
  return { seconds, cpu: usage.cpu / 1e6, rssMiB: usage.maxRSS / 1024, status: res.status, signal: res.signal, stderr: String(res.stderr) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const checkArgs = (file, format, out, withLeavers = true) => [
  bin, 'check', '--rules', 'rules/south-east.yaml', ...(withLeavers ? ['--leavers', leavers] : []), '--as-of', '2025-11-30',
  '--format', format, '--output', out, '--fail-on', 'never', file,
];

function dataFile(set, rows) {
  const file = join(dataDir, `${set}-${rows}.csv`);
  if (!existsSync(file)) {
    if (set === 'wide') generateAssignments(file, rows);
    else generateNarrow(file, rows, { allBreach: set === 'allbreach' });
  }
  return file;
}

if (process.env.BENCH_STARTUP !== '0') {
  const small = dataFile('narrow', 100);
  const out = join(dataDir, 'report-100.json');
  const runs = (args) => median(Array.from({ length: 11 }, () => timed(args).seconds));
  const cpuRuns = (args) => median(Array.from({ length: 11 }, () => timed(args).cpu));
  const node = runs(['-e', '0']);
  const version = runs([bin, '--version']);
  const check = runs(checkArgs(small, 'json', out, false));
  console.log(`start-up (median of 11, wall): node -e 0 ${(node * 1000).toFixed(0)} ms; moc-check --version ${(version * 1000).toFixed(0)} ms (${(version / node).toFixed(2)}x); 100-row check ${(check * 1000).toFixed(0)} ms`);
  const nodeCpu = cpuRuns(['-e', '0']);
  const versionCpu = cpuRuns([bin, '--version']);
  const checkCpu = cpuRuns(checkArgs(small, 'json', out, false));
  rmSync(out, { force: true });
  console.log(`start-up (median of 11, cpu):  node -e 0 ${(nodeCpu * 1000).toFixed(0)} ms; moc-check --version ${(versionCpu * 1000).toFixed(0)} ms (${(versionCpu / nodeCpu).toFixed(2)}x); 100-row check ${(checkCpu * 1000).toFixed(0)} ms`);
  console.log('');
}

console.log(`moc-check benchmark — node ${process.version}, medians of ${repeats} runs, check = JSON report to a file`);
console.log('wall: elapsed seconds; cpu: user + system seconds (steadier on a shared machine); ratio = check / bare parse');
console.log('set          rows      MB  parse wall/cpu  check wall/cpu  ratio wall/cpu   rows/s    MB/s  parse RSS  check RSS');
for (const set of sets.filter((s) => s !== 'allbreach')) {
  for (const rows of sizes) {
    const file = dataFile(set, rows);
    const mb = statSync(file).size / 1e6;
    const out = join(dataDir, `report-${set}-${rows}.json`);
    const parse = [];
    const check = [];
    for (let i = 0; i < repeats; i++) {
      parse.push(timed([join(root, 'bench', 'bare-parse.mjs'), file]));
      check.push(timed(checkArgs(file, 'json', out)));
    }
    rmSync(out, { force: true });
    const p = median(parse.map((r) => r.seconds));
    const c = median(check.map((r) => r.seconds));
    const pc = median(parse.map((r) => r.cpu));
    const cc = median(check.map((r) => r.cpu));
    const pair = (a, b, digits) => `${a.toFixed(digits)}/${b.toFixed(digits)}`;
    console.log(
      [
        set.padEnd(8), String(rows).padStart(8), mb.toFixed(1).padStart(7), pair(p, pc, 2).padStart(15), pair(c, cc, 2).padStart(15),
        pair(c / p, cc / pc, 2).padStart(15), Math.round(rows / c).toLocaleString('en-GB').padStart(8),
        (mb / c).toFixed(1).padStart(7), `${median(parse.map((r) => r.rssMiB)).toFixed(0)} MiB`.padStart(10),
        `${median(check.map((r) => r.rssMiB)).toFixed(0)} MiB`.padStart(10),
      ].join(' '),
    );
  }
}

if (sets.includes('allbreach')) {
  const file = dataFile('allbreach', allBreachRows);
  const mb = statSync(file).size / 1e6;
  console.log('');
  console.log(`all-breaching: ${allBreachRows} rows (${mb.toFixed(0)} MB), every row breaches all six rules; one run per format`);
  console.log('format     wall s    cpu s   peak RSS   output MB  exit');
  for (const format of formats) {
    const out = join(dataDir, `report-allbreach.${format}`);
    const r = timed(checkArgs(file, format, out), [], { allowFailure: true });
    const outMb = existsSync(out) ? statSync(out).size / 1e6 : 0;
    rmSync(out, { force: true });
    // 0 or 1 is a run that completed; anything else is a failure, with what the tool said
    const exit = r.signal ? `killed by ${r.signal}` : r.status === 0 || r.status === 1 ? String(r.status) : `${r.status}: ${r.stderr.split('\n').find((l) => l.startsWith('moc-check:') && !l.includes('wrote the')) ?? ''}`;
    console.log(
      `${format.padEnd(10)} ${r.seconds.toFixed(2).padStart(6)} ${r.cpu.toFixed(2).padStart(8)} ${`${r.rssMiB.toFixed(0)} MiB`.padStart(10)} ${outMb.toFixed(0).padStart(11)}  ${exit}`,
    );
  }
}

// --redact and --baseline on a 100,000-row narrow file against the plain check, medians
// of `repeats` (they map every finding once more; --redact was once quadratic in them).
// BENCH_OPTIONS=0 skips it.
if (process.env.BENCH_OPTIONS !== '0') {
  const file = dataFile('narrow', 100_000);
  const base = join(dataDir, 'report-options-baseline.json');
  const out = join(dataDir, 'report-options.json');
  timed(checkArgs(file, 'json', base));
  console.log('');
  console.log('options: narrow 100,000 rows, JSON report, medians of ' + repeats);
  console.log('run          wall s    cpu s   peak RSS');
  const env = { MOC_CHECK_PSEUDONYM_KEY: 'bench-key-0123456789' };
  for (const [name, extra] of [['plain', []], ['--redact', ['--redact']], ['--baseline', ['--baseline', base]]]) {
    const runs = Array.from({ length: repeats }, () => timed([...checkArgs(file, 'json', out), ...extra], [], { env }));
    const m = (key) => median(runs.map((r) => r[key]));
    console.log(`${name.padEnd(10)} ${m('seconds').toFixed(2).padStart(8)} ${m('cpu').toFixed(2).padStart(8)} ${`${m('rssMiB').toFixed(0)} MiB`.padStart(10)}`);
  }
  rmSync(out, { force: true });
  rmSync(base, { force: true });
}

// Workbooks (issue 9): a 50,000-row .xlsx against the same rows as CSV. BENCH_XLSX=0 skips it.
if (process.env.BENCH_XLSX !== '0') (await import('./xlsx.mjs')).benchWorkbook({ dataDir, timed, median, repeats, checkArgs });
