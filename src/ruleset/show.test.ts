import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleset } from './load.js';
import { exemptionStatus } from '../exemptions.js';
import { showRuleset } from './show.js';
import { cellWidth } from '../width.js';
import type { Ruleset } from '../types.js';
import { tempDir } from '../../test/temp.js';

const dir = tempDir();

function loadText(name: string, text: string): Ruleset {
  const path = join(dir, name);
  writeFileSync(path, text);
  const result = loadRuleset(path);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.ruleset;
}

const YAML = `format: moc-rules/v1
id: south-east
name: South East Memorandum
version: "2025-04"
status: illustrative
sources: [https://example.org/moc.pdf]
region:
  name: South East
  las:
    E10000011: East Sussex
    846: Brighton and Hove
roles:
  social_worker: {label: Social Worker, aliases: [SW, Level 2 Social Worker]}
  team_manager: {label: Team Manager}
columns:
  hourly_pay_rate: [Hourly Rate]
rules:
  - id: SE-PAY-CAP
    kind: pay_cap
    title: Agency pay cap
    basis: hourly_pay_rate
    caps:
      - from: 2025-04-01
        to: 2026-03-31
        rates: {social_worker: 38.01, team_manager: 52}
      - from: 2026-04-01
        rates: {}
  - {id: SE-COOLING-OFF, kind: cooling_off, months: 6, scope: region, severity: warning}
  - {id: DFE-PQE, kind: min_pqe, months: 36}
  - {id: DFE-REFS, kind: references, min_count: 2, template_required: yes}
  - {id: DFE-NOTICE, kind: min_notice, weeks: 4}
  - {id: DFE-PROJECT-TEAM, kind: project_team}
exemptions:
  - id: SE-EX-1
    rules: [SE-PAY-CAP]
    las: [E10000011]
    roles: [team_manager]
    from: 2025-05-01
    to: 2025-10-31
    max_rate: 55
    approved_by: [Director of Children's Services]
    approved_on: 2025-04-28
    reason: Hard-to-fill posts
  - {id: SE-EX-2, rules: [DFE-PQE], swe_numbers: [sw 0123], from: 2026-01-01, to: 2026-06-30, approved_by: [DCS], blanket: true}
`;

describe('exemptionStatus', () => {
  const ex = { from: '2025-05-01', to: '2025-10-31' };
  it('is pending before from, active from from, expiring in the last 30 days, expired after to', () => {
    expect(exemptionStatus(ex, '2025-04-30')).toBe('pending');
    expect(exemptionStatus(ex, '2025-05-01')).toBe('active');
    expect(exemptionStatus(ex, '2025-09-30')).toBe('active'); // 31 days left
    expect(exemptionStatus(ex, '2025-10-01')).toBe('expiring'); // 30 days left
    expect(exemptionStatus(ex, '2025-10-31')).toBe('expiring');
    expect(exemptionStatus(ex, '2025-11-01')).toBe('expired');
  });
  it('treats a short exemption as expiring from its first day', () => {
    expect(exemptionStatus({ from: '2025-01-01', to: '2025-01-10' }, '2025-01-01')).toBe('expiring');
  });
});

