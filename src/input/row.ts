// Normalising one record into typed fields, with the row-level data issues
// of report.md. Column types come from engagements.md §1 and §2.
//
// The hot path: a column plan (position, type, required) is computed once per
// header, so a cell costs an array read and one switch; blank cells share one object.
import type { DataIssue, DataIssueCode, IsoDate, Money, Severity } from '../types.js';
import { detach } from '../detach.js';
import { normaliseSwe } from '../swe.js';
import { normaliseRoleText } from '../ruleset/names.js';
import { CouncilResolver, type CouncilResolution } from '../councils/resolve.js';
import { parseBoolean, parseDate, parseEngagementType, parseInteger, parseMoney, parseNumber, type EngagementType } from './values.js';
import type { CellType, ColumnOf, ColumnSpec, TableSpec } from './columns.js';

export type { CellType, ColumnSpec } from './columns.js';

/** The state of one cell after reading. */
export type Field<T> =
  | { state: 'ok'; value: T; raw: string }
  | { state: 'blank'; raw: string }
  | { state: 'invalid'; raw: string }
  | { state: 'absent' };

/** The value type of each cell type. */
export interface CellValue {
  text: string;
  /** the resolved ONS code, or the cell trimmed and upper-cased (engagements.md, **council**) */
  council: string;
  date: IsoDate;
  money: Money;
  number: number;
  integer: number;
  boolean: boolean;
  swe: string;
  role: string;
  engagement: EngagementType;
}

/** The typed fields of a table spec: one Field per column, of its cell type's value. */
export type FieldsOf<S extends TableSpec> = { [C in ColumnOf<S>]: Field<CellValue[S[C]['type']]> };

type CheckedType = Exclude<CellType, 'text' | 'council' | 'engagement'>;

const ISSUE_FOR_TYPE: Record<CheckedType, DataIssueCode> = {
  date: 'invalid_date',
  money: 'invalid_number',
  number: 'invalid_number',
  integer: 'invalid_integer',
  boolean: 'invalid_boolean',
  swe: 'invalid_swe_number',
  role: 'unknown_role',
};

const EXPECTED: Record<CheckedType, string> = {
  date: 'a date as YYYY-MM-DD, DD/MM/YYYY or 01-Apr-2025',
  money: 'an amount such as 38.50 or £1,234.50',
  number: 'a number such as 37.5',
  integer: 'a whole number of digits only, such as 36',
  boolean: 'yes or no (also y/n, true/false, 1/0)',
  swe: 'a Social Work England number such as SW12345',
  role: 'a role or alias of the ruleset',
};

const ABSENT: Field<never> = Object.freeze({ state: 'absent' });
/** The commonest blank cell: empty, nothing to keep. */
const EMPTY: Field<never> = Object.freeze({ state: 'blank', raw: '' });

export interface RowContext {
  file: string;
  /** how row-level issues count: 'error' for assignments, 'warning' for the leavers register */
  severity: Severity;
  roleIndex: Map<string, string>;
  positions: Map<string, number>;
  issues: DataIssue[];
  /** resolves council cells against the ruleset's region; none: the councils table alone */
  councils?: CouncilResolver;
  /** council names read in this file, by cell text (the report says how each was read) */
  councilsRead?: Map<string, CouncilResolution>;
  /**
   * The run's ruleset has a cap by engagement type (reading 19): an engagement_type
   * that is none of the spellings is then invalid_engagement_type. In other runs the
   * column is not read: such a cell is invalid without an issue.
   */
  engagementTypes?: boolean;
}

/** Distinct names listed per file, at most. */
const COUNCILS_READ_LIMIT = 50;

const NO_REGION = new CouncilResolver();

/** Where one column is in the records of a file, and how to read it. */
export interface PlannedColumn {
  column: string;
  /** cell index, or -1 when the file lacks the column */
  pos: number;
  type: CellType;
  required: boolean;
}

/** The plan of a spec's columns against one header (compute once per file). */
export function planColumns<S extends TableSpec>(spec: S, columns: readonly ColumnOf<S>[], positions: Map<string, number>): PlannedColumn[] {
  return columns.map((column) => {
    const { type, required } = spec[column] as ColumnSpec;
    return { column, pos: positions.get(column) ?? -1, type, required };
  });
}

/** Reads one typed cell; blank/invalid cells add their data issue to ctx.issues. */
export function readField<K extends CellType>(
  ctx: RowContext,
  cells: string[],
  line: number,
  column: string,
  spec: { type: K; required: boolean },
): Field<CellValue[K]> {
  const planned: PlannedColumn = { column, pos: ctx.positions.get(column) ?? -1, type: spec.type, required: spec.required };
  // the reader of a K cell gives a K value
  return readPlanned(ctx, cells, line, planned) as Field<CellValue[K]>;
}

