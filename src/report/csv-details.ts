// The CSV report's readable detail columns: each finding's `details`, which the
// `details` column holds as JSON for scripts, spread over columns a spreadsheet can
// filter and sort (issue 15 item 9). A rule kind's fields get names that say what they
// are (`pqe_required_months`, not `required`), role keys are shown by their label, and
// lists are written as text (`hours_per_week, start_date`).
//
// The columns depend only on the ruleset's rule kinds (and any kind a finding has that
// the ruleset lacks), never on which findings a month happened to have, so a
// spreadsheet set up on one month's file reads the next month's the same.
import type { Finding, Ruleset } from '../types.js';

/** Per rule kind, each details field and the column it is shown in, in column order. */
const KIND_COLUMNS: Readonly<Record<string, ReadonlyArray<readonly [field: string, column: string]>>> = {
  pay_cap: [
    ['basis', 'cap_basis'],
    ['engagement_type', 'engagement_type'],
    ['window_from', 'cap_from'],
    ['window_to', 'cap_to'],
  ],
  min_pqe: [
    ['pqe_months', 'pqe_months'],
    ['required', 'pqe_required_months'],
  ],
  min_notice: [
    ['notice_weeks', 'notice_weeks'],
    ['required', 'notice_required_weeks'],
  ],
  references: [
    ['reference_count', 'reference_count'],
    ['min_count', 'references_required'],
    ['reference_template', 'reference_template'],
    ['references_complete_date', 'references_complete_date'],
    ['start_date', 'start_date'],
  ],
  cooling_off: [
    ['left_la', 'left_la'],
    ['leaving_date', 'leaving_date'],
    ['cooling_off_until', 'cooling_off_until'],
    ['start_date', 'start_date'],
    ['months', 'cooling_off_months'],
    ['scope', 'cooling_off_scope'],
    ['source', 'left_source'],
    ['leavers_file', 'leavers_file'],
    ['leavers_line', 'leavers_line'],
  ],
  project_team: [['project_team', 'project_team']],
  head_hunting: [
    ['previous_la', 'previous_la'],
    ['start_date', 'start_date'],
    ['previous_role', 'previous_role'],
    ['promotion', 'promotion'],
    ['grade', 'grade'],
    ['previous_grade', 'previous_grade'],
    ['scope', 'head_hunting_scope'],
  ],
};

/** Fields of every kind: an unknown finding's blank columns, a breach's exemptions that did not cover it. */
const COMMON_COLUMNS: ReadonlyArray<readonly [field: string, column: string]> = [
  ['missing', 'missing_columns'],
  ['exemption_not_applied', 'exemptions_not_applied'],
];

/** Fields shown elsewhere: the rate and cap (in pounds) and the role have columns of their own. */
const SHOWN_ELSEWHERE: Readonly<Record<string, ReadonlySet<string>>> = {
  pay_cap: new Set(['rate', 'cap', 'role']),
  head_hunting: new Set(['role']),
};

/** Fields whose value is a role key, shown by the role's label. */
const ROLE_FIELDS = new Set(['previous_role']);

/** A column of any other field (a kind this file does not know): `details.FIELD`. */
const FOREIGN_PREFIX = 'details.';

export interface DetailColumns {
  /** the column names, in order */
  names: string[];
  /** the cells of one finding, in the order of `names` */
  cells(finding: Finding): string[];
}

/**
 * The detail columns for the ruleset's rule kinds plus those the findings have; one
 * walk of `findings` (kinds and fields only, nothing kept per finding), which `visit`
 * sees too (the CSV's other header questions, asked in the same walk).
 */
export function detailColumns(ruleset: Ruleset | undefined, findings: Iterable<Finding>, visit?: (f: Finding) => void): DetailColumns {
  const kinds = new Set<string>();
  for (const r of ruleset?.rules ?? []) kinds.add(r.kind);
  for (const r of ruleset?.starterRules ?? []) kinds.add(r.kind);
  const foreign = new Set<string>();
  for (const f of findings) {
    visit?.(f);
    kinds.add(f.kind);
    const known = KIND_COLUMNS[f.kind];
    for (const field of Object.keys(f.details ?? {})) {
      if (known?.some(([k]) => k === field) || COMMON_COLUMNS.some(([k]) => k === field) || SHOWN_ELSEWHERE[f.kind]?.has(field)) continue;
      foreign.add(field);
    }
  }
  const names: string[] = [];
  for (const [kind, columns] of Object.entries(KIND_COLUMNS)) {
    if (!kinds.has(kind)) continue;
    for (const [, column] of columns) if (!names.includes(column)) names.push(column);
  }
  for (const [, column] of COMMON_COLUMNS) names.push(column);
  const foreignFields = [...foreign].sort();
  for (const field of foreignFields) names.push(`${FOREIGN_PREFIX}${field}`);

  const at = new Map(names.map((n, i) => [n, i]));
  const labels = new Map((ruleset?.roles ?? []).map((r) => [r.key, r.label]));
  return {
    names,
    cells(f: Finding): string[] {
      const out = names.map(() => '');
      const details = (f.details ?? {}) as Record<string, unknown>;
      const known = KIND_COLUMNS[f.kind] ?? [];
      const put = (column: string, field: string) => {
        const i = at.get(column);
        if (i !== undefined && Object.hasOwn(details, field)) out[i] = cellText(field, details[field], labels);
      };
      for (const [field, column] of known) put(column, field);
      for (const [field, column] of COMMON_COLUMNS) put(column, field);
      for (const field of foreignFields) put(`${FOREIGN_PREFIX}${field}`, field);
      return out;
    },
  };
}

function cellText(field: string, value: unknown, labels: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return ROLE_FIELDS.has(field) ? (labels.get(value) ?? value) : value;
  if (field === 'exemption_not_applied' && Array.isArray(value)) {
    return value.map((e: { id?: unknown; reason?: unknown }) => `${String(e?.id)} (${String(e?.reason)})`).join('; ');
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  return JSON.stringify(value);
}
