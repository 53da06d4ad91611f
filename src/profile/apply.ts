// What a profile does to one file's table: extra header names, fixed columns, value
// mappings and units (which profile reads which file: selector.ts). A profile never
// changes what a rule means, only how cells are read (engagements.md §5).
import type { LoadedProfile } from './load.js';

/** How one file is read under its profile. */
export interface ProfilePlan {
  /** the profile's path, as typed */
  source: string;
  /** canonical column -> the file's header names (before the ruleset's aliases) */
  aliases: Map<string, string[]>;
  /** canonical column -> a value, for columns the file lacks */
  fixed: Map<string, string>;
  /** canonical column -> (normalised file value -> value read instead) */
  values: Map<string, Map<string, string>>;
  /** pqe_months is given in years in this layout */
  pqeInYears: boolean;
  /** the line or row of the header (1-based), skipping the header search */
  headerRow?: number;
  /** the worksheet to read, by name */
  sheet?: string;
}

/** Value keys compare like role cells: trimmed, lower-cased, inner white space collapsed. */
export function normaliseMappedValue(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function planOf(loaded: LoadedProfile): ProfilePlan {
  const p = loaded.profile;
  const aliases = new Map<string, string[]>();
  for (const [column, names] of Object.entries(p.columns ?? {})) {
    if (names !== undefined) aliases.set(column, typeof names === 'string' ? [names] : names);
  }
  const fixed = new Map<string, string>();
  for (const [column, value] of Object.entries(p.fixed ?? {})) if (value !== undefined) fixed.set(column, value.trim());
  const values = new Map<string, Map<string, string>>();
  for (const [column, mapping] of Object.entries(p.values ?? {})) {
    if (mapping === undefined) continue;
    const m = new Map<string, string>();
    for (const [from, to] of Object.entries(mapping)) m.set(normaliseMappedValue(from), to);
    values.set(column, m);
  }
  return {
    source: loaded.path, aliases, fixed, values, pqeInYears: p.units?.pqe_months === 'years',
    ...(p.header_row !== undefined ? { headerRow: p.header_row } : {}),
    ...(p.sheet !== undefined ? { sheet: p.sheet } : {}),
  };
}

/** Years to whole months, rounded down (engagements.md §5); anything else is left for the integer check. */
export function yearsToMonths(text: string): string {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return text;
  const [whole, frac = ''] = t.split('.');
  // exact: years × 12 in twelfths of the decimal, without floating-point error
  const scale = 10 ** frac.length;
  const months = Math.floor(((Number(whole) * scale + Number(frac || '0')) * 12) / scale);
  return String(months);
}

/**
 * Rewrites one data record's cells in place for the file's plan: mapped values at
 * the columns' positions, years to months, and the fixed values appended at the
 * positions the header gave them.
 */
export function applyPlanToCells(cells: string[], positions: ReadonlyMap<string, number>, plan: ProfilePlan, fixedAt: readonly (readonly [number, string])[]): void {
  for (const [column, mapping] of plan.values) {
    const i = positions.get(column);
    if (i === undefined || i >= cells.length) continue;
    const mapped = mapping.get(normaliseMappedValue(cells[i]!));
    if (mapped !== undefined) cells[i] = mapped;
  }
  if (plan.pqeInYears) {
    const i = positions.get('pqe_months');
    if (i !== undefined && i < cells.length) cells[i] = yearsToMonths(cells[i]!);
  }
  for (const [i, value] of fixedAt) {
    while (cells.length < i) cells.push('');
    cells[i] = value;
  }
}
