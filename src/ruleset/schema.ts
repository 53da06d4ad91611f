// The shape of ONE rules file (format moc-rules/v1, rules.md "Shape"), as zod v4
// schemas. This is the single source of truth for the file's structure: the loader
// validates with it and the JSON Schema is generated from it (z.toJSONSchema).
//
// The schemas validate the plain data the loader builds from the YAML AST. Their
// output is the typed shape the rest of the tool uses (src/ruleset/types.ts derives
// Rule, Exemption, Role... with z.output): a few transforms turn what people type
// into what the checks need (pounds into whole pence, yes/no into booleans, rates
// into a Map). Transforms leave the input side alone, so the JSON Schema, generated
// from the input side, still describes the file as written. Error messages are
// phrased as the end of a sentence ("must be a whole number from 1 to 1200"): the
// loader prefixes the field and where it is ("\"months\" in rule \"DFE-PQE\" ...").
//
// This module imports nothing from src/types.ts (which re-exports the shapes
// derived here), so there is no import cycle.
import * as z from 'zod';
import { ASSIGNMENT_COLUMNS, LEAVER_COLUMNS, STARTER_COLUMNS } from '../input/columns.js';
import type { Money } from '../money.js';
import {
  BooleanSchema,
  DateSchema,
  EXEMPTION_ID_RE,
  flag,
  LIMITS,
  LIST,
  MAPPING,
  MoneySchema,
  NOT_BLANK_RE,
  numberUpTo,
  ROLE_KEY_RE,
  RULE_ID_RE,
  RULES_FORMAT,
  RULESET_ID_RE,
  text,
  textList,
  wholeNumber,
} from './schema-values.js';

export { BooleanSchema, DateSchema, EXEMPTION_ID_RE, LIMITS, MoneySchema, ROLE_KEY_RE, RULE_ID_RE, RULES_FORMAT, RULESET_ID_RE, YES_NO_RE } from './schema-values.js';

const CouncilCodeSchema = z
  .string({ error: 'must be a council code' })
  .regex(NOT_BLANK_RE, { error: 'must be a council code' })
  .describe('A council code (ONS code such as E10000011, or the DfE 3-digit LA number); compared trimmed and ignoring case. A number is read as text.');

const RoleKeySchema = z
  .string({ error: 'must be a role key' })
  .regex(ROLE_KEY_RE, { error: 'must be a role key: a lower-case letter, then lower-case letters, digits or _' })
  .describe('A role key: [a-z][a-z0-9_]*');

const RuleIdSchema = z
  .string({ error: 'must be a rule id' })
  .regex(RULE_ID_RE, { error: 'must be a rule id: letters, digits, "_" and "-", starting with a letter or digit' })
  .describe('Rule id: [A-Za-z0-9][A-Za-z0-9_-]*, unique within the file.');

const SeveritySchema = z
  .enum(['error', 'warning'], { error: 'must be error or warning' })
  .default('error')
  .describe('How a breach of this rule counts: error (default) or warning.');

const TitleSchema = text().optional().describe('Optional title shown in reports.');

// ---------------------------------------------------------------- rules

/** Engagement types (engagements.md **engagement type**), as rate keys. */
export const ENGAGEMENT_TYPES = ['paye', 'umbrella', 'limited_company'] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

/** A cap by engagement type: a type left out is not capped (rules.md v1.1). */
export const TypedRatesSchema = z
  .strictObject(
    {
      paye: MoneySchema.optional().describe('Cap for PAYE engagements.'),
      umbrella: MoneySchema.optional().describe('Cap for engagements through an umbrella company.'),
      limited_company: MoneySchema.optional().describe('Cap for engagements through a limited company.'),
    },
    { error: MAPPING },
  )
  .describe('Caps by engagement type; a type left out is not capped. May be empty.');
export type TypedRates = z.output<typeof TypedRatesSchema>;

