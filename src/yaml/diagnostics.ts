// Located problems in a YAML file: how they are worded, suggested and printed.
import { sanitizeText } from '../text.js';

/** One problem at a file, line and column (both from 1), in plain English. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface Loc {
  line: number;
  column: number;
}

/** Problems are collected, never thrown: a person fixes them all in one go. */
export class Problems {
  readonly list: Problem[] = [];
  add(file: string, loc: Loc, message: string): void {
    this.list.push({ file, line: loc.line, column: loc.column, message });
  }
}

/**
 * One problem as `file:line:column: message`, safe to print on a terminal: messages
 * quote names from the file, and a crafted key could hold escape sequences or
 * direction overrides (JSON quoting leaves C1 controls and U+202E as they are).
 */
export function formatProblem(p: Problem): string {
  return sanitizeText(`${p.file}:${p.line}:${p.column}: ${p.message}`);
}

/** Text from the file, quoted and cut short. */
export function q(s: string): string {
  return JSON.stringify(s.length > 60 ? s.slice(0, 57) + '...' : s);
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
export function didYouMean(word: string, candidates: Iterable<string>): string {
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

/** Problems listed per file before the rest are summarised in one line. */
const MAX_PROBLEMS_PER_FILE = 200;

/** Orders problems by file (in the order given) then position; long lists per file are cut short. */
export function sortProblems(problems: readonly Problem[], files: readonly string[]): Problem[] {
  const order = (f: string) => {
    const i = files.indexOf(f);
    return i < 0 ? files.length : i;
  };
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => order(a.p.file) - order(b.p.file) || a.p.line - b.p.line || a.p.column - b.p.column || a.i - b.i)
    .map(({ p }) => p);
  const out: Problem[] = [];
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
