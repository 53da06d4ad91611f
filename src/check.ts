// The checking core: read -> normalise -> evaluate -> apply exemptions -> report.
// Pure apart from reading the input files; the CLI formats and writes the result.
import { createHash } from 'node:crypto';
import { detach } from './detach.js';
import { decideExemption, exemptionStatus } from './exemptions.js';
import { ASSIGNMENT_SPEC, readAssignment, REQUIRED_ASSIGNMENT_COLUMNS, type Assignment } from './input/assignments.js';
import { addLeaver, readLeaver, REQUIRED_LEAVER_COLUMNS, type LeaversIndex } from './input/leavers.js';
import type { Field, RowContext } from './input/row.js';
import { drain } from './input/file.js';
import { buildHeaderIndex, readTableSteps, type Header, type TableReadResult } from './input/table.js';
import { buildRoleIndex } from './ruleset/names.js';
import { definitionOf } from './rules/index.js';
import type { CheckContext } from './rules/rule.js';
import {
  ASSIGNMENT_COLUMNS, LEAVER_COLUMNS,
  type AssignmentColumn, type AssignmentPoint, type CouncilSummary, type DataIssue, type Exemption, type Finding,
  type FindingContext,
  type InputSummary, type IsoDate, type PayCapRule, type Report, type Rule, type Ruleset,
} from './types.js';
import { TOOL_VERSION } from './version.js';

export interface CheckOptions {
  ruleset: Ruleset;
  /** assignment files, as named on the command line */
  files: string[];
  leavers: string[];
  asOf: IsoDate;
  /** put worker names into findings' context (personal data: only when asked) */
  names?: boolean;
  /** also record one AssignmentPoint per checked row in report.assignments (HTML report) */
  points?: boolean;
}

/** The stable fingerprint of report.md: the same breach next month has the same id. */
export function findingId(rulesetId: string, rule: string, laCode: string, assignmentId: string): string {
  return createHash('sha256').update(`${rulesetId}\u001f${rule}\u001f${laCode}\u001f${assignmentId}`, 'utf8').digest('hex').substring(0, 12);
}

const UNREADABLE_MESSAGES = {
  utf16: 'the file is saved as UTF-16 ("Unicode text"); save it from Excel as "CSV UTF-8 (Comma delimited)"',
  workbook: 'this is an Excel workbook, not a CSV file; save it from Excel as "CSV UTF-8 (Comma delimited)"',
  nul_byte: 'the file holds NUL bytes, so it is not a plain CSV file; save it from Excel as "CSV UTF-8 (Comma delimited)"',
} as const;

function fileIssues(file: string, read: TableReadResult, missingColumnIssued: boolean): DataIssue[] {
  const issues: DataIssue[] = [];
  const unreadable = (line: number | null, message: string): DataIssue => ({
    severity: 'error', code: 'unreadable_file', file, line, column: null, message,
  });
  if (read.failure) {
    const message = read.failure.kind === 'cannot_open' ? `cannot read the file: ${read.failure.message}` : UNREADABLE_MESSAGES[read.failure.kind];
    issues.push(unreadable(null, message));
  } else if (missingColumnIssued) {
    // a file missing a required column gets no other issue
  } else if (read.malformed) {
    const what = read.malformed.reason === 'unclosed_quote'
      ? 'a quoted field is never closed (a " without its closing ")'
      : 'there is text straight after a closing quote (a stray " in a quoted field?)';
    const from = read.header ? 'this record and everything after it were not checked' : 'no header could be read';
    issues.push(unreadable(read.malformed.line, `the file is malformed at line ${read.malformed.line}: ${what}; ${from}`));
  } else if (!read.header) {
    issues.push(unreadable(null, 'the file is empty or holds only blank lines'));
  }
  return issues;
}

function missingColumns(header: Header, required: readonly string[]): string[] {
  return required.filter((c) => !header.positions.has(c));
}

class Tallies {
  readonly applied = new Map<Exemption, number>();
  readonly cited = new Map<Exemption, number>();
  readonly citedNotCovering = new Map<Exemption, number>();
  bump(map: Map<Exemption, number>, ex: Exemption): void {
    map.set(ex, (map.get(ex) ?? 0) + 1);
  }
}

export function runCheck(opts: CheckOptions): Report {
  return drain(checkSteps(opts));
}

/** Thrown by runCheckAsync when its signal aborts the run. */
export class CheckInterrupted extends Error {}

/**
 * The same check, giving the event loop a turn after every 1 MB chunk so that a
 * signal (Ctrl-C) can stop it cleanly: the CLI aborts `signal` and says so.
 */
