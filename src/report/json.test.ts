import { describe, expect, it } from 'vitest';
import { formatJson, jsonChunks } from './json.js';
import { escapeJsonForTerminal } from '../text.js';
import type { Report } from '../types.js';
import { makeFinding, makeReport as factoryReport } from '../../test/report-factory.js';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { runCheck } from '../check/index.js';
import { removeSpoolFolder, spooledText } from '../check/spool.js';
import { loadRuleset } from '../ruleset/load.js';
import { REPO_ROOT, tempDir, writeInput } from '../../test/helpers.js';

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

describe('jsonChunks of a spooled report', () => {
  afterEach(() => removeSpoolFolder());
  const loaded = loadRuleset(join(REPO_ROOT, 'rules/south-east.yaml'));
  if (!loaded.ok) throw new Error('the example ruleset does not load');
  const example = (name: string) => join(REPO_ROOT, 'fixtures/example', name);
  // names, agencies and teams a terminal could act on, non-ASCII text, quotes, exemptions
  const hostileRows = () => {
    const header = 'LA Code,LA Name,Assignment Ref,SWE Number,Worker Name,Role,Team,Start Date,Hourly Pay Rate,Hours Per Week,PQE Months,Exemption Ref,Agency';
    const rows = Array.from({ length: 700 }, (_, i) =>
      `E10000016,Kent,"K-${i}\u202e",SW${61000 + i},"Zoë \u009b2J ""${i}""",Social Worker,"Team\u2028${i % 7}",01/05/2025,£${30 + (i % 20)}.10,37,${i % 50},${i % 3 === 0 ? 'SE-EX-2025-003' : ''},"Agency é ${i % 5}"`);
    return writeInput(tempDir(), 'hostile.csv', `${header}\n${rows.join('\n')}\n`);
  };
  const cases = [
    { name: 'the example month, names shown', files: () => ['east-sussex.csv', 'kent.csv', 'surrey.csv', 'broken/missing-column.csv'].map(example), names: true },
    { name: 'the example month, names not asked for', files: () => ['kent.csv', 'surrey.csv'].map(example), names: false },
    { name: 'hostile cells over several blocks', files: () => [hostileRows(), example('kent.csv')], names: true },
  ];
  for (const c of cases) {
    it(`copies the spooled text, the same bytes as stringifying each item: ${c.name}`, () => {
      const leavers = [example('leavers.csv'), example('broken/leavers-missing-column.csv')];
      const opts = { ruleset: loaded.ruleset, files: c.files(), leavers, asOf: '2025-11-30', names: c.names };
      const inMemory = runCheck(opts);
      const spooled = runCheck({ ...opts, spoolLimit: 1 });
      expect(spooledText(spooled.findings)).not.toBeNull();
      expect(spooledText(spooled.data_issues)).not.toBeNull();
      expect(spooledText(inMemory.findings)).toBeNull();
      const text = [...jsonChunks(spooled)].join('');
      expect(text).toBe([...jsonChunks(inMemory)].join(''));
      expect(text).toBe(escapeJsonForTerminal(JSON.stringify(inMemory, null, 2)) + '\n');
    });
  }
});
