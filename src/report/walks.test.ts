// The findings may be millions read back from disk (src/check/spool.ts): the formats
// that summarise them walk them once, whatever they count and list.
import { describe, expect, it } from 'vitest';
import { factoryRuleset, makeFinding, makeReport, payCap } from '../../test/report-factory.js';
import type { Finding, Report } from '../types.js';
import { formatHtml } from './html.js';
import { formatMarkdown } from './markdown.js';
import { PayPointsTally, PAY_MARKS_MAX } from './pay-points.js';
import { formatTable } from './table.js';
import { formatCsv } from './csv.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';

/** An array that counts how often it is walked with for…of. */
class CountedFindings extends Array<Finding> {
  walks = 0;
  override [Symbol.iterator](): ArrayIterator<Finding> {
    this.walks++;
    return super[Symbol.iterator]();
  }
}

function report(): { report: Report; findings: CountedFindings } {
  const findings = new CountedFindings();
  for (let i = 0; i < 3_000; i++) {
    findings.push(i % 3 === 0 ? payCap(58, 52, 37, { line: i + 2 }) : makeFinding({ rule: 'DFE-PQE', kind: 'min_pqe', status: i % 3 === 1 ? 'breach' : 'unknown', line: i + 2 }));
  }
  const points = new PayPointsTally('hourly_pay_rate', undefined);
  for (let i = 0; i <= PAY_MARKS_MAX; i++) points.add({ file: 'a.csv', line: i + 2, la_code: 'E10000016', role: 'team_manager', basis: 'hourly_pay_rate', rate: 40 + (i % 20), start_date: '2025-05-01', status: 'compliant' });
  const r = makeReport([], { councils: [{ la_code: 'E10000016', la_name: 'Kent', checked: PAY_MARKS_MAX + 1 }] });
  r.findings = findings;
  r.assignments = points.result();
  return { report: r, findings };
}

describe('formats walk the findings once, or twice when their header needs a look first', () => {
  const options = { ruleset: factoryRuleset(), color: false, verbose: true, names: false };
  it.each([
    { name: 'table', format: formatTable, walks: 1 },
    { name: 'markdown', format: formatMarkdown, walks: 1 },
    { name: 'html', format: formatHtml, walks: 1 },
    { name: 'github', format: formatGithub, walks: 1 },
    // the CSV's columns (worker name, baseline, detail columns) are known after one walk
    { name: 'csv', format: formatCsv, walks: 2 },
    // the rules' descriptors (a finding of a rule the ruleset lacks) and the baseline flag
    { name: 'sarif', format: formatSarif, walks: 2 },
    // the test counts of each suite come before its cases
    { name: 'junit', format: formatJunit, walks: 2 },
  ])('$name: $walks', ({ format, walks }) => {
    const { report: r, findings } = report();
    expect(format(r, options).length).toBeGreaterThan(1000);
    expect(findings.walks).toBe(walks);
  });
});
