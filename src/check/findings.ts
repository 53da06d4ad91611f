// Turning a rule's outcome on a row into a report finding (report.md "Findings").
import { detach } from '../detach.js';
import type { ExemptionDecision } from '../exemptions.js';
import type { Assignment } from '../input/assignments.js';
import type { Field } from '../input/row.js';
import type { Starter } from '../input/starters.js';
import type { HeadHuntingDetails } from '../rules/head_hunting.js';
import type { Outcome } from '../rules/rule.js';
import type { Finding, FindingContext, HeadHuntingRule, Rule, Ruleset } from '../types.js';
import type { RuleResult } from './evaluate.js';
import { findingId, starterFindingId } from './fingerprint.js';

/** A starters-register rule's outcome on a row other than compliant. */
export interface StarterRuleResult {
  rule: HeadHuntingRule;
  outcome: Exclude<Outcome<HeadHuntingDetails>, { status: 'compliant' }>;
}

export class FindingFactory {
  /** Agency, team and council names repeat across findings: one shared copy of each. */
  private readonly interned = new Map<string, string>();
  /** A row breaching several rules gives them one context object and one copy of its key cells. */
  private lastRow: object | null = null;
  private lastContext: FindingContext | null = null;
  private lastAssignmentId = '';
  private lastSwe = '';

  constructor(
    private readonly ruleset: Ruleset,
    /** put worker names into findings' context (personal data: only when asked) */
    private readonly names: boolean,
  ) {}

  /** The finding of one result; `decision` is given for breaches only. */
  make(row: Assignment, { rule, outcome }: RuleResult, decision: ExemptionDecision | null): Finding {
    const id = findingId(this.ruleset.id, rule.id, row.laCode, row.assignmentId);
    if (row !== this.lastRow) {
      this.lastContext = this.contextOf(row);
      this.lastAssignmentId = detach(row.assignmentId);
      this.lastSwe = detach(row.sweForReport);
      this.lastRow = row;
    }
    return withDecision(findingOf(id, rule, outcome, row, this.lastAssignmentId, this.lastSwe, this.lastContext!), decision);
  }

  /**
   * The finding of a starters row (rules.md, head_hunting): its file, line, council and
   * SWE number, no assignment id, and the id built from `swe_number@start_date`.
   */
  makeStarter(row: Starter, { rule, outcome }: StarterRuleResult, decision: ExemptionDecision | null): Finding {
    // the rule ran, so start_date is a valid date and swe_number a valid number
    const start = row.start_date.state === 'ok' ? row.start_date.value : '';
    const id = starterFindingId(this.ruleset.id, rule.id, row.laCode, row.sweForReport, start);
    return withDecision(findingOf(id, rule, outcome, row, null, detach(row.sweForReport), this.starterContextOf(row)), decision);
  }

  private starterContextOf(row: Starter): FindingContext {
    const context: FindingContext = {
      la_name: this.ruleset.region.las.get(row.laCode) ?? this.textOf(row.la_name),
      role: row.role.state === 'ok' ? row.role.value : null,
      agency: null,
      team: null,
      hours_per_week: null,
    };
    if (this.names) context.worker_name = row.worker_name.state === 'ok' ? detach(row.worker_name.value) : null;
    return context;
  }

  private textOf(field: Field<string>): string | null {
    if (field.state !== 'ok') return null;
    let text = this.interned.get(field.value);
    if (text === undefined) {
      text = detach(field.value);
      this.interned.set(text, text);
    }
    return text;
  }

  private contextOf(row: Assignment): FindingContext {
    const context: FindingContext = {
      // the region's name for the council first (issue 3), else the export's own la_name
      la_name: this.ruleset.region.las.get(row.laCode) ?? this.textOf(row.la_name),
      role: row.role.state === 'ok' ? row.role.value : null,
      agency: this.textOf(row.agency),
      team: this.textOf(row.team),
      hours_per_week: row.hours_per_week.state === 'ok' ? row.hours_per_week.value : null,
    };
    if (this.names) context.worker_name = row.worker_name.state === 'ok' ? detach(row.worker_name.value) : null;
    return context;
  }
}

/** The fields every finding has, from its row (an assignment or a starter), rule and outcome. */
function findingOf(
  id: string,
  rule: Pick<Rule | HeadHuntingRule, 'id' | 'kind' | 'severity'>,
  outcome: RuleResult['outcome'] | StarterRuleResult['outcome'],
  row: { file: string; line: number; laCode: string },
  assignmentId: string | null,
  swe: string,
  context: FindingContext,
): Finding {
  return {
    id,
    rule: rule.id,
    kind: rule.kind,
    severity: rule.severity,
    status: outcome.status,
    file: row.file,
    line: row.line,
    la_code: row.laCode,
    assignment_id: assignmentId,
    swe_number: swe,
    exemption: null,
    // flat: a template literal is a tree of string pieces, several times its size
    message: detach(outcome.message),
    details: outcome.details,
    context,
  };
}

/** A breach an exemption covers becomes exempted; one that cited exemptions which did not cover it says why. */
function withDecision(finding: Finding, decision: ExemptionDecision | null): Finding {
  if (decision?.exemption) {
    finding.status = 'exempted';
    finding.exemption = decision.exemption.id;
  } else if (decision && decision.notApplied.length > 0) {
    finding.details = { ...finding.details, exemption_not_applied: decision.notApplied };
  }
  return finding;
}
