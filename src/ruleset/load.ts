// Loads a ruleset: reads the YAML of every file of the `extends` chain, validates
// each against the schema (schema.ts), merges them (rules.md "Merging") and checks
// the cross-references. Every problem of every file is collected, each with its
// file, line and column, before anything is returned (rules.md "Reading the YAML").
//
// The YAML AST is converted to plain data here (not with toJS): keys are always
// their source text, aliases are never expanded, objects have no prototype and
// keys are defined with defineProperty, so `__proto__` is just a name.
//
// Choices where rules.md is silent:
// - a file over 1 MB, nesting deeper than 64 brackets or 256 columns of
//   indentation, or an extends chain over 32 files is refused before parsing;
// - a problem with no position (the top file cannot be read) is put at 1:1;
// - `to:` left empty in a cap window means open-ended, like leaving it out;
//   `rules:`, `exemptions:`, `roles:` etc. left empty mean an empty section;
// - numbers and true/false written in text fields (ids, names, labels, aliases,
//   council codes, approvers...) are read as their source text;
// - exemption `roles` and cap `rates` name roles by key (a label or alias is an
//   unknown role, with a hint); exemption `las` need not be in region.las;
// - council codes equal after trimming and upper-casing may not both be listed
//   in one file's region.las;
// - unknown roles are checked on the merged ruleset's rules and on every
//   exemption; those checks and the rule-id checks are skipped when a file of the
//   chain could not be read at all (its problem is reported instead);
// - a problem in a file of the chain does not stop the others being checked;
//   problems are listed parent file first, then by line and column.
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
} from 'yaml';
import type { z } from 'zod';
import type { CapWindow, Exemption, Money, Role, Rule, Ruleset } from '../types.js';
import { RULE_KINDS } from '../types.js';
import { moneyFromNumber } from '../money.js';
import { normaliseSwe } from '../swe.js';
import { parseIsoDate } from '../dates.js';
import { normaliseRoleText, roleNames } from './names.js';
import { sanitizeText } from '../text.js';
import {
  CapWindowSchema,
  COLUMN_NAMES,
  CoolingOffRuleSchema,
  ExemptionSchema,
  MinNoticeRuleSchema,
  MinPqeRuleSchema,
  PayCapRuleSchema,
  ProjectTeamRuleSchema,
  ReferencesRuleSchema,
  RegionSchema,
  RoleSchema,
  RuleRemovalSchema,
  RULES_FORMAT,
  RulesFileSchema,
} from './schema.js';

export interface RulesProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type LoadResult = { ok: true; ruleset: Ruleset } | { ok: false; problems: RulesProblem[] };

/**
 * One problem as `file:line:column: message`, safe to print on a terminal: messages
 * quote names from the file, and a crafted key could hold escape sequences or
 * direction overrides (JSON quoting leaves C1 controls and U+202E as they are).
 */
export function formatProblem(p: RulesProblem): string {
  return sanitizeText(`${p.file}:${p.line}:${p.column}: ${p.message}`);
}

/** A rules file is a few kB; anything past this is refused before parsing. */
export const MAX_RULES_FILE_BYTES = 1024 * 1024;
/** Deepest flow nesting (`[`/`{`) accepted; a rules file needs about 4. */
const MAX_FLOW_DEPTH = 64;
/** Widest block indentation (spaces and `- `/`? `/`: ` indicators) accepted. */
const MAX_BLOCK_INDENT = 256;
/** Deepest nesting the converter follows (a rules file needs about 6). */
const MAX_DEPTH = 64;
/** Most files in one extends chain (national -> region -> local needs 3). */
const MAX_CHAIN = 32;
/** Problems listed per file before the rest are summarised in one line. */
const MAX_PROBLEMS_PER_FILE = 200;

// ---------------------------------------------------------------- plain data

type Seg = string | number;
type Path = Seg[];
type Obj = Record<string, unknown>;

interface Loc {
  line: number;
  column: number;
}

interface NodeInfo {
  keyLoc: Loc | null;
  valueLoc: Loc;
  /** the value was left empty (`key:` with nothing after it) */
  empty: boolean;
  /** a scalar's text as written */
  source?: string;
}

function newObj(): Obj {
  return Object.create(null) as Obj;
}

/** Keys in the order written (JS objects put integer-like keys such as 845 first). */
const keyOrder = new WeakMap<Obj, string[]>();

function keysOf(o: Obj): string[] {
  return keyOrder.get(o) ?? Object.keys(o);
}

function setKey(o: Obj, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  const order = keyOrder.get(o);
  if (order) order.push(key);
  else keyOrder.set(o, [key]);
}

function hasKey(o: Obj, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function get(o: unknown, key: Seg): unknown {
  if (Array.isArray(o) && typeof key === 'number') return o[key];
  if (isObj(o) && typeof key === 'string' && hasKey(o, key)) return o[key];
  return undefined;
}

function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const seg of path) v = get(v, seg);
  return v;
}

function pathKey(path: Path): string {
  return JSON.stringify(path);
}

/** A set of paths that answers prefix questions in time proportional to the depth. */
class PathSet {
  private readonly members = new Set<string>();
  /** every member and every ancestor of a member */
  private readonly prefixes = new Set<string>();
  push(path: Path): void {
    this.members.add(pathKey(path));
    for (let i = 0; i <= path.length; i++) this.prefixes.add(pathKey(path.slice(0, i)));
  }
  /** a member is `path` or one of its ancestors */
  covers(path: Path): boolean {
    for (let i = 0; i <= path.length; i++) if (this.members.has(pathKey(path.slice(0, i)))) return true;
    return false;
  }
  /** a member is at, inside or above `path` */
  touches(path: Path): boolean {
    return this.prefixes.has(pathKey(path)) || this.covers(path);
  }
}

function q(s: string): string {
  return JSON.stringify(s.length > 60 ? s.slice(0, 57) + '...' : s);
}

