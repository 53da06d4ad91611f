// rules.md v1.1 in rulesets: role grade and dfe_role, pay_cap rates by engagement
// type, the head_hunting kind, and shipped rulesets named by a bare name.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/temp.js';
import type { Ruleset } from '../types.js';
import { listShippedRulesets } from './list.js';
import { formatProblem, loadRuleset, type LoadResult } from './load.js';
import { showRuleset } from './show.js';
import { shippedRulesDir, shippedRulesets } from './shipped.js';
import { hasTypedCaps } from './typed-caps.js';

const dir = tempDir();
let counter = 0;

function load(...lines: string[]): LoadResult {
  const path = join(dir, `v${++counter}.yaml`);
  writeFileSync(path, lines.join('\n') + '\n');
  return loadRuleset(path);
}

function ok(result: LoadResult): Ruleset {
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.ruleset;
}

function problems(result: LoadResult): string[] {
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
}

const HEAD = ['format: moc-rules/v1', 'id: t', 'name: T', 'version: "1"']; // 1-4
const ROLES = ['roles:', '  social_worker: {label: Social Worker, grade: 1, dfe_role: social_worker}', '  team_manager: {label: Team Manager, grade: 4, dfe_role: team_manager}']; // 5-7
const CAP = ['rules:', '  - id: P', '    kind: pay_cap', '    basis: hourly_pay_rate', '    caps:', '      - from: 2026-04-01', '        rates:']; // 8-14

describe('roles: grade and dfe_role', () => {
  it('reads them, and leaves them out when not given', () => {
    const rs = ok(load(...HEAD, ...ROLES, '  iro: {label: IRO}'));
    expect(rs.roles).toEqual([
      { key: 'social_worker', label: 'Social Worker', aliases: [], grade: 1, dfe_role: 'social_worker' },
      { key: 'team_manager', label: 'Team Manager', aliases: [], grade: 4, dfe_role: 'team_manager' },
      { key: 'iro', label: 'IRO', aliases: [] },
    ]);
  });

  it.each([
    ['grade: 1.5', '"grade" in role "sw" must be a whole number from 0 to 100, not 1.5'],
    ['grade: 101', '"grade" in role "sw" must be a whole number from 0 to 100, not 101'],
    ['grade: -1', '"grade" in role "sw" must be a whole number from 0 to 100, not -1'],
    ['grade: "4"', '"grade" in role "sw" must be a whole number from 0 to 100, not "4"'],
    ['grade: 0x4', '"grade" in role "sw" must be written as a plain number (digits, with a decimal point if needed), not 0x4'],
    ['dfe_role: senior', '"dfe_role" in role "sw" must be one of social_worker, senior_social_worker, advanced_practitioner, team_manager, iro_cp_chair, not "senior"'],
  ])('refuses %s, located at the value', (entry, message) => {
    const [problem] = problems(load(...HEAD, 'roles:', `  sw: {label: SW, ${entry}}`));
    expect(problem).toBe(`6:${'  sw: {label: SW, '.length + entry.indexOf(':') + 3}: ${message}`);
  });
});

describe('pay_cap: rates by engagement type', () => {
  it('keeps rates for every type apart from rates by type', () => {
    const rs = ok(load(...HEAD, ...ROLES, ...CAP, '          social_worker: {paye: 33.50, umbrella: 39}', '          team_manager: 53'));
    const rule = rs.rules[0]!;
    if (rule.kind !== 'pay_cap') throw new Error('pay_cap expected');
    expect(rule.caps[0]!.rates).toEqual(new Map([['team_manager', { amount: 53, pence: 5300 }]]));
    expect(rule.caps[0]!.ratesByType).toEqual(new Map([['social_worker', { paye: { amount: 33.5, pence: 3350 }, umbrella: { amount: 39, pence: 3900 } }]]));
  });

  it('accepts an empty mapping (readings 20: a blank type is unknown, any valid type compliant)', () => {
    const rs = ok(load(...HEAD, ...ROLES, ...CAP, '          social_worker: {}'));
    const rule = rs.rules[0]!;
    expect(rule.kind === 'pay_cap' && rule.caps[0]!.ratesByType.get('social_worker')).toEqual({});
    // readings 19: even an empty mapping makes a ruleset one with caps by engagement type
    expect(hasTypedCaps(rs)).toBe(true);
    expect(hasTypedCaps(ok(load(...HEAD, ...ROLES, ...CAP, '          social_worker: 38')))).toBe(false);
  });

  it('locates an unknown type, a bad amount, an unknown role and a list', () => {
    expect(
      problems(load(...HEAD, ...ROLES, ...CAP, '          social_worker: {paye: 33.5, umbrela: 39, limited_company: 1e2}', '          manager: {paye: 30}', '          team_manager: [53]')),
    ).toEqual([
      '15:39: unknown key "umbrela" in the rate for "social_worker" in cap window 1 of rule "P" (did you mean "umbrella"?)',
      '15:69: "limited_company" in the rate for "social_worker" in cap window 1 of rule "P" must be an amount in pounds written as a plain decimal with at most two decimals, such as 38 or 38.50, not 1e2',
      '16:11: unknown role "manager" in the rates of cap window 1 of rule "P"',
      '17:25: the rate for "team_manager" in cap window 1 of rule "P" must be an amount in pounds written as a number, such as 38.00, not a list',
    ]);
  });

  it('shows a typed window as a role by type table, and a plain window as before', () => {
    const rs = ok(load(...HEAD, ...ROLES, ...CAP, '          social_worker: {paye: 33.50, umbrella: 39}', '          team_manager: 53', '      - {from: 2025-04-01, to: 2026-03-31, rates: {social_worker: 38}}'));
    const text = showRuleset(rs, '2026-05-01');
    expect(text).toContain(
      [
        '    from 2026-04-01, open-ended:',
        '      role           PAYE    umbrella  limited company',
        '      Team Manager   £53.00  £53.00    £53.00',
        '      Social Worker  £33.50  £39.00    not capped',
        '      (an hour; a role with one figure has the same cap for every type)',
        '    2025-04-01 to 2026-03-31:',
        '      Social Worker  £38.00 an hour',
      ].join('\n'),
    );
    expect(text).toContain('  social_worker  Social Worker  grade 1  DfE: social_worker\n');
  });
});

