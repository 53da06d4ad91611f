// Validation of a YAML source against a zod schema: every zod issue becomes a
// problem at the file, line and column of the key or value it is about, worded
// by the file kind's SchemaWording ("\"months\" in rule \"DFE-PQE\" must be ...").
import type { z } from 'zod';
import { didYouMean, q, type Problems } from './diagnostics.js';
import { locAt, type YamlSource } from './source.js';
import { getAt, isObj, keysOf, newObj, pathKey, type Path, type Seg } from './plain.js';

/** How one kind of file names its parts in messages. */
export interface SchemaWording {
  /** The keys allowed in the mapping at `path`, for "did you mean". */
  allowedKeys(data: unknown, path: Path): readonly string[];
  /** A noun phrase for the value at `path` ('"months" in rule "DFE-PQE"'). */
  describe(data: unknown, path: Path): string;
  /** A whole message for an unknown key, where the kind words it its own way. */
  unknownKey?(data: unknown, path: Path, key: string, hint: string): string | undefined;
  /**
   * For a union that is not a discriminated one: the option whose issues explain the
   * value; 'mapping' to say the value must be a mapping; undefined to report the
   * union's own message.
   */
  unionOption?(data: unknown, path: Path, optionCount: number): number | 'mapping' | undefined;
  /** The values a discriminator key (`kind`) may take, for its message. */
  discriminatorValues?(data: unknown, path: Path): readonly string[];
  /** What a key at `path` is called when the key itself is invalid ('role key'). */
  keyNoun?(path: Path): string;
  /** Added to "missing required key" at `path`. */
  missingKeyNote?(path: Path): string;
  /**
   * How a number at `path` must be written, checked on its source text (YAML also
   * reads 0x26, 1e-9 and -0 as numbers; zod sees only the value).
   */
  numberText?(path: Path): NumberText | undefined;
}

export interface NumberText {
  pattern: RegExp;
  /** the end of a sentence: 'must be written ...' */
  message: string;
}

/** ' in rule "X"', or ' at the top level of the file'. */
export function within(wording: SchemaWording, data: unknown, path: Path): string {
  return path.length === 0 ? ' at the top level of the file' : ` in ${wording.describe(data, path)}`;
}

