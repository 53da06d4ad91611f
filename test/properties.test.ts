// Issue 5, property-based tests (fast-check) over the CSV reader, the value parsers
// and the rules loader, plus a few end-to-end CLI runs. numRuns is kept modest so the
// whole file runs in well under 30 s.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseCsvRecords } from '../src/input/readers/csv-records.js';
import { parseBoolean, parseDate, parseInteger, parseMoney, parseNumber } from '../src/input/values.js';
import { loadRuleset } from '../src/ruleset/load.js';
import { normaliseSwe } from '../src/swe.js';
import type { Finding, Report } from '../src/types.js';
import { capWindow, checkCsv, exemption, fixtureText, makeRuleset, REPO_ROOT, tempDir, writeInput } from './helpers.js';
import { runInProcess } from './in-process.js';

const root = REPO_ROOT;
const dir = tempDir();
let seq = 0;

// ------------------------------------------------------------------ arbitraries

/** Text that exercises the CSV dialect: delimiters, quotes, every line break, blanks. */
const csvChar = fc.constantFrom(',', '"', '\n', '\r', '\r\n', ' ', 'a', 'b', '1', '£', 'é', '\u2028', '\t', '');
const csvText = fc.array(csvChar, { maxLength: 60 }).map((a) => a.join(''));
const anyText = fc.oneof(csvText, fc.string({ unit: 'binary', maxLength: 60 }));

/** Bytes that look a little like CSV often enough to get past the header. */
const header = 'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate,pqe_months,exemption_ref';
const csvBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.tuple(fc.uint8Array({ maxLength: 200 }), fc.boolean()).map(([b, bom]) => Buffer.concat([Buffer.from(bom ? '\ufeff' : ''), Buffer.from(header + '\n'), Buffer.from(b)])),
  csvText.map((t) => Buffer.from(header + '\r\n' + t)),
);

const RULESET = makeRuleset({
  rules: [
    { id: 'PAY', kind: 'pay_cap', severity: 'error', basis: 'hourly_pay_rate', caps: [capWindow('2025-04-01', null, { social_worker: 38, team_manager: 52 })] },
    { id: 'COOL', kind: 'cooling_off', severity: 'error', months: 6, scope: 'region' },
    { id: 'PQE', kind: 'min_pqe', severity: 'warning', months: 36 },
    { id: 'REFS', kind: 'references', severity: 'error', min_count: 2, template_required: true, before_start: true },
    { id: 'NOTICE', kind: 'min_notice', severity: 'error', weeks: 4 },
    { id: 'TEAM', kind: 'project_team', severity: 'error' },
  ],
  exemptions: [
    exemption({ id: 'EX-1', rules: ['PAY'], from: '2025-01-01', to: '2025-12-31', max_rate: undefined }),
    exemption({ id: 'EX-B', rules: ['PQE'], from: '2025-06-01', to: '2025-06-30', blanket: true }),
  ],
});

function expectSaneReport(report: Report): void {
  // JSON keeps every value (no NaN, Infinity or Map turned into something else)
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  for (const n of Object.values(report.summary)) expect(Number.isFinite(n)).toBe(true);
  for (const f of report.findings) expect(Number.isInteger(f.line) && f.line >= 1).toBe(true);
  for (const d of report.data_issues) expect(d.line === null || (Number.isInteger(d.line) && d.line >= 1)).toBe(true);
  expect(report.summary.checked).toBeLessThanOrEqual(report.summary.rows);
}

// ------------------------------------------------------------------ CSV reader