describe('head_hunting', () => {
  const HUNT = ['rules:', '  - {id: H, kind: head_hunting, severity: warning, scope: any_other_la}'];

  it('is a rule of its own kind, kept apart from the assignment rules, and exemptions may name it', () => {
    const rs = ok(load(...HEAD, ...ROLES, ...HUNT, '  - {id: Q, kind: min_pqe, months: 36}', 'exemptions:', '  - {id: E, rules: [H], from: 2025-01-01, to: 2025-12-31, approved_by: [DCS]}'));
    expect(rs.starterRules).toEqual([{ id: 'H', kind: 'head_hunting', severity: 'warning', scope: 'any_other_la' }]);
    expect(rs.rules.map((r) => r.id)).toEqual(['Q']);
    expect(showRuleset(rs, '2025-06-01')).toContain('Rules (2):\n  Q: minimum post-qualifying experience (min_pqe)\n    at least 36 months of post-qualifying experience\n  H: no head-hunting (head_hunting), warning only\n');
  });

  it('requires a scope of region or any_other_la, and allows no max_rate', () => {
    expect(problems(load(...HEAD, 'rules:', '  - {id: H, kind: head_hunting}', '  - {id: H2, kind: head_hunting, scope: county}', 'exemptions:', '  - {id: E, rules: [H], from: 2025-01-01, to: 2025-12-31, approved_by: [DCS], max_rate: 50}'))).toEqual([
      '6:5: missing required key "scope" in rule "H"',
      '7:41: "scope" in rule "H2" must be region or any_other_la, not "county"',
      '9:79: "max_rate" in exemption "E" is only allowed when the exemption lists a pay_cap rule, and it lists none',
    ]);
  });
});

describe('shipped rulesets by name', () => {
  it('are found beside the package, and every one loads', () => {
    expect(shippedRulesDir()).toMatch(/rules$/);
    const names = shippedRulesets().map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['national-dfe-2024', 'south-east']));
    for (const { path } of shippedRulesets()) expect(loadRuleset(path).ok).toBe(true);
  });

  it('--rules south-east and extends: national-dfe-2024 name them when no such file exists', () => {
    const se = ok(loadRuleset('south-east'));
    expect(se.id).toBe('south-east');
    expect(se.files).toEqual([join(shippedRulesDir()!, 'national-dfe-2024.yaml'), join(shippedRulesDir()!, 'south-east.yaml')]);
    const child = ok(load('format: moc-rules/v1', 'extends: national-dfe-2024', 'id: local'));
    expect(child.id).toBe('local');
    expect(child.files[0]).toBe(join(shippedRulesDir()!, 'national-dfe-2024.yaml'));
  });

  it('a file of that name beside the child wins over the shipped one; a name with no ruleset is "no such file"', () => {
    writeFileSync(join(dir, 'national-dfe-2024'), [...HEAD.slice(0, 1), 'id: own', 'name: Own', 'version: "1"'].join('\n') + '\n');
    expect(ok(load('format: moc-rules/v1', 'extends: national-dfe-2024')).id).toBe('own');
    expect(problems(load('format: moc-rules/v1', 'extends: no-such-ruleset'))).toEqual(['2:10: cannot read "no-such-ruleset" named by "extends": there is no such file']);
  });

  it('the shipped south-east has a dfe_role and a grade on every role and a head_hunting warning', () => {
    const se = ok(loadRuleset('south-east'));
    for (const role of se.roles) expect([role.key, typeof role.grade, typeof role.dfe_role]).toEqual([role.key, 'number', 'string']);
    expect(se.starterRules).toMatchObject([{ kind: 'head_hunting', severity: 'warning', scope: 'region' }]);
    for (const { path } of shippedRulesets()) for (const role of ok(loadRuleset(path)).roles) expect([path, role.key, role.dfe_role]).toEqual([path, role.key, expect.any(String)]);
  });

  it('rules list names each with its status and sources', () => {
    const text = listShippedRulesets();
    expect(text).toContain('\nsouth-east: illustrative, version 2025-04-illustrative, extends national-dfe-2024.yaml\n');
    expect(text).toContain('\nnational-dfe-2024: adopted, version 2024-10-31\n');
    expect(text).toContain('  sources:\n    - gov.uk: Child and family social workers: agency rules');
  });
});
