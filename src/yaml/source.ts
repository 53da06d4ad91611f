// Reading a small YAML file that people edit by hand (a ruleset, a profile) into
// plain data with the position of every key and value, refusing what no such file
// needs: huge or deeply nested files, other encodings, several documents, anchors,
// aliases and merge keys (how YAML bombs are built).
//
// The AST is converted to plain data here (not with toJS): keys are always their
// source text, aliases are never expanded, objects have no prototype (plain.ts).
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, YAMLParseError, type Document, type DocumentOptions, type Node as YamlNode, type ParseOptions, type SchemaOptions } from 'yaml';
import { lexWithinNesting } from './nesting.js';
import { q, type Loc, type Problems } from './diagnostics.js';
import { hasKey, isObj, matchesPattern, newObj, PathSet, pathKey, setKey, type Path } from './plain.js';

/** What the messages call the file, and the key that says a file is of this kind. */
export interface YamlFileKind {
  /** 'rules file' */
  noun: string;
  /** a file of this kind has this key at its top level with exactly this value: format: moc-rules/v1 */
  format: { key: string; value: string };
  /** larger files are refused before parsing */
  maxBytes: number;
  /** text fields: numbers (and true/false) written there are read as their source text */
  textPaths: readonly (readonly string[])[];
}

export interface NodeInfo {
  path: Path;
  keyLoc: Loc | null;
  valueLoc: Loc;
  /** the value was left empty (`key:` with nothing after it) */
  empty: boolean;
  /** a scalar's text as written */
  source?: string;
}

/** One file read as plain data, with positions and what validation found. */
export interface YamlSource {
  /** path as shown in messages */
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

/** Where the value (or, preferred or when empty, the key) at `path` is; the nearest ancestor known. */
export function locAt(src: YamlSource, path: Path, prefer: 'key' | 'value' = 'value'): Loc {
  for (let p = path; ; p = p.slice(0, -1)) {
    const info = src.info.get(pathKey(p));
    if (info) {
      if (info.keyLoc && (prefer === 'key' || info.empty)) return info.keyLoc;
      return info.valueLoc;
    }
    if (p.length === 0) return { line: 1, column: 1 };
    prefer = 'value';
  }
}

/** No schema problem at, inside or above `path`. */
export function clean(src: YamlSource, path: Path): boolean {
  return !src.issuePaths.touches(path) && !src.skipped.touches(path);
}

// ---------------------------------------------------------------- reading

export type ReadResult = { ok: true; bytes: Buffer; text: string; real: string } | { ok: false; reason: string };

/** Reads a file as UTF-8 text, or says in plain words why it cannot be. */
export function readYamlFile(abs: string, kind: YamlFileKind): ReadResult {
  let size: number;
  try {
    const st = statSync(abs);
    if (st.isDirectory()) return { ok: false, reason: 'it is a folder, not a file' };
    if (!st.isFile()) return { ok: false, reason: 'it is not an ordinary file' };
    size = st.size;
  } catch (e) {
    return { ok: false, reason: fsReason(e) };
  }
  if (size > kind.maxBytes) return { ok: false, reason: tooBig(size, kind) };
  let bytes: Buffer;
  let real: string;
  try {
    bytes = readFileSync(abs);
    real = realpathSync(abs);
  } catch (e) {
    return { ok: false, reason: fsReason(e) };
  }
  if (bytes.length > kind.maxBytes) return { ok: false, reason: tooBig(bytes.length, kind) };
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, reason: 'it is saved as UTF-16 ("Unicode text"); save it as UTF-8' };
  }
  if (bytes.includes(0)) return { ok: false, reason: `it is not a text file (it holds NUL bytes); a ${kind.noun} is UTF-8 YAML text` };
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

function tooBig(size: number, kind: YamlFileKind): string {
  return `it is ${size} bytes long; a ${kind.noun} may be at most ${kind.maxBytes} bytes (${kind.maxBytes / (1024 * 1024)} MB)`;
}