describe('CSV reader', () => {
  it('never throws; the records do not depend on how the text is cut into chunks', () => {
    fc.assert(
      fc.property(anyText, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const bytes = Buffer.from(text, 'utf8');
        const whole = parseCsvRecords(bytes);
        // cut anywhere, inside a multi-byte character or a CRLF too
        const chunked = parseCsvRecords(bytes, cuts.map((c) => c % (bytes.length + 1)));
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('reads back what a writer quotes, on the physical line where each record starts', () => {
    const cell = fc.oneof(csvText, fc.string({ maxLength: 10 }));
    const record = fc.array(cell, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), (rows, eol) => {
        const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
        const lines = rows.map((r) => r.map(quote).join(','));
        const text = lines.join(eol) + eol;
        const { records, broken } = parseCsvRecords(text);
        expect(broken).toBeNull();
        expect(records.map((r) => r.cells)).toEqual(rows);
        // a record starts one line after the previous one plus its line breaks
        let line = 1;
        rows.forEach((_, i) => {
          expect(records[i]!.line).toBe(line);
          line += 1 + (lines[i]!.match(/\r\n|\r|\n/g)?.length ?? 0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes as an assignments file or a leavers register never throw and give a sane report', () => {
    fc.assert(
      fc.property(csvBytes, csvBytes, (a, l) => {
        const report = checkCsv(RULESET, a, { leavers: l });
        expectSaneReport(report);
        expect(report.inputs).toHaveLength(2);
      }),
      { numRuns: 120 },
    );
  });
});

// ------------------------------------------------------------------ value parsers

describe('value parsers', () => {
  it('never throw, and ignore surrounding white space', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('', ' ', '\t', '  \u00a0'), (text, pad) => {
        for (const parse of [parseDate, parseMoney, parseNumber, parseInteger, parseBoolean, normaliseSwe]) {
          const plain = (parse as (s: string) => unknown)(text.trim());
          expect((parse as (s: string) => unknown)(pad + text + pad)).toEqual(plain);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('give only well-formed values', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.stringMatching(/^£? ?\d{1,8}(,\d{3})*(\.\d{0,4})?$/), fc.stringMatching(/^\d{1,2}\/\d{1,2}\/\d{4}$/)), (text) => {
        const d = parseDate(text);
        if (d !== null) {
          expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
        }
        const m = parseMoney(text);
        if (m !== null) {
          expect(Number.isFinite(m.amount) && m.amount >= 0).toBe(true);
          expect(Number.isSafeInteger(m.pence) && m.pence >= 0).toBe(true);
          expect(Math.abs(m.pence - m.amount * 100)).toBeLessThanOrEqual(Math.max(1, m.amount * 1e-12 * 100));
        }
        const i = parseInteger(text);
        if (i !== null) expect(Number.isSafeInteger(i) && i >= 0).toBe(true);
        const s = normaliseSwe(text);
        if (s !== null) expect(s).toMatch(/^SW[1-9]\d{0,5}$/);
      }),
      { numRuns: 500 },
    );
  });

  it('read back what they mean: money written with thousands separators and a £', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), fc.boolean(), (pence, pound) => {
        const whole = Math.floor(pence / 100).toLocaleString('en-GB');
        const text = `${pound ? '£ ' : ''}${whole}.${String(pence % 100).padStart(2, '0')}`;
        expect(parseMoney(text)?.pence).toBe(pence);
      }),
      { numRuns: 300 },
    );
  });
});

// ------------------------------------------------------------------ rules loader

const VALID_RULES = fixtureText('rulesets/pay-cooling-exemption.yaml');

/** YAML-ish text: structural characters, keys the schema knows, and hostile names. */
const yamlToken = fc.constantFrom(
  '\n', '  ', ' ', '- ', ': ', ':', '[', ']', '{', '}', ',', '"', "'", '&a ', '*a', '<<: ', '? ', '#', '|', '>', '!!str ', '%YAML 1.2\n', '---\n', '...\n',
  'format', 'moc-rules/v1', 'id', 'rules', 'roles', 'kind', 'pay_cap', 'caps', 'rates', 'from', '2025-04-01', 'exemptions', 'extends', 'columns',
  '__proto__', 'constructor', 'prototype', '38.00', '1e999', '-1', 'null', 'true', 'yes', '~', '\t', '\u0000', '\ufeff', 'é',
);
const yamlish = fc.array(yamlToken, { maxLength: 40 }).map((a) => a.join(''));
/** Valid YAML of arbitrary shape, with the keys of a rules file mixed in. */
const yamlValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom<unknown>(null, true, 0, -1, 38.5, 1e308, 'x', '2025-04-01', 'pay_cap', 'moc-rules/v1', '', '__proto__'),
    fc.string({ maxLength: 8 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('format', 'id', 'name', 'version', 'roles', 'rules', 'kind', 'caps', 'from', 'to', 'rates', 'label', 'las', 'region', 'columns', 'exemptions', 'extends', '__proto__', 'constructor', 'x'), tie('value'), { maxKeys: 5 }),
  ),
})).value;

