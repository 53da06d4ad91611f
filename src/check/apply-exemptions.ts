// Applying the ruleset's exemptions to a row's breaches (rules.md "Exemptions"), and
// the per-exemption tallies of report.md (applied, cited, cited_not_covering).
import { detach } from '../detach.js';
import { decideExemption, decideStarterExemption, exemptionStatus, type ExemptionDecision } from '../exemptions.js';
import type { Assignment } from '../input/assignments.js';
import type { Starter } from '../input/starters.js';
import type { DataIssue, Exemption, ExemptionTally, HeadHuntingRule, IsoDate, Rule } from '../types.js';

/** What citing reads of a row: an assignment or a starters row (reading 18). */
type CitingRow = Pick<Assignment, 'citedIds' | 'file' | 'line' | 'exemption_ref'>;

/** Most rows cite nothing: one shared empty list for them. */
const NONE_CITED: readonly Exemption[] = Object.freeze([]);

export class ExemptionApplication {
  private readonly byId: Map<string, Exemption>;
  private readonly applied = new Map<Exemption, number>();
  private readonly citedCount = new Map<Exemption, number>();
  private readonly citedNotCovering = new Map<Exemption, number>();

  constructor(
    private readonly exemptions: readonly Exemption[],
    private readonly asOf: IsoDate,
  ) {
    this.byId = new Map(exemptions.map((ex) => [ex.id.toLowerCase(), ex]));
  }

  /** The row's cited exemptions that the ruleset defines; an unknown_exemption warning for each one it does not. */
  cited(row: CitingRow, issues: DataIssue[]): readonly Exemption[] {
    if (row.citedIds.length === 0) return NONE_CITED;
    const cited: Exemption[] = [];
    for (const id of row.citedIds) {
      const ex = this.byId.get(id.toLowerCase());
      if (ex) cited.push(ex);
      else {
        issues.push({
          severity: 'warning', code: 'unknown_exemption', file: row.file, line: row.line, column: 'exemption_ref',
          value: row.exemption_ref.state === 'ok' ? detach(row.exemption_ref.raw) : undefined,
          message: detach(`exemption "${id}" is cited but the ruleset defines no exemption with that id`),
        });
      }
    }
    return cited;
  }

  /** Whether an exemption covers this breach (and counts it as applied when one does). */
  decide(rule: Rule, row: Assignment, cited: readonly Exemption[]): ExemptionDecision {
    const decision = decideExemption(this.exemptions, cited, rule, row, this.asOf);
    if (decision.exemption) bump(this.applied, decision.exemption);
    return decision;
  }

  /** The same for a head_hunting breach on a starters row (never lapses, no max_rate). */
  decideStarter(rule: HeadHuntingRule, row: Starter, cited: readonly Exemption[]): ExemptionDecision {
    const decision = decideStarterExemption(this.exemptions, cited, rule.id, row);
    if (decision.exemption) bump(this.applied, decision.exemption);
    return decision;
  }

  /** After a checked row: its citations, and those that left a breach of a rule they list. */
  countCitations(cited: readonly Exemption[], breachedRules: readonly string[]): void {
    for (const ex of cited) {
      bump(this.citedCount, ex);
      if (breachedRules.some((id) => ex.rules.includes(id))) bump(this.citedNotCovering, ex);
    }
  }

  tallies(): ExemptionTally[] {
    return this.exemptions.map((ex) => ({
      id: ex.id,
      status: exemptionStatus(ex, this.asOf),
      applied: this.applied.get(ex) ?? 0,
      cited: this.citedCount.get(ex) ?? 0,
      cited_not_covering: this.citedNotCovering.get(ex) ?? 0,
    }));
  }
}

function bump(map: Map<Exemption, number>, ex: Exemption): void {
  map.set(ex, (map.get(ex) ?? 0) + 1);
}
