// Findings and data issues beyond a limit go to a temporary file (JSON lines) instead
// of the heap, so that a run's memory depends on its distinct keys, not on how many
// findings they produce (issue 13 item 3). What the report then holds is a read-only
// array view of the file: every array method and `for…of` work unchanged (each item
// is read back in order, a block at a time), and writing to it throws rather than
// being lost. Consumers that walk it once (the JSON, CSV, SARIF, JUnit reports) stay
// in constant memory; one that copies it (filter, map, sort) needs that memory.
// The folder is removed when the process exits, and stale ones of dead runs at the
// next run (a SIGKILL runs no exit handler).
import { closeSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutOfMemory, heapBaseline, heapOutgrowing } from '../signals.js';

/** Items kept in memory before a list spills to disk (about 25 MB of findings). */
export const DEFAULT_SPOOL_LIMIT = 50_000;

const PREFIX = 'moc-check-spool-';
const WRITE_CHUNK = 1 << 20;
const BLOCK_ITEMS = 512;

let folder: string | null = null;

/** The run's spool folder, created on first use and removed at exit. */
function spoolFolder(): string {
  if (folder === null) {
    removeStaleFolders();
    folder = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
    process.once('exit', removeSpoolFolder);
  }
  return folder;
}

export function removeSpoolFolder(): void {
  if (folder === null) return;
  rmSync(folder, { recursive: true, force: true });
  folder = null;
}

function removeStaleFolders(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let spoolCount = 0;

/** An append-only list: in memory up to `limit` items, then in a temporary file. */
export class ItemSpool<T> {
  private memory: T[] = [];
  private fd = -1;
  private pending = '';
  private written = 0;
  /** byte offset where item i starts; offsets[count] is the end */
  private offsets = new Float64Array(1024);
  private count = 0;
  private view: T[] | null = null;

  constructor(private readonly limit = DEFAULT_SPOOL_LIMIT) {}

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.view) throw new Error('internal error: item added after the list was read');
    if (this.fd < 0) {
      if (this.memory.length < this.limit) {
        this.memory.push(item);
        this.count++;
        return;
      }
      this.spill();
    }
    this.append(item);
  }

  /** The items: the array itself while in memory, else a read-only view of the file. */
  items(): T[] {
    if (this.fd < 0) return this.memory;
    if (!this.view) {
      this.flush();
      this.view = spooledView(this.fd, this.offsets, this.count);
    }
    return this.view;
  }

  private spill(): void {
    const path = join(spoolFolder(), `items-${++spoolCount}.jsonl`);
    this.fd = openSync(path, 'w+', 0o600);
    const held = this.memory;
    this.memory = [];
    this.count = 0;
    for (const item of held) this.append(item);
  }

  private append(item: T): void {
    const line = JSON.stringify(item) + '\n';
    if (this.count + 1 >= this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.written += Buffer.byteLength(line, 'utf8');
    this.count++;
    this.offsets[this.count] = this.written;
    this.pending += line;
    if (this.pending.length >= WRITE_CHUNK) this.flush();
  }

  private flush(): void {
    if (this.pending === '') return;
    const bytes = Buffer.from(this.pending, 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.offsetOfPending(bytes.length) + done);
    this.pending = '';
  }

  private offsetOfPending(pendingBytes: number): number {
    return this.written - pendingBytes;
  }

  /** Closes the file (the folder goes at exit). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** A read-only array of `count` items stored as JSON lines, read a block at a time. */
function spooledView<T>(fd: number, offsets: Float64Array, count: number): T[] {
  let blockStart = -1;
  let block: T[] = [];
  let baseline = -1;
  const itemAt = (i: number): T => {
    const start = i - (i % BLOCK_ITEMS);
    if (start !== blockStart) {
      // A consumer that keeps what it reads (a format that copies the list) fills the heap
      // here, block by block: stop it plainly (exit 2) before V8 aborts the process.
      // (measured against the heap's use when the list was first read: a streaming
      // consumer stays near it, one that copies the list grows until stopped)
      if (baseline < 0) baseline = heapBaseline();
      else if (heapOutgrowing(baseline)) throw new OutOfMemory('while writing the reports');
      const end = Math.min(count, start + BLOCK_ITEMS);
      const from = offsets[start]!;
      const bytes = Buffer.allocUnsafe(offsets[end]! - from);
      let read = 0;
      while (read < bytes.length) {
        const n = readSync(fd, bytes, read, bytes.length - read, from + read);
        if (n === 0) throw new Error('internal error: the spool file is shorter than written');
        read += n;
      }
      const lines = bytes.toString('utf8').split('\n');
      block = [];
      for (let k = 0; k < end - start; k++) block.push(JSON.parse(lines[k]!) as T);
      blockStart = start;
    }
    return block[i - start]!;
  };
  const indexOf = (prop: string | symbol): number => {
    if (typeof prop !== 'string') return -1;
    const n = prop.length > 0 && prop.length < 16 && /^(?:0|[1-9]\d*)$/.test(prop) ? Number(prop) : -1;
    return n < count ? n : -1;
  };
  const readOnly = (): never => {
    throw new TypeError('internal error: a spooled report list is read-only');
  };
  return new Proxy<T[]>([], {
    get(target, prop, receiver) {
      if (prop === 'length') return count;
      const i = indexOf(prop);
      if (i >= 0) return itemAt(i);
      return Reflect.get(target, prop, receiver) as unknown;
    },
    has(target, prop) {
      return indexOf(prop) >= 0 || Reflect.has(target, prop);
    },
    set: readOnly,
    deleteProperty: readOnly,
    defineProperty: readOnly,
  });
}

/**
 * A deep copy of a report whose lists may be spooled views (structuredClone cannot
 * copy a Proxy): the lists become plain arrays of copies, which may be changed in
 * place. It holds every item in memory, as any in-place edit of them must.
 */
export function cloneReport<R extends object>(report: R): R {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(report)) {
    copy[key] = Array.isArray(value) ? value.map((item: unknown) => structuredClone(item)) : structuredClone(value);
  }
  // the same keys, in the same order, each holding a copy of its value
  return copy as R;
}
