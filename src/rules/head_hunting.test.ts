// head_hunting, written from rules.md ("Rule kinds", "Exemptions"), engagements.md §3
// and readings 14–18, on in-memory starters rows (the joining council defaults to
// East Sussex E10000011, a member of the test region with Kent E10000016).
import { expect } from 'vitest';
import { testStarterRule } from '../../test/rule-tester.js';
import { exemption } from '../../test/helpers.js';
import type { Exemption, Ruleset } from '../types.js';
import type { HeadHuntingRule } from './head_hunting.js';

function huntRule(partial: Partial<HeadHuntingRule> = {}): HeadHuntingRule {
  return { id: 'HUNT', kind: 'head_hunting', severity: 'warning', scope: 'region', ...partial };
}

const GRADED_ROLES = [
  { key: 'social_worker', label: 'Social Worker', aliases: ['SW'], grade: 2 },
  { key: 'senior_social_worker', label: 'Senior Social Worker', aliases: ['SSW'], grade: 3 },
  { key: 'team_manager', label: 'Team Manager', aliases: ['TM'], grade: 4 },
  { key: 'practice_educator', label: 'Practice Educator', aliases: [] },
];
const graded: Partial<Ruleset> = { roles: GRADED_ROLES };
const FROM_KENT = { previous_la: 'E10000016' };

testStarterRule('head_hunting: from another council in scope', { rule: huntRule() }, {
  valid: [
    { name: 'a blank previous_la: not from a council (never unknown)', row: { previous_la: '' } },
    { name: 'the same council', row: { previous_la: 'e10000011' } },
    { name: 'the same council after resolution: Kent County Council on a Kent row (reading 17)', row: { la_code: '886', previous_la: 'Kent County Council' } },
    { name: 'scope region: a council outside region.las', row: { previous_la: 'E10000030', promotion: 'no' } },
    { name: 'promotion yes', row: { ...FROM_KENT, promotion: 'yes' } },
    { name: 'promotion Y with a lower grade: the record wins', ruleset: graded, row: { ...FROM_KENT, role: 'SW', previous_role: 'TM', promotion: 'Y' } },
    { name: 'promotion blank, a higher grade', ruleset: graded, row: { ...FROM_KENT, role: 'Team Manager', previous_role: 'Senior Social Worker' } },
    { name: 'promotion column absent, a higher grade', ruleset: graded, row: { ...FROM_KENT, role: 'SSW', previous_role: 'SW' } },
  ],
  invalid: [
    {
      name: 'the issue 11 example: not a promotion, in words',
      ruleset: graded,
      row: { la_code: 'E10000030', previous_la: 'Kent', role: 'Senior Social Worker', previous_role: 'Senior Social Worker', promotion: 'no' },
      status: 'breach',
      message: 'joined Surrey (E10000030) on 2025-09-01 from Kent (E10000016) as Senior Social Worker, previously Senior Social Worker: not a promotion',
      details: {
        previous_la: 'E10000016', start_date: '2025-09-01', role: 'senior_social_worker', previous_role: 'senior_social_worker',
        promotion: false, grade: 3, previous_grade: 3, scope: 'region',
      },
    },
    {
      name: 'promotion no, no previous role',
      row: { ...FROM_KENT, promotion: 'N' },
      status: 'breach',
      message: 'joined East Sussex (E10000011) on 2025-09-01 from Kent (E10000016) as Social Worker: not a promotion',
    },
    { name: 'promotion blank, the same grade', ruleset: graded, row: { ...FROM_KENT, role: 'SW', previous_role: 'SW', promotion: '' }, status: 'breach' },
    {
      name: 'promotion blank, a lower grade',
      ruleset: graded,
      row: { ...FROM_KENT, role: 'SW', previous_role: 'TM' },
      status: 'breach',
      details: {
        previous_la: 'E10000016', start_date: '2025-09-01', role: 'social_worker', previous_role: 'team_manager',
        promotion: null, grade: 2, previous_grade: 4, scope: 'region',
      },
    },
    {
      name: 'an invalid promotion is its data issue and counts as blank (grades decide)',
      ruleset: graded,
      row: { ...FROM_KENT, role: 'SW', previous_role: 'SW', promotion: 'maybe' },
      issues: [['invalid_boolean', 'promotion']],
      status: 'breach',
    },
    {
      name: 'promotion blank, previous_role blank: unknown',
      ruleset: graded,
      row: { ...FROM_KENT, promotion: '', previous_role: '' },
      status: 'unknown',
      message: 'joined East Sussex (E10000011) on 2025-09-01 from Kent (E10000016) as Social Worker: cannot tell whether it was a promotion: promotion and previous_role are not recorded',
      details: { missing: ['promotion', 'previous_role'], previous_la: 'E10000016', start_date: '2025-09-01' },
    },
    {
      name: 'promotion blank, roles without grades: unknown',
      row: { ...FROM_KENT, previous_role: 'TM' },
      status: 'unknown',
      message: /previously Team Manager: cannot tell whether it was a promotion: promotion is not recorded and the roles have no grades to compare$/,
      details: { missing: ['promotion'], previous_la: 'E10000016', start_date: '2025-09-01' },
    },
    { name: 'promotion blank, only the new role has a grade: unknown', ruleset: graded, row: { ...FROM_KENT, role: 'TM', previous_role: 'Practice Educator' }, status: 'unknown' },
    {
      name: 'an unknown previous_role is its data issue and counts as blank',
      ruleset: graded,
      row: { ...FROM_KENT, role: 'TM', previous_role: 'Wizard' },
      issues: [['unknown_role', 'previous_role']],
      status: 'unknown',
      message: /cannot tell whether it was a promotion: promotion is not recorded and previous_role is not a role of the ruleset$/,
      details: { missing: ['promotion', 'previous_role'], previous_la: 'E10000016', start_date: '2025-09-01' },
    },
    { name: 'scope any_other_la: any other council', rule: huntRule({ scope: 'any_other_la' }), row: { previous_la: 'E10000030', promotion: 'no' }, status: 'breach', message: /from Surrey \(E10000030\)/ },
    { name: 'scope region with no region.las: any council', ruleset: { region: { las: new Map() } }, row: { previous_la: 'E10000030', promotion: 'no' }, status: 'breach' },
    { name: 'a council kept as written (not in the councils table)', rule: huntRule({ scope: 'any_other_la' }), row: { previous_la: 'Atlantis', promotion: 'no' }, status: 'breach', message: /from ATLANTIS as/ },
  ],
  notChecked: [
    { name: 'an unknown new role, even with a blank previous_la (reading 16)', row: { role: 'Wizard', previous_la: '' }, issues: [['unknown_role', 'role']] },
    { name: 'an unknown new role with promotion no', row: { ...FROM_KENT, role: 'Wizard', promotion: 'no' }, issues: [['unknown_role', 'role']] },
    { row: { ...FROM_KENT, start_date: '31/09/2025', promotion: 'no' }, issues: [['invalid_date', 'start_date']] },
    { row: { ...FROM_KENT, swe_number: 'SW', promotion: 'no' }, issues: [['invalid_swe_number', 'swe_number']] },
    { row: { ...FROM_KENT, la_code: '', promotion: 'no' }, issues: [['missing_value', 'la_code']] },
  ],
});

