// Checks beyond the schema, located in the file they are about: within one file
// (duplicate ids and codes, cap windows, dates in order, SWE numbers, removals of
// rules the parent lacks) and across the merged chain (role names, roles and rule
// ids named elsewhere, max_rate). They run on the converted data of every file,
// valid or not, so that one mistake does not hide another; a value with a schema
// problem of its own (not `clean`) is left out of them.
//
// The chain is followed with the same strategies as the merge (merge.ts), holding
// each entry with where it was written.
import { normaliseSwe } from '../swe.js';
import { didYouMean, q, type Problems } from '../yaml/diagnostics.js';
import { get, getAt, hasKey, isObj, isString, isStringList, keysOf, type Obj, type Path } from '../yaml/plain.js';
import { clean, locAt, type YamlSource } from '../yaml/source.js';
import { checkCapWindows } from './cap-windows.js';
import { byId, byKey, concat, normaliseCode, type ByIdEntry } from './merge.js';
import { normaliseRoleText, roleNames } from './names.js';
import type { Role } from './types.js';
import { describe, isRemoval, RULE_KIND_NAMES } from './wording.js';

export interface Origin {
  src: YamlSource;
  path: Path;
}

interface Written<T> {
  value: T;
  origin: Origin;
}

/** The chain so far, as the cross-checks need it: entries with where they were written. */
export interface ChainIndex {
  /** null: the role has a problem of its own */
  roles: Map<string, Written<Role | null>>;
  rules: Written<Obj>[];
  /** every rule id any file defines -> the kind it was last defined with */
  ruleKinds: Map<string, string>;
  definedRuleIds: Set<string>;
  exemptions: Written<Obj>[];
}

const EMPTY_INDEX: ChainIndex = { roles: new Map(), rules: [], ruleKinds: new Map(), definedRuleIds: new Set(), exemptions: [] };

/**
 * Checks one file and adds it to its parent's index (null: a root file, or a parent
 * that could not be read; `parentComplete`: every file above was read and usable).
 */
export function checkFile(src: YamlSource, parent: ChainIndex | null, parentComplete: boolean, problems: Problems): ChainIndex {
  const d = src.data as Obj;
  const at = (path: Path, prefer: 'key' | 'value' = 'value') => locAt(src, path, prefer);
  const base = parent ?? EMPTY_INDEX;

  const las = get(get(d, 'region'), 'las');
  if (isObj(las)) {
    const seen = new Map<string, string>();
    for (const key of keysOf(las)) {
      const code = normaliseCode(key);
      if (code === '') continue;
      const other = seen.get(code);
      if (other !== undefined) {
        problems.add(src.file, at(['region', 'las', key], 'key'), `council code ${q(key)} is listed twice in "region.las" (also as ${q(other)}; codes are compared ignoring case and spaces, and a DfE number stands for its council's code)`);
        continue;
      }
      seen.set(code, key);
    }
  }

  const rolesData = get(d, 'roles');
  const roles: [string, Written<Role | null>][] = [];
  if (isObj(rolesData)) {
    for (const key of keysOf(rolesData)) {
      const entry = rolesData[key];
      const path = ['roles', key];
      const role = clean(src, path) && isObj(entry) && isString(entry.label) ? { key, label: entry.label, aliases: isStringList(entry.aliases) ? entry.aliases : [] } : null;
      roles.push([key, { value: role, origin: { src, path } }]);
    }
  }

  const ruleKinds = new Map(base.ruleKinds);
  const definedRuleIds = new Set(base.definedRuleIds);
  const ruleEntries: ByIdEntry<Written<Obj>>[] = [];
  const rulesData = get(d, 'rules');
  if (Array.isArray(rulesData)) {
    const parentIds = new Set(parent ? parent.rules.map((r) => String(r.value.id)) : []);
    const seen = new Map<string, number>();
    rulesData.forEach((item, i) => {
      if (!isObj(item) || !isString(item.id)) return;
      const id = item.id;
      const idPath = ['rules', i, 'id'];
      const line = seen.get(id);
      if (line !== undefined) {
        problems.add(src.file, at(idPath), `rule id ${q(id)} is used twice in this file (also on line ${line}); each rule needs its own id`);
        return;
      }
      seen.set(id, at(idPath).line);
      if (isRemoval(item)) {
        if (!clean(src, ['rules', i])) return;
        if (!hasKey(d, 'extends')) {
          problems.add(src.file, at(idPath), `rule ${q(id)} cannot be removed with "enabled: false": this file has no "extends", so it inherits no rules`);
        } else if (parent && parentComplete && !parentIds.has(id)) {
          problems.add(src.file, at(idPath), `rule ${q(id)} cannot be removed with "enabled: false": the ruleset this file extends has no rule with this id${didYouMean(id, parentIds)}`);
        } else {
          ruleEntries.push({ id, remove: true });
        }
        return;
      }
      definedRuleIds.add(id);
      if (isString(item.kind) && RULE_KIND_NAMES.includes(item.kind)) ruleKinds.set(id, item.kind);
      ruleEntries.push({ id, value: { value: item, origin: { src, path: ['rules', i] } } });
      if (item.kind === 'pay_cap') checkCapWindows(src, i, item, problems);
    });
  }

  const exemptions: Written<Obj>[] = [];
  const exemptionsData = get(d, 'exemptions');
  if (Array.isArray(exemptionsData)) {
    exemptionsData.forEach((item, i) => {
      if (!isObj(item)) return;
      const path = ['exemptions', i];
      if (isString(item.from) && isString(item.to) && clean(src, [...path, 'from']) && clean(src, [...path, 'to']) && item.to < item.from) {
        problems.add(src.file, at([...path, 'to']), `"to" (${item.to}) is before "from" (${item.from}) in ${describe(src.data, path)}`);
      }
      if (Array.isArray(item.swe_numbers)) {
        item.swe_numbers.forEach((swe, j) => {
          if (isString(swe) && clean(src, [...path, 'swe_numbers', j]) && normaliseSwe(swe) === null) {
            problems.add(src.file, at([...path, 'swe_numbers', j]), `${q(swe)} in "swe_numbers" of ${describe(src.data, path)} is not a valid SWE number (SW followed by up to 6 digits, such as SW12345)`);
          }
        });
      }
      exemptions.push({ value: item, origin: { src, path } });
    });
  }

  return {
    roles: byKey(base.roles, roles),
    rules: byId(base.rules, ruleEntries, (r) => String(r.value.id)),
    ruleKinds,
    definedRuleIds,
    exemptions: concat(base.exemptions, exemptions),
  };
}

