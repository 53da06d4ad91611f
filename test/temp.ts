// Temporary folders for tests, every one removed when its test file ends
// (test/setup.ts): a test run leaves nothing in the temp dir.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/** A new empty folder in the temp dir, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'moc-check-test-'));
  created.push(dir);
  return dir;
}

/** Removes every folder tempDir() made so far (the setup file's afterAll). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Where a browser test writes its pages and screenshots: a temporary folder, removed
 * after the test file like any other, or `$MOC_CHECK_SCREENSHOTS/<name>` when a person
 * wants to look at them (kept: they asked for it).
 */
export function screenshotDir(name: string): string {
  const keep = process.env.MOC_CHECK_SCREENSHOTS;
  if (!keep) return tempDir();
  const dir = join(keep, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
