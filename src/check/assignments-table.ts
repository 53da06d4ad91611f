// The assignments export as a table kind (engagements.md §1): each row is read,
// checked for duplicates, evaluated, its breaches run past the exemptions, and the
// results handed to the report builder.
import { detach } from '../detach.js';
import { ASSIGNMENT_COLUMNS, REQUIRED_ASSIGNMENT_COLUMNS } from '../input/columns.js';
import { assignmentPlan, readAssignment, type Assignment } from '../input/assignments.js';
import { parseDate } from '../input/values.js';
import { assignmentOutOfPeriod, type Period } from '../period.js';
import type { CheckContext } from '../rules/rule.js';
import type { AssignmentPoint, DataIssue, Finding, Ruleset } from '../types.js';
import type { ExemptionApplication } from './apply-exemptions.js';
import { activeRulesFor, evaluateRow, type ActiveRule } from './evaluate.js';
import type { FindingFactory } from './findings.js';
import type { ReportBuilder } from './report-builder.js';
import { warnIfNotInRegion } from './region.js';
import type { TableKind } from './table.js';

function dateCell(cells: string[], at: number | undefined): string | null {
  return at === undefined ? null : parseDate(cells[at]!);
}

/** Reading 11: an invalid or blank date (null) never removes the row; an end before its start still counts. */
function outsidePeriod(period: Period, cells: string[], startAt: number | undefined, endAt: number | undefined): boolean {
  return assignmentOutOfPeriod(period, dateCell(cells, startAt), dateCell(cells, endAt));
}

/** A table kind for one assignments file; `checked` counts its rows on which rules ran. */
export interface AssignmentsFile extends TableKind {
  readonly checked: number;
  /** rows outside --period (not checked); 0 without a period */
  readonly outOfPeriod: number;
}

/** Sees each checked row after its findings are made (the data return builds its sheets from these). */
export interface CheckedRowSink {
  row(row: Assignment, activeRules: readonly ActiveRule[], findings: readonly Finding[]): void;
}

/** A pqe_months column with at least this many values, all under PQE_YEARS_BELOW, looks like years. */
export const PQE_YEARS_MIN_VALUES = 5;
export const PQE_YEARS_BELOW = 12;

/**
 * Issue 15 item 12: a file whose every pqe_months value is under 12 (five values at
 * least) was almost surely exported in years ("PQE (Yrs)"), and would give a PQE
 * breach on every row. Said once per file; the rows are checked as they are.
 */
export function pqeLooksLikeYears(file: string, values: number, largest: number): DataIssue | null {
  if (values < PQE_YEARS_MIN_VALUES || largest >= PQE_YEARS_BELOW) return null;
  return {
    severity: 'warning', code: 'pqe_looks_like_years', file, line: null, column: 'pqe_months',
    message: detach(
      `every pqe_months value in this file is under ${PQE_YEARS_BELOW} (${values} values, the largest ${largest}): they look like years, not months; ` +
        'if the export gives years, read it with a profile that says units: {pqe_months: years} (docs/profiles.md); the rows were checked as months',
    ),
  };
}

export class AssignmentChecks {
  /** council code -> assignment ids seen in the run (for duplicate_assignment) */
  private readonly seen = new Map<string, Set<string>>();

  constructor(
    private readonly ruleset: Ruleset,
    private readonly ctx: CheckContext,
    private readonly exemptions: ExemptionApplication,
    private readonly findings: FindingFactory,
    private readonly report: ReportBuilder,
    private readonly period?: Period,
    private readonly sink?: CheckedRowSink,
  ) {}

