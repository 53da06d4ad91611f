import { describe, expect, it } from 'vitest';
import { makeReport, payCap } from '../../test/report-factory.js';
import { diffReports } from '../diff.js';
import { cellWidth } from '../width.js';
import { formatDiff } from './diff-format.js';

describe('diff --format table', () => {
  it('aligns the council × rule columns by terminal cells, not UTF-16 units', () => {
    const wide = payCap(58, 52, 37, { la_code: 'E1', assignment_id: 'W-1', context: { la_name: '東京 Zoë\u0308' } });
    const plain = payCap(58, 52, 37, { la_code: 'E2', assignment_id: 'P-1', context: { la_name: 'Kent' } });
    const text = formatDiff(diffReports(makeReport([]), makeReport([wide, plain])), 'table');
    const block = text.slice(text.indexOf('By council and rule'), text.indexOf('\n\n', text.indexOf('By council and rule')));
    const rows = block.split('\n').filter((l) => /^ {2}\S/.test(l) && /\d$/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    // the last number of every row ends in the same terminal column
    expect(new Set(rows.map((r) => cellWidth(r))).size).toBe(1);
    // and so in the spend table
    const spend = text.slice(text.indexOf('spend above caps by council')).split('\n').filter((l) => /^ {2}\S/.test(l) && /\d$/.test(l));
    expect(spend.length).toBe(2);
    expect(new Set(spend.map((r) => cellWidth(r))).size).toBe(1);
  });

  it('names a council once, on the first of its rows', () => {
    const a = payCap(58, 52, 37, { la_code: 'E1', assignment_id: 'A-1', context: { la_name: 'Kent' } });
    const b = payCap(58, 52, 37, { la_code: 'E1', assignment_id: 'A-2', rule: 'OTHER', context: { la_name: 'Kent' } });
    const text = formatDiff(diffReports(makeReport([]), makeReport([a, b])), 'table');
    const block = text.slice(text.indexOf('By council and rule'), text.indexOf('\n\n', text.indexOf('By council and rule')));
    expect(block.split('\n').filter((l) => l.includes('Kent (E1)'))).toHaveLength(1);
    expect(block).toMatch(/\n {2} +OTHER +1 +0 +0$/);
  });
});