/** Reads every planned column of one record into `target` (which then holds FieldsOf<S>). */
export function readFields<S extends TableSpec, T extends object>(
  ctx: RowContext,
  cells: string[],
  line: number,
  plan: readonly PlannedColumn[],
  target: T,
): T & FieldsOf<S> {
  const fields = target as Record<string, Field<unknown>>;
  for (let i = 0; i < plan.length; i++) {
    const planned = plan[i]!;
    fields[planned.column] = readPlanned(ctx, cells, line, planned);
  }
  // every column of the spec is now set, each by the reader of its own cell type
  return fields as T & FieldsOf<S>;
}

/** A council cell's code; a name resolved is noted for the report (engagements.md, **council**). */
function readCouncil(ctx: RowContext, text: string): string {
  const resolution = (ctx.councils ?? NO_REGION).resolve(text);
  const read = ctx.councilsRead;
  if (read && (resolution.by === 'region_name' || resolution.by === 'table_name') && read.size < COUNCILS_READ_LIMIT && !read.has(text)) {
    read.set(detach(text), resolution);
  }
  return resolution.code;
}

/** Reads one planned cell; blank/invalid cells add their data issue to ctx.issues. */
export function readPlanned(ctx: RowContext, cells: string[], line: number, planned: PlannedColumn): Field<unknown> {
  if (planned.pos < 0) return ABSENT;
  const raw = cells[planned.pos]!;
  const text = raw === '' ? raw : raw.trim();
  if (text === '') {
    if (planned.required) {
      ctx.issues.push({
        severity: ctx.severity, code: 'missing_value', file: ctx.file, line, column: planned.column, value: detach(raw),
        message: `${planned.column} is blank; it is required`,
      });
    }
    return raw === '' ? EMPTY : { state: 'blank', raw };
  }
  const type = planned.type;
  if (type === 'text') return { state: 'ok', value: text, raw };
  if (type === 'council') return { state: 'ok', value: readCouncil(ctx, text), raw };
  if (type === 'engagement') return engagementField(ctx, line, planned.column, text, raw);
  const value = parseCell(type, text, ctx.roleIndex);
  if (value === null) {
    ctx.issues.push({
      severity: ctx.severity, code: ISSUE_FOR_TYPE[type], file: ctx.file, line, column: planned.column, value: detach(raw),
      message: detach(type === 'role'
        ? `role "${text}" is not a role or alias in the ruleset`
        : `${planned.column} "${text}" is not ${EXPECTED[type]}`),
    });
    return { state: 'invalid', raw };
  }
  return { state: 'ok', value, raw };
}

function engagementField(ctx: RowContext, line: number, column: string, text: string, raw: string): Field<EngagementType> {
  const value = parseEngagementType(text);
  if (value !== null) return { state: 'ok', value, raw };
  if (ctx.engagementTypes === true) {
    ctx.issues.push({
      severity: ctx.severity, code: 'invalid_engagement_type', file: ctx.file, line, column, value: detach(raw),
      message: detach(`${column} "${text}" is not an engagement type: PAYE, umbrella (company) or limited company (Ltd, PSC)`),
    });
  }
  return { state: 'invalid', raw };
}

/** Role cells repeat a handful of spellings: each distinct cell text is normalised once. */
const roleCache = new WeakMap<Map<string, string>, Map<string, string | null>>();
const ROLE_CACHE_LIMIT = 10_000;

function roleOf(text: string, roleIndex: Map<string, string>): string | null {
  let cache = roleCache.get(roleIndex);
  if (!cache) roleCache.set(roleIndex, (cache = new Map()));
  let role = cache.get(text);
  if (role === undefined) {
    role = roleIndex.get(normaliseRoleText(text)) ?? null;
    if (cache.size < ROLE_CACHE_LIMIT) cache.set(detach(text), role);
  }
  return role;
}

/** Already in normal form (SW, then 1-6 digits without a leading zero): its own value. */
function isNormalSwe(text: string): boolean {
  const n = text.length;
  if (n < 3 || n > 8 || text.charCodeAt(0) !== 83 || text.charCodeAt(1) !== 87) return false;
  const first = text.charCodeAt(2);
  if (first < 49 || first > 57) return false;
  for (let i = 3; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function parseCell(type: CheckedType, text: string, roleIndex: Map<string, string>): CellValue[CellType] | null {
  switch (type) {
    case 'date':
      return parseDate(text);
    case 'money':
      return parseMoney(text);
    case 'number':
      return parseNumber(text);
    case 'integer':
      return parseInteger(text);
    case 'boolean':
      return parseBoolean(text);
    case 'swe':
      return isNormalSwe(text) ? text : normaliseSwe(text);
    case 'role':
      return roleOf(text, roleIndex);
  }
}
