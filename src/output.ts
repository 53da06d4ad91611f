// Outputs are written whole or not at all: a temporary file beside the target,
// then a rename, so an interrupted run never leaves half a report.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export function writeFileAtomic(path: string, text: string): void {
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, target);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
}

/** True when two paths name the same file (as far as can be told without following links). */
export function samePath(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}
