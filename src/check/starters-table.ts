// The permanent starters register as a table kind (engagements.md §3, readings 12–18):
// data being checked, so its row-level issues are errors; rows are filtered by the
// period on their start date, checked for duplicates among the run's starters rows,
// run through the head_hunting rules and the exemptions, and counted like assignments.
import { detach } from '../detach.js';
import { REQUIRED_STARTER_COLUMNS, STARTER_COLUMNS, type StarterColumn } from '../input/columns.js';
import { readStarter, type Starter } from '../input/starters.js';
import type { Header } from '../input/table.js';
import { parseDate } from '../input/values.js';
import { starterOutOfPeriod, type Period } from '../period.js';
import { starterFieldsUsable } from '../rules/head_hunting.js';
import { starterDefinitionOf } from '../rules/index.js';
import type { CheckContext } from '../rules/rule.js';
import type { DataIssue, Exemption, HeadHuntingRule, Ruleset } from '../types.js';
import type { ExemptionApplication } from './apply-exemptions.js';
import { rulesWithColumns } from './evaluate.js';
import type { FindingFactory } from './findings.js';
import { warnIfNotInRegion } from './region.js';
import type { ReportBuilder } from './report-builder.js';
import type { TableKind } from './table.js';

/** A table kind for one starters file; `checked` counts its rows on which rules ran. */
export interface StartersFile extends TableKind {
  readonly checked: number;
  /** rows whose valid start_date is outside --period (not checked); 0 without a period */
  readonly outOfPeriod: number;
}

interface ActiveStarterRule {
  rule: HeadHuntingRule;
  needs: readonly StarterColumn[];
}

/** Where a starter's key was first seen, for the duplicate's message. */
interface SeenAt {
  file: string;
  line: number;
}

/**
 * Reading 13: the resolved council, the normalised SWE number (else the trimmed cell),
 * the date as a date (else the trimmed cell); null when one of them is blank (not checked).
 */
function keyOf(row: Starter): string | null {
  const { swe_number: swe, start_date: start } = row;
  if (row.laCode === '' || swe.state !== 'ok' && swe.state !== 'invalid' || start.state !== 'ok' && start.state !== 'invalid') return null;
  const date = start.state === 'ok' ? start.value : start.raw.trim();
  return `${row.laCode}\u001f${row.sweForReport}\u001f${date}`;
}

export class StarterChecks {
  /** key (keyOf) -> where first seen, across every starters file of the run */
  private readonly seen = new Map<string, SeenAt>();

  constructor(
    private readonly ruleset: Ruleset,
    private readonly ctx: CheckContext,
    private readonly exemptions: ExemptionApplication,
    private readonly findings: FindingFactory,
    private readonly report: ReportBuilder,
    private readonly period?: Period,
  ) {}

  file(): StartersFile {
    let checked = 0;
    let outOfPeriod = 0;
    /** codes already warned as council_not_in_region in this file */
    const outOfRegion = new Set<string>();
    return {
      kind: 'starters',
      what: 'starters register',
      columns: STARTER_COLUMNS,
      required: REQUIRED_STARTER_COLUMNS,
      identity: ['swe_number', 'start_date'],
      severity: 'error',
      get checked() {
        return checked;
      },
      get outOfPeriod() {
        return outOfPeriod;
      },
      start: (rowCtx, header) => {
        const active = this.activeRules(rowCtx.file, header, rowCtx.issues);
        const startAt = header.positions.get('start_date');
        const { period } = this;
        return (cells, line) => {
          // reading 12: only a valid start_date outside the period removes the row, before its own checks
          if (period && startAt !== undefined && starterOutOfPeriod(period, parseDate(cells[startAt]!))) {
            outOfPeriod++;
            return;
          }
          const row = readStarter(rowCtx, cells, line);
          const cited = this.exemptions.cited(row, rowCtx.issues);
          if (row.laCode !== '') warnIfNotInRegion(this.ctx.regionLas, row, rowCtx.issues, outOfRegion);
          const key = keyOf(row);
          if (key === null) return;
          const first = this.seen.get(key);
          if (first) {
            const where = first.file === row.file ? `line ${first.line}` : `line ${first.line} of ${first.file}`;
            rowCtx.issues.push({
              severity: 'error', code: 'duplicate_assignment', file: row.file, line, column: null,
              message: detach(`the same council (${row.laCode}), SWE number and start date as the starter at ${where}; this row is not checked`),
            });
            return;
          }
          this.seen.set(detach(key), { file: row.file, line });
          checked++;
          this.checkRow(row, cited, active);
        };
      },
    };
  }

  /** The starters rules a file can be checked against; column_missing_for_rule for the others (reading 15). */
  private activeRules(file: string, header: Header, issues: DataIssue[]): ActiveStarterRule[] {
    return rulesWithColumns(this.ruleset.starterRules, (rule) => starterDefinitionOf(rule).needs(rule), file, header, issues);
  }

  private checkRow(row: Starter, cited: readonly Exemption[], active: readonly ActiveStarterRule[]): void {
    const breachedRules: string[] = [];
    for (const { rule, needs } of active) {
      if (!starterFieldsUsable(row, needs)) continue;
      const outcome = starterDefinitionOf(rule).check(rule, row, this.ctx);
      if (outcome.status === 'compliant') continue;
      const decision = outcome.status === 'breach' ? this.exemptions.decideStarter(rule, row, cited) : null;
      if (decision && !decision.exemption) breachedRules.push(rule.id);
      this.report.addFinding(this.findings.makeStarter(row, { rule, outcome }, decision));
    }
    this.exemptions.countCitations(cited, breachedRules);
  }
}