/** Text fields: numbers (and true/false) written there are read as their source text. */
const TEXT_PATHS: readonly string[][] = [
  ['id'], ['name'], ['version'], ['extends'], ['sources', '*'],
  ['region', 'name'], ['region', 'las', '*'],
  ['roles', '*', 'label'], ['roles', '*', 'aliases', '*'],
  ['columns', '*', '*'],
  ['rules', '*', 'id'], ['rules', '*', 'title'],
  ['exemptions', '*', 'id'], ['exemptions', '*', 'rules', '*'], ['exemptions', '*', 'las', '*'],
  ['exemptions', '*', 'roles', '*'], ['exemptions', '*', 'swe_numbers', '*'],
  ['exemptions', '*', 'approved_by', '*'], ['exemptions', '*', 'reason'],
];

function isTextPath(path: Path): boolean {
  return TEXT_PATHS.some((p) => p.length === path.length && p.every((seg, i) => seg === '*' || seg === path[i]));
}

// ---------------------------------------------------------------- one file

interface ParsedFile {
  /** path as shown in messages: as given for the top file, joined for parents */
  file: string;
  bytes: Buffer;
  /** converted root; undefined when the file could not be read as YAML */
  data: unknown;
  /** the YAML was read (no syntax errors) and the root is a mapping */
  usable: boolean;
  info: Map<string, NodeInfo>;
  /** values not converted (aliases, merge keys): no schema problem is reported inside */
  skipped: PathSet;
  /** paths with problems from the schema */
  issuePaths: PathSet;
  /** value paths already reported (one problem per value) */
  reported: Set<string>;
}

class Problems {
  readonly list: RulesProblem[] = [];
  add(file: string, loc: Loc, message: string): void {
    this.list.push({ file, line: loc.line, column: loc.column, message });
  }
}

function locAt(pf: ParsedFile, path: Path, prefer: 'key' | 'value' = 'value'): Loc {
  for (let p = path; ; p = p.slice(0, -1)) {
    const info = pf.info.get(pathKey(p));
    if (info) {
      if (info.keyLoc && (prefer === 'key' || info.empty)) return info.keyLoc;
      return info.valueLoc;
    }
    if (p.length === 0) return { line: 1, column: 1 };
    prefer = 'value';
  }
}

// ---------------------------------------------------------------- reading

type ReadResult = { ok: true; bytes: Buffer; text: string; real: string } | { ok: false; reason: string };

function readRulesFile(abs: string): ReadResult {
  let size: number;
  try {
    const st = statSync(abs);
    if (st.isDirectory()) return { ok: false, reason: 'it is a folder, not a file' };
    if (!st.isFile()) return { ok: false, reason: 'it is not an ordinary file' };
    size = st.size;
  } catch (e) {
    return { ok: false, reason: fsReason(e) };
  }
  if (size > MAX_RULES_FILE_BYTES) return { ok: false, reason: tooBig(size) };
  let bytes: Buffer;
  let real: string;
  try {
    bytes = readFileSync(abs);
    real = realpathSync(abs);
  } catch (e) {
    return { ok: false, reason: fsReason(e) };
  }
  if (bytes.length > MAX_RULES_FILE_BYTES) return { ok: false, reason: tooBig(bytes.length) };
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, reason: 'it is saved as UTF-16 ("Unicode text"); save it as UTF-8' };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'it is not a text file (it holds NUL bytes); a rules file is UTF-8 YAML text' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // a BOM is removed
  } catch {
    return { ok: false, reason: 'it is not UTF-8 text; save it as UTF-8' };
  }
  return { ok: true, bytes, text, real };
}

function fsReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'there is no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return e instanceof Error ? e.message : String(e);
}

function tooBig(size: number): string {
  return `it is ${size} bytes long; a rules file may be at most ${MAX_RULES_FILE_BYTES} bytes (1 MB)`;
}

/**
 * Refuses nesting deep enough to exhaust the YAML parser's stack, before parsing:
 * flow brackets counted with the YAML lexer (iterative, quote-aware), block depth
 * bounded by the width of each line's indentation and indicators.
 */
function scanNesting(text: string): { offset: number; message: string } | null {
  let lineStart = 0;
  while (lineStart <= text.length) {
    let i = lineStart;
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t') i++;
      else if ((c === '-' || c === '?' || c === ':') && (i + 1 >= text.length || /[ \t\r\n]/.test(text[i + 1]!))) i++;
      else break;
    }
    if (i - lineStart > MAX_BLOCK_INDENT) {
      return { offset: lineStart, message: `this line is indented more than ${MAX_BLOCK_INDENT} places; the file is nested too deeply to be a rules file` };
    }
    const nl = text.indexOf('\n', lineStart);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  let depth = 0;
  let offset = 0;
  for (const tok of new Lexer().lex(text)) {
    if (tok === '\x02' || tok === '\x18' || tok === '\x1f') continue; // zero-width markers
    if (tok === '[' || tok === '{') {
      if (++depth > MAX_FLOW_DEPTH) {
        return { offset, message: `brackets are nested more than ${MAX_FLOW_DEPTH} deep here; the file is nested too deeply to be a rules file` };
      }
    } else if (tok === ']' || tok === '}') depth = Math.max(0, depth - 1);
    offset += tok.length;
  }
  return null;
}

const YAML_MESSAGES: Record<string, string> = {
  TAB_AS_INDENT: 'tabs cannot be used to indent; use spaces',
  MULTIPLE_DOCS: 'a rules file holds one YAML document; remove this "---" and what follows it, or move it to its own file',
  DUPLICATE_KEY: 'this key appears twice',
};

