// The JSON trend (`trend --format json`, moc-trend/v1) as a zod schema: the source of
// `schema/trend.schema.json`. src/trend/series.test.ts parses real output with it.
import * as z from 'zod';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('a date, YYYY-MM-DD');
const Count = z.number().int().min(0);

const Figures = z.object({
  key: z.string().describe('2025-11 (a month) or 2025-Q3 (a quarter)'),
  gap: z.literal(false),
  report: z.string().describe('the report file, as named on the command line'),
  as_of: IsoDate,
  period: z.object({ from: IsoDate, to: IsoDate }).nullable(),
  ruleset_version: z.string(),
  ruleset_sha256: z.string(),
  checked: Count.describe('checked assignment rows'),
  breaches: Count,
  exempted: Count,
  unknown: Count,
  assignments_with_breach: Count,
  no_breach_share: z.number().min(0).max(1).nullable().describe('null when nothing was checked'),
  spend_above_caps_pence: Count.describe('estimated monthly spend above the caps, whole pence'),
  spend_unpriced: Count.describe('pay-cap breaches left out of the spend (no hours or rate)'),
  data_errors: Count,
  breaches_by_rule: z.record(z.string(), Count),
  breaches_by_council: z.record(z.string(), Count.nullable()).describe('null: no checked assignment at the council that month'),
  exemptions: z
    .record(z.string(), z.object({ status: z.enum(['pending', 'active', 'expiring', 'expired']), applied: Count }).nullable())
    .describe("status on the month's as-of date; null when the report does not list the exemption"),
});

const Gap = z.object({ key: z.string(), gap: z.literal(true), report: z.null() }).describe('no report covers this month: a gap, not zeros');

export const TrendSchema = z
  .object({
    format: z.literal('moc-trend/v1'),
    tool: z.object({ name: z.literal('moc-check'), version: z.string() }),
    ruleset: z.object({ id: z.string(), versions: z.array(z.string()), status: z.enum(['adopted', 'illustrative']) }),
    granularity: z.enum(['month', 'quarter']),
    rules: z.array(z.string()),
    rule_titles: z.record(z.string(), z.string()).optional().describe('with --rules: rule id -> title'),
    councils: z.array(z.object({ la_code: z.string(), la_name: z.string().nullable() })),
    exemptions: z.array(z.string()),
    points: z.array(z.union([Figures, Gap])),
  })
  .describe('moc-check trend over monthly JSON reports, format moc-trend/v1');
