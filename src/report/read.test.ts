// Reading reports back (diff, --baseline, trend): the schema, the size limit, and
// inputs that are not regular files.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, truncateSync, writeFileSync, constants as fsConstants } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCsv, HEADER, makeRuleset, tempDir, capWindow } from '../../test/helpers.js';
import { REPORT_SIZE_LIMIT, readReportFile } from './read.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const ruleset = makeRuleset({
  rules: [{ id: 'PAY', kind: 'pay_cap', severity: 'error', basis: 'hourly_pay_rate', caps: [capWindow('2025-04-01', null, { social_worker: 38 })] } as never],
});
/** A real report of the core, as JSON text. */
const report = checkCsv(ruleset, `${HEADER}\nE10000011,A1,SW1,SW,2025-05-01,40\nE10000011,A2,SW2,SW,2025-05-01,30\n`);
const text = JSON.stringify(report, null, 2);
const withFinding = (change: (f: Record<string, unknown>) => void) => {
  const copy = JSON.parse(text);
  change(copy.findings[0]);
  return JSON.stringify(copy);
};

describe('readReportFile', () => {
  it('reads a report of the tool, with or without a byte-order mark, keeping what it does not know', async () => {
    expect(report.findings).toHaveLength(1);
    expect(await readReportFile(write('ok.json', text))).toEqual(JSON.parse(text));
    const later = { ...JSON.parse(text), period: { from: '2025-11-01', to: '2025-11-30' } };
    expect(await readReportFile(write('bom.json', '\uFEFF' + JSON.stringify(later)))).toMatchObject({ period: later.period });
  });

  it('refuses, in a plain sentence naming the file, what is not a report (checked by ReportSchema)', async () => {
    const cases: Array<[string, RegExp]> = [
      ['la_code,assignment_id\nE1,A', /a\.json is not a moc-check JSON report: it is not JSON/],
      ['[1,2]', /it is not a JSON object/],
      ['{"format":"other"}', /its format is "other"/],
      ['{"version":"2.1.0","runs":[]}', /it has no "format": "moc-report\/v1"/],
      [withFinding((f) => delete f.id), /finding 1 has no id/],
      [withFinding((f) => (f.status = 'fixed')), /finding 1's status is not valid/],
      [withFinding((f) => (f.line = -3)), /finding 1's line is not valid/],
      [JSON.stringify({ ...JSON.parse(text), findings: undefined }), /it has no findings list/],
      [JSON.stringify({ ...JSON.parse(text), as_of: '30/11/2025' }), /its as_of is not valid/],
    ];
    for (const [content, message] of cases) await expect(readReportFile(write('a.json', content))).rejects.toThrow(message);
    await expect(readReportFile(join(dir, 'missing.json'))).rejects.toThrow(/^cannot read .*missing\.json: no such file$/);
    await expect(readReportFile(dir)).rejects.toThrow(/^cannot read .*: it is a directory$/);
  });

  it('refuses a file over the limit (512 MiB) without reading it', async () => {
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, REPORT_SIZE_LIMIT + 1); // sparse: no disk used
    await expect(readReportFile(huge)).rejects.toThrow(/huge\.json is larger than 512 MiB, the most a report file may hold; it was not read/);
    rmSync(huge);
  });

  it('refuses a device such as /dev/zero at once', async () => {
    await expect(readReportFile('/dev/zero')).rejects.toThrow(/^cannot read \/dev\/zero: it is a device, not a report file$/);
  });

  it('reads a FIFO with a writer, refuses one without (rather than wait for ever), and stops a stream of zeros at once', async () => {
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    // no writer: read as empty, not waited for
    await expect(readReportFile(fifo)).rejects.toThrow(/report\.fifo is not a moc-check JSON report: it is not JSON/);
    // a writer that has the FIFO open (O_RDWR never blocks on Linux) and writes the report
    const writer = openSync(fifo, fsConstants.O_RDWR);
    const reading = readReportFile(fifo);
    writeFileSync(writer, text);
    closeSync(writer);
    expect((await reading).findings.map((f) => f.id)).toEqual(report.findings.map((f) => f.id));
    // zeros: refused on the first bytes
    const zeros = openSync(fifo, fsConstants.O_RDWR);
    const refused = readReportFile(fifo);
    writeFileSync(zeros, Buffer.alloc(65536));
    await expect(refused).rejects.toThrow(/not JSON/);
    closeSync(zeros);
  });

  it('a FIFO read is stopped by its signal', async () => {
    const fifo = join(dir, 'silent.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = openSync(fifo, fsConstants.O_RDWR); // a writer that never writes
    const controller = new AbortController();
    const reading = readReportFile(fifo, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(reading).rejects.toThrow(/reading .*silent\.fifo was stopped/);
    closeSync(writer);
  });
});
