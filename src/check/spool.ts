// Findings and data issues beyond a limit go to a temporary file (blocks of JSON) instead
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
import { StringDecoder } from 'node:string_decoder';
import { OutOfMemory, heapBaseline, heapOutgrowing } from '../signals.js';
import { escapeJsonForTerminal } from '../text.js';
import { BatchedWriter } from '../batched-writer.js';

/** Items kept in memory before a list spills to disk (about 25 MB of findings). */
export const DEFAULT_SPOOL_LIMIT = 50_000;

const PREFIX = 'moc-check-spool-';
const READ_CHUNK = 1 << 16;
const BLOCK_ITEMS = 512;

let folder: string | null = null;
let removedAtExit = false;

/** The run's spool folder, created on first use and removed at exit. */
function spoolFolder(): string {
  if (folder === null) {
    removeStaleFolders();
    folder = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
    if (!removedAtExit) process.on('exit', removeSpoolFolder);
    removedAtExit = true;
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

/**
 * How items are stored: the text the JSON report writes for them (each item as
 * JSON.stringify(item, null, 2) indented by four spaces, items joined by ",\n",
 * terminal-unsafe characters escaped as escapeJsonForTerminal does), so the JSON
 * report copies the file unchanged (`spooledText`) and other readers parse a whole
 * block with one JSON.parse. One JSON.stringify of a wrapper gives that indentation;
 * a group of 64 items at a time keeps each string small (big ones live until a full GC).
 */
const WRAP_HEAD = '{\n  "x": [\n'.length;
const WRAP_TAIL = '\n  ]\n}'.length;
export const GROUP_ITEMS = 64;
const SEPARATOR = ',\n';
/** The JSON report's text of these items (see above), also used for a list kept in memory (src/report/json.ts). */
export function groupText(items: readonly unknown[]): string {
  return escapeJsonForTerminal(JSON.stringify({ x: items }, null, 2).slice(WRAP_HEAD, -WRAP_TAIL));
}

/** The spooled file behind a read-only view (the list `items()` returned). */
interface SpoolFile {
  fd: number;
  /** byte offset where block b starts (its separator, after the first); blockOffsets[blocks] is the end */
  blockOffsets: Float64Array;
  blocks: number;
  count: number;
}

const filesOfViews = new WeakMap<object, SpoolFile>();

/** An append-only list: in memory up to `limit` items, then in a temporary file. */
export class ItemSpool<T> {
  private memory: T[] = [];
  private fd = -1;
  /** items not yet written, once spilled (fewer than GROUP_ITEMS) */
  private group: T[] = [];
  /** items of the current block already written */
  private inBlock = 0;
  /** bytes on their way to the file, batched */
  private out: BatchedWriter | null = null;
  /** one offset per block of BLOCK_ITEMS items, not per item: 6M findings need 12k */
  private blockOffsets = new Float64Array(64);
  private blocks = 0;
  private count = 0;
  private view: T[] | null = null;

  constructor(private readonly limit = DEFAULT_SPOOL_LIMIT) {}

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.view) throw new Error('internal error: item added after the list was read');
    this.count++;
    if (this.fd < 0) {
      if (this.memory.length < this.limit) {
        this.memory.push(item);
        return;
      }
      this.spill();
    }
    this.group.push(item);
    if (this.group.length === GROUP_ITEMS) this.endGroup();
  }

  /** The items: the array itself while in memory, else a read-only view of the file. */
  items(): T[] {
    if (this.fd < 0) return this.memory;
    if (!this.view) {
      if (this.group.length > 0) this.endGroup();
      if (this.inBlock > 0) this.endBlock();
      this.out!.flush();
      this.out = null;
      const file: SpoolFile = { fd: this.fd, blockOffsets: this.blockOffsets, blocks: this.blocks, count: this.count };
      this.view = spooledView<T>(file);
      filesOfViews.set(this.view, file);
    }
    return this.view;
  }

  private spill(): void {
    const path = join(spoolFolder(), `items-${++spoolCount}.json-blocks`);
    this.fd = openSync(path, 'w+', 0o600);
    const fd = this.fd;
    this.out = new BatchedWriter((bytes, at) => {
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, at + done);
    });
    const held = this.memory;
    this.memory = [];
    for (const item of held) {
      this.group.push(item);
      if (this.group.length === GROUP_ITEMS) this.endGroup();
    }
  }

  private endGroup(): void {
    const text = groupText(this.group);
    const out = this.out!;
    if (out.offset > 0) out.write(SEPARATOR);
    out.write(text);
    this.inBlock += this.group.length;
    this.group = [];
    if (this.inBlock === BLOCK_ITEMS) this.endBlock();
  }

  private endBlock(): void {
    if (this.blocks + 1 >= this.blockOffsets.length) {
      const grown = new Float64Array(this.blockOffsets.length * 2);
      grown.set(this.blockOffsets);
      this.blockOffsets = grown;
    }
    this.blocks++;
    this.blockOffsets[this.blocks] = this.out!.offset;
    this.inBlock = 0;
  }

  /** Closes the file (the folder goes at exit). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

function readBytes(fd: number, bytes: Buffer, length: number, from: number): void {
  let read = 0;
  while (read < length) {
    const n = readSync(fd, bytes, read, length - read, from + read);
    if (n === 0) throw new Error('internal error: the spool file is shorter than written');
    read += n;
  }
}

/** The text of block b's items, without the separator before it. */
function blockText(file: SpoolFile, b: number): string {
  const from = file.blockOffsets[b]! + (b > 0 ? SEPARATOR.length : 0);
  const bytes = Buffer.allocUnsafe(file.blockOffsets[b + 1]! - from);
  readBytes(file.fd, bytes, bytes.length, from);
  return bytes.toString('utf8');
}

