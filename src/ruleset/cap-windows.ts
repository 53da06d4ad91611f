// Cap windows of one pay_cap rule: each `to` on or after its `from`, and no two
// windows overlapping (`to` is inclusive; an open-ended window overlaps every later one).
import type { Problems } from '../yaml/diagnostics.js';
import { isObj, isString, type Obj } from '../yaml/plain.js';
import { clean, locAt, type YamlSource } from '../yaml/source.js';
import { describe } from './wording.js';

interface Span {
  j: number;
  from: string;
  to: string | null;
}

const span = (w: Span) => (w.to === null ? `${w.from} onwards` : `${w.from} to ${w.to}`);

/** Checks the windows of rule number `i` of the file. */
export function checkCapWindows(src: YamlSource, i: number, rule: Obj, problems: Problems): void {
  const caps = rule.caps;
  if (!Array.isArray(caps)) return;
  const windows: Span[] = [];
  caps.forEach((w, j) => {
    const path = ['rules', i, 'caps', j];
    if (!isObj(w) || !isString(w.from) || !clean(src, [...path, 'from']) || !clean(src, [...path, 'to'])) return;
    const to = isString(w.to) ? w.to : null;
    if (to !== null && to < w.from) {
      problems.add(src.file, locAt(src, [...path, 'to']), `"to" (${to}) is before "from" (${w.from}) in ${describe(src.data, path)}`);
      return;
    }
    windows.push({ j, from: w.from, to });
  });
  for (let b = 1; b < windows.length; b++) {
    const later = windows[b]!;
    for (let a = 0; a < b; a++) {
      const earlier = windows[a]!;
      const overlap = earlier.from <= (later.to ?? '9999-99-99') && later.from <= (earlier.to ?? '9999-99-99');
      if (overlap) {
        const path = ['rules', i, 'caps', later.j];
        problems.add(
          src.file,
          locAt(src, [...path, 'from']),
          `${describe(src.data, path)} (${span(later)}) overlaps cap window ${earlier.j + 1} (${span(earlier)}); cap windows of one rule may not overlap`,
        );
        break;
      }
    }
  }
}
