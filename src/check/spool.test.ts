// The spool (issue 13 item 3): past its limit a list lives in a temporary file, and
// what the report holds still behaves as the same read-only array.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyBaseline } from '../baseline.js';
import { redactReport } from '../redact.js';
import { loadRuleset } from '../ruleset/load.js';
import { REPO_ROOT } from '../../test/helpers.js';
import { runCheck } from './index.js';
import { ItemSpool, mapItems, removeSpoolFolder, spooledText } from './spool.js';
import { escapeJsonForTerminal } from '../text.js';
import { buildSync } from 'esbuild';
import { tempDir } from '../../test/temp.js';

const ownFolders = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`moc-check-spool-${process.pid}-`));

afterEach(() => {
  removeSpoolFolder();
  expect(ownFolders()).toEqual([]);
});

describe('ItemSpool', () => {
  const items = Array.from({ length: 1300 }, (_, i) => ({ n: i, text: `item ${i} é\u2028"` }));

  it('below its limit, the list is the plain array', () => {
    const spool = new ItemSpool<{ n: number }>(10);
    spool.push({ n: 1 });
    expect(Array.isArray(spool.items())).toBe(true);
    expect(spool.items()).toEqual([{ n: 1 }]);
    expect(ownFolders()).toEqual([]);
  });

  it('past its limit, reads back every item in order through every array method', () => {
    const spool = new ItemSpool<(typeof items)[number]>(3);
    for (const item of items) spool.push(item);
    expect(ownFolders()).toHaveLength(1);
    const list = spool.items();
    expect(Array.isArray(list)).toBe(true);
    expect(list.length).toBe(items.length);
    expect(list[0]).toEqual(items[0]);
    expect(list[1299]).toEqual(items[1299]);
    expect(list[1300]).toBeUndefined();
    expect([...list]).toEqual(items);
    expect(list.filter((x) => x.n % 500 === 0).map((x) => x.n)).toEqual([0, 500, 1000]);
    expect(list.some((x) => x.n === 777)).toBe(true);
    expect(list.slice(600, 602)).toEqual(items.slice(600, 602));
    expect([...list.entries()].length).toBe(1300);
    expect(JSON.stringify(list)).toBe(JSON.stringify(items));
    expect(() => list.push(items[0]!)).toThrow(TypeError);
    expect(() => {
      (list as unknown as Record<number, unknown>)[0] = 1;
    }).toThrow(TypeError);
    expect(() => spool.push(items[0]!)).toThrow(/after the list was read/);
    spool.close();
  });

  // blocks hold 512 items: lists ending just before, on and after a block's end,
  // spilled from memory at once (limit below the count) or from the first item (limit 0)
  const sizes = [1, 511, 512, 513, 1024, 1025, 1300];
  for (const limit of [0, 3, 600]) {
    for (const size of sizes.filter((n) => n > limit)) {
      it(`reads back ${size} items spilled past a limit of ${limit}, at every block boundary`, () => {
        const spool = new ItemSpool<(typeof items)[number]>(limit);
        const some = items.slice(0, size);
        for (const item of some) spool.push(item);
        expect(spool.length).toBe(size);
        const list = spool.items();
        expect(list.length).toBe(size);
        for (const i of [0, 510, 511, 512, 513, 1023, 1024, size - 1]) expect(list[i]).toEqual(some[i]);
        expect(list[size]).toBeUndefined();
        expect([...list]).toEqual(some);
        spool.close();
      });

      it(`stores ${size} items (limit ${limit}) as the JSON report's text of them`, () => {
        const spool = new ItemSpool<(typeof items)[number]>(limit);
        const some = items.slice(0, size);
        for (const item of some) spool.push(item);
        const text = spooledText(spool.items());
        if (text === null) throw new Error('a spilled list has no text');
        const report = escapeJsonForTerminal(JSON.stringify({ findings: some }, null, 2));
        expect(`{\n  "findings": [\n${[...text].join('')}\n  ]\n}`).toBe(report);
        spool.close();
      });
    }
  }

  it('gives the text whole where its 64 KB pieces split a character of several bytes', () => {
    const wide = Array.from({ length: 700 }, (_, i) => ({ n: i, text: `${'€'.repeat(i % 97)}é😀`.repeat(3) }));
    const spool = new ItemSpool<(typeof wide)[number]>(0);
    for (const item of wide) spool.push(item);
    const pieces = [...(spooledText(spool.items()) ?? [])];
    expect(pieces.length).toBeGreaterThan(3);
    expect(`[\n${pieces.join('')}\n  ]`).toBe(JSON.stringify({ x: wide }, null, 2).slice('{\n  "x": '.length, -'\n}'.length));
    spool.close();
  });

  it('has no blocks for a list in memory or a copy of a spooled one', () => {
    const inMemory = new ItemSpool<number>(10);
    inMemory.push(1);
    expect(spooledText(inMemory.items())).toBeNull();
    const spilled = new ItemSpool<number>(0);
    spilled.push(1);
    expect(spooledText([...spilled.items()])).toBeNull();
    expect(spooledText(null)).toBeNull();
    spilled.close();
  });

  it('leaves no spool folder when the process ends, however it ends', () => {
    // the spool bundled on its own, run in a child that spills and then exits
    const dir = tempDir();
    const bundle = join(dir, 'spool.mjs');
    buildSync({ entryPoints: [join(REPO_ROOT, 'src/check/spool.ts')], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'silent' });
    const endings = ['', 'process.exit(3);', 'throw new Error("boom");', 'process.exitCode = 1;'];
    for (const ending of endings) {
      const script = `import { ItemSpool } from ${JSON.stringify(bundle)};
        import { readdirSync } from 'node:fs'; import { tmpdir } from 'node:os';
        const spool = new ItemSpool(2); for (let i = 0; i < 1000; i++) spool.push({ i });
        if (spool.items()[999].i !== 999) process.exit(9);
        process.stdout.write(String(readdirSync(tmpdir()).filter((n) => n.startsWith('moc-check-spool-' + process.pid + '-')).length) + ' ' + process.pid);
        ${ending}`;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, TMPDIR: dir } });
      const [folders, pid] = child.stdout.split(' ');
      expect(folders).toBe('1');
      expect(child.status).not.toBe(9);
      expect(readdirSync(dir).filter((n) => n.startsWith(`moc-check-spool-${pid}-`))).toEqual([]);
    }
  });

  it('removes the folders of runs that died (a SIGKILL runs no exit handler)', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const stale = join(tmpdir(), `moc-check-spool-${dead.stdout}-stale`);
    mkdirSync(stale);
    const spool = new ItemSpool<number>(0);
    spool.push(1);
    expect(existsSync(stale)).toBe(false);
    spool.close();
  });
});