/** One role's rate: the same cap for every engagement type, or caps by type. */
export const CapRateSchema = z
  .union([MoneySchema, TypedRatesSchema], { error: 'must be an amount in pounds, or caps by engagement type (paye, umbrella, limited_company)' })
  .describe('An amount in pounds for every engagement type, or a mapping of engagement type (paye, umbrella, limited_company) to an amount.');

/** The keys of a cap window as written (its schema below is a pipe, with no shape). */
export const CapWindowObjectSchema = z
  .strictObject(
    {
      from: DateSchema.describe('First day of the window (inclusive), compared with the assignment start_date.'),
      to: DateSchema.nullable()
        .optional()
        .transform((to) => to ?? null)
        .describe('Last day of the window (inclusive). Omitted: open-ended, and then no later window may exist.'),
      rates: z
        .record(z.string({ error: 'must be a role key' }), CapRateSchema, { error: MAPPING })
        .describe('Role key -> hourly cap in pounds, or caps by engagement type. May be empty; a role without a rate is not capped in this window.'),
    },
    { error: MAPPING },
  )
  .describe('A period with its caps. Windows of one rule may not overlap.');

/** A window as the checks use it: `rates` the same for every type, `ratesByType` by type. */
export const CapWindowSchema = CapWindowObjectSchema.transform(({ from, to, rates }) => {
  const plain = new Map<string, Money>();
  const byType = new Map<string, TypedRates>();
  for (const [role, rate] of Object.entries(rates)) {
    if ('pence' in rate) plain.set(role, rate);
    else byType.set(role, rate);
  }
  return { from, to, rates: plain, ratesByType: byType };
});

const ruleBase = {
  id: RuleIdSchema,
  severity: SeveritySchema,
  title: TitleSchema,
};

export const PayCapRuleSchema = z
  .strictObject(
    {
      ...ruleBase,
      kind: z.literal('pay_cap'),
      basis: z
        .enum(['hourly_pay_rate', 'hourly_charge_rate'], { error: 'must be hourly_pay_rate or hourly_charge_rate' })
        .describe('Which rate column is compared with the cap.'),
      caps: z
        .array(CapWindowSchema, { error: LIST })
        .min(1, { error: 'must list at least one cap window' })
        .describe('Cap windows (non-empty); they may not overlap.'),
    },
    { error: MAPPING },
  )
  .describe('Breach when the basis rate is more than the cap for the row\'s role in the window containing start_date.');

export const CoolingOffRuleSchema = z
  .strictObject(
    {
      ...ruleBase,
      kind: z.literal('cooling_off'),
      months: wholeNumber(1, LIMITS.months).describe('Cooling-off period in months (whole number from 1 to 1200).'),
      scope: z
        .enum(['same_la', 'region'], { error: 'must be same_la or region' })
        .describe('same_la: only leaving the same council counts; region: leaving any council of region.las counts.'),
    },
    { error: MAPPING },
  )
  .describe('Breach when the worker left a substantive post in scope no more than `months` before the start.');

export const MinPqeRuleSchema = z
  .strictObject(
    {
      ...ruleBase,
      kind: z.literal('min_pqe'),
      months: wholeNumber(0, LIMITS.months).describe('Minimum post-qualifying experience in months (whole number from 0 to 1200).'),
    },
    { error: MAPPING },
  )
  .describe('Breach when pqe_months < months.');

export const ReferencesRuleSchema = z
  .strictObject(
    {
      ...ruleBase,
      kind: z.literal('references'),
      min_count: wholeNumber(0, LIMITS.min_count).describe('Minimum number of references (whole number from 0 to 20).'),
      template_required: flag('References must be on the standard template (default false).'),
      before_start: flag('References must be complete by the start date (default false).'),
    },
    { error: MAPPING },
  )
  .describe('Breach when too few references, not on the template, or completed after the start.');

export const MinNoticeRuleSchema = z
  .strictObject(
    {
      ...ruleBase,
      kind: z.literal('min_notice'),
      weeks: numberUpTo(LIMITS.weeks).describe('Minimum notice period in weeks (number from 0 to 520).'),
    },
    { error: MAPPING },
  )
  .describe('Breach when notice_weeks < weeks.');

