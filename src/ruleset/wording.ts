// How a rules file names its parts in messages, and what a rules file is for the
// YAML reader (src/yaml/): the rules-specific half of validation.
import type { z } from 'zod';
import { q } from '../yaml/diagnostics.js';
import { get, getAt, hasKey, isObj, matchesPattern, type Path } from '../yaml/plain.js';
import type { YamlFileKind } from '../yaml/source.js';
import type { NumberText, SchemaWording } from '../yaml/validate.js';
import {
  CapWindowObjectSchema,
  COLUMN_NAMES,
  CoolingOffRuleSchema,
  ENGAGEMENT_TYPES,
  ExemptionSchema,
  HeadHuntingRuleSchema,
  MinNoticeRuleSchema,
  MinPqeRuleSchema,
  PayCapRuleSchema,
  ProjectTeamRuleSchema,
  ReferencesRuleSchema,
  RegionSchema,
  RoleSchema,
  RuleRemovalSchema,
  RULES_FORMAT,
  RulesFileSchema,
} from './schema.js';

/** A rules file is a few kB; anything past this is refused before parsing. */
export const MAX_RULES_FILE_BYTES = 1024 * 1024;

export const RULES_FILE_KIND: YamlFileKind = {
  noun: 'rules file',
  format: { key: 'format', value: RULES_FORMAT },
  maxBytes: MAX_RULES_FILE_BYTES,
  textPaths: [
    ['id'], ['name'], ['version'], ['extends'], ['sources', '*'],
    ['region', 'name'], ['region', 'las', '*'],
    ['roles', '*', 'label'], ['roles', '*', 'aliases', '*'],
    ['columns', '*', '*'],
    ['rules', '*', 'id'], ['rules', '*', 'title'],
    ['exemptions', '*', 'id'], ['exemptions', '*', 'rules', '*'], ['exemptions', '*', 'las', '*'],
    ['exemptions', '*', 'roles', '*'], ['exemptions', '*', 'swe_numbers', '*'],
    ['exemptions', '*', 'approved_by', '*'], ['exemptions', '*', 'reason'],
  ],
};

const RULE_SCHEMAS: Record<string, z.ZodObject> = {
  pay_cap: PayCapRuleSchema,
  cooling_off: CoolingOffRuleSchema,
  min_pqe: MinPqeRuleSchema,
  references: ReferencesRuleSchema,
  min_notice: MinNoticeRuleSchema,
  project_team: ProjectTeamRuleSchema,
  head_hunting: HeadHuntingRuleSchema,
};

/** Every rule kind, in the order messages list them. */
export const RULE_KIND_NAMES = Object.keys(RULE_SCHEMAS);

const ALL_RULE_KEYS = [...new Set(Object.values(RULE_SCHEMAS).flatMap((s) => Object.keys(s.shape)))];

/** A rule entry with `enabled` is the removal of an inherited rule. */
export function isRemoval(item: unknown): boolean {
  return isObj(item) && hasKey(item, 'enabled');
}

function allowedKeys(data: unknown, path: Path): readonly string[] {
  const [a, , c] = path;
  if (path.length === 0) return Object.keys(RulesFileSchema.shape);
  if (path.length === 1 && a === 'region') return Object.keys(RegionSchema.shape);
  if (path.length === 1 && a === 'columns') return COLUMN_NAMES;
  if (path.length === 2 && a === 'roles') return Object.keys(RoleSchema.shape);
  if (path.length === 2 && a === 'exemptions') return Object.keys(ExemptionSchema.shape);
  if (path.length === 2 && a === 'rules') {
    const item = getAt(data, path);
    if (isRemoval(item)) return Object.keys(RuleRemovalSchema.shape);
    const kind = get(item, 'kind');
    const schema = typeof kind === 'string' ? RULE_SCHEMAS[kind] : undefined;
    return schema ? Object.keys(schema.shape) : ALL_RULE_KEYS;
  }
  if (path.length === 4 && a === 'rules' && c === 'caps') return Object.keys(CapWindowObjectSchema.shape);
  if (path.length === 6 && a === 'rules' && c === 'caps' && path[4] === 'rates') return ENGAGEMENT_TYPES;
  return [];
}

