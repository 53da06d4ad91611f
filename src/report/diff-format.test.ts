import { describe, expect, it } from 'vitest';
import { makeReport, payCap } from '../../test/report-factory.js';
import { diffReports } from '../diff.js';
import { cellWidth } from '../text.js';
import { formatDiff } from './diff-format.js';

describe('diff --format table', () => {
  it('aligns the council × rule columns by terminal cells, not UTF-16 units', () => {
    const wide = payCap(58, 52, 37, { la_code: 'E1', assignment_id: 'W-1', context: { la_name: '東京 Zoë\u0308' } });
    const plain = payCap(58, 52, 37, { la_code: 'E2', assignment_id: 'P-1', context: { la_name: 'Kent' } });
    const text = formatDiff(diffReports(makeReport([]), makeReport([wide, plain])), 'table');
    const rows = text.split('\n').filter((l) => /^ {2}\S/.test(l) && /\d$/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    // the last number of every row ends in the same terminal column
    expect(new Set(rows.map((r) => cellWidth(r))).size).toBe(1);
  });
});
