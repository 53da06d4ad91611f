// The leavers register as a table kind (engagements.md §2): usable rows go into the
// index the cooling-off rule looks up; row-level issues are warnings.
import { LEAVER_COLUMNS, REQUIRED_LEAVER_COLUMNS } from '../input/columns.js';
import { readLeaver, type LeaversIndex } from '../input/leavers.js';
import type { TableKind } from './table.js';

export function leaversTable(index: LeaversIndex): TableKind {
  return {
    kind: 'leavers',
    what: 'leavers register',
    columns: LEAVER_COLUMNS,
    required: REQUIRED_LEAVER_COLUMNS,
    identity: ['swe_number', 'leaving_date'],
    severity: 'warning',
    start: (ctx) => (cells, line) => {
      const leaver = readLeaver(ctx, cells, line);
      if (leaver) index.add(leaver.swe, leaver.event);
    },
  };
}
