// readings 19: "a ruleset that has a cap by engagement type" is one in which some
// pay_cap window has some rate by type (even an empty mapping, even a window no row
// falls in); then engagement_type is read on every assignment row.
import type { Ruleset } from './types.js';

export function hasTypedCaps(ruleset: Ruleset): boolean {
  return ruleset.rules.some((rule) => rule.kind === 'pay_cap' && rule.caps.some((w) => w.ratesByType.size > 0));
}