function expectLoadResult(path: string): void {
  const result = loadRuleset(path);
  if (result.ok) {
    expect(typeof result.ruleset.id).toBe('string');
    for (const role of result.ruleset.roles) expect(typeof role.key).toBe('string');
    // a ruleset that loads can be used
    expectSaneReport(checkCsv(result.ruleset, `${header}\nE10000011,A1,SW1,SW,2025-05-01,40,,\n`));
  } else {
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) {
      expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
      expect(Number.isInteger(p.column) && p.column >= 1).toBe(true);
      expect(p.message.length).toBeGreaterThan(0);
    }
  }
}

describe('rules loader', () => {
  it('arbitrary YAML-ish text never throws; every problem has a position', () => {
    fc.assert(
      fc.property(yamlish, (text) => expectLoadResult(writeInput(dir, `y${++seq}.yaml`, text))),
      { numRuns: 300 },
    );
  });

  it('arbitrary YAML documents (with rules-file keys) never throw', () => {
    fc.assert(
      fc.property(yamlValue, fc.boolean(), (value, withFormat) => {
        const doc = withFormat && value !== null && typeof value === 'object' && !Array.isArray(value) ? { format: 'moc-rules/v1', ...(value as object) } : value;
        expectLoadResult(writeInput(dir, `v${++seq}.yaml`, stringify(doc)));
      }),
      { numRuns: 300 },
    );
  });

  it('a valid ruleset with one random edit never throws', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 8 }), yamlToken, (at, del, insert) => {
        const i = at % (VALID_RULES.length + 1);
        expectLoadResult(writeInput(dir, `e${++seq}.yaml`, VALID_RULES.slice(0, i) + insert + VALID_RULES.slice(i + del)));
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => expectLoadResult(writeInput(dir, `b${++seq}.yaml`, Buffer.from(bytes)))),
      { numRuns: 100 },
    );
  });
});

// ------------------------------------------------------------------ row independence

const LA = ['E10000011', 'e10000016 ', 'E99', ''];
const rowArb = fc.record({
  la: fc.constantFrom(...LA),
  swe: fc.constantFrom('SW1', 'sw 002', 'SW3', 'X', ''),
  role: fc.constantFrom('SW', 'Team Manager', 'tm', 'nurse', ''),
  start: fc.constantFrom('2025-05-01', '01/06/2025', '2025-02-30', '2024-12-01', ''),
  pay: fc.constantFrom('30', '38.00', '38.005', '£52.01', '-1', 'x', ''),
  pqe: fc.constantFrom('12', '36', '40', '36.0', ''),
  leftDate: fc.constantFrom('', '2025-03-01', '2024-01-01', 'bad'),
  leftLa: fc.constantFrom('', 'E10000011', 'E10000016'),
  refs: fc.constantFrom('0', '2', '3', 'two', ''),
  template: fc.constantFrom('yes', 'no', 'maybe', ''),
  refsDate: fc.constantFrom('2025-04-01', '2025-07-01', ''),
  notice: fc.constantFrom('2', '4', '4.5', ''),
  team: fc.constantFrom('y', 'n', ''),
  ex: fc.constantFrom('', 'EX-1', 'ex-1; EX-B', 'EX-X;ex-x', '__proto__'),
  end: fc.constantFrom('', '2025-04-01', '2026-01-01'),
});
type RowSpec = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;
const ROW_HEADER = 'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate,pqe_months,left_substantive_date,left_substantive_la,reference_count,reference_template,references_complete_date,notice_weeks,project_team,exemption_ref,end_date';
const rowCsv = (r: RowSpec, id: string) =>
  [r.la, id, r.swe, r.role, r.start, r.pay, r.pqe, r.leftDate, r.leftLa, r.refs, r.template, r.refsDate, r.notice, r.team, r.ex, r.end].map((c) => `"${c}"`).join(',');

