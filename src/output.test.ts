// Writing outputs: whole or not at all, and what is replaced keeps what it was
// (mode, links, devices and FIFOs); stale temporaries of killed runs are removed.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, rmSync, statSync, symlinkSync, writeFileSync, constants as fsConstants } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.js';
import { removeStaleTemporaries, writeFileAtomic, writeFilesAtomic } from './output.js';

const dirs: string[] = [];
const fresh = () => {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A PID that no process has now: one of a child that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('writeFilesAtomic', () => {
  // chunks are encoded into one reused 1 MB buffer: around its end, past it, text and bytes
  const chunkings: Array<[string, () => Array<string | Uint8Array>]> = [
    ['none', () => []],
    ['one empty text', () => ['']],
    ['small texts of characters of 1 to 4 bytes', () => Array.from({ length: 5000 }, (_, i) => `a é € 😀 ${i}\n`)],
    // 1,580 + 348 × 3,000 bytes leave 2,996 free: the next 3,000 must wait for a new batch
    ['texts that fill the buffer to its last bytes', () => ['x'.repeat(1580), ...Array.from({ length: 400 }, () => '€'.repeat(1000))]],
    ['one text over the buffer, between small ones', () => ['start ', '€'.repeat(600_000), ' end']],
    ['bytes among texts', () => ['a', Buffer.from('bytes é'), new Uint8Array(2 << 20).fill(98), 'z']],
    ['a lone surrogate (written as U+FFFD, as Buffer.from does)', () => ['a\ud800b']],
  ];
  for (const [name, chunks] of chunkings) {
    it(`writes the bytes of its chunks in order: ${name}`, () => {
      const path = join(fresh(), 'out.txt');
      writeFilesAtomic([{ path, chunks: chunks() }]);
      const expected = Buffer.concat(chunks().map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
      expect(readFileSync(path).equals(expected)).toBe(true);
    });
  }

  it('keeps the mode of the file it replaces; a new file gets the umask', () => {
    const dir = fresh();
    const kept = join(dir, 'private.json');
    writeFileSync(kept, 'old');
    chmodSync(kept, 0o600);
    writeFileAtomic(kept, 'new');
    expect(readFileSync(kept, 'utf8')).toBe('new');
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    const created = join(dir, 'new.json');
    writeFileAtomic(created, 'x');
    expect(statSync(created).mode & 0o777).toBe(0o666 & ~process.umask());
  });

  it('writes through a symbolic link to its target, existing or not, and leaves the link a link', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'reports'));
    const target = join(dir, 'reports', 'nov.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    const link = join(dir, 'latest.json');
    symlinkSync(join('reports', 'nov.json'), link);
    writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('reports', 'nov.json'));
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    // a link to a file not made yet, through a second link
    const dangling = join(dir, 'next.json');
    symlinkSync(join(dir, 'reports', 'dec.json'), dangling);
    const chain = join(dir, 'chain.json');
    symlinkSync(dangling, chain);
    writeFileAtomic(chain, 'dec');
    expect(lstatSync(chain).isSymbolicLink() && lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'reports', 'dec.json'), 'utf8')).toBe('dec');
    expect(readdirSync(dir).sort()).toEqual(['chain.json', 'latest.json', 'next.json', 'reports']);
    expect(readdirSync(join(dir, 'reports')).sort()).toEqual(['dec.json', 'nov.json']);
  });

  it('writes to a FIFO in place (it stays a FIFO) and refuses one nobody reads instead of waiting', () => {
    const dir = fresh();
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => writeFileAtomic(fifo, 'nobody reads')).toThrow(expect.objectContaining({ code: 'ENXIO' }));
    const reader = openSync(fifo, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
    try {
      writeFileAtomic(fifo, 'report\n');
      const buf = Buffer.alloc(64);
      expect(buf.subarray(0, readSync(reader, buf)).toString()).toBe('report\n');
    } finally {
      closeSync(reader);
    }
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.fifo']);
  });

  it.runIf(process.getuid?.() === 0)('writes to a device in place, never renaming a file over it (as root)', () => {
    const dir = fresh();
    const device = join(dir, 'null');
    execFileSync('mknod', [device, 'c', '1', '3']); // /dev/null's numbers
    writeFilesAtomic([{ path: device, chunks: ['a report'] }, { path: join(dir, 'r.json'), chunks: ['{}'] }]);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['null', 'r.json']);
    const full = join(dir, 'full');
    execFileSync('mknod', [full, 'c', '1', '7']); // /dev/full's
    writeFileSync(join(dir, 'r.json'), 'old');
    // a device that fails: nothing renamed, no temporary left
    expect(() => writeFilesAtomic([{ path: join(dir, 'r.json'), chunks: ['new'] }, { path: full, chunks: ['x'] }])).toThrow(/ENOSPC/);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('old');
    expect(statSync(full).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['full', 'null', 'r.json']);
  });

  it('removes the temporaries of runs that were killed, and no other file', () => {
    const dir = fresh();
    const target = join(dir, 'r.json');
    const dead = deadPid();
    const stale = [`.r.json.${dead}-0badcafe.moc-check.tmp`, `.r.json.${dead}.1764582000000.tmp`];
    const live = `.r.json.${process.ppid}-0badcafe.moc-check.tmp`; // a running process's
    const others = ['.r.json.notes', `.other.json.${dead}-0badcafe.moc-check.tmp`, 'r.json.bak'];
    for (const name of [...stale, live, ...others]) writeFileSync(join(dir, name), 'x');
    writeFileAtomic(target, 'report');
    expect(readdirSync(dir).sort()).toEqual([live, ...others, 'r.json'].sort());
    // and the function alone, on a folder that does not exist, does nothing
    expect(() => removeStaleTemporaries(join(dir, 'nope', 'r.json'))).not.toThrow();
    expect(existsSync(join(dir, stale[0]!))).toBe(false);
  });
});
