// `--redact` (issue 3): a report with no worker names and no Social Work England numbers,
// for sharing beyond the people who need to know who the workers are.
//
// - Worker names are removed: `context.worker_name` is dropped from every finding, a
//   data issue's `value` in the worker_name column (or in no known column, as a ragged
//   row's overflow cells) becomes "[redacted]", and any known
//   name found in other text becomes "[redacted]".
// - Every SWE number becomes a pseudonym `SWX-` + the first 10 hex digits of
//   HMAC-SHA256(key, normalised number): in findings' `swe_number`, in data issues'
//   `value` for the swe_number column, and wherever an SWE number appears in message,
//   details or other text (both the raw cells the report holds and anything shaped like
//   `SW 12345`). Invalid numbers are pseudonymised from their compacted upper-case text.
//
// - No cell text of a free-text column: agency and team become stable pseudonyms
//   (`agency-` / `team-` + 8 hex digits of the keyed HMAC), so breaches still group by
//   agency; the export's council names are dropped (the ruleset's or the code are shown).
// - No raw value of an invalid cell: every data issue's `value` becomes "[redacted]" (an
//   SWE number its pseudonym) and its message names the column and the issue only.
//
// The pseudonym key: set MOC_CHECK_PSEUDONYM_KEY to a secret (at least 16 characters is
// sensible) and the same worker gets the same pseudonym across files, councils and months,
// so redacted reports can still be compared (`moc-check diff`) and followed over time.
// Keep the key as secret as the numbers themselves: anyone holding it can test a guessed
// number against a pseudonym. Without the variable a random key is made for each run,
// so pseudonyms are stable within one report only.
import { createHmac, randomBytes } from 'node:crypto';
import { normaliseSwe } from './swe.js';
import type { CouncilSummary, DataIssue, Finding, FindingDetails, Report } from './types.js';
import { mapReport } from './check/spool.js';
import { starterFindingId } from './check/fingerprint.js';

export const PSEUDONYM_KEY_ENV = 'MOC_CHECK_PSEUDONYM_KEY';
export const REDACTED = '[redacted]';
export const PSEUDONYM_PREFIX = 'SWX-';
export const AGENCY_PREFIX = 'agency-';
export const TEAM_PREFIX = 'team-';

export interface PseudonymKey {
  key: string;
  /** 'env' when read from MOC_CHECK_PSEUDONYM_KEY (stable across runs), 'random' when made for this run */
  source: 'env' | 'random';
}

/**
 * The pseudonym key from MOC_CHECK_PSEUDONYM_KEY, or a random one for this run only
 * (the CLI should then say on stderr that pseudonyms will differ between runs).
 */
export function pseudonymKeyFromEnv(env: Record<string, string | undefined> = process.env): PseudonymKey {
  const key = env[PSEUDONYM_KEY_ENV];
  if (key !== undefined && key !== '') return { key, source: 'env' };
  return { key: randomBytes(32).toString('hex'), source: 'random' };
}

/** The text an SWE number is pseudonymised from: normalised when valid, else compacted and upper-cased. */
function sweBasis(raw: string): string {
  return normaliseSwe(raw) ?? raw.replace(/\s+/g, '').toUpperCase();
}

/** `SWX-` + 10 hex digits of HMAC-SHA256(key, normalised number); '' stays ''. */
export function pseudonymFor(raw: string, key: string): string {
  if (raw.trim() === '') return raw;
  return PSEUDONYM_PREFIX + createHmac('sha256', key).update(sweBasis(raw), 'utf8').digest('hex').slice(0, 10);
}

/** Anything shaped like an SWE number in free text: SW then digits, spaces allowed (case-insensitive). */
const SWE_IN_TEXT_RE = /(?<![\p{L}\p{N}])S[ \t]*W[ \t]*\d(?:[ \t]*\d)*(?![\p{L}\p{N}])/giu;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether the code point that ends just before `at` is a letter or a digit. */
function wordCharBefore(text: string, at: number): boolean {
  if (at === 0) return false;
  const low = text.charCodeAt(at - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? at - 2 : at - 1;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(start)!));
}

/** Whether the code point that starts at `at` is a letter or a digit. */
function wordCharAt(text: string, at: number): boolean {
  return at < text.length && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(at)!));
}

/**
 * Replaces the report's own SWE numbers and names wherever they appear as whole words
 * (not inside a longer word or number), the longest at a place first, in one pass over
 * the text: a lookup per word start and literal length, not one regular expression per
 * literal over every text, which made --redact quadratic (100,000 rows: 198 s).
 */
class Redactor {
  /** literal → replacement */
  private readonly replacements = new Map<string, string>();
  /** the first code unit of literals → their lengths, longest first */
  private readonly lengthsByFirst = new Map<number, number[]>();

