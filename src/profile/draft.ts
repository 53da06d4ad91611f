// What `moc-check init` learns from a sample export (issue 9 item 4): its header found
// as the check finds it, each header cell matched to a column (exact, normalised, the
// ruleset's name, then a close match), the required columns still missing, and the
// distinct values of role, yes/no, council and engagement-type columns that the run
// would not read, each with a suggestion. Pure: the records come from the caller.
import { CouncilResolver } from '../councils/resolve.js';
import { ASSIGNMENT_SPEC, LEAVER_SPEC, STARTER_SPEC, type CellType, type TableSpec } from '../input/columns.js';
import { headerLikeness } from '../input/header-hints.js';
import { buildHeaderIndex, HEADER_SEARCH_RECORDS, isTotalLabel } from '../input/table.js';
import { parseBoolean, parseEngagementType } from '../input/values.js';
import { buildRoleIndex, normaliseHeader, normaliseRoleText } from '../ruleset/names.js';
import { hasTypedCaps } from '../ruleset/typed-caps.js';
import { definitionOf } from '../rules/index.js';
import type { Ruleset } from '../types.js';
import { normaliseMappedValue } from './apply.js';
import { suggestBoolean, suggestCouncil, suggestEngagementType, suggestRole, type Suggestion } from './suggest.js';

export type DraftKind = 'assignments' | 'leavers' | 'starters';

const SPECS: Record<DraftKind, { spec: TableSpec; identity: readonly string[] }> = {
  assignments: { spec: ASSIGNMENT_SPEC, identity: ['assignment_id', 'swe_number', 'start_date'] },
  leavers: { spec: LEAVER_SPEC, identity: ['swe_number', 'leaving_date'] },
  starters: { spec: STARTER_SPEC, identity: ['swe_number', 'start_date'] },
};

export type MatchHow = 'exact' | 'normalised' | 'ruleset' | 'close';

export interface ColumnMatch {
  column: string;
  /** the header cell's position (0 is column A) */
  index: number;
  /** the header cell, trimmed */
  header: string;
  how: MatchHow;
  /** for a close match: the words the header and the column share */
  shared: string[];
}

export interface UnmatchedHeader {
  index: number;
  header: string;
  /** set when the header names a column another cell already gives */
  duplicateOf?: string;
}

export interface ValueToMap {
  /** the value as first written in the file, trimmed */
  value: string;
  /** rows holding it (any spelling that compares equal) */
  rows: number;
  suggestion: Suggestion;
}

export interface Draft {
  kind: DraftKind;
  /** line (CSV) or row (workbook) of the header */
  headerLine: number;
  /** non-blank records above the header */
  skippedAboveHeader: number;
  /** the line to write as header_row, when the check's own search would take another record */
  headerRow: number | null;
  matches: ColumnMatch[];
  unmatched: UnmatchedHeader[];
  /** required columns no header gives */
  missing: string[];
  /** required columns the header gives (by name or close match): under 2, it is probably not the header */
  requiredFound: number;
  /** the ruleset's rules a file of this layout cannot be checked against, and the columns each lacks */
  rulesLacking: { rule: string; columns: string[] }[];
  /** pqe_months looks like years (`PQE (Yrs)`) */
  pqeInYears: boolean;
  /** column -> the values the run would not read */
  values: Map<string, ValueToMap[]>;
  /** column -> how many more such values there were than listed */
  valuesLeftOut: Map<string, number>;
  rows: number;
}

export interface SampleRecord {
  cells: string[];
  line: number;
}

/** The most distinct unread values listed per column. */
export const MAX_VALUES_LISTED = 100;

/** The value types whose cells a profile's `values` can make readable. */
const MAPPED_TYPES: ReadonlySet<CellType> = new Set(['role', 'boolean', 'council', 'engagement']);

/** A close match needs at least half of the column's words. */
const CLOSE_THRESHOLD = 0.5;