export const HeadHuntingRuleSchema = z
  .strictObject(
    {
      ...ruleBase,
      kind: z.literal('head_hunting'),
      scope: z
        .enum(['region', 'any_other_la'], { error: 'must be region or any_other_la' })
        .describe('region: the previous council is one of region.las (any council when none is listed); any_other_la: any other council.'),
    },
    { error: MAPPING },
  )
  .describe('Checked on the permanent starters register (--starters): breach when a worker came from another council in scope and the move is not a promotion.');

export const ProjectTeamRuleSchema = z
  .strictObject({ ...ruleBase, kind: z.literal('project_team') }, { error: MAPPING })
  .describe('Breach when the worker is supplied as part of a project team.');

export const RuleSchema = z
  .discriminatedUnion(
    'kind',
    [PayCapRuleSchema, CoolingOffRuleSchema, MinPqeRuleSchema, ReferencesRuleSchema, MinNoticeRuleSchema, ProjectTeamRuleSchema, HeadHuntingRuleSchema],
    { error: 'must be a rule' },
  )
  .describe('A rule; `kind` selects its parameters.');

/** `{id: X, enabled: false}`: removes rule X inherited through `extends`. */
export const RuleRemovalSchema = z
  .strictObject(
    {
      id: RuleIdSchema.describe('Id of the inherited rule to remove.'),
      enabled: z.literal(false, { error: 'must be false (an entry with "enabled" removes an inherited rule)' }),
    },
    { error: MAPPING },
  )
  .describe('Removes the rule with this id inherited from the parent ruleset (only these two keys).');

export const RuleEntrySchema = z.union([RuleRemovalSchema, RuleSchema]).describe('A rule, or the removal of an inherited one.');

// ---------------------------------------------------------------- exemptions

export const ExemptionSchema = z
  .strictObject(
    {
      id: z
        .string({ error: 'must be an exemption id' })
        .regex(EXEMPTION_ID_RE, { error: 'must be an exemption id: letters, digits, ".", "_" and "-", starting with a letter or digit' })
        .describe('Exemption id: [A-Za-z0-9][A-Za-z0-9._-]*, unique ignoring case across the merged ruleset.'),
      rules: z
        .array(text('a rule id'), { error: LIST })
        .min(1, { error: 'must list at least one rule id' })
        .describe('Ids of the rules it waives (non-empty).'),
      las: z
        .array(CouncilCodeSchema, { error: LIST })
        .min(1, { error: 'must list at least one council code (leave "las" out to cover every council)' })
        .optional()
        .describe('Council codes it covers; omitted: every council.'),
      roles: z
        .array(text('a role key'), { error: LIST })
        .min(1, { error: 'must list at least one role (leave "roles" out to cover every role)' })
        .optional()
        .describe('Role keys it covers; omitted: every role.'),
      swe_numbers: z
        .array(text('an SWE number'), { error: LIST })
        .min(1, { error: 'must list at least one SWE number (leave "swe_numbers" out to cover every worker)' })
        .optional()
        .describe('SWE numbers it covers (normalised as in engagements.md); omitted: every worker.'),
      from: DateSchema.describe('First day it is in force (inclusive).'),
      to: DateSchema.describe('Last day it is in force (inclusive).'),
      max_rate: MoneySchema.optional().describe('Optional ceiling in pounds for the pay_cap rules it lists.'),
      approved_by: textList('a name or post')
        .min(1, { error: 'must list at least one approver' })
        .describe('Who approved it (non-empty).'),
      approved_on: DateSchema.optional().describe('Optional date of approval.'),
      reason: text().optional().describe('Optional reason.'),
      blanket: flag('true: applies to every matching row; false (default): only to rows citing it in exemption_ref.'),
    },
    { error: MAPPING },
  )
  .describe('A signed-off waiver of some rules for some councils, roles or workers over a period.');

// ---------------------------------------------------------------- the file

