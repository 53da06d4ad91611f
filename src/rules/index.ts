// The registry of rule kinds: the only place that lists them. The assignment kinds
// run on assignment rows; head_hunting runs on starters rows only (reading 14).
import type { HeadHuntingRule, Rule, RuleKind } from '../types.js';
import { coolingOff } from './cooling_off.js';
import { headHunting, type StarterRuleDefinition } from './head_hunting.js';
import { minNotice } from './min_notice.js';
import { minPqe } from './min_pqe.js';
import { payCap } from './pay_cap.js';
import { projectTeam } from './project_team.js';
import { references } from './references.js';
import type { RuleDefinition } from './rule.js';

const DEFINITIONS: { [K in RuleKind]: RuleDefinition<Extract<Rule, { kind: K }>> } = {
  pay_cap: payCap,
  cooling_off: coolingOff,
  min_pqe: minPqe,
  references,
  min_notice: minNotice,
  project_team: projectTeam,
};

/** The kinds checked on the permanent starters register (--starters). */
const STARTER_DEFINITIONS: { head_hunting: StarterRuleDefinition<HeadHuntingRule> } = {
  head_hunting: headHunting,
};

export function definitionOf<R extends Rule>(rule: R): RuleDefinition<R> {
  return DEFINITIONS[rule.kind] as unknown as RuleDefinition<R>;
}

export function starterDefinitionOf(rule: HeadHuntingRule): StarterRuleDefinition<HeadHuntingRule> {
  return STARTER_DEFINITIONS[rule.kind];
}

/** Every kind's definition, assignment kinds first (help texts, SARIF rule descriptions). */
export function allRuleDefinitions(): Array<RuleDefinition | StarterRuleDefinition<HeadHuntingRule>> {
  return [...(Object.values(DEFINITIONS) as unknown as RuleDefinition[]), ...Object.values(STARTER_DEFINITIONS)];
}