/** A finding or issue without where it was found: what must not depend on the other rows. */
const strip = (x: Finding | Report['data_issues'][number]) => ({ ...x, line: 0, file: '' });

describe('a row\'s findings do not depend on the rows around it', () => {
  it('except through duplicates and cooling-off, which are kept out here', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 12 }), (rows) => {
        const ids = rows.map((_, i) => `A${i + 1}`);
        const all = checkCsv(RULESET, `${ROW_HEADER}\n${rows.map((r, i) => rowCsv(r, ids[i]!)).join('\n')}\n`);
        rows.forEach((r, i) => {
          const alone = checkCsv(RULESET, `${ROW_HEADER}\n${rowCsv(r, ids[i]!)}\n`);
          expect(all.findings.filter((f) => f.line === i + 2).map(strip)).toEqual(alone.findings.map(strip));
          // council_not_in_region is once per file and code, at its first line: it depends on the rows before
          const own = (d: Report['data_issues'][number]) => d.code !== 'council_not_in_region';
          expect(all.data_issues.filter((d) => d.line === i + 2 && own(d)).map(strip)).toEqual(alone.data_issues.filter(own).map(strip));
        });
      }),
      { numRuns: 40 },
    );
  });

  it('a duplicate is the only effect of an earlier row with the same key', () => {
    fc.assert(
      fc.property(rowArb, rowArb, (a, b) => {
        const both = checkCsv(RULESET, `${ROW_HEADER}\n${rowCsv(a, 'A1')}\n${rowCsv({ ...b, la: a.la }, ' A1 ')}\n`);
        const second = both.data_issues.filter((d) => d.line === 3).map((d) => d.code);
        const keyed = a.la.trim() !== '';
        expect(second.includes('duplicate_assignment')).toBe(keyed);
        expect(both.findings.filter((f) => f.line === 3)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

// ------------------------------------------------------------------ end to end

// in-process (test/in-process.ts): the commands are under test, not the process
const cli = runInProcess;

describe('the CLI on arbitrary input', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run npm run build');
  });

  it('exits 0, 1 or 2 only, and --format json prints exactly one JSON document when it checked', async () => {
    const rules = writeInput(dir, 'cli-rules.yaml', VALID_RULES);
    await fc.assert(
      fc.asyncProperty(csvBytes, fc.option(csvBytes, { nil: undefined }), fc.constantFrom('error', 'warning', 'never'), async (a, l, failOn) => {
        const csv = writeInput(dir, `cli-${++seq}.csv`, a);
        const args = ['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'json', '--fail-on', failOn, csv];
        if (l) args.push('--leavers', writeInput(dir, `cli-l-${seq}.csv`, l));
        const r = await cli(args);
        expect([0, 1]).toContain(r.code);
        const report = JSON.parse(r.stdout) as Report;
        expect(report.format).toBe('moc-report/v1');
        expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      }),
      { numRuns: 25 },
    );
  }, 60000);

  it('an arbitrary rules file exits 0, 1 or 2, with clean JSON or nothing on stdout', async () => {
    const csv = writeInput(dir, 'cli-input.csv', `${header}\nE10000011,A1,SW1,SW,2025-05-01,40,,\n`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(yamlish, yamlValue.map((v) => stringify(v)), fc.constant(VALID_RULES)), async (text) => {
        const rules = writeInput(dir, `cli-r-${++seq}.yaml`, text);
        const r = await cli(['check', '--rules', rules, '--as-of', '2025-11-30', '--format', 'json', csv]);
        expect([0, 1, 2]).toContain(r.code);
        if (r.code === 2) expect(JSON.parse(r.stdout)).toMatchObject({ format: 'moc-error/v1', checked: false });
        else expect(JSON.parse(r.stdout).format).toBe('moc-report/v1');
        expect(r.stderr).not.toMatch(/internal error/);
      }),
      { numRuns: 25 },
    );
  }, 60000);
});