/** Reads, parses and converts one file; its YAML and structure problems go to `problems`. */
function parseRulesFile(file: string, bytes: Buffer, text: string, problems: Problems): ParsedFile {
  const pf: ParsedFile = { file, bytes, data: undefined, usable: false, info: new Map(), skipped: new PathSet(), issuePaths: new PathSet(), reported: new Set() };
  const lc = new LineCounter();
  const loc = (offset: number): Loc => {
    const p = lc.linePos(offset);
    return { line: Math.max(1, p.line), column: Math.max(1, p.col) };
  };

  const deep = scanNesting(text);
  if (deep) {
    // a LineCounter only fills in while parsing; count lines by hand here
    const before = text.slice(0, deep.offset);
    const line = before.split('\n').length;
    const column = deep.offset - (before.lastIndexOf('\n') + 1) + 1;
    problems.add(file, { line, column }, deep.message);
    return pf;
  }

  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, merge: false, schema: 'core', prettyErrors: false, strict: true });
  } catch (e) {
    const message = e instanceof RangeError ? 'the file is nested too deeply to be a rules file' : `the YAML could not be read: ${e instanceof Error ? e.message : String(e)}`;
    problems.add(file, { line: 1, column: 1 }, message);
    return pf;
  }
  for (const err of doc.errors) {
    problems.add(file, loc(err.pos[0]), YAML_MESSAGES[err.code] ?? `YAML syntax error: ${err.message}`);
  }
  for (const warn of doc.warnings) {
    problems.add(file, loc(warn.pos[0]), `YAML: ${warn.message}`);
  }
  if (doc.errors.length > 0 || doc.warnings.length > 0) return pf;

  // Anchors, aliases and merge keys, found on the AST before anything is converted.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    if (isPair(node)) {
      const key = node.key;
      if (isScalar(key) && key.type === 'PLAIN' && key.source === '<<') {
        problems.add(file, loc(key.range![0]), 'merge keys ("<<") are not allowed in a rules file: write the entries out in full');
      }
      stack.push(node.value, node.key);
      continue;
    }
    if (isAlias(node)) {
      problems.add(file, loc(node.range![0]), `aliases ("*${node.source}") are not allowed in a rules file: write the value out in full`);
      continue;
    }
    const n = node as YamlNode;
    if (n.anchor !== undefined) {
      const start = n.range![0];
      const at = text.lastIndexOf('&' + n.anchor, start);
      problems.add(file, loc(at >= 0 ? at : start), `anchors ("&${n.anchor}") are not allowed in a rules file: write each value out in full`);
    }
    if (isMap(n) || isSeq(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }

  const convert = (node: unknown, path: Path, depth: number): unknown => {
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) {
      problems.add(file, loc((node as YamlNode).range?.[0] ?? 0), 'the file is nested too deeply to be a rules file');
      pf.skipped.push(path);
      return null;
    }
    if (isAlias(node)) {
      pf.skipped.push(path);
      return null;
    }
    if (isScalar(node)) {
      const v = node.value;
      if ((typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') && isTextPath(path)) {
        return node.source ?? String(v);
      }
      if (typeof v === 'bigint') return Number(v);
      return v;
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      node.items.forEach((item, i) => {
        const p = [...path, i];
        const itemNode = item as YamlNode | null;
        pf.info.set(pathKey(p), { keyLoc: null, valueLoc: loc(itemNode?.range?.[0] ?? node.range![0]), empty: isEmptyNode(itemNode), source: sourceOf(itemNode) });
        out.push(convert(item, p, depth + 1));
      });
      return out;
    }
    if (isMap(node)) {
      const out = newObj();
      const keyLines = new Map<string, number>();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const keyStart = keyNode?.range?.[0] ?? (pair.value as YamlNode | null)?.range?.[0] ?? node.range![0];
        const keyLoc = loc(keyStart);
        if (keyNode === null || (isScalar(keyNode) && keyNode.value === null && (keyNode.source ?? '') === '')) {
          problems.add(file, keyLoc, 'a value has no key in front of it');
          continue;
        }
        if (isAlias(keyNode)) continue; // reported above
        if (!isScalar(keyNode)) {
          problems.add(file, keyLoc, 'a key must be a plain name, not a list or a mapping');
          continue;
        }
        if (keyNode.type === 'PLAIN' && keyNode.source === '<<') continue; // merge key, reported above
        const key = typeof keyNode.value === 'string' ? keyNode.value : (keyNode.source ?? String(keyNode.value));
        const seen = keyLines.get(key);
        if (seen !== undefined) {
          problems.add(file, keyLoc, `duplicate key ${q(key)} (it already appears on line ${seen}); each key may appear only once`);
          continue;
        }
        keyLines.set(key, keyLoc.line);
        const p = [...path, key];
        const valueNode = pair.value as YamlNode | null;
        const empty = isEmptyNode(valueNode);
        pf.info.set(pathKey(p), { keyLoc, valueLoc: valueNode?.range ? loc(valueNode.range[0]) : keyLoc, empty, source: sourceOf(valueNode) });
        setKey(out, key, convert(valueNode, p, depth + 1));
      }
      return out;
    }
    return null;
  };

  const root = doc.contents as YamlNode | null;
  pf.info.set(pathKey([]), { keyLoc: null, valueLoc: loc(root?.range?.[0] ?? 0), empty: root === null });
  try {
    pf.data = convert(root, [], 0);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    problems.add(file, { line: 1, column: 1 }, 'the file is nested too deeply to be a rules file');
    return pf;
  }
  if (pf.data === null || pf.data === undefined) {
    problems.add(file, { line: 1, column: 1 }, `the file is empty; a rules file starts with "format: ${RULES_FORMAT}"`);
  } else if (!isObj(pf.data)) {
    problems.add(file, locAt(pf, []), `a rules file must be a set of "key: value" entries starting with "format: ${RULES_FORMAT}"`);
  } else {
    pf.usable = true;
  }
  return pf;
}

function sourceOf(node: YamlNode | null | undefined): string | undefined {
  return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
}

function isEmptyNode(node: YamlNode | null | undefined): boolean {
  if (node === null || node === undefined) return true;
  return isScalar(node) && node.value === null && (node.source ?? '') === '';
}

// ---------------------------------------------------------------- schema problems

const RULE_SCHEMAS: Record<string, z.ZodObject> = {
  pay_cap: PayCapRuleSchema,
  cooling_off: CoolingOffRuleSchema,
  min_pqe: MinPqeRuleSchema,
  references: ReferencesRuleSchema,
  min_notice: MinNoticeRuleSchema,
  project_team: ProjectTeamRuleSchema,
};

const ALL_RULE_KEYS = [...new Set(Object.values(RULE_SCHEMAS).flatMap((s) => Object.keys(s.shape)))];