/** The five DfE core job types (domain.md; rules.md v1.1 `dfe_role`). */
export const DFE_ROLES = ['social_worker', 'senior_social_worker', 'advanced_practitioner', 'team_manager', 'iro_cp_chair'] as const;
export type DfeRole = (typeof DFE_ROLES)[number];

export const RoleSchema = z
  .strictObject(
    {
      label: text().describe('The role as shown in reports; also matched against the role cell.'),
      aliases: textList('text')
        .optional()
        .transform((aliases) => aliases ?? [])
        .describe('Other names the role cell may use (compared ignoring case and extra spaces).'),
      grade: wholeNumber(0, LIMITS.grade)
        .optional()
        .describe('Optional seniority, a whole number from 0 to 100 (higher is more senior); head_hunting reads a move to a higher grade as a promotion.'),
      dfe_role: z
        .enum(DFE_ROLES, { error: `must be one of ${DFE_ROLES.join(', ')}` })
        .optional()
        .describe('Optional DfE core job type for the data return: social_worker, senior_social_worker, advanced_practitioner, team_manager or iro_cp_chair.'),
    },
    { error: MAPPING },
  )
  .describe('A role: its label and aliases.');

export const RegionSchema = z
  .strictObject(
    {
      name: text().optional().describe('Name of the region.'),
      las: z
        .record(CouncilCodeSchema, text('the council\'s name'), { error: MAPPING })
        .optional()
        .describe('Council code -> council name: the region\'s members.'),
    },
    { error: MAPPING },
  )
  .describe('The region the memorandum covers.');

/** Every column name the `columns:` section may alias. */
export const COLUMN_NAMES: readonly [string, ...string[]] = [...new Set<string>([...ASSIGNMENT_COLUMNS, ...LEAVER_COLUMNS, ...STARTER_COLUMNS])] as [string, ...string[]];

export const RulesFileSchema = z
  .strictObject(
    {
      format: z.literal(RULES_FORMAT, { error: `must be exactly ${RULES_FORMAT}` }).describe('Always moc-rules/v1.'),
      id: z
        .string({ error: 'must be a ruleset id' })
        .regex(RULESET_ID_RE, { error: 'must be a ruleset id: lower-case letters, digits and "-"' })
        .optional()
        .describe('Ruleset id, [a-z0-9-]+. Required in a file without extends.'),
      name: text().optional().describe('Ruleset name. Required in a file without extends.'),
      version: text()
        .optional()
        .describe('Ruleset version; a number is read as text. Required in a file without extends.'),
      // not .default(): a child that leaves status out inherits its parent's
      status: z
        .enum(['adopted', 'illustrative'], { error: 'must be adopted or illustrative' })
        .optional()
        .meta({ default: 'adopted', description: 'adopted (default) or illustrative; illustrative rulesets print a warning on every run.' }),
      sources: textList('text').nullable().optional().describe('Where the figures come from (URLs or references).'),
      extends: text('a file path').optional().describe('Path of the parent ruleset, relative to this file.'),
      region: RegionSchema.nullable().optional(),
      roles: z
        .record(RoleKeySchema, RoleSchema, { error: MAPPING })
        .nullable()
        .optional()
        .describe('Role key ([a-z][a-z0-9_]*) -> label and aliases.'),
      columns: z
        .partialRecord(z.enum(COLUMN_NAMES), textList('a column header'), { error: MAPPING })
        .nullable()
        .optional()
        .describe('Canonical column (engagements.md) -> local header names.'),
      rules: z.array(RuleEntrySchema, { error: LIST }).nullable().optional().describe('The rules, in order.'),
      exemptions: z.array(ExemptionSchema, { error: LIST }).nullable().optional().describe('Exemptions, in order.'),
    },
    { error: MAPPING },
  )
  .describe('One moc-check rules file (format moc-rules/v1).');

export type RulesFileInput = z.input<typeof RulesFileSchema>;
/** One file as validated: the shape the merge (merge.ts) works on. */
export type RulesFileOutput = z.output<typeof RulesFileSchema>;