/**
 * The JSON report's text of a spooled list's items (joined by ",\n", no line break
 * after the last; see groupText) in pieces of at most 64 KB, or null for a list in
 * memory (or a copy of one): the JSON report writes them without parsing and
 * stringifying each item.
 */
export function spooledText(list: unknown): Iterable<string> | null {
  const file = typeof list === 'object' && list !== null ? filesOfViews.get(list) : undefined;
  if (file === undefined) return null;
  return (function* () {
    const end = file.blockOffsets[file.blocks]!;
    const bytes = Buffer.allocUnsafe(READ_CHUNK);
    const decoder = new StringDecoder('utf8');
    for (let at = 0; at < end; at += READ_CHUNK) {
      const length = Math.min(READ_CHUNK, end - at);
      readBytes(file.fd, bytes, length, at);
      yield decoder.write(bytes.subarray(0, length));
    }
    const rest = decoder.end();
    if (rest !== '') yield rest;
  })();
}

/** A read-only array of the items of a spool file, read a block at a time. */
function spooledView<T>(file: SpoolFile): T[] {
  const { count } = file;
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
      block = JSON.parse(`[${blockText(file, start / BLOCK_ITEMS)}]`) as T[];
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
 * `fn` of every item of a list, as a new list: a spooled list's items are read back in
 * order and the results spooled again (from the first), so a list of millions is
 * never held in memory; a list in memory is mapped in memory. `fn` gets the list's own
 * item (a list in memory: the report's object), so it must not change it.
 */
export function mapItems<T, U>(list: readonly T[], fn: (item: T) => U): U[] {
  if (!filesOfViews.has(list)) return list.map((item) => fn(item));
  const out = new ItemSpool<U>(0);
  for (const item of list) out.push(fn(item));
  return out.items();
}

/**
 * A deep copy of a report whose lists may be spooled views (structuredClone cannot
 * copy a Proxy): each list's items through `map[key]` (a copy of each by default,
 * see mapItems), everything else copied; the same keys in the same order.
 */
export function mapReport<R extends object>(report: R, map: { [K in keyof R]?: (item: never) => unknown } = {}): R {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(report)) {
    const fn = (map as Record<string, ((item: unknown) => unknown) | undefined>)[key] ?? ((item: unknown) => structuredClone(item));
    copy[key] = Array.isArray(value) ? mapItems(value as unknown[], fn) : structuredClone(value);
  }
  return copy as R;
}
