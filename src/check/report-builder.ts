// Collects what a run produces and builds the report (report.md): inputs, findings,
// data issues, councils, the HTML points, and the summary's tallies.
import { detach } from '../detach.js';
import type { Assignment } from '../input/assignments.js';
import { PayPointsTally } from '../report/pay-points.js';
import type {
  AssignmentPoint, CouncilSummary, DataIssue, ExemptionTally, Finding, InputSummary, IsoDate, PayCapRule, Report, Ruleset,
} from '../types.js';
import type { Period } from '../period.js';
import { TOOL_VERSION } from '../version.js';
import { ItemSpool } from './spool.js';
import type { TableOutcome } from './table.js';

type InputKind = InputSummary['kind'];

/**
 * The order of report.md's example: assignment files first, then the starters
 * registers (data being checked, read after the assignments), then the leavers
 * registers (read first because the cooling-off rule looks rows up in them).
 */
const INPUT_ORDER: readonly InputKind[] = ['assignments', 'starters', 'leavers'];

export class ReportBuilder {
  private readonly inputs = new Map<InputKind, InputSummary[]>(INPUT_ORDER.map((kind) => [kind, []]));
  /** the leavers registers' issues; the assignment and starters files' go straight to the spool, being read in report order */
  private readonly registerIssues: DataIssue[] = [];
  private readonly issues: ItemSpool<DataIssue>;
  private readonly findings: ItemSpool<Finding>;
  private breaches = 0;
  private exempted = 0;
  private unknown = 0;
  private dataErrors = 0;
  private readonly councils = new Map<string, CouncilSummary>();
  /** the HTML pay chart's points, counted by rate beyond the few it draws one by one */
  private readonly points: PayPointsTally | null;
  /** the rate the pay chart's points are on: the first pay_cap rule's basis, else the pay rate */
  readonly pointBasis: PayCapRule['basis'];
  private totalRows = 0;
  private totalChecked = 0;
  private totalOutOfPeriod = 0;

  constructor(
    private readonly ruleset: Ruleset,
    private readonly asOf: IsoDate,
    /** also report one AssignmentPoint per checked row (the HTML report) */
    readonly withPoints: boolean,
    /** --period: the report then gives `period` and the out-of-period counts (report.md v1.1) */
    private readonly period?: Period,
    /** findings (and, separately, data issues) kept in memory before spilling to a temporary file */
    spoolLimit?: number,
  ) {
    // the chart draws the first pay-cap rule's caps, on its basis (AssignmentChecks records the points on it)
    const payCap = ruleset.rules.find((r): r is PayCapRule => r.kind === 'pay_cap');
    this.pointBasis = payCap?.basis ?? 'hourly_pay_rate';
    this.points = withPoints ? new PayPointsTally(this.pointBasis, payCap) : null;
    this.findings = new ItemSpool<Finding>(spoolLimit);
    this.issues = new ItemSpool<DataIssue>(spoolLimit);
  }

  /** One file read; `checked` for the kinds whose rows are checked (assignments, starters). */
  addTable(kind: InputKind, outcome: TableOutcome, checked?: number, outOfPeriod = 0): void {
    const input: InputSummary = { file: outcome.file, kind, sha256: outcome.sha256, rows: outcome.rows };
    if (checked !== undefined) {
      input.checked = checked;
      if (this.period) {
        input.out_of_period = outOfPeriod;
        this.totalOutOfPeriod += outOfPeriod;
      }
      this.totalRows += outcome.rows;
      this.totalChecked += checked;
    }
    if (outcome.sheet !== undefined) input.sheet = outcome.sheet;
    if (outcome.hiddenSheets && outcome.hiddenSheets.length > 0) input.sheets_hidden_before = outcome.hiddenSheets;
    if (outcome.skippedAboveHeader > 0) input.skipped_above_header = outcome.skippedAboveHeader;
    if (outcome.councilsRead.length > 0) input.councils_read = outcome.councilsRead;
    if (outcome.profile !== null) input.profile = outcome.profile;
    this.inputs.get(kind)!.push(input);
    this.addIssues(kind, outcome.issues);
  }

  /** Data issues of a file of `kind`, in the order found (also called while a file is read). */
  addIssues(kind: InputKind, issues: readonly DataIssue[]): void {
    const target = kind === 'leavers' ? this.registerIssues : this.issues;
    for (const issue of issues) {
      if (issue.severity === 'error') this.dataErrors++;
      target.push(issue);
    }
  }

  addFinding(finding: Finding): void {
    if (finding.status === 'breach') this.breaches++;
    else if (finding.status === 'exempted') this.exempted++;
    else this.unknown++;
    this.findings.push(finding);
  }

  /** A checked row, for the per-council counts. */
  countCouncil(row: Assignment): void {
    const council = this.councils.get(row.laCode);
    // the name is copied only when kept: once per council, not once per row
    const ownName = (): string | null => (row.la_name.state === 'ok' ? detach(row.la_name.value) : null);
    if (council) {
      council.checked++;
      if (council.la_name === null) council.la_name = ownName();
    } else {
      this.councils.set(row.laCode, { la_code: row.laCode, la_name: this.ruleset.region.las.get(row.laCode) ?? ownName(), checked: 1 });
    }
  }

  addPoint(point: AssignmentPoint): void {
    this.points?.add(point);
  }

  build(exemptions: ExemptionTally[]): Report {
    const { ruleset } = this;
    const inputs: InputSummary[] = [];
    for (const kind of INPUT_ORDER) for (const input of this.inputs.get(kind)!) inputs.push(input);
    for (const issue of this.registerIssues) this.issues.push(issue);
    this.registerIssues.length = 0;
    const issueCount = this.issues.length;
    return {
      format: 'moc-report/v1',
      tool: { name: 'moc-check', version: TOOL_VERSION },
      as_of: this.asOf,
      ...(this.period ? { period: { from: this.period.from, to: this.period.to } } : {}),
      ruleset: { id: ruleset.id, version: ruleset.version, status: ruleset.status, sha256: ruleset.sha256 },
      inputs,
      findings: this.findings.items(),
      data_issues: this.issues.items(),
      exemptions,
      summary: {
        rows: this.totalRows,
        checked: this.totalChecked,
        breaches: this.breaches,
        exempted: this.exempted,
        unknown: this.unknown,
        data_errors: this.dataErrors,
        data_warnings: issueCount - this.dataErrors,
        ...(this.period ? { out_of_period: this.totalOutOfPeriod } : {}),
      },
      councils: [...this.councils.values()],
      ...(this.points ? { assignments: this.points.result() } : {}),
    };
  }
}
