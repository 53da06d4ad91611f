// The registry of rule kinds: the only place that lists them.
import type { Rule, RuleKind } from '../types.js';
import { coolingOff } from './cooling_off.js';
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

export function definitionOf<R extends Rule>(rule: R): RuleDefinition<R> {
  return DEFINITIONS[rule.kind] as unknown as RuleDefinition<R>;
}

export function allRuleDefinitions(): RuleDefinition[] {
  return Object.values(DEFINITIONS) as unknown as RuleDefinition[];
}
