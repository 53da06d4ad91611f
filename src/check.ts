// The checking core: read -> normalise -> evaluate -> apply exemptions -> report.
// Pure apart from reading the input files; the CLI formats and writes the result.
import { createHash } from 'node:crypto';
import { detach } from './detach.js';
import { decideExemption, exemptionStatus } from './exemptions.js';
import { readAssignment, type Assignment } from './input/assignments.js';
import { addLeaver, readLeaver, type LeaversIndex } from './input/leavers.js';
import type { RowContext } from './input/row.js';
import { buildHeaderIndex, readTable, type Header, type TableReadResult } from './input/table.js';
import { buildRoleIndex } from './ruleset/names.js';
import { definitionOf } from './rules/index.js';
import type { CheckContext } from './rules/rule.js';
import {
  ASSIGNMENT_COLUMNS, LEAVER_COLUMNS, REQUIRED_ASSIGNMENT_COLUMNS, REQUIRED_LEAVER_COLUMNS,
  type AssignmentColumn, type AssignmentPoint, type CouncilSummary, type DataIssue, type Exemption, type ExemptionTally, type Finding,
  type InputSummary, type IsoDate, type Report, type Rule, type Ruleset,
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

/** A row and what was found on it, for reporters that need more than the JSON fields. */
export function findingId(rulesetId: string, rule: string, laCode: string, assignmentId: string): string {
  return createHash('sha256').update(`${rulesetId}\u001f${rule}\u001f${laCode}\u001f${assignmentId}`, 'utf8').digest('hex').slice(0, 12);
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
  const { ruleset, asOf } = opts;
  const roleIndex = buildRoleIndex(ruleset.roles);
  const exemptionsById = new Map(ruleset.exemptions.map((ex) => [ex.id.toLowerCase(), ex]));
  const inputs: InputSummary[] = [];
  const leaverInputs: InputSummary[] = [];
  const leaverIssues: DataIssue[] = [];
  const findings: Finding[] = [];
  const issues: DataIssue[] = [];
  const tallies = new Tallies();
  // Points (opts.points): the first pay_cap rule's basis, else the pay rate.
  const pointBasis = ruleset.rules.find((r) => r.kind === 'pay_cap')?.basis ?? 'hourly_pay_rate';
  const points: AssignmentPoint[] = [];

  // Leavers first: the cooling-off rule looks rows up in them.
  const leavers: LeaversIndex = new Map();
  const leaverHeaderIndex = buildHeaderIndex(LEAVER_COLUMNS, ruleset.columns);
  for (const file of opts.leavers) {
    const rowIssues: DataIssue[] = [];
    let rows = 0;
    let missingColumnIssued = false;
    const ctx: RowContext = { file, severity: 'warning', roleIndex, positions: new Map(), issues: rowIssues };
    const read = readTable(file, leaverHeaderIndex, {
      header(header) {
        const missing = missingColumns(header, REQUIRED_LEAVER_COLUMNS);
        if (missing.length > 0) {
          missingColumnIssued = true;
          rowIssues.push(missingColumnIssue(file, missing, 'leavers register'));
          return false;
        }
        ctx.positions = header.positions;
        return true;
      },
      row(cells, line) {
        rows++;
        const leaver = readLeaver(ctx, cells, line);
        if (leaver) addLeaver(leavers, leaver.swe, leaver.event);
      },
      ragged(line, extra) {
        rows++;
        rowIssues.push(raggedIssue(file, line, extra, 'warning'));
      },
    });
    leaverIssues.push(...rowIssues, ...fileIssues(file, read, missingColumnIssued));
    leaverInputs.push({ file, kind: 'leavers', sha256: read.sha256, rows });
  }

  const ctx: CheckContext = {
    ruleset,
    leavers,
    regionLas: new Set(ruleset.region.las.keys()),
    roleLabels: new Map(ruleset.roles.map((r) => [r.key, r.label])),
  };
  const seen = new Set<string>();
  const headerIndex = buildHeaderIndex(ASSIGNMENT_COLUMNS, ruleset.columns);
  const councils = new Map<string, CouncilSummary>();
  let totalRows = 0;
  let totalChecked = 0;

  for (const file of opts.files) {
    const fileIssueList: DataIssue[] = [];
    let rows = 0;
    let checked = 0;
    let missingColumnIssued = false;
    let activeRules: Array<{ rule: Rule; needs: AssignmentColumn[] }> = [];
    const rowCtx: RowContext = { file, severity: 'error', roleIndex, positions: new Map(), issues: fileIssueList };

    const read = readTable(file, headerIndex, {
      header(header) {
        const missing = missingColumns(header, REQUIRED_ASSIGNMENT_COLUMNS);
        if (missing.length > 0) {
          missingColumnIssued = true;
          fileIssueList.push(missingColumnIssue(file, missing, 'assignments file'));
          return false;
        }
        rowCtx.positions = header.positions;
        activeRules = [];
        for (const rule of ruleset.rules) {
          const needs = definitionOf(rule).needs(rule);
          const absent = needs.filter((c) => !header.positions.has(c));
          if (absent.length > 0) {
            fileIssueList.push({
              severity: 'warning', code: 'column_missing_for_rule', file, line: null, column: null, columns: absent, rule: rule.id,
              message: `rule ${rule.id} is not checked in this file: it needs the column${absent.length === 1 ? '' : 's'} ${absent.join(', ')}`,
            });
          } else {
            activeRules.push({ rule, needs });
          }
        }
        return true;
      },
      row(cells, line) {
        rows++;
        const row = readAssignment(rowCtx, cells, line);
        const cited = citedExemptions(row, exemptionsById, rowCtx);
        if (row.laCode === '' || row.assignmentId === '') return;
        const key = detach(`${row.laCode}\u0000${row.assignmentId}`);
        if (seen.has(key)) {
          fileIssueList.push({
            severity: 'error', code: 'duplicate_assignment', file, line, column: 'assignment_id', value: row.assignment_id.state === 'ok' ? detach(row.assignment_id.raw) : undefined,
            message: `assignment ${row.assignmentId} at ${row.laCode} appears earlier in the run; this row is not checked`,
          });
          return;
        }
        seen.add(key);
        checked++;
        countCouncil(row);
        evaluateRow(row, cited, activeRules);
      },
      ragged(line, extra) {
        rows++;
        fileIssueList.push(raggedIssue(file, line, extra, 'error'));
      },
    });

    issues.push(...fileIssueList, ...fileIssues(file, read, missingColumnIssued));
    inputs.push({ file, kind: 'assignments', sha256: read.sha256, rows: missingColumnIssued ? 0 : rows, checked });
    if (!missingColumnIssued) totalRows += rows;
    totalChecked += checked;
  }

  function countCouncil(row: Assignment): void {
    const council = councils.get(row.laCode);
    if (council) {
      council.checked++;
      if (council.la_name === null && row.la_name.state === 'ok') council.la_name = row.la_name.value;
    } else {
      const la_name = ruleset.region.las.get(row.laCode) ?? (row.la_name.state === 'ok' ? row.la_name.value : null);
      councils.set(row.laCode, { la_code: row.laCode, la_name, checked: 1 });
    }
  }

  function evaluateRow(row: Assignment, cited: Exemption[], activeRules: Array<{ rule: Rule; needs: AssignmentColumn[] }>): void {
    const breachedRules: string[] = [];
    let pointStatus: AssignmentPoint['status'] = 'compliant';
    for (const { rule, needs } of activeRules) {
      if (!fieldsUsable(row, needs)) continue;
      const outcome = definitionOf(rule).check(rule, row, ctx);
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
        message: outcome.message,
        details: outcome.details,
        context: contextOf(row, ruleset, opts.names === true),
      };
      if (outcome.status === 'breach') {
        const decision = decideExemption(ruleset.exemptions, cited, rule, row, asOf);
        if (decision.exemption) {
          finding.status = 'exempted';
          finding.exemption = decision.exemption.id;
          tallies.bump(tallies.applied, decision.exemption);
        } else {
          breachedRules.push(rule.id);
          if (decision.notApplied.length > 0) finding.details = { ...finding.details, exemption_not_applied: decision.notApplied };
        }
      }
      findings.push(finding);
      if (rule.kind === 'pay_cap' && rule.basis === pointBasis && pointStatus === 'compliant') pointStatus = finding.status;
    }
    if (opts.points) {
      const rate = row[pointBasis];
      points.push({
        file: row.file, line: row.line, la_code: row.laCode,
        role: row.role.state === 'ok' ? row.role.value : null,
        basis: pointBasis,
        rate: rate.state === 'ok' ? rate.value.amount : null,
        start_date: row.start_date.state === 'ok' ? row.start_date.value : null,
        status: pointStatus,
      });
    }
    for (const ex of cited) {
      tallies.bump(tallies.cited, ex);
      if (breachedRules.some((id) => ex.rules.includes(id))) tallies.bump(tallies.citedNotCovering, ex);
    }
  }

  // Reported as in report.md's example: assignment files first, then the registers
  // (they are read first because the cooling-off rule looks rows up in them).
  inputs.push(...leaverInputs);
  issues.push(...leaverIssues);

  const exemptions: ExemptionTally[] = ruleset.exemptions.map((ex) => ({
    id: ex.id,
    status: exemptionStatus(ex, asOf),
    applied: tallies.applied.get(ex) ?? 0,
    cited: tallies.cited.get(ex) ?? 0,
    cited_not_covering: tallies.citedNotCovering.get(ex) ?? 0,
  }));

  let breaches = 0;
  let exempted = 0;
  let unknown = 0;
  for (const f of findings) {
    if (f.status === 'breach') breaches++;
    else if (f.status === 'exempted') exempted++;
    else unknown++;
  }
  const dataErrors = issues.filter((i) => i.severity === 'error').length;

  return {
    format: 'moc-report/v1',
    tool: { name: 'moc-check', version: TOOL_VERSION },
    as_of: asOf,
    ruleset: { id: ruleset.id, version: ruleset.version, status: ruleset.status, sha256: ruleset.sha256 },
    inputs,
    findings,
    data_issues: issues,
    exemptions,
    summary: {
      rows: totalRows,
      checked: totalChecked,
      breaches,
      exempted,
      unknown,
      data_errors: dataErrors,
      data_warnings: issues.length - dataErrors,
    },
    councils: [...councils.values()],
    ...(opts.points ? { assignments: points } : {}),
  };
}

function textOrNull(field: Assignment['agency']): string | null {
  return field.state === 'ok' ? detach(field.value) : null;
}

function contextOf(row: Assignment, ruleset: Ruleset, names: boolean): Finding['context'] {
  const context: Finding['context'] = {
    // the region's name for the council first (issue 3), else the export's own la_name
    la_name: ruleset.region.las.get(row.laCode) ?? textOrNull(row.la_name),
    role: row.role.state === 'ok' ? row.role.value : null,
    agency: textOrNull(row.agency),
    team: textOrNull(row.team),
    hours_per_week: row.hours_per_week.state === 'ok' ? row.hours_per_week.value : null,
  };
  if (names) context.worker_name = textOrNull(row.worker_name);
  return context;
}

/** Every needed field is valid, and every needed required field is filled in (rules.md "What a rule needs"). */
function fieldsUsable(row: Assignment, needs: readonly AssignmentColumn[]): boolean {
  for (const column of needs) {
    const field = row[column];
    if (field.state === 'invalid' || field.state === 'absent') return false;
    if (field.state === 'blank' && REQUIRED_ASSIGNMENT_COLUMNS.includes(column)) return false;
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