/** The keys allowed in the mapping at `path`, for "did you mean". */
function allowedKeys(data: unknown, path: Path): readonly string[] {
  const [a, , c] = path;
  if (path.length === 0) return Object.keys(RulesFileSchema.shape);
  if (path.length === 1 && a === 'region') return Object.keys(RegionSchema.shape);
  if (path.length === 1 && a === 'columns') return COLUMN_NAMES;
  if (path.length === 2 && a === 'roles') return Object.keys(RoleSchema.shape);
  if (path.length === 2 && a === 'exemptions') return Object.keys(ExemptionSchema.shape);
  if (path.length === 2 && a === 'rules') {
    const item = getAt(data, path);
    if (isObj(item) && hasKey(item, 'enabled')) return Object.keys(RuleRemovalSchema.shape);
    const kind = get(item, 'kind');
    const schema = typeof kind === 'string' ? RULE_SCHEMAS[kind] : undefined;
    return schema ? Object.keys(schema.shape) : ALL_RULE_KEYS;
  }
  if (path.length === 4 && a === 'rules' && c === 'caps') return Object.keys(CapWindowSchema.shape);
  return [];
}

/** A noun phrase for the value at `path` ('"months" in rule "DFE-PQE"'). */
function describe(data: unknown, path: Path): string {
  const n = path.length;
  if (n === 0) return 'the file';
  const last = path[n - 1]!;
  const parent = path.slice(0, -1);
  const [a, b, c, d] = path;
  if (a === 'rules' && n === 2) return ruleName(data, b as number);
  if (a === 'rules' && n === 4 && c === 'caps') return `cap window ${(d as number) + 1} of ${ruleName(data, b as number)}`;
  if (a === 'rules' && n === 6 && c === 'caps' && path[4] === 'rates') return `the rate for ${q(String(last))} in ${describe(data, path.slice(0, 4))}`;
  if (a === 'exemptions' && n === 2) {
    const id = get(getAt(data, path), 'id');
    return typeof id === 'string' ? `exemption ${q(id)}` : `exemption number ${(b as number) + 1}`;
  }
  if (a === 'roles' && n === 2) return `role ${q(String(b))}`;
  if (a === 'roles' && n === 4 && c === 'aliases') return `alias ${(d as number) + 1} of role ${q(String(b))}`;
  if (a === 'region' && n === 2 && b === 'las') return '"region.las"';
  if (a === 'region' && n === 3 && b === 'las') return `the name of council ${q(String(c))} in "region.las"`;
  if (a === 'columns' && n === 2) return `"columns" entry ${q(String(b))}`;
  if (a === 'columns' && n === 3) return `header name ${(c as number) + 1} for column ${q(String(b))}`;
  if (n === 1) return typeof last === 'number' ? `entry ${last + 1}` : q(last);
  if (typeof last === 'number') return `entry ${last + 1} of ${describe(data, parent)}`;
  return `${q(last)} in ${describe(data, parent)}`;
}

function ruleName(data: unknown, i: number): string {
  const id = get(getAt(data, ['rules', i]), 'id');
  return typeof id === 'string' ? `rule ${q(id)}` : `rule number ${i + 1}`;
}

/** ' in rule "X"', or ' at the top level of the file'. */
function within(data: unknown, path: Path): string {
  return path.length === 0 ? ' at the top level of the file' : ` in ${describe(data, path)}`;
}

