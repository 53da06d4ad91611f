// council_not_in_region (engagements.md **council**, reading 10): the data being
// checked (assignments and starters) names a council outside the ruleset's region.
import { detach } from '../detach.js';
import type { Field } from '../input/row.js';
import type { DataIssue } from '../types.js';

/** What the warning reads of a row. */
export interface CouncilOfRow {
  file: string;
  line: number;
  laCode: string;
  la_code: Field<string>;
}

/** Once per file and code (`warned`), at its first line; any row that reached the row's own checks. */
export function warnIfNotInRegion(region: ReadonlySet<string>, row: CouncilOfRow, issues: DataIssue[], warned: Set<string>): void {
  if (region.size === 0 || region.has(row.laCode) || warned.has(row.laCode)) return;
  warned.add(detach(row.laCode));
  const raw = row.la_code.state === 'ok' ? row.la_code.raw : '';
  const as = raw.trim().toUpperCase() === row.laCode ? '' : ` (read from "${raw.trim()}")`;
  issues.push({
    severity: 'warning', code: 'council_not_in_region', file: row.file, line: row.line, column: 'la_code', value: detach(raw),
    message: detach(`council ${row.laCode}${as} is not one of the ruleset's region councils; its rows are checked as usual`),
  });
}