export async function runCheckAsync(opts: CheckOptions, signal?: AbortSignal): Promise<Report> {
  const steps = checkSteps(opts);
  for (;;) {
    if (signal?.aborted) {
      steps.return(undefined as never); // closes the open file
      throw new CheckInterrupted('the check was interrupted');
    }
    const next = steps.next();
    if (next.done) return next.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* checkSteps(opts: CheckOptions): Generator<void, Report> {
  const run = new CheckRun(opts);
  // Leavers first: the cooling-off rule looks rows up in them.
  for (const file of opts.leavers) yield* run.readLeavers(file);
  for (const file of opts.files) yield* run.checkFile(file);
  return run.report();
}

interface ActiveRule {
  rule: Rule;
  needs: AssignmentColumn[];
}

/** Appends without spreading: a file can hold more issues than a call has arguments. */
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** The state of one run across its files. */
class CheckRun {
  private readonly ruleset: Ruleset;
  private readonly roleIndex: Map<string, string>;
  private readonly exemptionsById: Map<string, Exemption>;
  private readonly leavers: LeaversIndex = new Map();
  private readonly ctx: CheckContext;
  /** council code -> assignment ids seen in the run (for duplicate_assignment) */
  private readonly seen = new Map<string, Set<string>>();
  private readonly councils = new Map<string, CouncilSummary>();
  private readonly tallies = new Tallies();
  private readonly findings: Finding[] = [];
  private readonly assignmentInputs: InputSummary[] = [];
  private readonly assignmentIssues: DataIssue[] = [];
  private readonly leaverInputs: InputSummary[] = [];
  private readonly leaverIssues: DataIssue[] = [];
  /** the HTML report's pay-rate points (opts.points): the first pay_cap rule's basis, else the pay rate */
  private readonly pointBasis: PayCapRule['basis'];
  private readonly points: AssignmentPoint[] = [];
  private totalRows = 0;
  private totalChecked = 0;

  constructor(private readonly opts: CheckOptions) {
    this.ruleset = opts.ruleset;
    this.roleIndex = buildRoleIndex(opts.ruleset.roles);
    this.exemptionsById = new Map(opts.ruleset.exemptions.map((ex) => [ex.id.toLowerCase(), ex]));
    this.ctx = {
      ruleset: opts.ruleset,
      leavers: this.leavers,
      regionLas: new Set(opts.ruleset.region.las.keys()),
      roleLabels: new Map(opts.ruleset.roles.map((r) => [r.key, r.label])),
    };
    const payCap = opts.ruleset.rules.find((r): r is PayCapRule => r.kind === 'pay_cap');
    this.pointBasis = payCap?.basis ?? 'hourly_pay_rate';
  }

  *readLeavers(file: string): Generator<void, void> {
    const issues: DataIssue[] = [];
    let rows = 0;
    let missingColumnIssued = false;
    const rowCtx: RowContext = { file, severity: 'warning', roleIndex: this.roleIndex, positions: new Map(), issues };
    const read = yield* readTableSteps(file, buildHeaderIndex(LEAVER_COLUMNS, this.ruleset.columns), {
      header: (header) => {
        const missing = missingColumns(header, REQUIRED_LEAVER_COLUMNS);
        if (missing.length > 0) {
          missingColumnIssued = true;
          issues.push(missingColumnIssue(file, missing, 'leavers register'));
          return false;
        }
        rowCtx.positions = header.positions;
        return true;
      },
      row: (cells, line) => {
        rows++;
        const leaver = readLeaver(rowCtx, cells, line);
        if (leaver) addLeaver(this.leavers, leaver.swe, leaver.event);
      },
      ragged: (line, extra) => {
        rows++;
        issues.push(raggedIssue(file, line, extra, 'warning'));
      },
    });
    appendAll(issues, fileIssues(file, read, missingColumnIssued));
    appendAll(this.leaverIssues, issues);
    this.leaverInputs.push({ file, kind: 'leavers', sha256: read.sha256, rows });
  }

  *checkFile(file: string): Generator<void, void> {
    const issues: DataIssue[] = [];
    let rows = 0;
    let checked = 0;
    let missingColumnIssued = false;
    let activeRules: ActiveRule[] = [];
    const rowCtx: RowContext = { file, severity: 'error', roleIndex: this.roleIndex, positions: new Map(), issues };

    const read = yield* readTableSteps(file, buildHeaderIndex(ASSIGNMENT_COLUMNS, this.ruleset.columns), {
      header: (header) => {
        const missing = missingColumns(header, REQUIRED_ASSIGNMENT_COLUMNS);
        if (missing.length > 0) {
          missingColumnIssued = true;
          issues.push(missingColumnIssue(file, missing, 'assignments file'));
          return false;
        }
        rowCtx.positions = header.positions;
        activeRules = this.rulesForHeader(file, header, issues);
        return true;
      },
      row: (cells, line) => {
        rows++;
        const row = readAssignment(rowCtx, cells, line);
        const cited = citedExemptions(row, this.exemptionsById, rowCtx);
        if (row.laCode === '' || row.assignmentId === '') return;
        let seenAtCouncil = this.seen.get(row.laCode);
        if (!seenAtCouncil) this.seen.set(detach(row.laCode), (seenAtCouncil = new Set()));
        if (seenAtCouncil.has(row.assignmentId)) {
          issues.push({
            severity: 'error', code: 'duplicate_assignment', file, line, column: 'assignment_id',
            value: row.assignment_id.state === 'ok' ? detach(row.assignment_id.raw) : undefined,
            message: detach(`assignment ${row.assignmentId} at ${row.laCode} appears earlier in the run; this row is not checked`),
          });
          return;
        }
        seenAtCouncil.add(detach(row.assignmentId));
        checked++;
        this.countCouncil(row);
        this.evaluateRow(row, cited, activeRules);
      },
      ragged: (line, extra) => {
        rows++;
        issues.push(raggedIssue(file, line, extra, 'error'));
      },
    });

    appendAll(issues, fileIssues(file, read, missingColumnIssued));
    appendAll(this.assignmentIssues, issues);
    this.assignmentInputs.push({ file, kind: 'assignments', sha256: read.sha256, rows: missingColumnIssued ? 0 : rows, checked });
    if (!missingColumnIssued) this.totalRows += rows;
    this.totalChecked += checked;
  }

  /** The rules this file can be checked against; a warning for each rule whose columns are absent. */
  private rulesForHeader(file: string, header: Header, issues: DataIssue[]): ActiveRule[] {
    const active: ActiveRule[] = [];
    for (const rule of this.ruleset.rules) {
      const needs = definitionOf(rule).needs(rule);
      const absent = needs.filter((c) => !header.positions.has(c));
      if (absent.length === 0) {
        active.push({ rule, needs });
        continue;
      }
      issues.push({
        severity: 'warning', code: 'column_missing_for_rule', file, line: null, column: null, columns: absent, rule: rule.id,
        message: `rule ${rule.id} is not checked in this file: it needs the column${absent.length === 1 ? '' : 's'} ${absent.join(', ')}`,
      });
    }
    return active;
  }

  private countCouncil(row: Assignment): void {
    const council = this.councils.get(row.laCode);
    const ownName = row.la_name.state === 'ok' ? detach(row.la_name.value) : null;
    if (council) {
      council.checked++;
      if (council.la_name === null) council.la_name = ownName;
    } else {
      this.councils.set(row.laCode, { la_code: row.laCode, la_name: this.ruleset.region.las.get(row.laCode) ?? ownName, checked: 1 });
    }
  }

  private evaluateRow(row: Assignment, cited: Exemption[], activeRules: readonly ActiveRule[]): void {
    const { ruleset, opts } = this;
    const breachedRules: string[] = [];
    let pointStatus: AssignmentPoint['status'] = 'compliant';
    for (const { rule, needs } of activeRules) {
      if (!fieldsUsable(row, needs)) continue;
      const outcome = definitionOf(rule).check(rule, row, this.ctx);
      if (outcome.status === 'compliant') continue;
      const finding: Finding = {
        id: findingId(ruleset.id, rule.id, row.laCode, row.assignmentId),
        rule: rule.id,
        kind: rule.kind,
        severity: rule.severity,
        status: outcome.status,
        file: row.file,
        line: row.line,
        la_code: row.laCode,
        assignment_id: detach(row.assignmentId),
        swe_number: detach(row.sweForReport),
        exemption: null,
        // flat: a template literal is a tree of string pieces, several times its size
        message: detach(outcome.message),
        details: outcome.details,
        context: this.contextOf(row),
      };
      if (outcome.status === 'breach') {
        const decision = decideExemption(ruleset.exemptions, cited, rule, row, opts.asOf);
        if (decision.exemption) {
          finding.status = 'exempted';
          finding.exemption = decision.exemption.id;
          this.tallies.bump(this.tallies.applied, decision.exemption);
        } else {
          breachedRules.push(rule.id);
          if (decision.notApplied.length > 0) finding.details = { ...finding.details, exemption_not_applied: decision.notApplied };
        }
      }
      this.findings.push(finding);
      if (rule.kind === 'pay_cap' && rule.basis === this.pointBasis && pointStatus === 'compliant') pointStatus = finding.status;
    }
    if (opts.points) {
      const rate = row[this.pointBasis];
      this.points.push({
        file: row.file, line: row.line, la_code: row.laCode,
        role: row.role.state === 'ok' ? row.role.value : null,
        basis: this.pointBasis,
        rate: rate.state === 'ok' ? rate.value.amount : null,
        start_date: row.start_date.state === 'ok' ? row.start_date.value : null,
        status: pointStatus,
      });
    }
    for (const ex of cited) {
      this.tallies.bump(this.tallies.cited, ex);
      if (breachedRules.some((id) => ex.rules.includes(id))) this.tallies.bump(this.tallies.citedNotCovering, ex);
    }
  }

  /** Agency, team and council names repeat across findings: one shared copy of each. */
  private readonly interned = new Map<string, string>();

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
    if (this.opts.names === true) context.worker_name = row.worker_name.state === 'ok' ? detach(row.worker_name.value) : null;
    return context;
  }

  report(): Report {
    const { ruleset, opts, tallies } = this;
    // As in report.md's example: assignment files first, then the registers (which
    // were read first because the cooling-off rule looks rows up in them).
    const inputs = [...this.assignmentInputs, ...this.leaverInputs];
    const issues = this.assignmentIssues;
    appendAll(issues, this.leaverIssues);
    let breaches = 0;
    let exempted = 0;
    let unknown = 0;
    for (const f of this.findings) {
      if (f.status === 'breach') breaches++;
      else if (f.status === 'exempted') exempted++;
      else unknown++;
    }
    let dataErrors = 0;
    for (const issue of issues) if (issue.severity === 'error') dataErrors++;
    return {
      format: 'moc-report/v1',
      tool: { name: 'moc-check', version: TOOL_VERSION },
      as_of: opts.asOf,
      ruleset: { id: ruleset.id, version: ruleset.version, status: ruleset.status, sha256: ruleset.sha256 },
      inputs,
      findings: this.findings,
      data_issues: issues,
      exemptions: ruleset.exemptions.map((ex) => ({
        id: ex.id,
        status: exemptionStatus(ex, opts.asOf),
        applied: tallies.applied.get(ex) ?? 0,
        cited: tallies.cited.get(ex) ?? 0,
        cited_not_covering: tallies.citedNotCovering.get(ex) ?? 0,
      })),
      summary: {
        rows: this.totalRows,
        checked: this.totalChecked,
        breaches,
        exempted,
        unknown,
        data_errors: dataErrors,
        data_warnings: issues.length - dataErrors,
      },
      councils: [...this.councils.values()],
      ...(opts.points ? { assignments: this.points } : {}),
    };
  }
}

/** Every needed field is valid, and every needed required field is filled in (rules.md "What a rule needs"). */
function fieldsUsable(row: Assignment, needs: readonly AssignmentColumn[]): boolean {
  for (const column of needs) {
    const field = row[column];
    if (field.state === 'invalid' || field.state === 'absent') return false;
    if (field.state === 'blank' && ASSIGNMENT_SPEC[column].required) return false;
  }
  return true;
}

/** The row's cited exemptions that the ruleset defines; an unknown_exemption warning for each one it does not. */
function citedExemptions(row: Assignment, byId: Map<string, Exemption>, ctx: RowContext): Exemption[] {
  const cited: Exemption[] = [];
  for (const id of row.citedIds) {
    const ex = byId.get(id.toLowerCase());
    if (ex) cited.push(ex);
    else {
      ctx.issues.push({
        severity: 'warning', code: 'unknown_exemption', file: row.file, line: row.line, column: 'exemption_ref',
        value: row.exemption_ref.state === 'ok' ? detach(row.exemption_ref.raw) : undefined,
        message: detach(`exemption "${id}" is cited but the ruleset defines no exemption with that id`),
      });
    }
  }
  return cited;
}

function missingColumnIssue(file: string, missing: string[], what: string): DataIssue {
  return {
    severity: 'error', code: 'missing_column', file, line: null, column: null, columns: missing,
    message: `the ${what} lacks the required column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; the file is not checked`,
  };
}

function raggedIssue(file: string, line: number, extra: string, severity: 'error' | 'warning'): DataIssue {
  return {
    severity, code: 'ragged_row', file, line, column: null, value: detach(extra),
    message: 'the row has more cells than the header (often an unquoted comma in a value); the row is not checked',
  };
}