/** A noun phrase for the value at `path` ('"months" in rule "DFE-PQE"'). */
export function describe(data: unknown, path: Path): string {
  const n = path.length;
  if (n === 0) return 'the file';
  const last = path[n - 1]!;
  const parent = path.slice(0, -1);
  const [a, b, c, d] = path;
  if (a === 'rules' && n === 2) return ruleName(data, b as number);
  if (a === 'rules' && n === 4 && c === 'caps') return `cap window ${(d as number) + 1} of ${ruleName(data, b as number)}`;
  if (a === 'rules' && n === 6 && c === 'caps' && path[4] === 'rates') return `the rate for ${q(String(last))} in ${describe(data, path.slice(0, 4))}`;
  if (a === 'exemptions' && n === 2) {
    const id = get(getAt(data, path), 'id');
    return typeof id === 'string' ? `exemption ${q(id)}` : `exemption number ${(b as number) + 1}`;
  }
  if (a === 'roles' && n === 2) return `role ${q(String(b))}`;
  if (a === 'roles' && n === 4 && c === 'aliases') return `alias ${(d as number) + 1} of role ${q(String(b))}`;
  if (a === 'region' && n === 2 && b === 'las') return '"region.las"';
  if (a === 'region' && n === 3 && b === 'las') return `the name of council ${q(String(c))} in "region.las"`;
  if (a === 'columns' && n === 2) return `"columns" entry ${q(String(b))}`;
  if (a === 'columns' && n === 3) return `header name ${(c as number) + 1} for column ${q(String(b))}`;
  if (n === 1) return typeof last === 'number' ? `entry ${last + 1}` : q(last);
  if (typeof last === 'number') return `entry ${last + 1} of ${describe(data, parent)}`;
  return `${q(last)} in ${describe(data, parent)}`;
}

function ruleName(data: unknown, i: number): string {
  const id = get(getAt(data, ['rules', i]), 'id');
  return typeof id === 'string' ? `rule ${q(id)}` : `rule number ${i + 1}`;
}

/** Money: a plain decimal, at most two decimals (rules.md "Reading the YAML"); no hex, exponent or sign. */
const MONEY_TEXT: NumberText = { pattern: /^\d+(\.\d{1,2})?$/, message: 'must be an amount in pounds written as a plain decimal with at most two decimals, such as 38 or 38.50' };
const PLAIN_NUMBER_TEXT: NumberText = { pattern: /^-?\d+(\.\d+)?$/, message: 'must be written as a plain number (digits, with a decimal point if needed)' };
const MONEY_PATHS = [['rules', '*', 'caps', '*', 'rates', '*'], ['rules', '*', 'caps', '*', 'rates', '*', '*'], ['exemptions', '*', 'max_rate']];
const NUMBER_PATHS = [['rules', '*', 'months'], ['rules', '*', 'weeks'], ['rules', '*', 'min_count'], ['roles', '*', 'grade']];

function numberText(path: Path): NumberText | undefined {
  if (MONEY_PATHS.some((p) => matchesPattern(path, p))) return MONEY_TEXT;
  if (NUMBER_PATHS.some((p) => matchesPattern(path, p))) return PLAIN_NUMBER_TEXT;
  return undefined;
}

export const RULES_WORDING: SchemaWording = {
  numberText,
  allowedKeys,
  describe,
  unknownKey: (_data, path, key, hint) =>
    path.length === 1 && path[0] === 'columns' ? `${q(key)} under "columns" is not a column of the assignments export or the leavers register${hint}` : undefined,
  // a rule entry: a removal when it has "enabled", else a rule of its kind
  unionOption: (data, path, optionCount) => {
    const value = getAt(data, path);
    if (path.length === 2 && path[0] === 'rules' && optionCount === 2) return !isObj(value) ? 'mapping' : isRemoval(value) ? 0 : 1;
    // a rate: an amount, or caps by engagement type
    if (path.length === 6 && path[0] === 'rules' && path[4] === 'rates' && optionCount === 2) return isObj(value) ? 1 : 0;
    return undefined;
  },
  discriminatorValues: () => RULE_KIND_NAMES,
  keyNoun: (path) => (path.length === 2 && path[0] === 'roles' ? 'role key' : path.length === 3 && path[1] === 'las' ? 'council code' : 'key'),
  missingKeyNote: (path) => (path.length === 1 && path[0] === 'format' ? ` (the file must start with "format: ${RULES_FORMAT}")` : ''),
};
