// project_team: project teams / packaged models only in exceptional circumstances.
import type { ProjectTeamRule } from '../types.js';
import { COMPLIANT, unknownFor, type RuleDefinition } from './rule.js';

/** A project_team breach: the flag was yes. */
export type ProjectTeamDetails = { project_team: true };

declare module '../types.js' {
  interface FindingDetailsByKind {
    project_team: ProjectTeamDetails;
  }
}

export const projectTeam: RuleDefinition<ProjectTeamRule> = {
  kind: 'project_team',
  description: 'Project teams: the worker is not supplied as part of a project team or packaged model.',
  needs: () => ['project_team'],
  check(_rule, row) {
    const flag = row.project_team;
    if (flag.state !== 'ok') return unknownFor(['project_team'], 'whether this is a project team');
    if (!flag.value) return COMPLIANT;
    return {
      status: 'breach',
      message: 'supplied as part of a project team or packaged model',
      details: { project_team: true },
    };
  },
};
