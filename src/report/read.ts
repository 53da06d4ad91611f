// Reading a JSON report back (for `diff` and `--baseline`): only the shape those
// rely on is checked, and every refusal is a plain sentence naming the file.
import { readFileSync } from 'node:fs';
import type { Report } from '../types.js';

function fail(path: string, why: string): never {
  throw new Error(`${path} is not a moc-check JSON report: ${why}`);
}

const STATUSES = new Set(['breach', 'exempted', 'unknown']);
const EX_STATUSES = new Set(['pending', 'active', 'expiring', 'expired']);

/** Checks the minimal shape `diff` relies on; throws an Error with a plain message. */
export function parseReportText(text: string, path = 'input'): Report {
  let data: unknown;
  try {
    data = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    fail(path, 'it is not JSON (write the report with --format json)');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail(path, 'it is not a JSON object');
  const r = data as Record<string, unknown>;
  if (r['format'] !== 'moc-report/v1') {
    fail(path, r['format'] === undefined ? 'it has no "format": "moc-report/v1"' : `its format is ${JSON.stringify(r['format'])}, not "moc-report/v1"`);
  }
  if (typeof r['as_of'] !== 'string') fail(path, 'it has no as_of date');
  const rs = r['ruleset'] as Record<string, unknown> | undefined;
  if (!rs || typeof rs !== 'object' || typeof rs['id'] !== 'string') fail(path, 'it has no ruleset id');
  if (!Array.isArray(r['findings'])) fail(path, 'it has no findings list');
  (r['findings'] as unknown[]).forEach((f, i) => {
    const x = f as Record<string, unknown> | null;
    if (!x || typeof x !== 'object') fail(path, `finding ${i + 1} is not an object`);
    for (const key of ['id', 'rule', 'la_code', 'assignment_id', 'status'] as const) {
      if (typeof x[key] !== 'string') fail(path, `finding ${i + 1} has no ${key}`);
    }
    if (!STATUSES.has(x['status'] as string)) fail(path, `finding ${i + 1} has an unknown status ${JSON.stringify(x['status'])}`);
  });
  if (r['exemptions'] !== undefined) {
    if (!Array.isArray(r['exemptions'])) fail(path, 'its exemptions are not a list');
    (r['exemptions'] as unknown[]).forEach((e, i) => {
      const x = e as Record<string, unknown> | null;
      if (!x || typeof x !== 'object' || typeof x['id'] !== 'string' || !EX_STATUSES.has(x['status'] as string)) {
        fail(path, `exemption ${i + 1} has no id or a status that is not pending, active, expiring or expired`);
      }
    });
  } else {
    r['exemptions'] = [];
  }
  return r as unknown as Report;
}

/** Reads a JSON report written by `moc-check check --format json`. Throws a plain Error otherwise. */
export function readReportFile(path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message}`);
  }
  return parseReportText(text, path);
}