/** Matches one record's cells to the kind's columns: names first (as the check reads them), then close matches. */
export function matchHeaderCells(cells: readonly string[], kind: DraftKind, aliases: Map<string, string[]>): { matches: ColumnMatch[]; unmatched: UnmatchedHeader[] } {
  const { spec } = SPECS[kind];
  const columns = Object.keys(spec);
  const index = buildHeaderIndex(columns, aliases);
  const matches: ColumnMatch[] = [];
  const taken = new Map<string, string>();
  const free: number[] = [];
  const duplicates = new Map<number, string>();
  cells.forEach((cell, i) => {
    const header = cell.trim();
    if (header === '') return;
    const key = normaliseHeader(cell);
    const column = index.get(key);
    if (column === undefined) return void free.push(i);
    if (taken.has(column)) return void duplicates.set(i, column);
    taken.set(column, header);
    matches.push({ column, index: i, header, how: header === column ? 'exact' : key === column ? 'normalised' : 'ruleset', shared: [] });
  });
  // close matches, best first; required columns win ties, then the contract's order, then the leftmost cell
  const pairs: { column: string; order: number; index: number; score: number; shared: string[] }[] = [];
  columns.forEach((column, order) => {
    if (taken.has(column)) return;
    for (const i of free) {
      const { score, shared } = headerLikeness(column, cells[i]!);
      if (score >= CLOSE_THRESHOLD) pairs.push({ column, order: spec[column]!.required ? order - 1000 : order, index: i, score, shared });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.order - b.order || a.index - b.index);
  const used = new Set<number>();
  for (const p of pairs) {
    if (taken.has(p.column) || used.has(p.index)) continue;
    taken.set(p.column, cells[p.index]!.trim());
    used.add(p.index);
    matches.push({ column: p.column, index: p.index, header: cells[p.index]!.trim(), how: 'close', shared: p.shared });
  }
  matches.sort((a, b) => a.index - b.index);
  const unmatched: UnmatchedHeader[] = [];
  for (const i of free) if (!used.has(i)) unmatched.push({ index: i, header: cells[i]!.trim() });
  for (const [i, column] of duplicates) unmatched.push({ index: i, header: cells[i]!.trim(), duplicateOf: column });
  unmatched.sort((a, b) => a.index - b.index);
  return { matches, unmatched };
}

const requiredOf = (kind: DraftKind) => Object.entries(SPECS[kind].spec).filter(([, s]) => s.required).map(([c]) => c);

function requiredCount(matches: readonly ColumnMatch[], required: readonly string[]): number {
  return matches.filter((m) => required.includes(m.column)).length;
}

/**
 * The header among the first non-blank records: the first that gives two required
 * columns, by name or by a close match; else the first (as the check does).
 */
export function chooseHeader(records: readonly SampleRecord[], kind: DraftKind, aliases: Map<string, string[]>): number {
  const required = requiredOf(kind);
  const limit = Math.min(records.length, HEADER_SEARCH_RECORDS);
  for (let k = 0; k < limit; k++) {
    if (requiredCount(matchHeaderCells(records[k]!.cells, kind, aliases).matches, required) >= 2) return k;
  }
  return 0;
}

/** Where the check itself, reading with the draft's header names, would find the header. */
function checkFindsHeaderAt(records: readonly SampleRecord[], kind: DraftKind, aliases: Map<string, string[]>, matches: readonly ColumnMatch[]): number {
  const withDraft = new Map(aliases);
  for (const m of matches) withDraft.set(m.column, [m.header, ...(aliases.get(m.column) ?? [])]);
  const index = buildHeaderIndex(Object.keys(SPECS[kind].spec), withDraft);
  const required = new Set(requiredOf(kind));
  const limit = Math.min(records.length, HEADER_SEARCH_RECORDS);
  for (let k = 0; k < limit; k++) {
    const named = new Set<string>();
    for (const cell of records[k]!.cells) {
      const column = index.get(normaliseHeader(cell));
      if (column !== undefined && required.has(column)) named.add(column);
    }
    if (named.size >= 2) return k;
  }
  return 0;
}

const YEARS_RE = /\b(?:yrs?|years?)\b/i;

/** Why a cell of this type would not be read, as a suggestion; null when the run reads it. */
type Judge = (value: string) => Suggestion | null;

function judgeFor(type: CellType, ruleset: Ruleset): Judge | null {
  switch (type) {
    case 'role': {
      const index = buildRoleIndex(ruleset.roles);
      return (v) => (index.has(normaliseRoleText(v)) ? null : suggestRole(v, ruleset.roles));
    }
    case 'boolean':
      return (v) => (parseBoolean(v) !== null ? null : suggestBoolean(v));
    case 'council': {
      const resolver = new CouncilResolver(ruleset.region.las);
      return (v) => (resolver.resolve(v).by !== 'kept' ? null : suggestCouncil(v, ruleset.region.las));
    }
    case 'engagement':
      // only read in a run whose ruleset caps by engagement type (reading 19)
      return hasTypedCaps(ruleset) ? (v) => (parseEngagementType(v) !== null ? null : suggestEngagementType(v)) : null;
    default:
      return null;
  }
}

/** Builds the draft from the file's first non-blank records and then its other records, in order. */
export class DraftBuilder {
  private readonly head: SampleRecord[] = [];
  private header: { index: number; matches: ColumnMatch[]; unmatched: UnmatchedHeader[] } | null = null;
  private skipped = 0;
  private rows = 0;
  private readonly watched: { column: string; index: number; judge: Judge; seen: Map<string, ValueToMap>; leftOut: number }[] = [];
  private identity: number[] = [];

  constructor(
    private readonly kind: DraftKind,
    private readonly ruleset: Ruleset,
  ) {}

  /** One record of the file, blank ones included. */
  add(record: SampleRecord): void {
    if (record.cells.every((c) => c.trim() === '')) return;
    if (this.header === null) {
      this.head.push(record);
      if (this.head.length === HEADER_SEARCH_RECORDS) this.settle();
      return;
    }
    this.row(record.cells);
  }

  private settle(): void {
    const k = chooseHeader(this.head, this.kind, this.ruleset.columns);
    const { matches, unmatched } = matchHeaderCells(this.head[k]!.cells, this.kind, this.ruleset.columns);
    this.header = { index: k, matches, unmatched };
    this.skipped = k;
    const spec = SPECS[this.kind].spec;
    for (const m of matches) {
      const type = spec[m.column]!.type;
      const judge = MAPPED_TYPES.has(type) ? judgeFor(type, this.ruleset) : null;
      if (judge) this.watched.push({ column: m.column, index: m.index, judge, seen: new Map(), leftOut: 0 });
    }
    this.identity = matches.filter((m) => SPECS[this.kind].identity.includes(m.column)).map((m) => m.index);
    for (const record of this.head.slice(k + 1)) this.row(record.cells);
  }

  private row(cells: string[]): void {
    // a totals row a spreadsheet added is not a row (engagements.md "Summary rows")
    if (this.identity.every((i) => (cells[i] ?? '').trim() === '') && cells.some(isTotalLabel)) return;
    this.rows++;
    for (const w of this.watched) {
      const value = (cells[w.index] ?? '').trim();
      if (value === '') continue;
      const key = normaliseMappedValue(value);
      const known = w.seen.get(key);
      if (known) {
        known.rows++;
        continue;
      }
      if (w.seen.size >= MAX_VALUES_LISTED * 4) continue; // bounded: a hostile file's million values
      const suggestion = w.judge(value);
      if (suggestion === null) w.seen.set(key, { value, rows: 1, suggestion: { value: null, reason: '' } });
      else w.seen.set(key, { value, rows: 1, suggestion });
    }
  }

  /** The draft, or null when the file held no non-blank record. */
  finish(): Draft | null {
    if (this.header === null) {
      if (this.head.length === 0) return null;
      this.settle();
    }
    const h = this.header!;
    const headerRecord = this.head[h.index]!;
    const found = new Set(h.matches.map((m) => m.column));
    const missing = requiredOf(this.kind).filter((c) => !found.has(c));
    const checkAt = checkFindsHeaderAt(this.head, this.kind, this.ruleset.columns, h.matches);
    const values = new Map<string, ValueToMap[]>();
    const valuesLeftOut = new Map<string, number>();
    for (const w of this.watched) {
      const unread = [...w.seen.values()].filter((v) => v.suggestion.reason !== '');
      if (unread.length === 0) continue;
      values.set(w.column, unread.slice(0, MAX_VALUES_LISTED));
      if (unread.length > MAX_VALUES_LISTED) valuesLeftOut.set(w.column, unread.length - MAX_VALUES_LISTED);
    }
    const pqe = h.matches.find((m) => m.column === 'pqe_months');
    // as column_missing_for_rule will say on every run (assignments files; starters rules need their own columns)
    const rulesLacking = this.kind !== 'assignments' ? [] : this.ruleset.rules
      .map((rule) => ({ rule: rule.id, columns: definitionOf(rule).needs(rule).filter((c) => !found.has(c)) }))
      .filter((r) => r.columns.length > 0);
    return {
      kind: this.kind,
      headerLine: headerRecord.line,
      skippedAboveHeader: this.skipped,
      headerRow: checkAt === h.index ? null : headerRecord.line,
      matches: h.matches,
      unmatched: h.unmatched,
      missing,
      requiredFound: requiredOf(this.kind).length - missing.length,
      rulesLacking,
      pqeInYears: pqe !== undefined && YEARS_RE.test(pqe.header),
      values,
      valuesLeftOut,
      rows: this.rows,
    };
  }
}