  file(): AssignmentsFile {
    let checked = 0;
    let outOfPeriod = 0;
    /** codes already warned as council_not_in_region in this file */
    const outOfRegion = new Set<string>();
    const pqe = { file: '', values: 0, largest: 0 };
    return {
      kind: 'assignments',
      what: 'assignments file',
      columns: ASSIGNMENT_COLUMNS,
      required: REQUIRED_ASSIGNMENT_COLUMNS,
      identity: ['assignment_id', 'swe_number', 'start_date'],
      severity: 'error',
      get checked() {
        return checked;
      },
      get outOfPeriod() {
        return outOfPeriod;
      },
      finish: (issues) => {
        const issue = pqeLooksLikeYears(pqe.file, pqe.values, pqe.largest);
        if (issue) issues.push(issue);
      },
      start: (rowCtx, header) => {
        pqe.file = rowCtx.file;
        const activeRules = activeRulesFor(this.ruleset, rowCtx.file, header, rowCtx.issues);
        const startAt = header.positions.get('start_date');
        const endAt = header.positions.get('end_date');
        const { period } = this;
        const plan = assignmentPlan(rowCtx.positions);
        return (cells, line) => {
          // Before the row's own checks (rules.md): an out-of-period row gets no finding,
          // no row-level issue and is not seen for duplicates. Only its dates are read.
          if (period && outsidePeriod(period, cells, startAt, endAt)) {
            outOfPeriod++;
            return;
          }
          const row = readAssignment(rowCtx, cells, line, plan);
          if (row.pqe_months.state === 'ok') {
            pqe.values++;
            if (row.pqe_months.value > pqe.largest) pqe.largest = row.pqe_months.value;
          }
          const cited = this.exemptions.cited(row, rowCtx.issues);
          if (row.laCode !== '') warnIfNotInRegion(this.ctx.regionLas, row, rowCtx.issues, outOfRegion);
          if (row.laCode === '' || row.assignmentId === '') return;
          let seenAtCouncil = this.seen.get(row.laCode);
          if (!seenAtCouncil) this.seen.set(detach(row.laCode), (seenAtCouncil = new Set()));
          // one lookup: the set grows unless the id was seen before
          const before = seenAtCouncil.size;
          seenAtCouncil.add(detach(row.assignmentId));
          if (seenAtCouncil.size === before) {
            rowCtx.issues.push({
              severity: 'error', code: 'duplicate_assignment', file: row.file, line, column: 'assignment_id',
              value: row.assignment_id.state === 'ok' ? detach(row.assignment_id.raw) : undefined,
              message: detach(`assignment ${row.assignmentId} at ${row.laCode} appears earlier in the run; this row is not checked`),
            });
            return;
          }
          checked++;
          this.report.countCouncil(row);
          this.checkRow(row, cited, activeRules);
        };
      },
    };
  }

  private checkRow(row: Assignment, cited: ReturnType<ExemptionApplication['cited']>, activeRules: readonly ActiveRule[]): void {
    const breachedRules: string[] = [];
    let pointStatus: AssignmentPoint['status'] = 'compliant';
    const rowFindings: Finding[] | null = this.sink ? [] : null;
    for (const result of evaluateRow(row, activeRules, this.ctx)) {
      const { rule } = result;
      const decision = result.outcome.status === 'breach' ? this.exemptions.decide(rule, row, cited) : null;
      if (decision && !decision.exemption) breachedRules.push(rule.id);
      const finding = this.findings.make(row, result, decision);
      this.report.addFinding(finding);
      rowFindings?.push(finding);
      if (rule.kind === 'pay_cap' && rule.basis === this.report.pointBasis && pointStatus === 'compliant') pointStatus = finding.status;
    }
    if (this.report.withPoints) {
      const rate = row[this.report.pointBasis];
      this.report.addPoint({
        file: row.file, line: row.line, la_code: row.laCode,
        role: row.role.state === 'ok' ? row.role.value : null,
        basis: this.report.pointBasis,
        rate: rate.state === 'ok' ? rate.value.amount : null,
        start_date: row.start_date.state === 'ok' ? row.start_date.value : null,
        status: pointStatus,
      });
    }
    this.exemptions.countCitations(cited, breachedRules);
    if (rowFindings) this.sink!.row(row, activeRules, rowFindings);
  }
}
