// Outputs are written whole or not at all: every report of a run goes to a
// temporary file beside its target first; only when all of them are on disk are
// they renamed into place, so a full disk or an interruption never leaves a
// half-written report (nor, for several --write targets, a mixed set).
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
}

function writeTemp(temp: string, chunks: Iterable<string>): void {
  const fd = openSync(temp, 'wx', 0o644);
  try {
    for (const chunk of chunks) writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes every file or none: temporaries first, then renames. */
export function writeFilesAtomic(files: ReadonlyArray<{ path: string; chunks: Iterable<string> }>): void {
  const staged: Array<{ temp: string; target: string }> = [];
  try {
    for (const { path, chunks } of files) {
      const target = resolve(path);
      const temp = tempPathFor(target);
      staged.push({ temp, target });
      writeTemp(temp, chunks);
    }
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
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
