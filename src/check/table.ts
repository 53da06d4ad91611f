// The one skeleton every input table goes through (assignments, the leavers
// register, and later the starters register): header matching, the required-column
// check, row counting, ragged rows and the file-level issues. A TableKind says what
// differs: its columns, how its row issues count, and what to do with each row.
import { buildHeaderIndex, readTableSteps, type Header } from '../input/table.js';
import type { RowContext } from '../input/row.js';
import type { CouncilResolver } from '../councils/resolve.js';
import type { Step } from '../input/steps.js';
import type { CouncilRead, DataIssue, InputSummary, Severity } from '../types.js';
import { fileIssues, missingColumnIssue, raggedIssue, summaryRowIssue } from './file-issues.js';
import { applyPlanToCells, type ProfilePlan } from '../profile/apply.js';
import type { ProfileSelector } from '../profile/selector.js';

/** Handles the data records of one file whose header was accepted. */
export type RowHandler = (cells: string[], line: number) => void;

export interface TableKind {
  kind: InputSummary['kind'];
  /** how messages name a file of this kind: 'assignments file', 'leavers register' */
  what: string;
  columns: readonly string[];
  required: readonly string[];
  /** the columns that identify a row: all blank in a totals row (engagements.md "Summary rows") */
  identity: readonly string[];
  /** how row-level issues (and ragged rows) count in this kind of file */
  severity: Severity;
  /**
   * Called once the header has every required column; returns the row handler.
   * File-level issues (e.g. a rule's column absent) go to ctx.issues.
   */
  start(ctx: RowContext, header: Header): RowHandler;
  /** Called after the last row of a file whose header was accepted: file-level issues found from all its rows. */
  finish?(issues: DataIssue[]): void;
}

/** What reading one file produced. */
export interface TableOutcome {
  file: string;
  sha256: string | null;
  /** non-blank records after the header (ragged ones included); 0 when a required column is missing */
  rows: number;
  /** false when a required column is missing (the file is not checked) */
  accepted: boolean;
  /** non-blank records above the header, skipped */
  skippedAboveHeader: number;
  /** every issue of the file, in the order found, the file-level ones last */
  issues: DataIssue[];
  /** council names in its cells, each with the council it was read as */
  councilsRead: CouncilRead[];
  /** the profile that read it (its path as typed), if any */
  profile: string | null;
  /** a workbook's sheet read (null: unreadable) and the hidden sheets before it; undefined for CSV */
  sheet?: string | null;
  hiddenSheets?: string[];
}

export interface TableEnvironment {
  /** canonical column -> local header names (the ruleset's `columns:`) */
  aliases: Map<string, string[]>;
  roleIndex: Map<string, string>;
  /** council cells to ONS codes, against the ruleset's region */
  councils?: CouncilResolver;
  /** the ruleset has a cap by engagement type: invalid engagement types are data issues */
  engagementTypes?: boolean;
  /**
   * Takes a file's issues while it is read (then cleared), so that a file with a
   * million bad rows does not hold them all; the rest come in TableOutcome.issues.
   */
  takeIssues?: (issues: readonly DataIssue[]) => void;
  /** the profiles given (--profile), each file read with the one that claims it */
  profiles?: ProfileSelector;
}

/** The profile's header names first, so that they win over the ruleset's for this file. */
function aliasesFor(plan: ProfilePlan | null, ruleset: Map<string, string[]>): Map<string, string[]> {
  if (!plan) return ruleset;
  const merged = new Map<string, string[]>();
  for (const [column, names] of plan.aliases) merged.set(column, [...names, ...(ruleset.get(column) ?? [])]);
  for (const [column, names] of ruleset) if (!merged.has(column)) merged.set(column, names);
  return merged;
}

/** Issues held per file before they are handed on (env.takeIssues). */
const ISSUE_BATCH = 4096;

/** Reads one file of a kind, one chunk per step (drain() or an async driver runs it). */
export function* readTableOf(file: string, kind: TableKind, env: TableEnvironment): Generator<Step, TableOutcome> {
  const issues: DataIssue[] = [];
  let rows = 0;
  let missingColumnIssued = false;
  let handle: RowHandler = () => {};
  const ctx: RowContext = { file, severity: kind.severity, roleIndex: env.roleIndex, positions: new Map(), issues, councils: env.councils, councilsRead: new Map(), engagementTypes: env.engagementTypes };
  const plan = env.profiles?.planFor(file) ?? null;
  // fixed values stand in columns appended after the file's own: [position, value]
  const fixedAt: [number, string][] = [];
  const placing = { ...(plan?.sheet !== undefined ? { sheet: plan.sheet } : {}), ...(plan?.headerRow !== undefined ? { headerRow: plan.headerRow } : {}) };
  const read = yield* readTableSteps(file, buildHeaderIndex(kind.columns, aliasesFor(plan, env.aliases)), kind, {
    header: (header) => {
      if (plan) {
        for (const [column, value] of plan.fixed) {
          if (!kind.columns.includes(column) || header.positions.has(column)) continue;
          const at = header.width + fixedAt.length;
          header.positions.set(column, at);
          fixedAt.push([at, value]);
        }
      }
      const missing = kind.required.filter((c) => !header.positions.has(c));
      if (missing.length > 0) {
        missingColumnIssued = true;
        issues.push(missingColumnIssue(file, missing, kind.what, header));
        return false;
      }
      ctx.positions = header.positions;
      handle = kind.start(ctx, header);
      return true;
    },
    row: (cells, line) => {
      rows++;
      if (plan) applyPlanToCells(cells, ctx.positions, plan, fixedAt);
      handle(cells, line);
      if (issues.length >= ISSUE_BATCH && env.takeIssues) {
        env.takeIssues(issues);
        issues.length = 0;
      }
    },
    ragged: (line, extra) => {
      rows++;
      issues.push(raggedIssue(file, line, extra, kind.severity));
    },
    summary: (line) => {
      issues.push(summaryRowIssue(file, line));
    },
  }, placing);
  if (read.accepted && !missingColumnIssued) kind.finish?.(issues);
  for (const issue of fileIssues(file, read, missingColumnIssued)) issues.push(issue);
  const councilsRead = [...ctx.councilsRead!].map(([value, r]) => ({ value, la_code: r.code, name: r.name ?? r.code }));
  return {
    file, sha256: read.sha256, rows: missingColumnIssued ? 0 : rows, accepted: !missingColumnIssued, skippedAboveHeader: read.skippedAboveHeader, issues, councilsRead, profile: plan?.source ?? null,
    ...(read.workbook ? { sheet: read.sheet, hiddenSheets: read.workbook.hiddenSheets } : {}),
  };
}
