import { describe, expect, it } from 'vitest';
import { escapeJsonForTerminal, hasUnsafeChars, sanitizeCellText, sanitizeLines, sanitizeText } from './text.js';

describe('sanitizeText', () => {
  it('leaves ordinary text, pound signs and accents alone', () => {
    expect(sanitizeText('Team Manager paid £58.00/h — Zoë Ó Briain')).toBe('Team Manager paid £58.00/h — Zoë Ó Briain');
    expect(sanitizeText('back\\slash')).toBe('back\\slash');
  });

  it('replaces ESC so a clear-screen sequence is printed, not obeyed', () => {
    const out = sanitizeText('A-1\u001b[2J\u001b[H');
    expect(out).toBe('A-1\\x1B[2J\\x1B[H');
    expect(out).not.toContain('\u001b');
  });

  it('replaces CR, LF, tab, BEL, NUL and DEL', () => {
    expect(sanitizeText('a\rb\nc\td\u0007e\u0000f\u007f')).toBe('a\\x0Db\\x0Ac\\x09d\\x07e\\x00f\\x7F');
  });

  it('replaces C1 controls, including the one-character CSI U+009B', () => {
    expect(sanitizeText('x\u009b2Jy\u0085z\u0080')).toBe('x\\x9B2Jy\\x85z\\x80');
  });

  it('replaces bidi overrides, embeddings, isolates and marks', () => {
    const all = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
    const out = sanitizeText(`SW1${all}`);
    expect(out).toBe('SW1\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069\\u200E\\u200F\\u061C');
    expect(hasUnsafeChars(out)).toBe(false);
  });

  it('replaces zero-width characters and a byte-order mark inside text', () => {
    expect(sanitizeText('A-1\u200b\u200c\u200d\u2060\ufeff2')).toBe('A-1\\u200B\\u200C\\u200D\\u2060\\uFEFF2');
    expect(hasUnsafeChars('A-1\u200d')).toBe(true);
  });

  it('escapes the same characters in JSON text without changing what it parses to', () => {
    const value = { v: 'a\u202e\u009b\u007f\u200b\u2028b' };
    const json = escapeJsonForTerminal(JSON.stringify(value));
    expect(json).toBe('{"v":"a\\u202E\\u009B\\u007F\\u200B\\u2028b"}');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('replaces line separators and lone surrogates but keeps real astral characters', () => {
    expect(sanitizeText('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
    expect(sanitizeText('x\ud800y')).toBe('x\\uD800y');
    expect(sanitizeText('ok 😀')).toBe('ok 😀');
  });

  it('converts non-strings', () => {
    expect(sanitizeText(42)).toBe('42');
    expect(sanitizeText(null)).toBe('');
    expect(sanitizeText(undefined)).toBe('');
  });

  it('hasUnsafeChars detects what sanitizeText replaces, repeatably', () => {
    expect(hasUnsafeChars('fine')).toBe(false);
    expect(hasUnsafeChars('bad\u001b')).toBe(true);
    expect(hasUnsafeChars('bad\u001b')).toBe(true);
    expect(hasUnsafeChars('bad\u202e')).toBe(true);
  });

  it('sanitizeCellText keeps CR and LF only; sanitizeLines keeps LF only', () => {
    expect(sanitizeCellText('a\r\nb\nc\td\u001b\u202e')).toBe('a\r\nb\nc\\x09d\\x1B\\u202E');
    expect(sanitizeLines('one\u001b\ntwo\r')).toBe('one\\x1B\ntwo\\x0D');
  });
});