function found(v: unknown, code: string, source?: string): string {
  if (v === null || v === undefined) return ', but it is empty';
  if (typeof v === 'string') return v.trim() === '' ? ', but it is blank' : `, not ${q(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `, not ${source ?? String(v)}`;
  if (code !== 'invalid_type' && code !== 'invalid_union') return '';
  return Array.isArray(v) ? ', not a list' : ', not a set of "key: value" entries';
}

/** Optimal string alignment distance (a swap of two neighbours counts 1). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** ' (did you mean "months"?)' when a candidate is close, else ''. */
function didYouMean(word: string, candidates: Iterable<string>): string {
  if (word.length > 200) return '';
  const w = word.toLowerCase().trim();
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const dist = editDistance(w, c.toLowerCase());
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  if (best === null) return '';
  const limit = Math.min(2, Math.max(1, Math.floor(Math.max(w.length, best.length) / 3)));
  const prefix = w.length >= 3 && best.toLowerCase().startsWith(w);
  return bestD <= limit || prefix ? ` (did you mean ${q(best)}?)` : '';
}

function reportSchemaIssues(pf: ParsedFile, issues: readonly z.core.$ZodIssue[], prefix: Path, problems: Problems): void {
  const data = pf.data;
  for (const issue of issues) {
    const path: Path = [...prefix, ...(issue.path as Seg[]).map(unstandProto)];
    if (pf.skipped.covers(path)) continue;
    switch (issue.code) {
      case 'unrecognized_keys': {
        for (const key of issue.keys.map(unstandProto)) {
          const keyPath = [...path, key];
          pf.issuePaths.push(keyPath);
          if (pf.skipped.covers(keyPath)) continue;
          const hint = didYouMean(key, allowedKeys(data, path));
          const message =
            path.length === 1 && path[0] === 'columns'
              ? `${q(key)} under "columns" is not a column of the assignments export or the leavers register${hint}`
              : `unknown key ${q(key)}${within(data, path)}${hint}`;
          problems.add(pf.file, locAt(pf, keyPath, 'key'), message);
        }
        break;
      }
      case 'invalid_union': {
        if (path.length === 2 && path[0] === 'rules' && issue.errors.length === 2) {
          // a rule entry: a removal when it has "enabled", else a rule of its kind
          const item = getAt(data, path);
          const branch = isObj(item) && hasKey(item, 'enabled') ? 0 : 1;
          if (!isObj(item)) {
            valueProblem(pf, path, `must be a set of "key: value" entries`, issue.code, problems);
          } else {
            reportSchemaIssues(pf, issue.errors[branch]!, path, problems);
          }
          break;
        }
        if ((issue as { note?: string }).note === 'No matching discriminator') {
          pf.issuePaths.push(path);
          const kind = getAt(data, path);
          const kinds = RULE_KINDS.join(', ');
          const rule = describe(data, path.slice(0, -1));
          if (kind === undefined) {
            problems.add(pf.file, locAt(pf, path.slice(0, -1)), `missing required key "kind" in ${rule} (one of ${kinds})`);
          } else {
            const hint = typeof kind === 'string' ? didYouMean(kind, RULE_KINDS) : '';
            problems.add(pf.file, locAt(pf, path), `"kind" in ${rule} must be one of ${kinds}${found(kind, issue.code)}${hint}`);
          }
          break;
        }
        valueProblem(pf, path, issue.message, issue.code, problems);
        break;
      }
      case 'invalid_key': {
        pf.issuePaths.push(path);
        const key = String(path[path.length - 1]);
        const inner = issue.issues[0]?.message ?? 'is not allowed here';
        const what = path.length === 2 && path[0] === 'roles' ? 'role key' : path.length === 3 && path[1] === 'las' ? 'council code' : 'key';
        problems.add(pf.file, locAt(pf, path, 'key'), `${what} ${q(key)}${within(data, path.slice(0, -1))} ${inner}`);
        break;
      }
      default:
        valueProblem(pf, path, issue.message, issue.code, problems);
    }
  }
}

function valueProblem(pf: ParsedFile, path: Path, message: string, code: string, problems: Problems): void {
  pf.issuePaths.push(path);
  const k = pathKey(path);
  if (pf.reported.has(k)) return;
  pf.reported.add(k);
  const data = pf.data;
  if (!pf.info.has(k)) {
    const key = String(path[path.length - 1]);
    const parent = path.slice(0, -1);
    const extra = path.length === 1 && key === 'format' ? ` (the file must start with "format: ${RULES_FORMAT}")` : '';
    const where = parent.length === 0 ? '' : within(data, parent);
    problems.add(pf.file, locAt(pf, parent), `missing required key ${q(key)}${where}${extra}`);
    return;
  }
  const v = getAt(data, path);
  problems.add(pf.file, locAt(pf, path), `${describe(data, path)} ${message}${found(v, code, pf.info.get(k)?.source)}`);
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

function validateFile(pf: ParsedFile, problems: Problems): void {
  const data = pf.data as Obj;
  const result = RulesFileSchema.safeParse(standProto(data));
  if (!result.success) reportSchemaIssues(pf, result.error.issues, [], problems);
  if (!hasKey(data, 'extends')) {
    for (const key of ['id', 'name', 'version']) {
      if (!hasKey(data, key)) {
        pf.issuePaths.push([key]);
        problems.add(pf.file, locAt(pf, []), `missing required key ${q(key)} (a file without "extends" must give "id", "name" and "version")`);
      }
    }
  }
}

/** No schema problem at, inside or above `path`. */
function clean(pf: ParsedFile, path: Path): boolean {
  return !pf.issuePaths.touches(path) && !pf.skipped.touches(path);
}

// ---------------------------------------------------------------- merging

interface Origin {
  pf: ParsedFile;
  path: Path;
}

interface RuleEntry {
  id: string;
  raw: Obj;
  clean: boolean;
  origin: Origin;
}

interface ExemptionEntry {
  raw: Obj;
  clean: boolean;
  origin: Origin;
}

interface MergeState {
  id?: string;
  name?: string;
  version?: string;
  status?: 'adopted' | 'illustrative';
  sources?: string[];
  regionName?: string;
  las: Map<string, string>;
  roles: Map<string, { role: Role | null; origin: Origin }>;
  columns: Map<string, string[]>;
  rules: RuleEntry[];
  /** every rule id any file defines -> the kind it was last defined with */
  ruleKinds: Map<string, string>;
  definedRuleIds: Set<string>;
  exemptions: ExemptionEntry[];
}

function emptyState(): MergeState {
  return { las: new Map(), roles: new Map(), columns: new Map(), rules: [], ruleKinds: new Map(), definedRuleIds: new Set(), exemptions: [] };
}

function cloneState(s: MergeState): MergeState {
  return {
    ...s,
    las: new Map(s.las),
    roles: new Map(s.roles),
    columns: new Map(s.columns),
    rules: [...s.rules],
    ruleKinds: new Map(s.ruleKinds),
    definedRuleIds: new Set(s.definedRuleIds),
    exemptions: [...s.exemptions],
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Applies one file on top of its parent's merged state (null: a root file, or a
 * parent that could not be read). Checks that need only this file happen here.
 */
function mergeFile(pf: ParsedFile, parent: MergeState | null, parentComplete: boolean, problems: Problems): MergeState {
  const s = parent ? cloneState(parent) : emptyState();
  const d = pf.data as Obj;
  const at = (path: Path, prefer: 'key' | 'value' = 'value') => locAt(pf, path, prefer);

  if (clean(pf, ['id']) && isString(d.id)) s.id = d.id;
  if (clean(pf, ['name']) && isString(d.name)) s.name = d.name;
  if (clean(pf, ['version']) && isString(d.version)) s.version = d.version;
  if (clean(pf, ['status']) && (d.status === 'adopted' || d.status === 'illustrative')) s.status = d.status;
  if (clean(pf, ['sources']) && isStringList(d.sources)) s.sources = d.sources;

  const region = get(d, 'region');
  if (isObj(region)) {
    if (clean(pf, ['region', 'name']) && isString(region.name)) s.regionName = region.name;
    const las = get(region, 'las');
    if (isObj(las)) {
      const seen = new Map<string, string>();
      for (const key of keysOf(las)) {
        const code = normaliseCode(key);
        if (code === '') continue;
        const other = seen.get(code);
        if (other !== undefined) {
          problems.add(pf.file, at(['region', 'las', key], 'key'), `council code ${q(key)} is listed twice in "region.las" (also as ${q(other)}; codes are compared ignoring case and spaces)`);
          continue;
        }
        seen.set(code, key);
        const name = las[key];
        if (isString(name) && clean(pf, ['region', 'las', key])) s.las.set(code, name);
      }
    }
  }

  const roles = get(d, 'roles');
  if (isObj(roles)) {
    for (const key of keysOf(roles)) {
      const entry = roles[key];
      const path = ['roles', key];
      let role: Role | null = null;
      if (clean(pf, path) && isObj(entry) && isString(entry.label)) {
        role = { key, label: entry.label, aliases: isStringList(entry.aliases) ? entry.aliases : [] };
      }
      s.roles.set(key, { role, origin: { pf, path } });
    }
  }

  const columns = get(d, 'columns');
  if (isObj(columns)) {
    for (const key of keysOf(columns)) {
      const names = columns[key];
      if (clean(pf, ['columns', key]) && isStringList(names)) s.columns.set(key, names);
    }
  }

  const rules = get(d, 'rules');
  if (Array.isArray(rules)) {
    const parentIds = new Set(parent ? parent.rules.map((r) => r.id) : []);
    const seen = new Map<string, number>();
    const current = new Set(s.rules.map((r) => r.id));
    rules.forEach((item, i) => {
      if (!isObj(item) || !isString(item.id)) return;
      const id = item.id;
      const idPath = ['rules', i, 'id'];
      const line = seen.get(id);
      if (line !== undefined) {
        problems.add(pf.file, at(idPath), `rule id ${q(id)} is used twice in this file (also on line ${line}); each rule needs its own id`);
        return;
      }
      seen.set(id, at(idPath).line);
      if (hasKey(item, 'enabled')) {
        if (!clean(pf, ['rules', i])) return;
        if (!hasKey(d, 'extends')) {
          problems.add(pf.file, at(idPath), `rule ${q(id)} cannot be removed with "enabled: false": this file has no "extends", so it inherits no rules`);
        } else if (parent && parentComplete && !parentIds.has(id)) {
          problems.add(pf.file, at(idPath), `rule ${q(id)} cannot be removed with "enabled: false": the ruleset this file extends has no rule with this id${didYouMean(id, parentIds)}`);
        } else {
          s.rules = s.rules.filter((r) => r.id !== id);
          current.delete(id);
        }
        return;
      }
      s.definedRuleIds.add(id);
      if (isString(item.kind) && (RULE_KINDS as readonly string[]).includes(item.kind)) s.ruleKinds.set(id, item.kind);
      const entry: RuleEntry = { id, raw: item, clean: clean(pf, ['rules', i]), origin: { pf, path: ['rules', i] } };
      const index = current.has(id) ? s.rules.findIndex((r) => r.id === id) : -1;
      if (index >= 0) s.rules[index] = entry;
      else s.rules.push(entry);
      current.add(id);
      if (item.kind === 'pay_cap') checkCapWindows(pf, i, item, problems);
    });
  }

  const exemptions = get(d, 'exemptions');
  if (Array.isArray(exemptions)) {
    exemptions.forEach((item, i) => {
      if (!isObj(item)) return;
      const path = ['exemptions', i];
      const ok = clean(pf, path);
      if (isString(item.from) && isString(item.to) && clean(pf, [...path, 'from']) && clean(pf, [...path, 'to']) && item.to < item.from) {
        problems.add(pf.file, at([...path, 'to']), `"to" (${item.to}) is before "from" (${item.from}) in ${describe(pf.data, path)}`);
      }
      {
        if (Array.isArray(item.swe_numbers)) {
          item.swe_numbers.forEach((swe, j) => {
            if (isString(swe) && clean(pf, [...path, 'swe_numbers', j]) && normaliseSwe(swe) === null) {
              problems.add(pf.file, at([...path, 'swe_numbers', j]), `${q(swe)} in "swe_numbers" of ${describe(pf.data, path)} is not a valid SWE number (SW followed by up to 6 digits, such as SW12345)`);
            }
          });
        }
      }
      s.exemptions.push({ raw: item, clean: ok, origin: { pf, path } });
    });
  }
  return s;
}

function checkCapWindows(pf: ParsedFile, i: number, rule: Obj, problems: Problems): void {
  const caps = rule.caps;
  if (!Array.isArray(caps)) return;
  const windows: { j: number; from: string; to: string | null }[] = [];
  caps.forEach((w, j) => {
    const path = ['rules', i, 'caps', j];
    if (!isObj(w) || !isString(w.from) || !clean(pf, [...path, 'from']) || !clean(pf, [...path, 'to'])) return;
    const to = isString(w.to) ? w.to : null;
    if (to !== null && to < w.from) {
      problems.add(pf.file, locAt(pf, [...path, 'to']), `"to" (${to}) is before "from" (${w.from}) in ${describe(pf.data, path)}`);
      return;
    }
    windows.push({ j, from: w.from, to });
  });
  const span = (w: { from: string; to: string | null }) => (w.to === null ? `${w.from} onwards` : `${w.from} to ${w.to}`);
  for (let b = 1; b < windows.length; b++) {
    const later = windows[b]!;
    for (let a = 0; a < b; a++) {
      const earlier = windows[a]!;
      const overlap = earlier.from <= (later.to ?? '9999-99-99') && later.from <= (earlier.to ?? '9999-99-99');
      if (overlap) {
        const path = ['rules', i, 'caps', later.j];
        problems.add(
          pf.file,
          locAt(pf, [...path, 'from']),
          `${describe(pf.data, path)} (${span(later)}) overlaps cap window ${earlier.j + 1} (${span(earlier)}); cap windows of one rule may not overlap`,
        );
        break;
      }
    }
  }
}

/** Checks that need the whole chain merged: roles, rule ids named by exemptions. */
function checkMerged(s: MergeState, complete: boolean, problems: Problems): void {
  // one name belonging to two roles
  const owner = new Map<string, string>();
  for (const { role, origin } of s.roles.values()) {
    if (!role) continue;
    for (const name of roleNames(role)) {
      const other = owner.get(name);
      if (other !== undefined && other !== role.key) {
        const { path, what } = roleNamePath(role, name, origin.path);
        problems.add(
          origin.pf.file,
          locAt(origin.pf, path, what === 'key' ? 'key' : 'value'),
          `the name ${q(name)} (${what} of role ${q(role.key)}) also belongs to role ${q(other)}; each name may belong to one role only (names are compared ignoring case, spaces and "_")`,
        );
      } else owner.set(name, role.key);
    }
  }

  if (complete) {
    for (const rule of s.rules) {
      if (rule.raw.kind !== 'pay_cap' || !Array.isArray(rule.raw.caps)) continue;
      rule.raw.caps.forEach((w, j) => {
        const rates = get(w, 'rates');
        if (!isObj(rates)) return;
        for (const key of keysOf(rates)) {
          const path = [...rule.origin.path, 'caps', j, 'rates', key];
          if (s.roles.has(key) || !clean(rule.origin.pf, path)) continue;
          problems.add(
            rule.origin.pf.file,
            locAt(rule.origin.pf, path, 'key'),
            `unknown role ${q(key)} in the rates of ${describe(rule.origin.pf.data, path.slice(0, 4))}${roleHint(s, key)}`,
          );
        }
      });
    }
  }

  const exemptionIds = new Map<string, Origin>();
  for (const ex of s.exemptions) {
    const { pf, path } = ex.origin;
    const id = ex.raw.id;
    if (isString(id) && clean(pf, [...path, 'id'])) {
      const k = id.toLowerCase();
      const first = exemptionIds.get(k);
      if (first) {
        const firstLoc = locAt(first.pf, [...first.path, 'id']);
        const firstId = String(get(getAt(first.pf.data, first.path), 'id'));
        const where = first.pf === pf ? `line ${firstLoc.line}` : `${first.pf.file} line ${firstLoc.line}`;
        problems.add(pf.file, locAt(pf, [...path, 'id']), `exemption id ${q(id)} is used twice (also ${q(firstId)} on ${where}; exemption ids are compared ignoring case)`);
      } else exemptionIds.set(k, ex.origin);
    }
    if (!complete) continue;
    const ruleIds = clean(pf, [...path, 'rules']) && isStringList(ex.raw.rules) ? ex.raw.rules : [];
    ruleIds.forEach((ruleId, j) => {
      if (!s.definedRuleIds.has(ruleId)) {
        problems.add(pf.file, locAt(pf, [...path, 'rules', j]), `${describe(pf.data, path)} names rule ${q(ruleId)}, which no file of the ruleset defines${didYouMean(ruleId, s.definedRuleIds)}`);
      }
    });
    if (clean(pf, [...path, 'roles']) && isStringList(ex.raw.roles)) {
      ex.raw.roles.forEach((key, j) => {
        if (!s.roles.has(key)) {
          problems.add(pf.file, locAt(pf, [...path, 'roles', j]), `unknown role ${q(key)} in ${describe(pf.data, path)}${roleHint(s, key)}`);
        }
      });
    }
    if (hasKey(ex.raw, 'max_rate') && clean(pf, [...path, 'max_rate'])) {
      const known = ruleIds.filter((id) => s.ruleKinds.has(id));
      if (known.length > 0 && !known.some((id) => s.ruleKinds.get(id) === 'pay_cap')) {
        problems.add(pf.file, locAt(pf, [...path, 'max_rate'], 'key'), `"max_rate" in ${describe(pf.data, path)} is only allowed when the exemption lists a pay_cap rule, and it lists none`);
      }
    }
  }
}

function roleNamePath(role: Role, name: string, rolePath: Path): { path: Path; what: string } {
  const aliasIndex = role.aliases.findIndex((a) => normaliseRoleText(a) === name);
  if (normaliseRoleText(role.key.replace(/_/g, ' ')) === name) return { path: rolePath, what: 'key' };
  if (normaliseRoleText(role.label) === name) return { path: [...rolePath, 'label'], what: 'label' };
  if (aliasIndex >= 0) return { path: [...rolePath, 'aliases', aliasIndex], what: 'alias' };
  return { path: rolePath, what: 'name' };
}

/** ' (did you mean "social_worker"?)' for a role written by its label, alias or with a typo. */
function roleHint(s: MergeState, written: string): string {
  const norm = normaliseRoleText(written.replace(/_/g, ' '));
  for (const { role } of s.roles.values()) {
    if (role && roleNames(role).includes(norm)) return ` (did you mean ${q(role.key)}? roles are named here by their key)`;
  }
  return didYouMean(written, s.roles.keys());
}

// ---------------------------------------------------------------- the chain

interface Chain {
  /** files read, parent first */
  files: ParsedFile[];
  state: MergeState | null;
  /** every file of the chain was read and is usable */
  complete: boolean;
}

function loadChain(file: string, read: { bytes: Buffer; text: string; real: string }, stack: string[], problems: Problems): Chain {
  const pf = parseRulesFile(file, read.bytes, read.text, problems);
  if (!pf.usable) return { files: [pf], state: null, complete: false };
  validateFile(pf, problems);
  const data = pf.data as Obj;

  let parent: Chain | null = null;
  let parentComplete = true;
  if (hasKey(data, 'extends')) {
    parentComplete = false;
    const ext = data.extends;
    if (isString(ext) && clean(pf, ['extends'])) {
      const target = nodePath.isAbsolute(ext) ? nodePath.normalize(ext) : nodePath.join(nodePath.dirname(file), ext);
      const at = locAt(pf, ['extends']);
      const r = readRulesFile(nodePath.resolve(target));
      if (!r.ok) {
        problems.add(file, at, `cannot read ${q(ext)} named by "extends": ${r.reason}`);
      } else if (stack.includes(r.real) || r.real === read.real) {
        problems.add(file, at, `"extends" names ${q(ext)}, which leads back to this file: the files extend each other in a loop`);
      } else if (stack.length + 1 >= MAX_CHAIN) {
        problems.add(file, at, `"extends" goes more than ${MAX_CHAIN} files deep; a ruleset is built from a few files at most`);
      } else {
        parent = loadChain(target, r, [...stack, read.real], problems);
        parentComplete = parent.complete;
      }
    }
  }

  const state = mergeFile(pf, parent?.state ?? null, parentComplete, problems);
  return { files: [...(parent?.files ?? []), pf], state, complete: parentComplete };
}

// ---------------------------------------------------------------- building the Ruleset

function money(n: unknown): Money {
  const m = moneyFromNumber(n as number);
  if (!m) throw new Error(`not an amount: ${String(n)}`);
  return m;
}

function bool(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'yes');
}

function buildRule(raw: Obj): Rule {
  const base = {
    id: raw.id as string,
    severity: (raw.severity ?? 'error') as 'error' | 'warning',
    ...(isString(raw.title) ? { title: raw.title } : {}),
  };
  switch (raw.kind) {
    case 'pay_cap':
      return {
        ...base,
        kind: 'pay_cap',
        basis: raw.basis as 'hourly_pay_rate' | 'hourly_charge_rate',
        caps: (raw.caps as Obj[]).map((w): CapWindow => {
          const rates = new Map<string, Money>();
          const rawRates = w.rates as Obj;
          for (const key of keysOf(rawRates)) rates.set(key, money(rawRates[key]));
          return { from: w.from as string, to: isString(w.to) ? w.to : null, rates };
        }),
      };
    case 'cooling_off':
      return { ...base, kind: 'cooling_off', months: raw.months as number, scope: raw.scope as 'same_la' | 'region' };
    case 'min_pqe':
      return { ...base, kind: 'min_pqe', months: raw.months as number };
    case 'references':
      return {
        ...base,
        kind: 'references',
        min_count: raw.min_count as number,
        template_required: bool(raw.template_required),
        before_start: bool(raw.before_start),
      };
    case 'min_notice':
      return { ...base, kind: 'min_notice', weeks: raw.weeks as number };
    default:
      return { ...base, kind: 'project_team' };
  }
}

function buildExemption(raw: Obj): Exemption {
  const ex: Exemption = {
    id: raw.id as string,
    rules: [...(raw.rules as string[])],
    from: parseIsoDate(raw.from as string)!,
    to: parseIsoDate(raw.to as string)!,
    approved_by: [...(raw.approved_by as string[])],
    blanket: bool(raw.blanket),
  };
  if (isStringList(raw.las)) ex.las = raw.las.map(normaliseCode);
  if (isStringList(raw.roles)) ex.roles = [...raw.roles];
  if (isStringList(raw.swe_numbers)) ex.swe_numbers = raw.swe_numbers.map((s) => normaliseSwe(s)!);
  if (raw.max_rate !== undefined) ex.max_rate = money(raw.max_rate);
  if (isString(raw.approved_on)) ex.approved_on = raw.approved_on;
  if (isString(raw.reason)) ex.reason = raw.reason;
  return ex;
}

/** Amounts too large to hold exactly in whole pence are refused. */
function checkAmounts(s: MergeState, problems: Problems): void {
  const check = (origin: Origin, path: Path, v: unknown) => {
    const m = typeof v === 'number' ? moneyFromNumber(v) : undefined;
    // whole pence must be exact: beyond 2^53 pence (about £90 trillion) they are not
    if (typeof v === 'number' && clean(origin.pf, path) && (m === null || !Number.isSafeInteger(m!.pence))) {
      problems.add(origin.pf.file, locAt(origin.pf, path), `${describe(origin.pf.data, path)} is too large an amount`);
    }
  };
  for (const rule of s.rules) {
    if (rule.raw.kind !== 'pay_cap' || !Array.isArray(rule.raw.caps)) continue;
    rule.raw.caps.forEach((w, j) => {
      const rates = get(w, 'rates');
      if (isObj(rates)) for (const key of keysOf(rates)) check(rule.origin, [...rule.origin.path, 'caps', j, 'rates', key], rates[key]);
    });
  }
  for (const ex of s.exemptions) check(ex.origin, [...ex.origin.path, 'max_rate'], ex.raw.max_rate);
}

/** Orders problems by file (parent first) then position; long lists per file are cut short. */
function finish(problems: RulesProblem[], files: string[]): RulesProblem[] {
  const order = (f: string) => {
    const i = files.indexOf(f);
    return i < 0 ? files.length : i;
  };
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => order(a.p.file) - order(b.p.file) || a.p.line - b.p.line || a.p.column - b.p.column || a.i - b.i)
    .map(({ p }) => p);
  const out: RulesProblem[] = [];
  const perFile = new Map<string, number>();
  for (const p of sorted) {
    const n = (perFile.get(p.file) ?? 0) + 1;
    perFile.set(p.file, n);
    if (n <= MAX_PROBLEMS_PER_FILE) out.push(p);
  }
  for (const [file, n] of perFile) {
    if (n > MAX_PROBLEMS_PER_FILE) {
      const last = out.filter((p) => p.file === file).at(-1)!;
      const index = out.indexOf(last);
      out.splice(index + 1, 0, { file, line: last.line, column: last.column, message: `... and ${n - MAX_PROBLEMS_PER_FILE} more problems in this file` });
    }
  }
  return out;
}

/** Reads the ruleset at `path` and every file it extends; all problems at once. */
export function loadRuleset(path: string): LoadResult {
  const problems = new Problems();
  const read = readRulesFile(nodePath.resolve(path));
  if (!read.ok) {
    return { ok: false, problems: [{ file: path, line: 1, column: 1, message: `cannot read the rules file: ${read.reason}` }] };
  }
  const chain = loadChain(path, read, [], problems);
  const files = chain.files.map((f) => f.file);
  const s = chain.state;
  if (s) {
    checkMerged(s, chain.complete, problems);
    checkAmounts(s, problems);
  }
  if (problems.list.length > 0 || !s || !chain.complete) {
    const list = problems.list.length > 0 ? problems.list : [{ file: path, line: 1, column: 1, message: 'the ruleset could not be read' }];
    return { ok: false, problems: finish(list, files) };
  }

  const hash = createHash('sha256');
  for (const f of chain.files) hash.update(f.bytes);
  const ruleset: Ruleset = {
    id: s.id!,
    name: s.name!,
    version: s.version!,
    status: s.status ?? 'adopted',
    sources: s.sources ?? [],
    files,
    sha256: hash.digest('hex'),
    region: { ...(s.regionName !== undefined ? { name: s.regionName } : {}), las: new Map(s.las) },
    roles: [...s.roles.values()].map(({ role }) => role!),
    columns: new Map(s.columns),
    rules: s.rules.map((r) => buildRule(r.raw)),
    definedRuleIds: new Set(s.definedRuleIds),
    exemptions: s.exemptions.map((e) => buildExemption(e.raw)),
  };
  return { ok: true, ruleset };
}
