// The ruleset's shapes, derived from the zod schema (schema.ts) rather than written
// out a second time: a rule is exactly what its schema outputs.
import type { z } from 'zod';
import type {
  CapWindowSchema,
  CoolingOffRuleSchema,
  ExemptionSchema,
  HeadHuntingRuleSchema,
  MinNoticeRuleSchema,
  MinPqeRuleSchema,
  PayCapRuleSchema,
  ProjectTeamRuleSchema,
  ReferencesRuleSchema,
  RoleSchema,
  RuleSchema,
} from './schema.js';

/** A cap window: `to` null when open-ended; `rates` role key -> cap for every type, `ratesByType` role key -> caps by engagement type. */
export type CapWindow = z.output<typeof CapWindowSchema>;
export type PayCapRule = z.output<typeof PayCapRuleSchema>;
export type CoolingOffRule = z.output<typeof CoolingOffRuleSchema>;
export type MinPqeRule = z.output<typeof MinPqeRuleSchema>;
export type ReferencesRule = z.output<typeof ReferencesRuleSchema>;
export type MinNoticeRule = z.output<typeof MinNoticeRuleSchema>;
export type ProjectTeamRule = z.output<typeof ProjectTeamRuleSchema>;
export type HeadHuntingRule = z.output<typeof HeadHuntingRuleSchema>;
/** Any rule of a rules file. */
export type AnyRule = z.output<typeof RuleSchema>;
/** The rules checked on assignment rows: every kind but head_hunting (readings 14: kinds stay apart). */
export type Rule = Exclude<AnyRule, { kind: 'head_hunting' }>;
export type { DfeRole, EngagementType, TypedRates } from './schema.js';

/** A role with its key (the key of the `roles:` entry). */
export type Role = { key: string } & z.output<typeof RoleSchema>;

/**
 * An exemption as validated, with its council codes upper-cased and its SWE
 * numbers normalised (build.ts).
 */
export type Exemption = z.output<typeof ExemptionSchema>;

/** The merged ruleset of an `extends` chain (rules.md "Merging"). */
export interface Ruleset {
  id: string;
  name: string;
  version: string;
  status: 'adopted' | 'illustrative';
  sources: string[];
  /** files of the extends chain, parent first */
  files: string[];
  sha256: string;
  region: { name?: string; las: Map<string, string> }; // upper-cased code -> name
  roles: Role[];
  /** canonical column -> local header names (as written) */
  columns: Map<string, string[]>;
  /** the rules checked on assignment rows, in the merged order */
  rules: Rule[];
  /** the head_hunting rules, checked on starters rows, in the merged order */
  starterRules: HeadHuntingRule[];
  /** ids of rules any file of the chain defines (exemptions may name removed ones) */
  definedRuleIds: Set<string>;
  exemptions: Exemption[];
}