  constructor(
    private readonly key: string,
    sweRaws: Iterable<string>,
    names: Iterable<string>,
  ) {
    for (const raw of sweRaws) {
      const t = raw.trim();
      // text replacement only for values that look like a number (a raw 'n/a' is no SWE number)
      if (t !== '' && /\d/.test(t)) this.replacements.set(t, pseudonymFor(t, key));
    }
    for (const name of names) {
      const t = name.trim();
      if (t.length >= 2 && !this.replacements.has(t)) this.replacements.set(t, REDACTED);
    }
    for (const literal of this.replacements.keys()) {
      const first = literal.charCodeAt(0);
      const lengths = this.lengthsByFirst.get(first) ?? [];
      if (!lengths.includes(literal.length)) lengths.push(literal.length);
      this.lengthsByFirst.set(first, lengths);
    }
    for (const lengths of this.lengthsByFirst.values()) lengths.sort((a, b) => b - a);
  }

  text(value: string): string {
    let out = '';
    let copied = 0;
    for (let at = 0; at < value.length; at++) {
      const lengths = this.lengthsByFirst.get(value.charCodeAt(at));
      if (lengths === undefined || wordCharBefore(value, at)) continue;
      for (const length of lengths) {
        const replacement = at + length <= value.length ? this.replacements.get(value.slice(at, at + length)) : undefined;
        if (replacement === undefined || wordCharAt(value, at + length)) continue;
        out += value.slice(copied, at) + replacement;
        copied = at + length;
        at = copied - 1;
        break;
      }
    }
    const replaced = copied === 0 ? value : out + value.slice(copied);
    return replaced.replace(SWE_IN_TEXT_RE, (m) => pseudonymFor(m, this.key));
  }

  /** Every string inside a JSON-like value, redacted (keys kept). */
  deep(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.deep(v));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.deep(v);
      return out;
    }
    return value;
  }
}

/**
 * A deep copy of the report with worker names removed and SWE numbers pseudonymised
 * (see the file comment). Finding ids, counts and everything else are unchanged, so a
 * redacted report still diffs against another run. The same key gives the same pseudonyms.
 */
export function redactReport(report: Report, key: string): Report {
  // first the literals to look for (distinct numbers and names: bounded by workers, not findings)
  const sweRaws = new Set<string>();
  const names = new Set<string>();
  for (const f of report.findings) {
    if (f.swe_number) sweRaws.add(f.swe_number);
    const name = f.context?.worker_name;
    if (typeof name === 'string' && name.trim() !== '') names.add(name);
  }
  for (const d of report.data_issues) {
    if (typeof d.value !== 'string' || d.value.trim() === '') continue;
    if (d.column === 'swe_number') sweRaws.add(d.value);
    else if (d.column === 'worker_name') names.add(d.value);
  }
  const r = new Redactor(key, sweRaws, names);

  const free = (prefix: string, text: string | null): string | null =>
    text === null || text.trim() === '' ? text : `${prefix}${createHmac('sha256', key).update(`${prefix}${text.trim()}`, 'utf8').digest('hex').slice(0, 8)}`;
  const rulesetId = report.ruleset.id;
  // then each item, copied as it is read: a spooled list of millions is spooled again, not held
  return mapReport(report, {
    findings: (original: Finding): Finding => {
      const f = structuredClone(original);
      if (f.context) delete f.context.worker_name;
      f.swe_number = pseudonymFor(f.swe_number, key);
      f.message = r.text(f.message);
      f.details = r.deep(f.details) as FindingDetails;
      if (f.assignment_id !== null) f.assignment_id = r.text(f.assignment_id);
      // a starters row's id is built from its SWE number (rules.md): rebuilt from the pseudonym
      const startDate = (f.details as { start_date?: unknown }).start_date;
      if (f.kind === 'head_hunting' && typeof startDate === 'string') f.id = starterFindingId(rulesetId, f.rule, f.la_code, f.swe_number, startDate);
      if (f.context) {
        // free-text cells (an agency may be named after a person): a stable pseudonym, never the text
        f.context.agency = free(AGENCY_PREFIX, f.context.agency);
        f.context.team = free(TEAM_PREFIX, f.context.team);
        // the export's own council name is free text too; formats fall back to the ruleset's name or the code
        f.context.la_name = null;
      }
      return f;
    },
    councils: (c: CouncilSummary): CouncilSummary => ({ ...structuredClone(c), la_name: null }),
    data_issues: (original: DataIssue): DataIssue => {
      const d = structuredClone(original);
      if (d.value !== undefined) {
        // an invalid cell's raw text may be anything (a name typed into a date column): show the column and the issue only
        d.value = d.column === 'swe_number' && d.value.trim() !== '' ? pseudonymFor(d.value, key) : REDACTED;
        d.message = `${d.column ?? 'a cell'}: ${d.code.replace(/_/g, ' ')} (the cell is not shown: --redact)`;
      } else {
        d.message = r.text(d.message);
      }
      return d;
    },
  });
}
