// JSON text in chunks: the same bytes as JSON.stringify(value, null, 2), but a large
// array is written element by element, so a report with a million results never has
// to exist as one string (V8 refuses strings above about 512 MB).
import { escapeJsonForTerminal } from '../text.js';

const CHUNK_CHARS = 1 << 16;
/** Arrays longer than this are written element by element. */
const LARGE = 256;

/**
 * An array written as JSON from an iterable made when it is written, so its items never
 * all exist at once (SARIF's results, one per finding). Written like any array.
 */
export class LazyArray {
  constructor(readonly items: () => Iterable<unknown>) {}
}

function* pieces(value: unknown, indent: string, inLarge: boolean): Generator<string> {
  if (value instanceof LazyArray) {
    const inner = `${indent}  `;
    let first = true;
    for (const item of value.items()) {
      yield `${first ? '[' : ','}\n${inner}`;
      first = false;
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* pieces(item, inner, true);
    }
    yield first ? '[]' : `\n${indent}]`;
    return;
  }
  const streamable = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (!streamable || inLarge) {
    const text = JSON.stringify(value, null, 2);
    yield text === undefined ? 'null' : indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    const large = value.length > LARGE;
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '' : ','}\n${inner}`;
      const item: unknown = value[i];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* pieces(item, inner, large);
    }
    yield `\n${indent}]`;
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
  );
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [i, [key, v]] of entries.entries()) {
    yield `${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* pieces(v, inner, false);
  }
  yield `\n${indent}}`;
}

/**
 * JSON.stringify(value, null, 2) + '\n' in chunks of about 64 KB, with the characters
 * a terminal could act on written as \uXXXX escapes (escapeJsonForTerminal).
 */
export function* jsonTextChunks(value: unknown): Generator<string> {
  let buffer = '';
  for (const piece of pieces(value, '', false)) {
    buffer += piece;
    if (buffer.length >= CHUNK_CHARS) {
      yield escapeJsonForTerminal(buffer);
      buffer = '';
    }
  }
  yield escapeJsonForTerminal(`${buffer}\n`);
}