// ---------------------------------------------------------------- parsing

const firstLine = (kind: YamlFileKind) => `${kind.format.key}: ${kind.format.value}`;

/**
 * A file that is not of this kind (not YAML at all, or YAML without the format key)
 * is refused with one message that quotes nothing of it: anything else would echo
 * the lines of, say, /etc/shadow named by mistake (or on purpose) as a parent.
 */
function notThisKind(kind: YamlFileKind): string {
  return `not a ${kind.noun}: it has no "${firstLine(kind)}" line at its top level, so nothing else in it is read`;
}

/** Some line starts with the format key at the top level (block style, or opening a flow mapping). */
function hasFormatLine(text: string, kind: YamlFileKind): boolean {
  const key = kind.format.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(?:---[ \\t]+)?(?:\\{[ \\t]*)?(?:${key}|"${key}"|'${key}')[ \\t]*:`, 'm').test(text);
}

/** Deepest nesting the converter follows (a rules file needs about 6). */
const MAX_DEPTH = 64;

const yamlMessages = (kind: YamlFileKind): Record<string, string> => ({
  TAB_AS_INDENT: 'tabs cannot be used to indent; use spaces',
  MULTIPLE_DOCS: `a ${kind.noun} holds one YAML document; remove this "---" and what follows it, or move it to its own file`,
  DUPLICATE_KEY: 'this key appears twice',
});

/** Parses and converts one file's text; its YAML and structure problems go to `problems`. */
export function parseYamlSource(file: string, bytes: Buffer, text: string, kind: YamlFileKind, problems: Problems): YamlSource {
  const src: YamlSource = { file, bytes, data: undefined, usable: false, info: new Map(), skipped: new PathSet(), issuePaths: new PathSet(), reported: new Set() };
  const tooDeep = `the file is nested too deeply to be a ${kind.noun}`;
  const lc = new LineCounter();
  const loc = (offset: number): Loc => {
    const p = lc.linePos(offset);
    return { line: Math.max(1, p.line), column: Math.max(1, p.col) };
  };

  const blank = /^(?:\s*(?:#.*)?(?:\r?\n|\r|$))*$/.test(text); // only blank lines and comments: empty, as YAML reads it
  if (!blank && !hasFormatLine(text, kind)) {
    problems.add(file, { line: 1, column: 1 }, notThisKind(kind));
    return src;
  }

  const { tokens, deep } = lexWithinNesting(text, kind.noun);
  if (deep) {
    // a LineCounter only fills in while parsing; count lines by hand here
    const before = text.slice(0, deep.offset);
    const line = before.split('\n').length;
    const column = deep.offset - (before.lastIndexOf('\n') + 1) + 1;
    problems.add(file, { line, column }, deep.message);
    return src;
  }

  let doc: Document.Parsed;
  try {
    doc = parseLexed(text, tokens, { lineCounter: lc, uniqueKeys: false, merge: false, schema: 'core', prettyErrors: false, strict: true });
  } catch (e) {
    const message = e instanceof RangeError ? tooDeep : `the YAML could not be read: ${e instanceof Error ? e.message : String(e)}`;
    problems.add(file, { line: 1, column: 1 }, message);
    return src;
  }
  const messages = yamlMessages(kind);
  for (const err of doc.errors) {
    problems.add(file, loc(err.pos[0]), messages[err.code] ?? `YAML syntax error: ${err.message}`);
  }
  for (const warn of doc.warnings) {
    problems.add(file, loc(warn.pos[0]), `YAML: ${warn.message}`);
  }
  if (doc.errors.length > 0 || doc.warnings.length > 0) return src;

  // Anchors, aliases and merge keys, found on the AST before anything is converted.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    if (isPair(node)) {
      const key = node.key;
      if (isScalar(key) && key.type === 'PLAIN' && key.source === '<<') {
        problems.add(file, loc(key.range![0]), `merge keys ("<<") are not allowed in a ${kind.noun}: write the entries out in full`);
      }
      stack.push(node.value, node.key);
      continue;
    }
    if (isAlias(node)) {
      problems.add(file, loc(node.range![0]), `aliases ("*${node.source}") are not allowed in a ${kind.noun}: write the value out in full`);
      continue;
    }
    const n = node as YamlNode;
    if (n.anchor !== undefined) {
      const start = n.range![0];
      const at = text.lastIndexOf('&' + n.anchor, start);
      problems.add(file, loc(at >= 0 ? at : start), `anchors ("&${n.anchor}") are not allowed in a ${kind.noun}: write each value out in full`);
    }
    if (isMap(n) || isSeq(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }

  const isTextPath = (path: Path) => kind.textPaths.some((p) => matchesPattern(path, p));
  const convert = (node: unknown, path: Path, depth: number): unknown => {
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) {
      problems.add(file, loc((node as YamlNode).range?.[0] ?? 0), tooDeep);
      src.skipped.push(path);
      return null;
    }
    if (isAlias(node)) {
      src.skipped.push(path);
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
        src.info.set(pathKey(p), { path: p, keyLoc: null, valueLoc: loc(itemNode?.range?.[0] ?? node.range![0]), empty: isEmptyNode(itemNode), source: sourceOf(itemNode) });
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
        src.info.set(pathKey(p), { path: p, keyLoc, valueLoc: valueNode?.range ? loc(valueNode.range[0]) : keyLoc, empty, source: sourceOf(valueNode) });
        setKey(out, key, convert(valueNode, p, depth + 1));
      }
      return out;
    }
    return null;
  };

  const root = doc.contents as YamlNode | null;
  src.info.set(pathKey([]), { path: [], keyLoc: null, valueLoc: loc(root?.range?.[0] ?? 0), empty: root === null });
  try {
    src.data = convert(root, [], 0);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    problems.add(file, { line: 1, column: 1 }, tooDeep);
    return src;
  }
  if (src.data === null || src.data === undefined) {
    problems.add(file, { line: 1, column: 1 }, `the file is empty; a ${kind.noun} starts with "${firstLine(kind)}"`);
  } else if (!isObj(src.data) || !hasKey(src.data, kind.format.key)) {
    problems.add(file, { line: 1, column: 1 }, notThisKind(kind));
  } else if (src.data[kind.format.key] !== kind.format.value) {
    const what = `not a ${kind.noun} of this format: "${kind.format.key}" must be exactly ${kind.format.value}, so nothing else in it is read`;
    problems.add(file, locAt(src, [kind.format.key]), what);
  } else {
    src.usable = true;
  }
  return src;
}

/**
 * yaml's parseDocument(text, options) (without prettyErrors), from the tokens its
 * lexer gave for `text`: the steps of its Parser.parse, apart from lexing. It follows
 * yaml's own code, so the version is pinned exactly in package.json, like csv-parse's.
 */
function parseLexed(text: string, tokens: readonly string[], options: ParseOptions & DocumentOptions & SchemaOptions & { lineCounter: LineCounter }): Document.Parsed {
  const parser = new Parser(options.lineCounter.addNewLine);
  const composer = new Composer(options);
  function* cst() {
    options.lineCounter.addNewLine(0);
    for (const token of tokens) yield* parser.next(token);
    yield* parser.end();
  }
  let doc: Document.Parsed | null = null;
  for (const next of composer.compose(cst(), true, text.length)) {
    if (!doc) doc = next;
    else if (doc.options.logLevel !== 'silent') {
      doc.errors.push(new YAMLParseError(next.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  return doc!;
}

function sourceOf(node: YamlNode | null | undefined): string | undefined {
  return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
}

function isEmptyNode(node: YamlNode | null | undefined): boolean {
  if (node === null || node === undefined) return true;
  return isScalar(node) && node.value === null && (node.source ?? '') === '';
}
