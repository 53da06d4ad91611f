import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatProblem, loadRuleset, type LoadResult } from './load.js';
import { RulesFileSchema } from './schema.js';
import type { Ruleset } from '../types.js';
import { tempDir } from '../../test/temp.js';

const dir = tempDir();
let counter = 0;

function write(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Writes the lines as a new file and loads it. */
function load(...lines: string[]): LoadResult {
  return loadRuleset(write(`r${++counter}.yaml`, lines.join('\n') + '\n'));
}

function ok(result: LoadResult): Ruleset {
  if (!result.ok) throw new Error('expected a valid ruleset, got:\n' + result.problems.map(formatProblem).join('\n'));
  return result.ruleset;
}

/** Problems as 'line:column: message' (the file is the one written). */
function problems(result: LoadResult): string[] {
  if (result.ok) throw new Error('expected problems, the ruleset loaded');
  return result.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
}

function firstProblem(result: LoadResult): string {
  if (result.ok) throw new Error('expected problems, the ruleset loaded');
  return formatProblem(result.problems[0]!);
}

const NOT_A_RULES_FILE = '1:1: not a rules file: it has no "format: moc-rules/v1" line at its top level, so nothing else in it is read';

const HEAD = ['format: moc-rules/v1', 'id: test', 'name: Test rules', 'version: "1"']; // lines 1-4
const ROLES = [
  'roles:', //                                      5
  '  social_worker:', //                            6
  '    label: Social Worker', //                    7
  '    aliases: [SW, Level 2 Social Worker]', //    8
  '  team_manager:', //                             9
  '    label: Team Manager', //                     10
  '    aliases: [TM]', //                           11
];

describe('loadRuleset: valid files', () => {
  it('reads the full example of rules.md', () => {
    const rs = ok(
      load(
        'format: moc-rules/v1',
        'id: south-east',
        'name: South East Memorandum of Cooperation on Agency Social Work',
        'version: "2025-04"',
        'status: illustrative',
        'sources:',
        '  - https://example.org/moc.pdf',
        'region:',
        '  name: South East',
        '  las:',
        '    E10000011: East Sussex',
        '    E06000043: Brighton and Hove',
        ...ROLES,
        'columns:',
        '  hourly_pay_rate: [Hourly Rate, "Pay Rate (£/hr)"]',
        'rules:',
        '  - id: SE-PAY-CAP',
        '    kind: pay_cap',
        '    severity: error',
        '    title: Agency pay cap',
        '    basis: hourly_pay_rate',
        '    caps:',
        '      - from: 2025-04-01',
        '        to: 2026-03-31',
        '        rates: {social_worker: 38.00, team_manager: 52.00}',
        '      - from: 2026-04-01',
        '        rates:',
        '          social_worker: {paye: 33.50, umbrella: 39.00, limited_company: 39.00}',
        '          team_manager: 53.00',
        '  - id: SE-COOLING-OFF',
        '    kind: cooling_off',
        '    months: 6',
        '    scope: region',
        '  - id: DFE-PQE',
        '    kind: min_pqe',
        '    months: 36',
        '  - id: DFE-REFERENCES',
        '    kind: references',
        '    min_count: 2',
        '    template_required: true',
        '    before_start: true',
        '  - id: DFE-NOTICE',
        '    kind: min_notice',
        '    weeks: 4',
        '    severity: warning',
        '  - id: DFE-PROJECT-TEAM',
        '    kind: project_team',
        '  - id: SE-HEAD-HUNTING',
        '    kind: head_hunting',
        '    severity: warning',
        '    scope: region',
        'exemptions:',
        '  - id: SE-EX-2025-007',
        '    rules: [SE-PAY-CAP]',
        '    las: [E10000011]',
        '    roles: [team_manager]',
        '    swe_numbers: [SW12345]',
        '    from: 2025-05-01',
        '    to: 2025-10-31',
        '    max_rate: 55.00',
        "    approved_by: [Director of Children's Services, Chief Executive]",
        '    approved_on: 2025-04-28',
        '    reason: Hard-to-fill team manager posts in the coastal area',
        '    blanket: false',
      ),
    );
    expect(rs.id).toBe('south-east');
    expect(rs.version).toBe('2025-04');
    expect(rs.status).toBe('illustrative');
    expect(rs.sources).toEqual(['https://example.org/moc.pdf']);
    expect(rs.region.name).toBe('South East');
    expect([...rs.region.las]).toEqual([
      ['E10000011', 'East Sussex'],
      ['E06000043', 'Brighton and Hove'],
    ]);
    expect(rs.roles).toEqual([
      { key: 'social_worker', label: 'Social Worker', aliases: ['SW', 'Level 2 Social Worker'] },
      { key: 'team_manager', label: 'Team Manager', aliases: ['TM'] },
    ]);
    expect([...rs.columns]).toEqual([['hourly_pay_rate', ['Hourly Rate', 'Pay Rate (£/hr)']]]);
    expect(rs.rules.map((r) => [r.id, r.kind, r.severity])).toEqual([
      ['SE-PAY-CAP', 'pay_cap', 'error'],
      ['SE-COOLING-OFF', 'cooling_off', 'error'],
      ['DFE-PQE', 'min_pqe', 'error'],
      ['DFE-REFERENCES', 'references', 'error'],
      ['DFE-NOTICE', 'min_notice', 'warning'],
      ['DFE-PROJECT-TEAM', 'project_team', 'error'],
    ]);
    const cap = rs.rules[0]!;
    expect(cap.kind === 'pay_cap' && cap.title).toBe('Agency pay cap');
    if (cap.kind !== 'pay_cap') throw new Error('pay_cap expected');
    expect(cap.caps).toEqual([
      { from: '2025-04-01', to: '2026-03-31', rates: new Map([['social_worker', { amount: 38, pence: 3800 }], ['team_manager', { amount: 52, pence: 5200 }]]), ratesByType: new Map() },
      {
        from: '2026-04-01',
        to: null,
        rates: new Map([['team_manager', { amount: 53, pence: 5300 }]]),
        ratesByType: new Map([['social_worker', { paye: { amount: 33.5, pence: 3350 }, umbrella: { amount: 39, pence: 3900 }, limited_company: { amount: 39, pence: 3900 } }]]),
      },
    ]);
    // head_hunting is checked on starters rows only (readings 14): kept apart from the assignment rules
    expect(rs.starterRules).toEqual([{ id: 'SE-HEAD-HUNTING', kind: 'head_hunting', severity: 'warning', scope: 'region' }]);
    expect(rs.definedRuleIds.has('SE-HEAD-HUNTING')).toBe(true);
    expect(rs.rules[3]).toEqual({ id: 'DFE-REFERENCES', severity: 'error', kind: 'references', min_count: 2, template_required: true, before_start: true });
    expect(rs.exemptions).toEqual([
      {
        id: 'SE-EX-2025-007',
        rules: ['SE-PAY-CAP'],
        las: ['E10000011'],
        roles: ['team_manager'],
        swe_numbers: ['SW12345'],
        from: '2025-05-01',
        to: '2025-10-31',
        max_rate: { amount: 55, pence: 5500 },
        approved_by: ["Director of Children's Services", 'Chief Executive'],
        approved_on: '2025-04-28',
        reason: 'Hard-to-fill team manager posts in the coastal area',
        blanket: false,
      },
    ]);
    expect([...rs.definedRuleIds].sort()).toEqual([...rs.rules, ...rs.starterRules].map((r) => r.id).sort());
    expect(rs.files).toHaveLength(1);
    expect(rs.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('applies defaults: status adopted, severity error, booleans false, empty sections', () => {
    const rs = ok(load(...HEAD, 'rules:', '  - id: R', '    kind: references', '    min_count: 0', 'exemptions:', 'roles:'));
    expect(rs.status).toBe('adopted');
    expect(rs.rules).toEqual([{ id: 'R', severity: 'error', kind: 'references', min_count: 0, template_required: false, before_start: false }]);
    expect(rs.roles).toEqual([]);
    expect(rs.exemptions).toEqual([]);
    expect(rs.sources).toEqual([]);
    expect(rs.region).toEqual({ las: new Map() });
  });

  it('reads numeric council codes and version as their text, codes trimmed and upper-cased', () => {
    const rs = ok(
      load(
        'format: moc-rules/v1',
        'id: x',
        'name: X',
        'version: 2025.10',
        'region:',
        '  las:',
        '    886: Kent',
        '    0846: Brighton',
        '    " e10000011 ": East Sussex',
        'rules:',
        '  - {id: 123, kind: project_team}',
        'exemptions:',
        '  - id: 2025',
        '    rules: [123]',
        '    las: [845, e06000043 ]',
        '    from: 2025-01-01',
        '    to: "2025-12-31"',
        '    approved_by: [2024]',
      ),
    );
    expect(rs.version).toBe('2025.10');
    // a DfE number is its council's code (rules.md); `0846` is not three digits and is kept
    expect([...rs.region.las.keys()]).toEqual(['E10000016', '0846', 'E10000011']);
    expect(rs.rules[0]!.id).toBe('123');
    expect(rs.exemptions[0]).toMatchObject({ id: '2025', rules: ['123'], las: ['E10000011', 'E06000043'], to: '2025-12-31', approved_by: ['2024'] });
  });

  it('accepts yes/no in any case for booleans', () => {
    const rs = ok(load(...HEAD, 'rules:', '  - id: R', '    kind: references', '    min_count: 1', '    template_required: YES', '    before_start: No'));
    expect(rs.rules[0]).toMatchObject({ template_required: true, before_start: false });
  });

  it('turns money into whole pence: 38 -> 3800, 38.5 -> 3850, 38.01 -> 3801', () => {
    const rs = ok(
      load(
        ...HEAD,
        ...ROLES,
        'rules:',
        '  - id: CAP',
        '    kind: pay_cap',
        '    basis: hourly_charge_rate',
        '    caps:',
        '      - from: 2025-04-01',
        '        rates: {social_worker: 38, team_manager: 38.5}',
        '  - {id: C2, kind: pay_cap, basis: hourly_pay_rate, caps: [{from: 2025-04-01, rates: {social_worker: 0.01, team_manager: 38.01}}]}',
      ),
    );
    const rule = rs.rules[0]!;
    if (rule.kind !== 'pay_cap') throw new Error('pay_cap expected');
    expect(Object.fromEntries(rule.caps[0]!.rates)).toEqual({
      social_worker: { amount: 38, pence: 3800 },
      team_manager: { amount: 38.5, pence: 3850 },
    });
    const second = rs.rules[1]!;
    expect(second.kind === 'pay_cap' && Object.fromEntries(second.caps[0]!.rates)).toEqual({
      social_worker: { amount: 0.01, pence: 1 },
      team_manager: { amount: 38.01, pence: 3801 },
    });
  });

  it('normalises exemption SWE numbers', () => {
    const rs = ok(
      load(...HEAD, 'rules:', '  - {id: R, kind: project_team}', 'exemptions:', '  - {id: E, rules: [R], swe_numbers: [sw 000123, SW 45], from: 2025-01-01, to: 2025-01-01, approved_by: [x], blanket: yes}'),
    );
    expect(rs.exemptions[0]).toMatchObject({ swe_numbers: ['SW123', 'SW45'], blanket: true });
  });

  it('treats __proto__, constructor and prototype as ordinary names', () => {
    const rs = ok(
      load(
        ...HEAD,
        'region:',
        '  las:',
        '    __proto__: Proto council',
        '    constructor: Constructor council',
        'roles:',
        '  constructor: {label: Constructor}',
        '  prototype: {label: Prototype}',
        'rules:',
        '  - id: CAP',
        '    kind: pay_cap',
        '    basis: hourly_pay_rate',
        '    caps: [{from: 2025-01-01, rates: {constructor: 10, prototype: 11}}]',
      ),
    );
    expect([...rs.region.las.keys()]).toEqual(['__PROTO__', 'CONSTRUCTOR']);
    expect(rs.roles.map((r) => r.key)).toEqual(['constructor', 'prototype']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts a byte-order mark and an empty "to" in a cap window as open-ended', () => {
    const path = write('bom.yaml', '\uFEFF' + [...HEAD, 'rules:', '  - {id: C, kind: pay_cap, basis: hourly_pay_rate, caps: [{from: 2025-01-01, to: , rates: {}}]}'].join('\n'));
    const rs = ok(loadRuleset(path));
    const rule = rs.rules[0]!;
    expect(rule.kind === 'pay_cap' && rule.caps[0]!.to).toBe(null);
  });
});

describe('loadRuleset: problems, each located', () => {
  it('reports an unknown key at the key, with a suggestion', () => {
    const result = load(...HEAD, 'rules:', '  - id: DFE-PQE', '    kind: min_pqe', '    monhts: 36');
    expect(problems(result)).toEqual([
      '6:5: missing required key "months" in rule "DFE-PQE"',
      '8:5: unknown key "monhts" in rule "DFE-PQE" (did you mean "months"?)',
    ]);
  });

  it('formats a problem as file:line:column: message', () => {
    const path = write('fmt.yaml', [...HEAD, 'extra: 1'].join('\n'));
    const result = loadRuleset(path);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map(formatProblem)).toEqual([`${path}:5:1: unknown key "extra" at the top level of the file`]);
  });

  it('collects every problem of the file at once', () => {
    const result = load(
      'format: moc-rules/v1', // 1
      'id: Bad_Id', //          2
      'name: X', //             3
      'version: 1', //          4
      'status: draft', //       5
      'rules:', //              6
      '  - id: -bad', //        7
      '    kind: paycap', //    8
      '  - id: OK', //          9
      '    kind: min_notice', //10
      '    weeks: -1', //       11
      '  - id: T', //           12
      '    kind: min_pqe', //   13
      '    months: 1.5', //     14
      '    severity: fatal', // 15
    );
    expect(problems(result)).toEqual([
      '2:5: "id" must be a ruleset id: lower-case letters, digits and "-", not "Bad_Id"',
      '5:9: "status" must be adopted or illustrative, not "draft"',
      '8:11: "kind" in rule "-bad" must be one of pay_cap, cooling_off, min_pqe, references, min_notice, project_team, head_hunting, not "paycap" (did you mean "pay_cap"?)',
      '11:12: "weeks" in rule "OK" must be a number from 0 to 520, not -1',
      '14:13: "months" in rule "T" must be a whole number from 0 to 1200, not 1.5',
      '15:15: "severity" in rule "T" must be error or warning, not "fatal"',
    ]);
  });

  it('checks the id patterns of rules, exemptions and role keys', () => {
    const result = load(
      ...HEAD,
      'roles:', //                            5
      '  Social Worker: {label: SW}', //      6
      'rules:', //                            7
      '  - {id: "R 1", kind: project_team}', // 8
      'exemptions:', //                       9
      '  - {id: "-E", rules: [R], from: 2025-01-01, to: 2025-01-02, approved_by: [x]}', // 10
    );
    expect(problems(result)).toEqual([
      '6:3: role key "Social Worker" in "roles" must be a role key: a lower-case letter, then lower-case letters, digits or _',
      '8:10: "id" in rule "R 1" must be a rule id: letters, digits, "_" and "-", starting with a letter or digit, not "R 1"',
      '10:10: "id" in exemption "-E" must be an exemption id: letters, digits, ".", "_" and "-", starting with a letter or digit, not "-E"',
      '10:24: exemption "-E" names rule "R", which no file of the ruleset defines',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problems(load(...HEAD, 'region:', '\tname: x'))).toEqual(['6:1: tabs cannot be used to indent; use spaces']);
    const p = problems(load(...HEAD, 'rules: [1, 2'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^6:1: YAML syntax error: /);
  });

  it('refuses two region.las keys that resolve to one council (a code and its DfE number)', () => {
    expect(problems(load(...HEAD, 'region:', '  las:', '    E10000016: Kent', '    886: Kent County Council'))).toEqual([
      `8:5: council code "886" is listed twice in "region.las" (also as "E10000016"; codes are compared ignoring case and spaces, and a DfE number stands for its council's code)`,
    ]);
  });

  it('refuses duplicate keys, at the second one', () => {
    expect(problems(load(...HEAD, 'rules:', '  - id: R', '    kind: min_pqe', '    months: 1', '    months: 2'))).toEqual([
      '9:5: duplicate key "months" (it already appears on line 8); each key may appear only once',
    ]);
    expect(problems(load(...HEAD, 'version: "2"'))).toEqual(['5:1: duplicate key "version" (it already appears on line 4); each key may appear only once']);
  });

  it('refuses anchors, aliases and merge keys', () => {
    const result = load(
      ...HEAD,
      'rules:', //                                           5
      '  - &base {id: A, kind: min_pqe, months: 1}', //      6
      '  - *base', //                                        7
      '  - <<: {kind: min_pqe, months: 2}', //               8
      '    id: B', //                                        9
    );
    expect(problems(result)).toEqual([
      '6:5: anchors ("&base") are not allowed in a rules file: write each value out in full',
      '7:5: aliases ("*base") are not allowed in a rules file: write the value out in full',
      '8:5: merge keys ("<<") are not allowed in a rules file: write the entries out in full',
      '8:5: missing required key "kind" in rule "B" (one of pay_cap, cooling_off, min_pqe, references, min_notice, project_team, head_hunting)',
    ]);
  });

  it('refuses an alias bomb at once', () => {
    const lines = [...HEAD, 'sources:', '  - &a lol'];
    const names = 'bcdefghijklmnopq';
    for (let i = 0; i < names.length; i++) {
      const prev = i === 0 ? 'a' : names[i - 1]!;
      lines.push(`  - &${names[i]} [${Array(10).fill('*' + prev).join(', ')}]`);
    }
    const started = Date.now();
    const p = problems(load(...lines));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(p[0]).toBe('6:5: anchors ("&a") are not allowed in a rules file: write each value out in full');
    expect(p.some((m) => m.startsWith('7:') && m.includes('aliases ("*a")'))).toBe(true);
  });

  it('refuses __proto__ as a key without polluting anything', () => {
    const result = load(...HEAD, '__proto__: {polluted: true}', 'rules:', '  - {id: R, kind: project_team, __proto__: {x: 1}, constructor: 1}');
    expect(problems(result)).toEqual([
      '5:1: unknown key "__proto__" at the top level of the file',
      '7:33: unknown key "__proto__" in rule "R"',
      '7:52: unknown key "constructor" in rule "R"',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('locates a missing required key at its mapping, and an empty value at its key', () => {
    expect(problems(load(...HEAD, 'rules:', '  - id: R', '    kind: cooling_off', '    months:'))).toEqual([
      '6:5: missing required key "scope" in rule "R"',
      '8:5: "months" in rule "R" must be a whole number from 1 to 1200, but it is empty',
    ]);
  });

  it('requires id, name and version in a file without extends', () => {
    expect(problems(load('format: moc-rules/v1', 'name: X'))).toEqual([
      '1:1: missing required key "id" (a file without "extends" must give "id", "name" and "version")',
      '1:1: missing required key "version" (a file without "extends" must give "id", "name" and "version")',
    ]);
    expect(problems(load('id: x', 'name: X', 'version: 1'))).toEqual([NOT_A_RULES_FILE]);
  });

  it('refuses an empty file and a file that is not a mapping', () => {
    expect(problems(load(''))).toEqual(['1:1: the file is empty; a rules file starts with "format: moc-rules/v1"']);
    expect(problems(load('- a', '- b'))).toEqual([NOT_A_RULES_FILE]);
    // a rules file with a YAML mistake is not refused as a whole: the mistake is located
    expect(problems(load('format: moc-rules/v1', '- b'))[0]).toMatch(/^2:1: YAML syntax error: /);
  });

  it('checks dates: exactly YYYY-MM-DD naming a real day', () => {
    const result = load(
      ...HEAD,
      'rules:', //                                        5
      '  - {id: R, kind: project_team}', //               6
      'exemptions:', //                                   7
      '  - id: E', //                                     8
      '    rules: [R]', //                                9
      '    from: 2025-4-1', //                            10
      '    to: 2025-02-29', //                            11
      '    approved_on: "2024-02-29"', //                 12
      '    approved_by: [x]', //                          13
    );
    expect(problems(result)).toEqual([
      '10:11: "from" in exemption "E" must be a date written YYYY-MM-DD, not "2025-4-1"',
      '11:9: "to" in exemption "E" must be a real calendar date written YYYY-MM-DD, not "2025-02-29"',
    ]);
  });

  it('refuses a "to" before its "from", in cap windows and exemptions', () => {
    const result = load(
      ...HEAD,
      ...ROLES,
      'rules:', //                                                                 12
      '  - id: CAP', //                                                            13
      '    kind: pay_cap', //                                                      14
      '    basis: hourly_pay_rate', //                                             15
      '    caps:', //                                                              16
      '      - {from: 2025-04-01, to: 2025-03-31, rates: {}}', //                  17
      'exemptions:', //                                                            18
      '  - {id: E, rules: [CAP], from: 2025-05-01, to: 2025-04-30, approved_by: [x]}', // 19
    );
    expect(problems(result)).toEqual([
      '17:32: "to" (2025-03-31) is before "from" (2025-04-01) in cap window 1 of rule "CAP"',
      '19:49: "to" (2025-04-30) is before "from" (2025-05-01) in exemption "E"',
    ]);
  });

  it('refuses overlapping cap windows; "to" is inclusive and an open window overlaps every later one', () => {
    const result = load(
      ...HEAD,
      'rules:', //                                                     5
      '  - id: CAP', //                                                6
      '    kind: pay_cap', //                                          7
      '    basis: hourly_pay_rate', //                                 8
      '    caps:', //                                                  9
      '      - {from: 2024-04-01, to: 2025-03-31, rates: {}}', //      10
      '      - {from: 2025-03-31, to: 2025-06-30, rates: {}}', //      11
      '      - {from: 2025-07-01, rates: {}}', //                      12
      '      - {from: 2026-04-01, to: 2027-03-31, rates: {}}', //      13
      '  - id: OK', //                                                 14
      '    kind: pay_cap', //                                          15
      '    basis: hourly_pay_rate', //                                 16
      '    caps:', //                                                  17
      '      - {from: 2025-04-01, rates: {}}', //                      18
      '      - {from: 2024-04-01, to: 2025-03-31, rates: {}}', //      19
    );
    expect(problems(result)).toEqual([
      '11:16: cap window 2 of rule "CAP" (2025-03-31 to 2025-06-30) overlaps cap window 1 (2024-04-01 to 2025-03-31); cap windows of one rule may not overlap',
      '13:16: cap window 4 of rule "CAP" (2026-04-01 to 2027-03-31) overlaps cap window 3 (2025-07-01 onwards); cap windows of one rule may not overlap',
    ]);
  });

  it('refuses caps and exemptions naming unknown roles', () => {
    const result = load(
      ...HEAD,
      ...ROLES,
      'rules:', //                                                                           12
      '  - id: CAP', //                                                                      13
      '    kind: pay_cap', //                                                                14
      '    basis: hourly_pay_rate', //                                                       15
      '    caps:', //                                                                        16
      '      - {from: 2025-04-01, rates: {social_worker: 38, senior_sw: 45, TM: 50}}', //    17
      'exemptions:', //                                                                      18
      '  - {id: E, rules: [CAP], roles: [team_manger, SW], from: 2025-05-01, to: 2025-05-30, approved_by: [x]}', // 19
    );
    expect(problems(result)).toEqual([
      '17:55: unknown role "senior_sw" in the rates of cap window 1 of rule "CAP"',
      '17:70: unknown role "TM" in the rates of cap window 1 of rule "CAP" (did you mean "team_manager"? roles are named here by their key)',
      '19:35: unknown role "team_manger" in exemption "E" (did you mean "team_manager"?)',
      '19:48: unknown role "SW" in exemption "E" (did you mean "social_worker"? roles are named here by their key)',
    ]);
  });

  it('refuses one name belonging to two roles', () => {
    const result = load(
      ...HEAD,
      ...ROLES,
      '  senior_social_worker:', //               12
      '    label: Senior Social Worker', //       13
      '    aliases: [" sw ", team  manager]', //  14
    );
    expect(problems(result)).toEqual([
      '14:15: the name "sw" (alias of role "senior_social_worker") also belongs to role "social_worker"; each name may belong to one role only (names are compared ignoring case, spaces and "_")',
      '14:23: the name "team manager" (alias of role "senior_social_worker") also belongs to role "team_manager"; each name may belong to one role only (names are compared ignoring case, spaces and "_")',
    ]);
  });

  it('refuses a columns key that is not a canonical column', () => {
    expect(problems(load(...HEAD, 'columns:', '  hourly_pay_rate: [Rate]', '  hourly_rate: [Pay]', '  leaving_date: [Left]'))).toEqual([
      '7:3: "hourly_rate" under "columns" is not a column of the assignments export or the leavers register',
    ]);
    expect(problems(load(...HEAD, 'columns:', '  start_dat: [Start]'))).toEqual([
      '6:3: "start_dat" under "columns" is not a column of the assignments export or the leavers register (did you mean "start_date"?)',
    ]);
  });

  it('refuses duplicate rule ids in one file and exemption ids equal ignoring case', () => {
    const result = load(
      ...HEAD,
      'rules:', //                                                                  5
      '  - {id: R, kind: project_team}', //                                         6
      '  - {id: R, kind: min_pqe, months: 3}', //                                   7
      'exemptions:', //                                                             8
      '  - {id: EX-1, rules: [R], from: 2025-01-01, to: 2025-01-02, approved_by: [x]}', // 9
      '  - {id: ex-1, rules: [R], from: 2025-01-01, to: 2025-01-02, approved_by: [x]}', // 10
    );
    expect(problems(result)).toEqual([
      '7:10: rule id "R" is used twice in this file (also on line 6); each rule needs its own id',
      '10:10: exemption id "ex-1" is used twice (also "EX-1" on line 9; exemption ids are compared ignoring case)',
    ]);
  });

  it('refuses an exemption naming a rule no file defines, and max_rate without a pay_cap rule', () => {
    const result = load(
      ...HEAD,
      'rules:', //                                                          5
      '  - {id: DFE-PQE, kind: min_pqe, months: 3}', //                     6
      'exemptions:', //                                                     7
      '  - id: E', //                                                       8
      '    rules: [DFE-PQE, DFE-PEQ]', //                                   9
      '    from: 2025-01-01', //                                            10
      '    to: 2025-01-02', //                                              11
      '    approved_by: [x]', //                                            12
      '    max_rate: 40', //                                                13
    );
    expect(problems(result)).toEqual([
      '9:22: exemption "E" names rule "DFE-PEQ", which no file of the ruleset defines (did you mean "DFE-PQE"?)',
      '13:5: "max_rate" in exemption "E" is only allowed when the exemption lists a pay_cap rule, and it lists none',
    ]);
  });

  it('refuses an invalid SWE number in swe_numbers', () => {
    const result = load(...HEAD, 'rules: [{id: R, kind: project_team}]', 'exemptions:', '  - {id: E, rules: [R], swe_numbers: [SW1, SW0, 12345, SW1234567], from: 2025-01-01, to: 2025-01-02, approved_by: [x]}');
    expect(problems(result)).toEqual([
      '7:44: "SW0" in "swe_numbers" of exemption "E" is not a valid SWE number (SW followed by up to 6 digits, such as SW12345)',
      '7:49: "12345" in "swe_numbers" of exemption "E" is not a valid SWE number (SW followed by up to 6 digits, such as SW12345)',
      '7:56: "SW1234567" in "swe_numbers" of exemption "E" is not a valid SWE number (SW followed by up to 6 digits, such as SW12345)',
    ]);
  });

  it('refuses "enabled: false" in a file without extends', () => {
    expect(problems(load(...HEAD, 'rules:', '  - {id: R, enabled: false}'))).toEqual([
      '6:10: rule "R" cannot be removed with "enabled: false": this file has no "extends", so it inherits no rules',
    ]);
  });

  it('allows only id and "enabled: false" in a removal entry', () => {
    expect(problems(load(...HEAD, 'rules:', '  - {id: R, enabled: true}', '  - {id: S, enabled: false, kind: min_pqe}'))).toEqual([
      '6:22: "enabled" in rule "R" must be false (an entry with "enabled" removes an inherited rule), not true',
      '7:29: unknown key "kind" in rule "S"',
    ]);
  });

  it('refuses required lists that are empty, and wrong types', () => {
    const result = load(
      ...HEAD,
      'rules:', //                                                      5
      '  - {id: C, kind: pay_cap, basis: hourly_rate, caps: []}', //    6
      'exemptions:', //                                                 7
      '  - {id: E, rules: C, las: [], from: 2025-01-01, to: 2025-01-02, approved_by: [x], max_rate: £5}', // 8
    );
    expect(problems(result)).toEqual([
      '6:35: "basis" in rule "C" must be hourly_pay_rate or hourly_charge_rate, not "hourly_rate"',
      '6:54: "caps" in rule "C" must list at least one cap window',
      '8:20: "rules" in exemption "E" must be a list, not "C"',
      '8:28: "las" in exemption "E" must list at least one council code (leave "las" out to cover every council)',
      '8:94: "max_rate" in exemption "E" must be an amount in pounds written as a number, such as 38.00, not "£5"',
    ]);
  });

  it('refuses nesting deep enough to break a parser, quickly', () => {
    const started = Date.now();
    expect(problems(load(...HEAD, 'sources: ' + '['.repeat(1_000_000)))).toEqual([
      '5:74: brackets are nested more than 64 deep here; the file is nested too deeply to be a rules file',
    ]);
    expect(problems(load(...HEAD, 'sources:', '  ' + '- '.repeat(5000) + 'x'))).toEqual([
      '6:1: this line is indented more than 256 places; the file is nested too deeply to be a rules file',
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a file that is too big, a folder, a binary file and a missing file', () => {
    const big = write('big.yaml', [...HEAD, '# ' + 'x'.repeat(2 * 1024 * 1024)].join('\n'));
    expect(loadRuleset(big)).toEqual({
      ok: false,
      problems: [{ file: big, line: 1, column: 1, message: `cannot read the rules file: it is ${readFileSync(big).length} bytes long; a rules file may be at most 1048576 bytes (1 MB)` }],
    });
    const folder = join(dir, 'folder.yaml');
    mkdirSync(folder, { recursive: true });
    expect(firstProblem(loadRuleset(folder))).toBe(`${folder}:1:1: cannot read the rules file: it is a folder, not a file`);
    const missing = join(dir, 'nope.yaml');
    expect(firstProblem(loadRuleset(missing))).toBe(`${missing}:1:1: cannot read the rules file: there is no such file`);
    const binary = write('binary.yaml', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]));
    expect(firstProblem(loadRuleset(binary))).toMatch(/not a text file/);
  });
});

describe('loadRuleset: extends', () => {
  function family(name: string): string {
    const sub = join(dir, name);
    mkdirSync(join(sub, 'national'), { recursive: true });
    writeFileSync(
      join(sub, 'national', 'dfe.yaml'),
      [
        'format: moc-rules/v1', //                            1
        'id: national', //                                    2
        'name: National rules', //                            3
        'version: 2024', //                                   4
        'sources: [https://gov.uk/guidance]', //              5
        'region:', //                                         6
        '  name: England', //                                 7
        '  las: {E10000011: East Sussex (old name), 886: Kent}', // 8
        ...ROLES, //                                          9-15
        'columns:', //                                        16
        '  role: [Job Title]', //                             17
        'rules:', //                                          18
        '  - {id: DFE-PQE, kind: min_pqe, months: 36}', //    19
        '  - {id: DFE-NOTICE, kind: min_notice, weeks: 4}', // 20
        '  - {id: DFE-PROJECT-TEAM, kind: project_team}', //  21
        'exemptions:', //                                     22
        '  - {id: NAT-1, rules: [DFE-NOTICE], from: 2025-01-01, to: 2025-12-31, approved_by: [DfE]}', // 23
      ].join('\n') + '\n',
    );
    return sub;
  }

  it('merges the chain: overrides in place, appends, removes, concatenates exemptions parent first', () => {
    const sub = family('merge');
    const child = join(sub, 'south-east.yaml');
    writeFileSync(
      child,
      [
        'format: moc-rules/v1',
        'id: south-east',
        'version: "2025-04"',
        'status: illustrative',
        'extends: national/dfe.yaml',
        'region:',
        '  las: {e10000011: East Sussex, E06000043: Brighton and Hove}',
        'roles:',
        '  team_manager: {label: Team Leader}',
        '  senior_practitioner: {label: Senior Practitioner, aliases: [SP]}',
        'columns:',
        '  hourly_pay_rate: [Rate]',
        'rules:',
        '  - {id: DFE-PQE, kind: min_pqe, months: 24}',
        '  - {id: DFE-NOTICE, enabled: false}',
        '  - id: SE-CAP',
        '    kind: pay_cap',
        '    basis: hourly_pay_rate',
        '    caps: [{from: 2025-04-01, rates: {senior_practitioner: 45}}]',
        'exemptions:',
        '  - {id: SE-1, rules: [SE-CAP, DFE-NOTICE], roles: [senior_practitioner], from: 2025-01-01, to: 2025-12-31, approved_by: [DCS], max_rate: 50}',
      ].join('\n') + '\n',
    );
    const rs = ok(loadRuleset(child));
    expect(rs.id).toBe('south-east');
    expect(rs.name).toBe('National rules');
    expect(rs.version).toBe('2025-04');
    expect(rs.status).toBe('illustrative');
    expect(rs.sources).toEqual(['https://gov.uk/guidance']);
    expect(rs.files).toEqual([join(sub, 'national', 'dfe.yaml'), child]);
    expect(rs.region.name).toBe('England');
    expect([...rs.region.las]).toEqual([
      ['E10000011', 'East Sussex'],
      ['E10000016', 'Kent'],
      ['E06000043', 'Brighton and Hove'],
    ]);
    expect(rs.roles).toEqual([
      { key: 'social_worker', label: 'Social Worker', aliases: ['SW', 'Level 2 Social Worker'] },
      { key: 'team_manager', label: 'Team Leader', aliases: [] },
      { key: 'senior_practitioner', label: 'Senior Practitioner', aliases: ['SP'] },
    ]);
    expect([...rs.columns]).toEqual([
      ['role', ['Job Title']],
      ['hourly_pay_rate', ['Rate']],
    ]);
    expect(rs.rules.map((r) => r.id)).toEqual(['DFE-PQE', 'DFE-PROJECT-TEAM', 'SE-CAP']);
    expect(rs.rules[0]).toMatchObject({ kind: 'min_pqe', months: 24 });
    expect([...rs.definedRuleIds].sort()).toEqual(['DFE-NOTICE', 'DFE-PQE', 'DFE-PROJECT-TEAM', 'SE-CAP']);
    expect(rs.exemptions.map((e) => e.id)).toEqual(['NAT-1', 'SE-1']);
    const bytes = Buffer.concat([readFileSync(join(sub, 'national', 'dfe.yaml')), readFileSync(child)]);
    expect(rs.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('lets a child omit id, name and version but not format', () => {
    const sub = family('format');
    const child = join(sub, 'child.yaml');
    writeFileSync(child, 'extends: national/dfe.yaml\n');
    expect(problems(loadRuleset(child))).toEqual([NOT_A_RULES_FILE]);
    writeFileSync(child, 'format: moc-rules/v1\nextends: national/dfe.yaml\n');
    expect(ok(loadRuleset(child)).id).toBe('national');
  });

  it('refuses removing a rule the parent does not have, and checks against merged roles', () => {
    const sub = family('removal');
    const child = join(sub, 'child.yaml');
    writeFileSync(
      child,
      [
        'format: moc-rules/v1', //                                              1
        'extends: national/dfe.yaml', //                                        2
        'roles:', //                                                            3
        '  practitioner: {label: Practitioner, aliases: [TM]}', //              4
        'rules:', //                                                            5
        '  - {id: DFE-PQ, enabled: false}', //                                  6
        '  - {id: CAP, kind: pay_cap, basis: hourly_pay_rate, caps: [{from: 2025-01-01, rates: {social_worker: 1, manager: 2}}]}', // 7
      ].join('\n') + '\n',
    );
    expect(problems(loadRuleset(child))).toEqual([
      '4:49: the name "tm" (alias of role "practitioner") also belongs to role "team_manager"; each name may belong to one role only (names are compared ignoring case, spaces and "_")',
      '6:10: rule "DFE-PQ" cannot be removed with "enabled: false": the ruleset this file extends has no rule with this id (did you mean "DFE-PQE"?)',
      '7:106: unknown role "manager" in the rates of cap window 1 of rule "CAP"',
    ]);
  });

  it('refuses exemption ids equal ignoring case across files', () => {
    const sub = family('dupex');
    const child = join(sub, 'child.yaml');
    writeFileSync(child, ['format: moc-rules/v1', 'extends: national/dfe.yaml', 'exemptions:', '  - {id: nat-1, rules: [DFE-PQE], from: 2025-01-01, to: 2025-01-02, approved_by: [x]}'].join('\n'));
    const result = loadRuleset(child);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        { file: child, line: 4, column: 10, message: `exemption id "nat-1" is used twice (also "NAT-1" on ${join(sub, 'national', 'dfe.yaml')} line 23; exemption ids are compared ignoring case)` },
      ]);
    }
  });

  it('reports problems of every file of the chain at once, parent first', () => {
    const sub = join(dir, 'both');
    mkdirSync(sub, { recursive: true });
    const parent = join(sub, 'parent.yaml');
    const child = join(sub, 'child.yaml');
    writeFileSync(parent, [...HEAD, 'rules:', '  - {id: P, kind: min_pqe, monhts: 3}'].join('\n'));
    writeFileSync(child, ['format: moc-rules/v1', 'extends: parent.yaml', 'bogus: 1'].join('\n'));
    const result = loadRuleset(child);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map(formatProblem)).toEqual([
        `${parent}:6:5: missing required key "months" in rule "P"`,
        `${parent}:6:28: unknown key "monhts" in rule "P" (did you mean "months"?)`,
        `${child}:3:1: unknown key "bogus" at the top level of the file`,
      ]);
    }
  });

  it('lets an exemption name a rule the child removed', () => {
    const sub = family('removed');
    const child = join(sub, 'child.yaml');
    writeFileSync(child, ['format: moc-rules/v1', 'extends: national/dfe.yaml', 'rules: [{id: DFE-PQE, enabled: false}]', 'exemptions:', '  - {id: C-1, rules: [DFE-PQE], from: 2025-01-01, to: 2025-01-02, approved_by: [x]}'].join('\n'));
    const rs = ok(loadRuleset(child));
    expect(rs.rules.map((r) => r.id)).toEqual(['DFE-NOTICE', 'DFE-PROJECT-TEAM']);
    expect(rs.definedRuleIds.has('DFE-PQE')).toBe(true);
  });

  it('locates cycles and unreadable targets at the extends value', () => {
    const sub = join(dir, 'cycle');
    mkdirSync(join(sub, 'folder.yaml'), { recursive: true });
    writeFileSync(join(sub, 'a.yaml'), 'format: moc-rules/v1\nextends: b.yaml\n');
    writeFileSync(join(sub, 'b.yaml'), 'format: moc-rules/v1\nextends: ./a.yaml\n');
    writeFileSync(join(sub, 'self.yaml'), 'format: moc-rules/v1\nextends: self.yaml\n');
    writeFileSync(join(sub, 'missing.yaml'), 'format: moc-rules/v1\nextends:   nothing-here.yaml\n');
    writeFileSync(join(sub, 'dir.yaml'), 'format: moc-rules/v1\nextends: folder.yaml\n');
    writeFileSync(join(sub, 'bin.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    writeFileSync(join(sub, 'binary.yaml'), 'format: moc-rules/v1\nextends: "bin.bin"\n');
    const one = (name: string) => {
      const r = loadRuleset(join(sub, name));
      return r.ok ? [] : r.problems.map(formatProblem);
    };
    expect(one('a.yaml')).toEqual([`${join(sub, 'b.yaml')}:2:10: "extends" names "./a.yaml", which leads back to this file: the files extend each other in a loop`]);
    expect(one('self.yaml')).toEqual([`${join(sub, 'self.yaml')}:2:10: "extends" names "self.yaml", which leads back to this file: the files extend each other in a loop`]);
    expect(one('missing.yaml')).toEqual([`${join(sub, 'missing.yaml')}:2:12: cannot read "nothing-here.yaml" named by "extends": there is no such file`]);
    expect(one('dir.yaml')).toEqual([`${join(sub, 'dir.yaml')}:2:10: cannot read "folder.yaml" named by "extends": it is a folder, not a file`]);
    expect(one('binary.yaml')).toEqual([
      `${join(sub, 'binary.yaml')}:2:10: cannot read "bin.bin" named by "extends": it is not a text file (it holds NUL bytes); a rules file is UTF-8 YAML text`,
    ]);
  });
});

describe('schema', () => {
  it('turns into a JSON Schema', () => {
    const js = z.toJSONSchema(RulesFileSchema, { io: 'input' }) as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(js.properties)).toEqual(['format', 'id', 'name', 'version', 'status', 'sources', 'extends', 'region', 'roles', 'columns', 'rules', 'exemptions']);
    expect(js.additionalProperties).toBe(false);
  });
});

describe('loadRuleset: long chains', () => {
  it('refuses an extends chain more than 32 files deep', () => {
    const sub = join(dir, 'chain');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'f0.yaml'), HEAD.join('\n'));
    for (let i = 1; i <= 40; i++) writeFileSync(join(sub, `f${i}.yaml`), `format: moc-rules/v1\nextends: f${i - 1}.yaml\n`);
    expect(ok(loadRuleset(join(sub, 'f20.yaml'))).files).toHaveLength(21);
    const result = loadRuleset(join(sub, 'f40.yaml'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map(formatProblem)).toEqual([
        `${join(sub, 'f9.yaml')}:2:10: "extends" goes more than 32 files deep; a ruleset is built from a few files at most`,
      ]);
    }
  });
});

describe('loadRuleset: files that are not rulesets (issue 12 item 14)', () => {
  const SHADOW = ['root:$6$Zq0salt$hashhashhash:19000:0:99999:7:::', 'daemon:*:19000:0:99999:7:::', 'bin: {x: 1}', 'format_x: 1'];

  it('refuses a file without "format: moc-rules/v1" with one message that quotes none of it', () => {
    const sub = join(dir, 'foreign');
    mkdirSync(sub, { recursive: true });
    const shadow = join(sub, 'shadow');
    writeFileSync(shadow, SHADOW.join('\n') + '\n');
    const child = join(sub, 'child.yaml');
    writeFileSync(child, 'format: moc-rules/v1\nextends: shadow\n');
    for (const path of [shadow, child]) {
      const result = loadRuleset(path);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.problems.map(formatProblem)).toEqual([`${shadow}:1:1: not a rules file: it has no "format: moc-rules/v1" line at its top level, so nothing else in it is read`]);
      for (const word of ['root', 'daemon', 'hash', '19000', 'bin', 'format_x']) expect(result.problems[0]!.message).not.toContain(word);
    }
  });

  it('refuses a YAML mapping without format, or with another format, as one message', () => {
    expect(problems(load('id: x', 'secret: s3cr3t', 'other: [1, 2]'))).toEqual([NOT_A_RULES_FILE]);
    expect(problems(load('rules:', '  format: moc-rules/v1'))).toEqual([NOT_A_RULES_FILE]); // not at the top level
    expect(problems(load('key: |', '  format: moc-rules/v1'))).toEqual([NOT_A_RULES_FILE]); // inside a text block
    expect(problems(load('format: moc-profile/v1', 'secret: s3cr3t', 'more: 1'))).toEqual([
      '1:9: not a rules file of this format: "format" must be exactly moc-rules/v1, so nothing else in it is read',
    ]);
  });

  it('still reads a ruleset whose format is not the first key, or written as a flow mapping', () => {
    expect(ok(load('id: x', 'format: moc-rules/v1', 'name: X', 'version: "1"')).id).toBe('x');
    expect(ok(load('{"format": "moc-rules/v1", "id": "j", "name": "J", "version": "1"}')).id).toBe('j');
  });
});

describe('loadRuleset: money and limits (issue 12 items 18 and 19)', () => {
  const cap = (rate: string) => load(...HEAD, ...ROLES, 'rules:', '  - id: P', '    kind: pay_cap', '    basis: hourly_pay_rate', '    caps:', '      - from: 2025-04-01', `        rates: {social_worker: ${rate}}`);
  const written = 'must be an amount in pounds written as a plain decimal with at most two decimals, such as 38 or 38.50';

  it.each(['0x26', '-0', '1e-9', '38.005', '38.500', '+38', '.5', '38.', '3.8e1', '0o46'])('refuses a cap written %s, located at the value', (rate) => {
    expect(problems(cap(rate))).toEqual([`18:32: the rate for "social_worker" in cap window 1 of rule "P" ${written}, not ${rate}`]);
  });

  it('refuses a cap of zero or a negative cap, and accepts 0.01', () => {
    expect(problems(cap('0'))).toEqual(['18:32: the rate for "social_worker" in cap window 1 of rule "P" must be an amount in pounds of at least 0.01, not 0']);
    expect(problems(cap('0.00'))).toEqual(['18:32: the rate for "social_worker" in cap window 1 of rule "P" must be an amount in pounds of at least 0.01, not 0.00']);
    expect(problems(cap('-1'))).toEqual([`18:32: the rate for "social_worker" in cap window 1 of rule "P" ${written}, not -1`]);
    const rule = ok(cap('0.01')).rules[0]!;
    expect(rule.kind === 'pay_cap' && rule.caps[0]!.rates.get('social_worker')).toEqual({ amount: 0.01, pence: 1 });
  });

  it('applies the same to max_rate', () => {
    const result = load(...HEAD, 'rules:', '  - {id: P, kind: pay_cap, basis: hourly_pay_rate, caps: [{from: 2025-01-01, rates: {}}]}', 'exemptions:', '  - {id: E, rules: [P], from: 2025-01-01, to: 2025-02-01, approved_by: [x], max_rate: 0x37}');
    expect(problems(result)).toEqual([`8:87: "max_rate" in exemption "E" ${written}, not 0x37`]);
  });

  it.each([
    ['cooling_off', 'months: 1201, scope: region', '"months" in rule "X" must be a whole number from 1 to 1200, not 1201'],
    ['cooling_off', 'months: 99999999, scope: region', '"months" in rule "X" must be a whole number from 1 to 1200, not 99999999'],
    ['cooling_off', 'months: 2147483648, scope: region', '"months" in rule "X" must be a whole number from 1 to 1200, not 2147483648'],
    ['cooling_off', 'months: 0x10, scope: region', '"months" in rule "X" must be written as a plain number (digits, with a decimal point if needed), not 0x10'],
    ['min_pqe', 'months: 1201', '"months" in rule "X" must be a whole number from 0 to 1200, not 1201'],
    ['min_notice', 'weeks: 520.5', '"weeks" in rule "X" must be a number from 0 to 520, not 520.5'],
    ['references', 'min_count: 21', '"min_count" in rule "X" must be a whole number from 0 to 20, not 21'],
  ])('limits %s: %s', (kind, params, message) => {
    const [problem] = problems(load(...HEAD, 'rules:', `  - {id: X, kind: ${kind}, ${params}}`));
    expect(problem).toMatch(/^6:\d+: /);
    expect(problem!.replace(/^6:\d+: /, '')).toBe(message);
  });

  it('accepts the limits themselves', () => {
    const rs = ok(load(...HEAD, 'rules:', '  - {id: C, kind: cooling_off, months: 1200, scope: region}', '  - {id: N, kind: min_notice, weeks: 520}', '  - {id: R, kind: references, min_count: 20}', '  - {id: Q, kind: min_pqe, months: 0}'));
    expect(rs.rules.map((r) => r.kind)).toEqual(['cooling_off', 'min_notice', 'references', 'min_pqe']);
  });
});
