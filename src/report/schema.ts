// The JSON report (report.md) as a zod schema: the source of `schema/report.schema.json`.
// src/schemas.test.ts checks real reports against it (and src/report/read.ts reads reports back with it).
import * as z from 'zod';
import { DATA_ISSUE_CODES, FINDING_KINDS } from '../types.js';

const Severity = z.enum(['error', 'warning']);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('a date, YYYY-MM-DD');

export const FindingSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{12}$/).describe('first 12 hex digits of SHA-256(ruleset id, rule, la_code, assignment_id joined by U+001F); for head_hunting, swe_number@start_date in place of the assignment id'),
    rule: z.string(),
    kind: z.enum(FINDING_KINDS),
    severity: Severity,
    status: z.enum(['breach', 'exempted', 'unknown']),
    file: z.string().describe('the path as given on the command line'),
    line: z.number().int().min(1).describe('the physical line where the record starts'),
    la_code: z.string(),
    assignment_id: z.string().nullable().describe('null for a head_hunting finding (a starters register row, v1.1)'),
    swe_number: z.string().describe('normalised, or the raw cell when invalid'),
    exemption: z.string().nullable().describe('the exemption that covers an exempted finding'),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
    context: z
      .object({
        la_name: z.string().nullable(),
        role: z.string().nullable(),
        agency: z.string().nullable(),
        team: z.string().nullable(),
        hours_per_week: z.number().nullable(),
        worker_name: z.string().nullable().optional().describe('only with --names'),
      })
      .optional()
      .describe('extension: what reporters show beside a finding'),
    baseline: z.enum(['known', 'new']).optional().describe('extension: with --baseline'),
  })
  .describe('a check whose status is breach, exempted or unknown');

export const DataIssueSchema = z.object({
  severity: Severity,
  code: z.enum(DATA_ISSUE_CODES),
  file: z.string(),
  line: z.number().int().min(1).nullable(),
  column: z.string().nullable(),
  value: z.string().optional(),
  message: z.string(),
  columns: z.array(z.string()).optional(),
  rule: z.string().optional(),
});

export const ReportSchema = z
  .object({
    format: z.literal('moc-report/v1'),
    tool: z.object({ name: z.literal('moc-check'), version: z.string() }),
    as_of: IsoDate,
    period: z.object({ from: IsoDate, to: IsoDate }).optional().describe('v1.1: the --period, both days inside; absent without --period'),
    ruleset: z.object({
      id: z.string(),
      version: z.string(),
      status: z.enum(['adopted', 'illustrative']),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
    inputs: z.array(
      z.object({
        file: z.string(),
        kind: z.enum(['assignments', 'leavers', 'starters']),
        sha256: z.string().nullable(),
        rows: z.number().int().min(0),
        checked: z.number().int().min(0).optional(),
        out_of_period: z.number().int().min(0).optional().describe('v1.1, with --period: rows outside the period'),
        sheet: z.string().nullable().optional().describe('v1.1: the workbook sheet read; null when the workbook could not be read'),
        sheets_hidden_before: z.array(z.string()).optional().describe('extension: hidden sheets before the one read'),
        skipped_above_header: z.number().int().min(0).optional().describe('v1.1: non-blank records above the header (title rows), skipped; absent reads as 0'),
        councils_read: z
          .array(z.object({ value: z.string(), la_code: z.string(), name: z.string() }))
          .optional()
          .describe('extension: council names in the cells and the council each was read as'),
        profile: z.string().optional().describe('extension: the profile (--profile) that read the file, as typed'),
      }),
    ),
    findings: z.array(FindingSchema),
    data_issues: z.array(DataIssueSchema),
    exemptions: z.array(
      z.object({
        id: z.string(),
        status: z.enum(['pending', 'active', 'expiring', 'expired']),
        applied: z.number().int().min(0),
        cited: z.number().int().min(0),
        cited_not_covering: z.number().int().min(0),
      }),
    ),
    summary: z.object({
      rows: z.number().int().min(0),
      checked: z.number().int().min(0),
      breaches: z.number().int().min(0),
      exempted: z.number().int().min(0),
      unknown: z.number().int().min(0),
      data_errors: z.number().int().min(0),
      data_warnings: z.number().int().min(0),
      out_of_period: z.number().int().min(0).optional().describe('v1.1, with --period: rows outside the period, not counted in checked'),
    }),
    councils: z
      .array(z.object({ la_code: z.string(), la_name: z.string().nullable(), checked: z.number().int().min(0) }))
      .optional()
      .describe('extension: checked assignments per council'),
  })
  .loose()
  .describe('moc-check JSON report, format moc-report/v1');
