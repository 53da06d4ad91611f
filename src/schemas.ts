// JSON Schemas generated from the zod schemas, which stay the single source of truth.
// Committed under schema/ (kept equal by src/schemas.test.ts) so editors can use them.
import * as z from 'zod';
import { ReportSchema } from './report/schema.js';
import { ReturnSchema } from './return/schema.js';
import { TrendSchema } from './trend/schema.js';
import { RulesFileSchema } from './ruleset/schema.js';
import { ProfileSchema } from './profile/schema.js';

export const SCHEMA_NAMES = ['rules', 'report', 'return', 'trend', 'profile'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

const SOURCES = {
  rules: { schema: RulesFileSchema, title: 'moc-check rules file (moc-rules/v1)', io: 'input' },
  report: { schema: ReportSchema, title: 'moc-check JSON report (moc-report/v1)', io: 'output' },
  return: { schema: ReturnSchema, title: 'moc-check quarterly data return (moc-return/v1)', io: 'output' },
  trend: { schema: TrendSchema, title: 'moc-check trend (moc-trend/v1)', io: 'output' },
  profile: { schema: ProfileSchema, title: 'moc-check export profile (moc-profile/v1)', io: 'input' },
} as const;

export const SCHEMA_FILES: Record<SchemaName, string> = {
  rules: 'schema/rules.schema.json',
  report: 'schema/report.schema.json',
  return: 'schema/return.schema.json',
  trend: 'schema/trend.schema.json',
  profile: 'schema/profile.schema.json',
};

export function jsonSchema(name: SchemaName): Record<string, unknown> {
  const { schema, title, io } = SOURCES[name];
  // Rules files are what people type (defaults optional): the input side of the schema.
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...generated, title };
}

export function jsonSchemaText(name: SchemaName): string {
  return JSON.stringify(jsonSchema(name), null, 2) + '\n';
}