const hunt = (partial: Partial<Exemption> & Pick<Exemption, 'id' | 'rules'>) => exemption({ from: '2025-04-01', to: '2026-03-31', ...partial });
testStarterRule('head_hunting: exemptions (reading 18)', { rule: huntRule() }, {
  invalid: [
    { name: 'a blanket exemption of the rule', ruleset: { exemptions: [hunt({ id: 'EX-H', rules: ['HUNT'], blanket: true })] }, row: { ...FROM_KENT, promotion: 'no' }, status: 'exempted', exemption: 'EX-H' },
    {
      name: 'cited, las is the joining council',
      ruleset: { exemptions: [hunt({ id: 'EX-H', rules: ['HUNT'], las: ['E10000011'] })] },
      row: { ...FROM_KENT, promotion: 'no', exemption_ref: 'ex-h' },
      status: 'exempted',
      exemption: 'EX-H',
    },
    {
      name: 'cited, las the previous council only: la',
      ruleset: { exemptions: [hunt({ id: 'EX-H', rules: ['HUNT'], las: ['E10000016'] })] },
      row: { ...FROM_KENT, promotion: 'no', exemption_ref: 'EX-H' },
      status: 'breach',
      details: expectNotApplied('la'),
    },
    {
      name: 'cited, roles is the new post role',
      ruleset: { exemptions: [hunt({ id: 'EX-H', rules: ['HUNT'], roles: ['team_manager'] })] },
      row: { ...FROM_KENT, role: 'Team Manager', previous_role: 'Social Worker', promotion: 'no', exemption_ref: 'EX-H' },
      status: 'exempted',
      exemption: 'EX-H',
    },
    {
      name: 'cited, roles the previous role only: role',
      ruleset: { exemptions: [hunt({ id: 'EX-H', rules: ['HUNT'], roles: ['social_worker'] })] },
      row: { ...FROM_KENT, role: 'Team Manager', previous_role: 'Social Worker', promotion: 'no', exemption_ref: 'EX-H' },
      status: 'breach',
      details: expectNotApplied('role'),
    },
    {
      name: 'cited, starting the day after its to: window',
      ruleset: { exemptions: [hunt({ id: 'EX-H', rules: ['HUNT'] })] },
      row: { ...FROM_KENT, start_date: '2026-04-01', promotion: 'no', exemption_ref: 'EX-H' },
      status: 'breach',
      details: expectNotApplied('window'),
    },
    {
      name: 'cited, starting on its to: covered (a starters row never lapses)',
      ruleset: { exemptions: [hunt({ id: 'EX-H', rules: ['HUNT'], to: '2025-09-01' })] },
      row: { ...FROM_KENT, start_date: '2025-09-01', promotion: 'no', exemption_ref: 'EX-H' },
      status: 'exempted',
      exemption: 'EX-H',
    },
    {
      name: 'a blanket exemption of another rule leaves the breach alone',
      ruleset: { exemptions: [hunt({ id: 'EX-P', rules: ['PAY'], blanket: true })] },
      row: { ...FROM_KENT, promotion: 'no' },
      status: 'breach',
    },
  ],
});

/** Breach details with one cited exemption EX-H that did not cover, for `reason`. */
function expectNotApplied(reason: string): unknown {
  return expect.objectContaining({ exemption_not_applied: [{ id: 'EX-H', reason }] });
}