function found(v: unknown, code: string, source?: string): string {
  if (v === null || v === undefined) return ', but it is empty';
  if (typeof v === 'string') return v.trim() === '' ? ', but it is blank' : `, not ${q(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `, not ${source ?? String(v)}`;
  if (code !== 'invalid_type' && code !== 'invalid_union') return '';
  return Array.isArray(v) ? ', not a list' : ', not a set of "key: value" entries';
}

/** A refine whose message says what is wrong with the value sets params.quoteValue false. */
function quotesValue(issue: z.core.$ZodIssue): boolean {
  return !(issue.code === 'custom' && (issue.params as { quoteValue?: boolean } | undefined)?.quoteValue === false);
}

export function reportSchemaIssues(src: YamlSource, issues: readonly z.core.$ZodIssue[], prefix: Path, wording: SchemaWording, problems: Problems): void {
  const data = src.data;
  for (const issue of issues) {
    const path: Path = [...prefix, ...(issue.path as Seg[]).map(unstandProto)];
    if (src.skipped.covers(path)) continue;
    switch (issue.code) {
      case 'unrecognized_keys': {
        for (const key of issue.keys.map(unstandProto)) {
          const keyPath = [...path, key];
          src.issuePaths.push(keyPath);
          if (src.skipped.covers(keyPath)) continue;
          const hint = didYouMean(key, wording.allowedKeys(data, path));
          const message = wording.unknownKey?.(data, path, key, hint) ?? `unknown key ${q(key)}${within(wording, data, path)}${hint}`;
          problems.add(src.file, locAt(src, keyPath, 'key'), message);
        }
        break;
      }
      case 'invalid_union': {
        const option = wording.unionOption?.(data, path, issue.errors.length);
        if (option === 'mapping') {
          valueProblem(src, path, 'must be a set of "key: value" entries', issue.code, wording, problems);
          break;
        }
        const optionIssues = option === undefined ? undefined : issue.errors[option];
        if (optionIssues) {
          reportSchemaIssues(src, optionIssues, path, wording, problems);
          break;
        }
        if ((issue as { note?: string }).note === 'No matching discriminator') {
          src.issuePaths.push(path);
          const value = getAt(data, path);
          const key = String(path[path.length - 1]);
          const values = wording.discriminatorValues?.(data, path) ?? [];
          const list = values.join(', ');
          const owner = wording.describe(data, path.slice(0, -1));
          if (value === undefined) {
            problems.add(src.file, locAt(src, path.slice(0, -1)), `missing required key ${q(key)} in ${owner} (one of ${list})`);
          } else {
            const hint = typeof value === 'string' ? didYouMean(value, values) : '';
            problems.add(src.file, locAt(src, path), `${q(key)} in ${owner} must be one of ${list}${found(value, issue.code)}${hint}`);
          }
          break;
        }
        valueProblem(src, path, issue.message, issue.code, wording, problems);
        break;
      }
      case 'invalid_key': {
        src.issuePaths.push(path);
        const key = String(path[path.length - 1]);
        const inner = issue.issues[0]?.message ?? 'is not allowed here';
        const what = wording.keyNoun?.(path) ?? 'key';
        problems.add(src.file, locAt(src, path, 'key'), `${what} ${q(key)}${within(wording, data, path.slice(0, -1))} ${inner}`);
        break;
      }
      default:
        valueProblem(src, path, issue.message, issue.code, wording, problems, quotesValue(issue));
    }
  }
}

function valueProblem(src: YamlSource, path: Path, message: string, code: string, wording: SchemaWording, problems: Problems, quote = true): void {
  src.issuePaths.push(path);
  const k = pathKey(path);
  if (src.reported.has(k)) return;
  src.reported.add(k);
  const data = src.data;
  if (!src.info.has(k)) {
    const key = String(path[path.length - 1]);
    const parent = path.slice(0, -1);
    const where = parent.length === 0 ? '' : within(wording, data, parent);
    problems.add(src.file, locAt(src, parent), `missing required key ${q(key)}${where}${wording.missingKeyNote?.(path) ?? ''}`);
    return;
  }
  const v = getAt(data, path);
  const tail = quote ? found(v, code, src.info.get(k)?.source) : '';
  problems.add(src.file, locAt(src, path), `${wording.describe(data, path)} ${message}${tail}`);
}

// zod skips a key named "__proto__" in records (roles, region.las, columns, rates):
// neither the key nor its value would be validated, so `roles: {__proto__: 42}` or
// `columns: {__proto__: [x]}` would slip through (and a rate that is not an amount
// would throw later). The schema therefore sees a copy in which that key has a
// stand-in name that every key schema here treats alike (not a role key, not a
// column, not a known key; a non-blank council code), and issue paths map it back.
const PROTO = '__proto__';
const PROTO_STAND = '\u0000__proto__\u0000';

function standProto(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(standProto);
  if (!isObj(v)) return v;
  const out = newObj();
  for (const key of Object.keys(v)) {
    Object.defineProperty(out, key === PROTO ? PROTO_STAND : key, { value: standProto(v[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function unstandProto<T>(seg: T): T | string {
  return seg === PROTO_STAND ? PROTO : seg;
}

/**
 * The entries of a record the schema output, in the order the file wrote them (a
 * parsed record puts integer-like keys such as 845 first) and under the names the
 * file wrote (`__proto__` included).
 */
export function entriesAsWritten<V>(record: Record<string, V> | null | undefined, src: YamlSource, path: Path): [string, V][] {
  if (!record) return [];
  const written = getAt(src.data, path);
  const keys = isObj(written) ? keysOf(written) : Object.keys(record);
  const out: [string, V][] = [];
  for (const key of keys) {
    const stand = key === PROTO ? PROTO_STAND : key;
    if (Object.prototype.hasOwnProperty.call(record, stand)) out.push([key, record[stand]!]);
  }
  return out;
}

/**
 * Validates a usable source against `schema`: its problems go to `problems`, and the
 * schema's output is returned when there were none in this file.
 */
export function validateSource<S extends z.ZodType>(src: YamlSource, schema: S, wording: SchemaWording, problems: Problems): z.output<S> | undefined {
  const written = checkNumberText(src, wording, problems);
  // jitless: a file is validated once, so zod's compiled fast path (new Function per
  // object schema) costs more than it saves; its results are the same
  const result = schema.safeParse(standProto(src.data), { jitless: true });
  if (!result.success) {
    reportSchemaIssues(src, result.error.issues, [], wording, problems);
    return undefined;
  }
  return written ? result.data : undefined;
}

/** Numbers written in a way their path does not allow; false when there was one. */
function checkNumberText(src: YamlSource, wording: SchemaWording, problems: Problems): boolean {
  if (!wording.numberText) return true;
  let ok = true;
  for (const { path, source } of src.info.values()) {
    if (source === undefined) continue;
    if (typeof getAt(src.data, path) !== 'number') continue;
    const rule = wording.numberText(path);
    if (!rule || rule.pattern.test(source)) continue;
    valueProblem(src, path, rule.message, 'custom', wording, problems);
    ok = false;
  }
  return ok;
}
