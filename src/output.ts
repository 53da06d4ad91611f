// Outputs are written whole or not at all: every report of a run goes to a
// temporary file beside its target first; only when all of them are on disk are
// they renamed into place, so a full disk or an interruption never leaves a
// half-written report (nor, for several --write targets, a mixed set).
//
// What is replaced keeps what it was: a report file keeps its mode (reports hold
// personal data: a 0600 file stays 0600) and, run as root, its owner; a new file gets
// the user's umask. A path that is a symbolic link is written through to the file it
// points to (the link stays a link). An output that is not a regular file — a device
// such as /dev/null, a FIFO, a socket — is written in place, never renamed over.
//
// Temporaries are named `.NAME.PID-RANDOM.moc-check.tmp` beside NAME; one left by a
// run that was killed (SIGKILL, power loss) is removed by the next run that writes
// NAME, once no process with that PID is running.
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  constants as fsConstants,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { BATCH_BYTES, BatchedWriter } from './batched-writer.js';

const TEMP_SUFFIX = '.moc-check.tmp';

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // running, someone else's
  }
}

/** Removes the temporaries of `target` left by runs that are no longer running (this naming, and the earlier `.NAME.PID.TIME.tmp`). */
export function removeStaleTemporaries(target: string): void {
  const name = basename(target);
  let entries: string[];
  try {
    entries = readdirSync(dirname(target));
  } catch {
    return;
  }
  const prefix = `.${name}.`;
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const rest = entry.slice(prefix.length);
    const match = /^(\d+)-[0-9a-f]{8}\.moc-check\.tmp$/.exec(rest) ?? /^(\d+)\.\d+\.tmp$/.exec(rest);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || processIsRunning(pid)) continue;
    rmSync(join(dirname(target), entry), { force: true });
  }
}

/** Where a path's bytes end up: the file at the end of its chain of links (which may not exist yet). */
function throughLinks(path: string): string {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    const st = lstatSync(current, { throwIfNoEntry: false });
    if (!st?.isSymbolicLink()) break;
    current = resolve(dirname(current), readlinkSync(current));
  }
  try {
    return join(realpathSync(dirname(current)), basename(current));
  } catch {
    return current;
  }
}

type Plan =
  | { kind: 'staged'; target: string; keep: { mode: number; uid: number; gid: number } | null }
  | { kind: 'in-place'; path: string };

function planFor(path: string): Plan {
  const st = statSync(path, { throwIfNoEntry: false });
  // A folder stays staged: its rename fails and says so, leaving it as it was.
  if (st && !st.isFile() && !st.isDirectory()) return { kind: 'in-place', path };
  const keep = st?.isFile() ? { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid } : null;
  return { kind: 'staged', target: throughLinks(path), keep };
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `bytes`, over partial writes and a full pipe (EAGAIN on a non-blocking FIFO). */
function writeBytes(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(pause, 0, 0, 5); // the reader is behind: wait a little
    }
  }
}

/** One buffer for every output (writes are synchronous, one output at a time). */
let batch: Buffer | null = null;

/** Writes chunks (text or a workbook's bytes), batched about 1 MB at a time. */
function writeChunks(fd: number, chunks: Iterable<string | Uint8Array>): void {
  const out = new BatchedWriter((bytes) => writeBytes(fd, bytes), (batch ??= Buffer.allocUnsafe(BATCH_BYTES)));
  for (const chunk of chunks) out.write(chunk);
  out.flush();
}

function writeTemp(temp: string, chunks: Iterable<string | Uint8Array>, keep: { mode: number; uid: number; gid: number } | null): void {
  // 0o666 less the umask for a new file; the replaced file's mode (and owner, as root) otherwise
  const fd = openSync(temp, 'wx', 0o666);
  try {
    if (keep) {
      fchmodSync(fd, keep.mode);
      if (process.getuid?.() === 0) fchownSync(fd, keep.uid, keep.gid);
    }
    writeChunks(fd, chunks);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens an output that is not a regular file. O_NONBLOCK so that a FIFO nobody reads
 * is refused (ENXIO) instead of waited on for ever.
 */
function openInPlace(path: string, flags: number): number {
  return openSync(path, flags | fsConstants.O_NONBLOCK);
}

function writeInPlace(path: string, chunks: Iterable<string | Uint8Array>): void {
  const fd = openInPlace(path, fsConstants.O_WRONLY | fsConstants.O_TRUNC);
  try {
    writeChunks(fd, chunks);
  } finally {
    closeSync(fd);
  }
}

/** Appends text to a file (the GitHub job summary), in place, without waiting on a FIFO nobody reads. */
export function appendInPlace(path: string, text: string): void {
  const fd = openInPlace(path, fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT);
  try {
    writeChunks(fd, [text]);
  } finally {
    closeSync(fd);
  }
}

/** Writes every file or none: temporaries first, then the outputs that are written in place, then renames. */
export function writeFilesAtomic(files: ReadonlyArray<{ path: string; chunks: Iterable<string | Uint8Array> }>): void {
  const plans = files.map((file) => ({ file, plan: planFor(file.path) }));
  const staged: Array<{ temp: string; target: string }> = [];
  try {
    for (const { file, plan } of plans) {
      if (plan.kind !== 'staged') continue;
      removeStaleTemporaries(plan.target);
      const temp = tempPathFor(plan.target);
      staged.push({ temp, target: plan.target });
      writeTemp(temp, file.chunks, plan.keep);
    }
    for (const { file, plan } of plans) if (plan.kind === 'in-place') writeInPlace(plan.path, file.chunks);
  } catch (err) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw err;
  }
  let renamed = 0;
  try {
    for (const { temp, target } of staged) {
      renameSync(temp, target);
      renamed++;
    }
  } catch (err) {
    for (const { temp } of staged.slice(renamed)) rmSync(temp, { force: true });
    throw err;
  }
}

export function writeFileAtomic(path: string, text: string): void {
  writeFilesAtomic([{ path, chunks: [text] }]);
}

function canonical(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    // a file not created yet: resolve its folder, which may be a link
    try {
      return join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

/** True when two paths name the same file, following links. */
export function samePath(a: string, b: string): boolean {
  return canonical(a) === canonical(b);
}

/** A write error in plain words. */
export function describeWriteError(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'a folder on the output path does not exist';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'the output path is a folder';
    case 'ENXIO':
      return 'no process is reading from it (a FIFO or socket)';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
