// The Ruleset, built from the validated output of every file of the chain (never
// from the raw YAML data): merged key by key (merge.ts), then normalised where the
// checks compare ignoring case or spelling (council codes, SWE numbers).
import { createHash } from 'node:crypto';
import { normaliseSwe } from '../swe.js';
import { mergeFiles, normaliseCode, type ValidatedFile } from './merge.js';
import type { AnyRule, Exemption, HeadHuntingRule, Rule, Ruleset } from './types.js';

function required<T>(value: T | undefined, key: string): T {
  // validation requires id, name and version of the chain's root file
  if (value === undefined) throw new Error(`internal error: the merged ruleset has no ${key}`);
  return value;
}

function normaliseExemption(ex: Exemption): Exemption {
  const out: Exemption = { ...ex, rules: [...ex.rules], approved_by: [...ex.approved_by] };
  if (ex.las) out.las = ex.las.map(normaliseCode);
  if (ex.roles) out.roles = [...ex.roles];
  // validation refused SWE numbers that do not normalise
  if (ex.swe_numbers) out.swe_numbers = ex.swe_numbers.map((s) => normaliseSwe(s) ?? s);
  return out;
}

const isStarterRule = (rule: AnyRule): rule is HeadHuntingRule => rule.kind === 'head_hunting';
const isAssignmentRule = (rule: AnyRule): rule is Rule => rule.kind !== 'head_hunting';

/** Builds the Ruleset of a chain whose files (parent first) all validated without a problem. */
export function buildRuleset(files: readonly ValidatedFile[]): Ruleset {
  const merged = mergeFiles(files);
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.source.bytes);
  return {
    id: required(merged.id, 'id'),
    name: required(merged.name, 'name'),
    version: required(merged.version, 'version'),
    status: merged.status ?? 'adopted',
    sources: merged.sources ?? [],
    files: files.map((f) => f.source.file),
    sha256: hash.digest('hex'),
    region: { ...(merged.regionName !== undefined ? { name: merged.regionName } : {}), las: merged.las },
    roles: [...merged.roles.values()],
    columns: merged.columns,
    rules: merged.rules.filter(isAssignmentRule),
    starterRules: merged.rules.filter(isStarterRule),
    definedRuleIds: merged.definedRuleIds,
    exemptions: merged.exemptions.map(normaliseExemption),
  };
}
