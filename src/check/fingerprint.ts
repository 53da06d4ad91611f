// Finding ids (report.md "Findings"): a stable fingerprint of where a breach is.
import { createHash, hash } from 'node:crypto';

const SEPARATOR = '\u001f';

/**
 * The stable fingerprint of report.md: the first 12 hex digits of the SHA-256 of
 * `ruleset id` US `rule` US `la_code` US `assignment_id`. Ruleset and rule ids cannot
 * hold the separator (their schemas), but a key cell can: a key holding it would make
 * two breaches one id, so such keys are hashed JSON-quoted (no raw control character)
 * with a fourth, trailing separator. Texts with three separators are the contract's,
 * unchanged; texts with four cannot be one of them, and JSON quoting is one-to-one.
 */
export function findingId(rulesetId: string, rule: string, laCode: string, assignmentId: string): string {
  const text = laCode.includes(SEPARATOR) || assignmentId.includes(SEPARATOR)
    ? `${rulesetId}${SEPARATOR}${rule}${SEPARATOR}${JSON.stringify(laCode)}${SEPARATOR}${JSON.stringify(assignmentId)}${SEPARATOR}`
    : `${rulesetId}${SEPARATOR}${rule}${SEPARATOR}${laCode}${SEPARATOR}${assignmentId}`;
  return sha256Hex(text).substring(0, 12);
}

/** One-shot hashing where Node has it (20.12+): no Hash object per finding. */
const sha256Hex: (text: string) => string = typeof hash === 'function'
  ? (text) => hash('sha256', text, 'hex')
  : (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * A head_hunting finding's id (rules.md): the text `swe_number` + `@` + `start_date`
 * stands in for the assignment id. With --redact, `swe` is the pseudonym (an id built
 * from a real SWE number could be reversed by trying every number).
 */
export function starterFindingId(rulesetId: string, rule: string, laCode: string, swe: string, startDate: string): string {
  return findingId(rulesetId, rule, laCode, `${swe}@${startDate}`);
}