/** Checks that need the whole chain: role names, roles and rule ids named elsewhere, max_rate. */
export function checkChain(index: ChainIndex, complete: boolean, problems: Problems): void {
  // one name belonging to two roles
  const owner = new Map<string, string>();
  for (const { value: role, origin } of index.roles.values()) {
    if (!role) continue;
    for (const name of roleNames(role)) {
      const other = owner.get(name);
      if (other !== undefined && other !== role.key) {
        const { path, what } = roleNamePath(role, name, origin.path);
        problems.add(
          origin.src.file,
          locAt(origin.src, path, what === 'key' ? 'key' : 'value'),
          `the name ${q(name)} (${what} of role ${q(role.key)}) also belongs to role ${q(other)}; each name may belong to one role only (names are compared ignoring case, spaces and "_")`,
        );
      } else owner.set(name, role.key);
    }
  }

  if (complete) {
    for (const { value: rule, origin } of index.rules) {
      if (rule.kind !== 'pay_cap' || !Array.isArray(rule.caps)) continue;
      rule.caps.forEach((w, j) => {
        const rates = get(w, 'rates');
        if (!isObj(rates)) return;
        for (const key of keysOf(rates)) {
          const path = [...origin.path, 'caps', j, 'rates', key];
          if (index.roles.has(key) || !clean(origin.src, path)) continue;
          problems.add(origin.src.file, locAt(origin.src, path, 'key'), `unknown role ${q(key)} in the rates of ${describe(origin.src.data, path.slice(0, 4))}${roleHint(index, key)}`);
        }
      });
    }
  }

  const exemptionIds = new Map<string, Origin>();
  for (const { value: ex, origin } of index.exemptions) {
    const { src, path } = origin;
    const id = ex.id;
    if (isString(id) && clean(src, [...path, 'id'])) {
      const k = id.toLowerCase();
      const first = exemptionIds.get(k);
      if (first) {
        const firstLoc = locAt(first.src, [...first.path, 'id']);
        const firstId = String(get(getAt(first.src.data, first.path), 'id'));
        const where = first.src === src ? `line ${firstLoc.line}` : `${first.src.file} line ${firstLoc.line}`;
        problems.add(src.file, locAt(src, [...path, 'id']), `exemption id ${q(id)} is used twice (also ${q(firstId)} on ${where}; exemption ids are compared ignoring case)`);
      } else exemptionIds.set(k, origin);
    }
    if (!complete) continue;
    const ruleIds = clean(src, [...path, 'rules']) && isStringList(ex.rules) ? ex.rules : [];
    ruleIds.forEach((ruleId, j) => {
      if (!index.definedRuleIds.has(ruleId)) {
        problems.add(src.file, locAt(src, [...path, 'rules', j]), `${describe(src.data, path)} names rule ${q(ruleId)}, which no file of the ruleset defines${didYouMean(ruleId, index.definedRuleIds)}`);
      }
    });
    if (clean(src, [...path, 'roles']) && isStringList(ex.roles)) {
      ex.roles.forEach((key, j) => {
        if (!index.roles.has(key)) {
          problems.add(src.file, locAt(src, [...path, 'roles', j]), `unknown role ${q(key)} in ${describe(src.data, path)}${roleHint(index, key)}`);
        }
      });
    }
    if (hasKey(ex, 'max_rate') && clean(src, [...path, 'max_rate'])) {
      const known = ruleIds.filter((id) => index.ruleKinds.has(id));
      if (known.length > 0 && !known.some((id) => index.ruleKinds.get(id) === 'pay_cap')) {
        problems.add(src.file, locAt(src, [...path, 'max_rate'], 'key'), `"max_rate" in ${describe(src.data, path)} is only allowed when the exemption lists a pay_cap rule, and it lists none`);
      }
    }
  }
}

function roleNamePath(role: Role, name: string, rolePath: Path): { path: Path; what: string } {
  const aliasIndex = role.aliases.findIndex((a) => normaliseRoleText(a) === name);
  if (normaliseRoleText(role.key.replace(/_/g, ' ')) === name) return { path: rolePath, what: 'key' };
  if (normaliseRoleText(role.label) === name) return { path: [...rolePath, 'label'], what: 'label' };
  if (aliasIndex >= 0) return { path: [...rolePath, 'aliases', aliasIndex], what: 'alias' };
  return { path: rolePath, what: 'name' };
}

/** ' (did you mean "social_worker"?)' for a role written by its label, alias or with a typo. */
function roleHint(index: ChainIndex, written: string): string {
  const norm = normaliseRoleText(written.replace(/_/g, ' '));
  for (const { value: role } of index.roles.values()) {
    if (role && roleNames(role).includes(norm)) return ` (did you mean ${q(role.key)}? roles are named here by their key)`;
  }
  return didYouMean(written, index.roles.keys());
}
