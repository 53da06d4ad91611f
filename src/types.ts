// Shared shapes that flow one way: ruleset + rows -> findings -> report.
// The JSON report shape is fixed by ../shared/spec/report.md.
import { ASSIGNMENT_COLUMNS, LEAVER_COLUMNS, STARTER_COLUMNS } from './input/columns.js';

export type Severity = 'error' | 'warning';
import type { IsoDate } from './dates.js';
export type { IsoDate };

export const RULE_KINDS = ['pay_cap', 'cooling_off', 'min_pqe', 'references', 'min_notice', 'project_team'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
/** Every kind a finding may have: the assignment rule kinds and head_hunting (checked on starters rows). */
export const FINDING_KINDS = [...RULE_KINDS, 'head_hunting'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

// Column names and types live with their specs (one source per table shape).
export { ASSIGNMENT_COLUMNS, LEAVER_COLUMNS, STARTER_COLUMNS, type AssignmentColumn, type LeaverColumn, type StarterColumn } from './input/columns.js';

/** Every column name a ruleset's `columns:` section may alias. */
export const ALL_COLUMNS: readonly string[] = [...new Set<string>([...ASSIGNMENT_COLUMNS, ...LEAVER_COLUMNS, ...STARTER_COLUMNS])];

// ---------------------------------------------------------------- ruleset

// The ruleset's shapes are derived from its zod schema (src/ruleset/types.ts).
export type { AnyRule, CapWindow, CoolingOffRule, DfeRole, EngagementType, Exemption, HeadHuntingRule, MinNoticeRule, MinPqeRule, PayCapRule, ProjectTeamRule, ReferencesRule, Role, Rule, Ruleset, TypedRates } from './ruleset/types.js';
export type { Money } from './money.js';

// ---------------------------------------------------------------- report

export type FindingStatus = 'breach' | 'exempted' | 'unknown';

/**
 * A finding's details by rule kind. Empty here on purpose: each src/rules/<kind>.ts
 * declares its kind's shape beside the rule and adds it to this interface (module
 * augmentation), so this file imports no rule and the rules import it without a cycle.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FindingDetailsByKind {}

/**
 * The details of an `unknown` finding, of any kind: the blank columns it would need.
 * A head_hunting one also says where the worker came from and when (its id is built
 * from the start date, which --redact needs to rebuild it with the pseudonym).
 */
export type UnknownDetails = { missing: string[]; previous_la?: string; start_date?: IsoDate };

/** Why a cited exemption did not cover a breach: the first failed condition of rules.md "Exemptions". */
export type NotCoveredReason = 'rule' | 'la' | 'role' | 'worker' | 'window' | 'lapsed' | 'max_rate';

/** A breach on a row that cited defined exemptions which did not cover it (report.md). */
export type ExemptionNotApplied = { exemption_not_applied?: Array<{ id: string; reason: NotCoveredReason }> };

/** What `details` holds: a breach's (or exempted finding's) kind shape, or an unknown's. */
export type FindingDetails = (FindingDetailsByKind[keyof FindingDetailsByKind] | UnknownDetails) & ExemptionNotApplied;

export interface Finding {
  id: string;
  rule: string;
  kind: FindingKind;
  severity: Severity;
  status: FindingStatus;
  file: string;
  line: number;
  la_code: string;
  /** null on a starters row's finding (head_hunting, report.md v1.1) */
  assignment_id: string | null;
  swe_number: string;
  exemption: string | null;
  message: string;
  details: FindingDetails;
  /**
   * Extension (not in report.md v1, additive): what reporters show beside a finding.
   * worker_name is present only when the user asked for names.
   */
  context: FindingContext;
  /** Extension: with --baseline, whether the finding id was in the baseline report */
  baseline?: 'known' | 'new';
}

export interface FindingContext {
  la_name: string | null;
  /** the ruleset role key, or null when the role cell did not match */
  role: string | null;
  agency: string | null;
  team: string | null;
  hours_per_week: number | null;
  worker_name?: string | null;
}

export const DATA_ISSUE_CODES = [
  'unreadable_file', 'missing_column', 'missing_value', 'invalid_date', 'invalid_number', 'invalid_integer',
  'invalid_boolean', 'invalid_swe_number', 'unknown_role', 'duplicate_assignment', 'end_before_start',
  'missing_left_substantive_la', 'ragged_row', 'unknown_exemption', 'column_missing_for_rule',
  'control_character',
  'council_not_in_region',
  'pqe_looks_like_years',
  'invalid_engagement_type',
  'summary_row',
] as const;
export type DataIssueCode = (typeof DATA_ISSUE_CODES)[number];

export interface DataIssue {
  severity: Severity;
  code: DataIssueCode;
  file: string;
  line: number | null;
  column: string | null;
  value?: string;
  message: string;
  columns?: string[];
  rule?: string;
}

export type ExemptionStatus = 'pending' | 'active' | 'expiring' | 'expired';

export interface ExemptionTally {
  id: string;
  status: ExemptionStatus;
  applied: number;
  cited: number;
  cited_not_covering: number;
}

/** One council name in a file and the council it was read as (engagements.md, **council**). */
export interface CouncilRead {
  value: string;
  la_code: string;
  name: string;
}

export interface InputSummary {
  file: string;
  kind: 'assignments' | 'leavers' | 'starters';
  sha256: string | null;
  rows: number;
  /** a workbook's sheet (v1.1; null when the workbook could not be read); absent for CSV */
  sheet?: string | null;
  /** hidden sheets before the one read (an extension: present only when there were) */
  sheets_hidden_before?: string[];
  /** council names the file's cells were read as (an extension: present only when some were) */
  councils_read?: CouncilRead[];
  checked?: number;
  /** v1.1, with --period: rows outside the period (not checked) */
  out_of_period?: number;
  /** the profile (--profile) that read the file, as typed (an extension: present only then) */
  profile?: string;
  /** v1.1: non-blank records above the header (written only when there are some; absent reads as 0) */
  skipped_above_header?: number;
}

export interface Summary {
  rows: number;
  checked: number;
  breaches: number;
  exempted: number;
  unknown: number;
  data_errors: number;
  data_warnings: number;
  /** v1.1, with --period: rows outside the period, not counted in checked */
  out_of_period?: number;
}

export interface Report {
  format: 'moc-report/v1';
  tool: { name: 'moc-check'; version: string };
  as_of: IsoDate;
  /** v1.1: the --period, both days inside; absent without --period */
  period?: { from: IsoDate; to: IsoDate };
  ruleset: { id: string; version: string; status: 'adopted' | 'illustrative'; sha256: string };
  inputs: InputSummary[];
  findings: Finding[];
  data_issues: DataIssue[];
  exemptions: ExemptionTally[];
  summary: Summary;
  /** Extension: checked assignments per council, for regional tables (in first-seen order) */
  councils?: CouncilSummary[];
  /**
   * Extension (HTML report only): the checked rows' rates on the pay-cap basis, when
   * the core was asked for them (CheckOptions.points). Never in the JSON report.
   */
  assignments?: AssignmentPoints;
}

/** The pay-rate chart's data (src/report/pay-points.ts): bounded by distinct rates, not rows. */
export interface AssignmentPoints {
  basis: 'hourly_pay_rate' | 'hourly_charge_rate';
  /** checked rows */
  count: number;
  /** one point per checked row while there are at most PAY_MARKS_MAX; null beyond */
  points: AssignmentPoint[] | null;
  /** every checked row counted by status, role and rate, in first-seen order */
  rates: RateCount[];
}

/** Checked rows of one status, role and rate. */
export interface RateCount {
  role: string | null;
  status: AssignmentPoint['status'];
  rate: number | null;
  /** compliant rows only: the pay-cap rule compared the rate with a cap (else not checked); false for the other statuses */
  capped: boolean;
  count: number;
}

/** One checked assignment's rate on the pay-cap basis, for the pay-rate chart. */
export interface AssignmentPoint {
  file: string;
  line: number;
  la_code: string;
  role: string | null;
  basis: 'hourly_pay_rate' | 'hourly_charge_rate';
  rate: number | null;
  start_date: string | null;
  status: 'breach' | 'exempted' | 'compliant' | 'unknown';
}

export interface CouncilSummary {
  la_code: string;
  la_name: string | null;
  checked: number;
}

export type FailOn = 'error' | 'warning' | 'never';
