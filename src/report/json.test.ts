import { describe, expect, it } from 'vitest';
import { formatJson, jsonChunks } from './json.js';
import type { Report } from '../types.js';
import { makeFinding, makeReport as factoryReport } from '../../test/report-factory.js';

const makeReport = (): Report => factoryReport([makeFinding(), makeFinding({ line: 5, status: 'unknown' })]) as Report;

describe('formatJson', () => {
  it('is exactly JSON.stringify(report, null, 2) plus a newline, built from chunks', () => {
    const report = makeReport();
    expect(report.findings.length).toBeGreaterThan(0);
    expect(formatJson(report, {} as never)).toBe(JSON.stringify(report, null, 2) + '\n');
  });

  it('stays one valid document when a streamed array spans many chunks, and with empty arrays', () => {
    const base = makeReport();
    const many: Report = { ...base, findings: Array.from({ length: 3000 }, (_, i) => ({ ...base.findings[0]!, line: i + 2 })), data_issues: [] };
    const chunks = [...jsonChunks(many)];
    expect(chunks.length).toBeGreaterThan(10);
    expect(JSON.parse(chunks.join(''))).toEqual(JSON.parse(JSON.stringify(many)));
    expect(chunks.join('')).toBe(JSON.stringify(many, null, 2) + '\n');
  });

  it('writes C1 controls and bidi overrides as escapes that parse back to the same text', () => {
    const base = makeReport();
    const hostile: Report = { ...base, findings: [{ ...base.findings[0]!, message: 'a\u009b2Jb\u202Ec' }] };
    const text = formatJson(hostile, {} as never);
    expect(text).not.toMatch(/[\u009b\u202E]/);
    expect(JSON.parse(text).findings[0].message).toBe('a\u009b2Jb\u202Ec');
  });
});