describe('a spooled check', () => {
  it('gives the same report as one held in memory', () => {
    const loaded = loadRuleset(join(REPO_ROOT, 'rules/south-east.yaml'));
    if (!loaded.ok) throw new Error('the example ruleset does not load');
    const ruleset = loaded.ruleset;
    const example = (name: string) => join(REPO_ROOT, 'fixtures/example', name);
    const opts = {
      ruleset,
      files: [example('east-sussex.csv'), example('kent.csv'), example('surrey.csv'), example('broken/missing-column.csv')],
      leavers: [example('leavers.csv'), example('broken/leavers-missing-column.csv')],
      asOf: '2025-11-30',
    };
    const inMemory = runCheck(opts);
    const spooled = runCheck({ ...opts, spoolLimit: 1 });
    expect(inMemory.findings.length).toBeGreaterThan(5);
    expect(inMemory.data_issues.length).toBeGreaterThan(2);
    expect(ownFolders()).toHaveLength(1);
    expect(JSON.stringify(spooled, null, 2)).toBe(JSON.stringify(inMemory, null, 2));
  });
});

describe('a spooled report through --baseline and --redact', () => {
  it('gives the same reports as one held in memory (no lost edits, no clone error)', () => {
    const loaded = loadRuleset(join(REPO_ROOT, 'rules/south-east.yaml'));
    if (!loaded.ok) throw new Error('the example ruleset does not load');
    const example = (name: string) => join(REPO_ROOT, 'fixtures/example', name);
    const opts = { ruleset: loaded.ruleset, files: [example('kent.csv'), example('surrey.csv')], leavers: [example('leavers.csv')], asOf: '2025-11-30', names: true };
    const inMemory = runCheck(opts);
    const spooled = runCheck({ ...opts, spoolLimit: 1 });
    const baseline = runCheck({ ...opts, files: [example('kent.csv')] });
    const same = (a: unknown, b: unknown) => expect(JSON.stringify(a, null, 2)).toBe(JSON.stringify(b, null, 2));
    same(applyBaseline(spooled, baseline), applyBaseline(inMemory, baseline));
    const redacted = redactReport(spooled, 'k');
    same(redacted, redactReport(inMemory, 'k'));
    expect(JSON.stringify(redacted)).not.toContain('"worker_name"');
    // still spooled: a report of millions of findings is not brought into memory
    expect(spooledText(applyBaseline(spooled, baseline).findings)).not.toBeNull();
    expect(spooledText(redacted.findings)).not.toBeNull();
    expect(spooledText(redacted.data_issues)).not.toBeNull();
    expect(Array.isArray(redactReport(inMemory, 'k').findings)).toBe(true);
    expect(spooledText(redactReport(inMemory, 'k').findings)).toBeNull();
  });
});

describe('mapItems', () => {
  const items = Array.from({ length: 700 }, (_, i) => ({ n: i }));
  it('maps a spooled list into a new spooled list, in order, leaving the first as it was', () => {
    const spool = new ItemSpool<{ n: number }>(5);
    for (const item of items) spool.push(item);
    const mapped = mapItems(spool.items(), (item) => ({ twice: item.n * 2 }));
    expect(spooledText(mapped)).not.toBeNull();
    expect(mapped.length).toBe(700);
    expect(mapped[699]).toEqual({ twice: 1398 });
    expect([...mapped].map((m) => m.twice)).toEqual(items.map((i) => i.n * 2));
    expect([...spool.items()]).toEqual(items);
  });

  it('maps a list in memory in memory', () => {
    const mapped = mapItems(items, (item) => item.n + 1);
    expect(Array.isArray(mapped) && spooledText(mapped) === null).toBe(true);
    expect(mapped.slice(0, 3)).toEqual([1, 2, 3]);
  });
});
