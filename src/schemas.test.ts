import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCheck } from './check/index.js';
import { ReportSchema } from './report/schema.js';
import { loadRuleset } from './ruleset/load.js';
import { SCHEMA_FILES, SCHEMA_NAMES, jsonSchema, jsonSchemaText } from './schemas.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ajv = new Ajv2020({ allErrors: true, strict: false });
// The schemas use `format: "date"` (YYYY-MM-DD). Registered here, with a real check,
// instead of adding ajv-formats for one format: ajv would otherwise print
// `unknown format "date" ignored in schema` and not check it.
ajv.addFormat('date', (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text));

function exampleReport() {
  const loaded = loadRuleset(join(root, 'rules', 'south-east.yaml'));
  if (!loaded.ok) throw new Error('south-east.yaml does not load');
  const dir = join(root, 'fixtures', 'example');
  return runCheck({
    ruleset: loaded.ruleset,
    files: ['east-sussex.csv', 'kent.csv', 'surrey.csv', 'broken/missing-column.csv', 'broken/utf16-export.csv'].map((f) => join(dir, f)),
    leavers: [join(dir, 'leavers.csv')],
    asOf: '2025-11-30',
  });
}

describe('committed JSON Schemas', () => {
  it.each(SCHEMA_NAMES)('schema/%s.schema.json equals the one generated from the zod schema', (name) => {
    expect(readFileSync(join(root, SCHEMA_FILES[name]), 'utf8')).toBe(jsonSchemaText(name));
  });

  it('the rules schema validates every shipped ruleset and rejects a typo', () => {
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, SCHEMA_FILES.rules), 'utf8')));
    const files = readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const data = parseYaml(readFileSync(join(root, 'rules', file), 'utf8'));
      expect({ file, ok: validate(data), errors: validate.errors ?? null }).toEqual({ file, ok: true, errors: null });
    }
    const typo = parseYaml('format: moc-rules/v1\nid: x\nname: X\nversion: "1"\nrules:\n  - id: P\n    kind: min_pqe\n    monhts: 36\n');
    expect(validate(typo)).toBe(false);
  });

  it('the report schema validates a real report, and the zod schema parses it', () => {
    const report = exampleReport();
    const validate = ajv.compile(jsonSchema('report'));
    const json = JSON.parse(JSON.stringify(report));
    expect(validate(json) ? null : validate.errors).toBeNull();
    expect(ReportSchema.safeParse(json).success).toBe(true);
    expect(validate({ ...json, summary: { ...json.summary, rows: -1 } })).toBe(false);
  });

  it('every shipped ruleset starts with a yaml-language-server $schema comment', () => {
    for (const file of readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.yaml'))) {
      const first = readFileSync(join(root, 'rules', file), 'utf8').split('\n')[0];
      expect(first).toBe('# yaml-language-server: $schema=../schema/rules.schema.json');
    }
  });
});
