// Loading profiles: the same YAML reader, located problems and did-you-mean as the
// rules files (src/yaml/), with the profile's own schema, wording and checks.
import { ASSIGNMENT_SPEC, LEAVER_SPEC, type CellType } from '../input/columns.js';
import { parseBoolean, parseDate, parseInteger, parseMoney, parseNumber } from '../input/values.js';
import { q, type Problem } from '../yaml/diagnostics.js';
import { loadYamlFile, type YamlFormat } from '../yaml/load.js';
import type { Path } from '../yaml/plain.js';
import { locAt, type YamlFileKind } from '../yaml/source.js';
import { PROFILE_COLUMNS, PROFILE_FORMAT, ProfileSchema, type Profile } from './schema.js';

/** A profile is a few hundred lines at most; anything past this is refused before parsing. */
export const MAX_PROFILE_BYTES = 256 * 1024;

const PROFILE_FILE_KIND: YamlFileKind = {
  noun: 'profile',
  format: { key: 'format', value: PROFILE_FORMAT },
  maxBytes: MAX_PROFILE_BYTES,
  textPaths: [
    ['name'], ['description'], ['sheet'], ['files'], ['files', '*'],
    ['columns', '*'], ['columns', '*', '*'], ['fixed', '*'], ['values', '*', '*'],
  ],
};

const TOP_KEYS = Object.keys(ProfileSchema.shape);

function describe(data: unknown, path: Path): string {
  const [a, b, c] = path;
  if (path.length === 0) return 'the file';
  if (a === 'columns' && path.length === 2) return `the header for column ${q(String(b))}`;
  if (a === 'columns' && path.length === 3) return `header name ${(c as number) + 1} for column ${q(String(b))}`;
  if (a === 'fixed' && path.length === 2) return `the fixed value of column ${q(String(b))}`;
  if (a === 'values' && path.length === 2) return `the value mapping of column ${q(String(b))}`;
  if (a === 'values' && path.length === 3) return `the mapping of ${q(String(c))} in column ${q(String(b))}`;
  if (a === 'files' && path.length === 2) return `file pattern ${(b as number) + 1}`;
  if (path.length === 1) return q(String(a));
  return `${q(String(path[path.length - 1]))} in ${describe(data, path.slice(0, -1))}`;
}

const PROFILE_FORMAT_SPEC: YamlFormat<typeof ProfileSchema> = {
  kind: PROFILE_FILE_KIND,
  schema: ProfileSchema,
  wording: {
    allowedKeys: (_data, path) => {
      if (path.length === 0) return TOP_KEYS;
      if (path.length === 1 && (path[0] === 'columns' || path[0] === 'fixed' || path[0] === 'values')) return PROFILE_COLUMNS;
      if (path.length === 1 && path[0] === 'units') return ['pqe_months'];
      return [];
    },
    describe,
    unknownKey: (_data, path, key, hint) =>
      path.length === 1 && ['columns', 'fixed', 'values'].includes(String(path[0]))
        ? `${q(key)} under ${q(String(path[0]))} is not a column of the assignments export, the leavers register or the starters register${hint}`
        : undefined,
    keyNoun: (path) => (path.length === 2 && ['columns', 'fixed', 'values'].includes(String(path[0])) ? 'column name' : 'key'),
    missingKeyNote: (path) => (path.length === 1 && path[0] === 'format' ? ` (the file must start with "format: ${PROFILE_FORMAT}")` : ''),
  },
  check(data, source, problems) {
    // `moc-check init` writes TODO where a person must decide: a draft never runs half filled.
    const todo = (path: Path, what: string) =>
      problems.add(source.file, locAt(source, path), `${what} is still TODO (a draft from moc-check init): fill it in, or delete the line`);
    for (const [column, names] of Object.entries(data.columns ?? {})) {
      for (const name of typeof names === 'string' ? [names] : names ?? []) if (isTodo(name)) todo(['columns', column], `the header for column ${q(column)}`);
    }
    for (const [column, value] of Object.entries(data.fixed ?? {})) if (value !== undefined && isTodo(value)) todo(['fixed', column], `the fixed value of column ${q(column)}`);
    for (const [column, mapping] of Object.entries(data.values ?? {})) {
      for (const [from, to] of Object.entries(mapping ?? {})) if (isTodo(to)) todo(['values', column, from], `the mapping of ${q(from)} in column ${q(column)}`);
    }
    // A fixed value must read as its column's type: it stands in every row's cell.
    for (const [column, value] of Object.entries(data.fixed ?? {})) {
      if (value === undefined || isTodo(value)) continue;
      const type = columnType(column);
      const wrong = type ? badValue(type, value) : undefined;
      if (wrong) problems.add(source.file, locAt(source, ['fixed', column]), `the fixed value of column ${q(column)} ${wrong}, not ${q(value)}`);
    }
    if (data.units?.pqe_months === 'years' && data.values?.pqe_months) {
      problems.add(source.file, locAt(source, ['units', 'pqe_months'], 'key'), 'give "pqe_months" either a unit or a value mapping, not both: the years would be converted after the mapping');
    }
    const fixed = new Set(Object.keys(data.fixed ?? {}));
    for (const column of Object.keys(data.columns ?? {})) {
      if (fixed.has(column)) problems.add(source.file, locAt(source, ['fixed', column], 'key'), `column ${q(column)} has both a header (under "columns") and a fixed value: keep one`);
    }
  },
};

function isTodo(text: string): boolean {
  return /^TODO\b/.test(text.trim());
}

function columnType(column: string): CellType | undefined {
  const spec = (ASSIGNMENT_SPEC as Record<string, { type: CellType }>)[column] ?? (LEAVER_SPEC as Record<string, { type: CellType }>)[column];
  if (spec) return spec.type;
  if (column === 'promotion') return 'boolean';
  if (column === 'previous_la') return 'council';
  return undefined;
}

/** The end of a sentence saying what the value must be, or undefined when it reads. */
function badValue(type: CellType, value: string): string | undefined {
  switch (type) {
    case 'date': return parseDate(value) === null ? 'must be a date such as 2025-04-01' : undefined;
    case 'money': return parseMoney(value) === null ? 'must be an amount such as 38.50' : undefined;
    case 'number': return parseNumber(value) === null ? 'must be a number' : undefined;
    case 'integer': return parseInteger(value) === null ? 'must be a whole number' : undefined;
    case 'boolean': return parseBoolean(value) === null ? 'must be yes or no' : undefined;
    default: return undefined;
  }
}

export type ProfileLoad = { ok: true; profiles: LoadedProfile[] } | { ok: false; problems: Problem[] };

export interface LoadedProfile {
  /** the path as typed, for messages and reports */
  path: string;
  profile: Profile;
}

/** Loads every profile given; all their problems together, each located. */
export function loadProfiles(paths: readonly string[]): ProfileLoad {
  const profiles: LoadedProfile[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    const result = loadYamlFile(path, PROFILE_FORMAT_SPEC);
    if (result.ok) profiles.push({ path, profile: result.data });
    else for (const p of result.problems) problems.push(p);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, profiles };
}
