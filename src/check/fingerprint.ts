// Finding ids (report.md "Findings"): a stable fingerprint of where a breach is.
import { createHash } from 'node:crypto';

/** The stable fingerprint of report.md: the same breach next month has the same id. */
export function findingId(rulesetId: string, rule: string, laCode: string, assignmentId: string): string {
  return createHash('sha256').update(`${rulesetId}\u001f${rule}\u001f${laCode}\u001f${assignmentId}`, 'utf8').digest('hex').substring(0, 12);
}
