// Social Work England numbers (engagements.md "SWE number").

const SHAPE_RE = /^SW[0-9]+$/;
const VALID_RE = /^SW[1-9][0-9]{0,5}$/;

/**
 * Normalises an SWE number: spaces removed, upper-cased, leading zeros after
 * 'SW' dropped (HCPC numbers lost them). Returns null when not valid afterwards.
 */
export function normaliseSwe(raw: string): string | null {
  // Surrounding white space is trimmed like any cell; inside, only spaces are dropped
  // ("with spaces anywhere"): a tab or no-break space inside makes it invalid.
  const compact = raw.trim().replace(/ +/g, '').toUpperCase();
  if (!SHAPE_RE.test(compact)) return null;
  const normalised = 'SW' + compact.slice(2).replace(/^0+/, '');
  return VALID_RE.test(normalised) ? normalised : null;
}