describe('showRuleset', () => {
  const rs = loadText('se.yaml', YAML);
  const text = showRuleset(rs, '2025-10-15');
  const lines = text.split('\n');

  it('shows the identity, a warning for an illustrative ruleset, the files and sources', () => {
    expect(lines[0]).toBe('South East Memorandum');
    expect(text).toMatch(/^id: +south-east$/m);
    expect(text).toMatch(/^version: +2025-04$/m);
    expect(text).toMatch(/^status: +illustrative$/m);
    expect(text).toMatch(new RegExp(`^sha256: +${rs.sha256}$`, 'm'));
    expect(text).toContain('WARNING: this ruleset is illustrative');
    expect(text).toContain(`File:\n  ${join(dir, 'se.yaml')}\n`);
    expect(text).toContain('Sources:\n  https://example.org/moc.pdf\n');
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toMatch(/\x1b\[/); // no colour
  });

  it('does not warn for an adopted ruleset', () => {
    const adopted = showRuleset({ ...rs, status: 'adopted' }, '2025-10-15');
    expect(adopted).not.toContain('WARNING');
  });

  it('shows the region, its councils, roles with aliases and column aliases', () => {
    expect(text).toContain('Region: South East\n  2 councils:\n    E10000011  East Sussex\n    E06000043  Brighton and Hove\n');
    expect(text).toContain('Roles (2):\n  social_worker  Social Worker  also: SW, Level 2 Social Worker\n  team_manager   Team Manager\n');
    expect(text).toContain('  hourly_pay_rate  "Hourly Rate"');
  });

  it('shows each rule with its parameters, pay caps as a table per window', () => {
    expect(text).toContain(
      [
        'Rules (6):',
        '  SE-PAY-CAP: pay cap (pay_cap)',
        '    Agency pay cap',
        '    compares: hourly_pay_rate',
        '    2025-04-01 to 2026-03-31:',
        '      Social Worker  £38.01 an hour',
        '      Team Manager   £52.00 an hour',
        '    from 2026-04-01, open-ended:',
        '      (no caps in this window)',
        '  SE-COOLING-OFF: cooling-off period (cooling_off), warning only',
        '    a worker may not start within 6 months of leaving a permanent post at any council of the region (scope: region)',
        '  DFE-PQE: minimum post-qualifying experience (min_pqe)',
        '    at least 36 months of post-qualifying experience',
        '  DFE-REFS: references (references)',
        '    at least 2 references',
        '    on the standard template: required',
        '    complete before the start date: not required',
        '  DFE-NOTICE: minimum notice period (min_notice)',
        '    a notice period of at least 4 weeks',
        '  DFE-PROJECT-TEAM: no project teams (project_team)',
      ].join('\n'),
    );
  });

  it('shows exemptions with their status on the date', () => {
    expect(text).toContain(
      [
        'Exemptions (2), status on 2025-10-15:',
        '  SE-EX-1: expiring, 2025-05-01 to 2025-10-31 (ends in 16 days)',
        '    waives:       SE-PAY-CAP',
        '    councils:     E10000011 (East Sussex)',
        '    roles:        Team Manager',
        '    workers:      every worker',
        '    up to:        £55.00 an hour (for its pay caps)',
        '    applies to:   rows that cite it in exemption_ref',
        "    approved by:  Director of Children's Services on 2025-04-28",
        '    reason:       Hard-to-fill posts',
        '  SE-EX-2: pending, 2026-01-01 to 2026-06-30',
        '    waives:       DFE-PQE',
        '    councils:     every council',
        '    roles:        every role',
        '    workers:      SW123',
        '    applies to:   every matching row (blanket)',
        '    approved by:  DCS',
      ].join('\n'),
    );
    expect(showRuleset(rs, '2025-07-01')).toContain('SE-EX-1: active,');
    expect(showRuleset(rs, '2026-07-01')).toContain('SE-EX-1: expired,');
  });

  it('shows an empty ruleset plainly', () => {
    const empty = loadText('empty.yaml', 'format: moc-rules/v1\nid: e\nname: Empty\nversion: 1\n');
    const out = showRuleset(empty, '2025-01-01');
    expect(out).toContain('Region: (no name given)\n  no councils listed');
    expect(out).toContain('Roles (0):\n  none\n');
    expect(out).toContain('Rules (0):\n  none\n');
    expect(out).toContain('Exemptions (0), status on 2025-01-01:\n  none\n');
  });
});

describe('showRuleset alignment', () => {
  it('aligns columns by terminal cells, wide and combining characters and placeholders included', () => {
    const rs = loadText('wide.yaml', YAML);
    const roles = [
      { key: 'social_worker', label: '社会福祉士', aliases: ['SW'] },
      { key: 'team_manager', label: 'Zoe\u0308 lead', aliases: ['TM'] },
      { key: 'iro', label: 'IRO\u001b', aliases: ['Chair'] },
    ];
    const lines = showRuleset({ ...rs, roles }, '2025-10-15').split('\n');
    const start = lines.indexOf('Roles (3):');
    const rows = lines.slice(start + 1, start + 4);
    // the alias column starts at the same terminal cell on every row
    const aliasAt = rows.map((row) => cellWidth(row.slice(0, row.indexOf('also:'))));
    expect(new Set(aliasAt).size).toBe(1);
    expect(rows[2]).toContain('IRO\\x1B');
  });
});
