// Normalising one record into typed fields, with the row-level data issues
// of report.md. Column types come from engagements.md §1 and §2.
import type { DataIssue, DataIssueCode, IsoDate, Money, Severity } from '../types.js';
import { detach } from '../detach.js';
import { normaliseSwe } from '../swe.js';
import { normaliseRoleText } from '../ruleset/names.js';
import { CouncilResolver } from '../councils/resolve.js';
import { parseBoolean, parseDate, parseInteger, parseMoney, parseNumber } from './values.js';
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
}

/** The typed fields of a table spec: one Field per column, of its cell type's value. */
export type FieldsOf<S extends TableSpec> = { [C in ColumnOf<S>]: Field<CellValue[S[C]['type']]> };

type CheckedType = Exclude<CellType, 'text' | 'council'>;

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
  date: 'a date as YYYY-MM-DD or DD/MM/YYYY',
  money: 'an amount such as 38.50 or £1,234.50',
  number: 'a number such as 37.5',
  integer: 'a whole number of digits only, such as 36',
  boolean: 'yes or no (also y/n, true/false, 1/0)',
  swe: 'a Social Work England number such as SW12345',
  role: 'a role or alias of the ruleset',
};

const ABSENT: Field<never> = { state: 'absent' };

export interface RowContext {
  file: string;
  /** how row-level issues count: 'error' for assignments, 'warning' for the leavers register */
  severity: Severity;
  roleIndex: Map<string, string>;
  positions: Map<string, number>;
  issues: DataIssue[];
  /** resolves council cells against the ruleset's region; none: the councils table alone */
  councils?: CouncilResolver;
}

const NO_REGION = new CouncilResolver();

/** Reads one typed cell; blank/invalid cells add their data issue to ctx.issues. */
export function readField<K extends CellType>(
  ctx: RowContext,
  cells: string[],
  line: number,
  column: string,
  spec: { type: K; required: boolean },
): Field<CellValue[K]> {
  const pos = ctx.positions.get(column);
  if (pos === undefined) return ABSENT;
  const raw = cells[pos]!;
  const text = raw.trim();
  if (text === '') {
    if (spec.required) {
      ctx.issues.push({
        severity: ctx.severity, code: 'missing_value', file: ctx.file, line, column, value: detach(raw),
        message: `${column} is blank; it is required`,
      });
    }
    return { state: 'blank', raw };
  }
  if (spec.type === 'text') return { state: 'ok', value: text as CellValue[K], raw };
  if (spec.type === 'council') return { state: 'ok', value: (ctx.councils ?? NO_REGION).resolve(text).code as CellValue[K], raw };
  const value = parseCell(spec.type, text, ctx.roleIndex);
  if (value === null) {
    const type = spec.type as CheckedType;
    ctx.issues.push({
      severity: ctx.severity, code: ISSUE_FOR_TYPE[type], file: ctx.file, line, column, value: detach(raw),
      message: detach(type === 'role'
        ? `role "${text}" is not a role or alias in the ruleset`
        : `${column} "${text}" is not ${EXPECTED[type]}`),
    });
    return { state: 'invalid', raw };
  }
  return { state: 'ok', value: value as CellValue[K], raw };
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
      return normaliseSwe(text);
    case 'role':
      return roleIndex.get(normaliseRoleText(text)) ?? null;
  }
}

/** Reads every column of `spec` from one record into `target` (which then holds FieldsOf<S>). */
export function readFields<S extends TableSpec, T extends object>(
  ctx: RowContext,
  cells: string[],
  line: number,
  spec: S,
  columns: readonly ColumnOf<S>[],
  target: T,
): T & FieldsOf<S> {
  const fields = target as T & Record<string, Field<unknown>>;
  for (const column of columns) fields[column] = readField(ctx, cells, line, column, spec[column] as ColumnSpec);
  // every column of the spec is now set, each by the reader of its own cell type
  return fields as T & FieldsOf<S>;
}
