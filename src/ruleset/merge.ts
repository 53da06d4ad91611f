// Merging the files of an `extends` chain (rules.md "Merging"), in the style of
// ESLint's flat config: beside each key of the merged ruleset, the strategy that
// combines the parent's value with one file's. The strategies are also what the
// cross-checks (checks.ts) use to follow the chain, so both agree on what the
// merged ruleset holds.
import { resolveCouncilCode } from '../councils/resolve.js';
import { entriesAsWritten } from '../yaml/validate.js';
import type { YamlSource } from '../yaml/source.js';
import type { RulesFileOutput } from './schema.js';
import type { AnyRule, Exemption, Role } from './types.js';

// ---------------------------------------------------------------- strategies

/** The child's value where it gives one, else the parent's. */
export function childWins<T>(parent: T | undefined, child: T | undefined): T | undefined {
  return child !== undefined ? child : parent;
}

/** Merge by key: a child's entry replaces the parent's entry for that key whole, in its place. */
export function byKey<V>(parent: ReadonlyMap<string, V>, child: Iterable<readonly [string, V]>): Map<string, V> {
  const out = new Map(parent);
  for (const [key, value] of child) out.set(key, value);
  return out;
}

/** One entry of a list merged by id: an entry to add or replace, or the removal of an id. */
export type ByIdEntry<T> = { id: string; value: T } | { id: string; remove: true };

/**
 * By id: an entry with an id already in the list replaces it in its place, a new id
 * is appended, a removal drops the id.
 */
export function byId<T>(list: readonly T[], entries: Iterable<ByIdEntry<T>>, idOf: (item: T) => string): T[] {
  let out = [...list];
  for (const entry of entries) {
    if ('remove' in entry) {
      out = out.filter((item) => idOf(item) !== entry.id);
      continue;
    }
    const index = out.findIndex((item) => idOf(item) === entry.id);
    if (index >= 0) out[index] = entry.value;
    else out.push(entry.value);
  }
  return out;
}

/** Concatenation, parent's first. */
export function concat<T>(parent: readonly T[], child: readonly T[] | null | undefined): T[] {
  return [...parent, ...(child ?? [])];
}

/**
 * Council codes are compared trimmed and ignoring case, a DfE number read as its
 * council's code (rules.md: steps 1, 2 and 4 of **council**, never by name).
 */
export function normaliseCode(code: string): string {
  return resolveCouncilCode(code);
}

// ---------------------------------------------------------------- the table

/** One file of the chain, validated. */
export interface ValidatedFile {
  source: YamlSource;
  data: RulesFileOutput;
}

/** What the chain adds up to, before the Ruleset is built from it (build.ts). */
export interface MergedRuleset {
  id: string | undefined;
  name: string | undefined;
  version: string | undefined;
  status: 'adopted' | 'illustrative' | undefined;
  sources: string[] | undefined;
  regionName: string | undefined;
  /** upper-cased code -> name */
  las: Map<string, string>;
  roles: Map<string, Role>;
  columns: Map<string, string[]>;
  rules: AnyRule[];
  /** every rule id a file of the chain defines */
  definedRuleIds: Set<string>;
  exemptions: Exemption[];
}

type MergeTable = { [K in keyof MergedRuleset]: (parent: MergedRuleset[K], file: ValidatedFile) => MergedRuleset[K] };

export const MERGE_TABLE: MergeTable = {
  id: (parent, { data }) => childWins(parent, data.id),
  name: (parent, { data }) => childWins(parent, data.name),
  version: (parent, { data }) => childWins(parent, data.version),
  status: (parent, { data }) => childWins(parent, data.status),
  sources: (parent, { data }) => childWins(parent, data.sources ?? undefined),
  regionName: (parent, { data }) => childWins(parent, data.region?.name),
  las: (parent, { data, source }) =>
    byKey(parent, entriesAsWritten(data.region?.las, source, ['region', 'las']).map(([code, name]) => [normaliseCode(code), name] as const)),
  roles: (parent, { data, source }) =>
    byKey(parent, entriesAsWritten(data.roles, source, ['roles']).map(([key, role]) => [key, { key, ...role }] as const)),
  columns: (parent, { data, source }) =>
    byKey(parent, entriesAsWritten(data.columns, source, ['columns']).flatMap(([column, names]) => (names ? [[column, names] as const] : []))),
  rules: (parent, { data }) =>
    byId<AnyRule>(parent, (data.rules ?? []).map((r) => ('enabled' in r ? { id: r.id, remove: true } : { id: r.id, value: r })), (r) => r.id),
  definedRuleIds: (parent, { data }) => new Set([...parent, ...(data.rules ?? []).filter((r) => !('enabled' in r)).map((r) => r.id)]),
  exemptions: (parent, { data }) => concat(parent, data.exemptions),
};

const EMPTY: MergedRuleset = {
  id: undefined,
  name: undefined,
  version: undefined,
  status: undefined,
  sources: undefined,
  regionName: undefined,
  las: new Map(),
  roles: new Map(),
  columns: new Map(),
  rules: [],
  definedRuleIds: new Set(),
  exemptions: [],
};

function mergeKey<K extends keyof MergedRuleset>(out: MergedRuleset, parent: MergedRuleset, key: K, file: ValidatedFile): void {
  out[key] = MERGE_TABLE[key](parent[key], file);
}

/** Merges the files of a chain, parent first, key by key. */
export function mergeFiles(files: readonly ValidatedFile[]): MergedRuleset {
  let merged = EMPTY;
  for (const file of files) {
    const next = { ...merged };
    for (const key of Object.keys(MERGE_TABLE) as (keyof MergedRuleset)[]) mergeKey(next, merged, key, file);
    merged = next;
  }
  return merged;
}
