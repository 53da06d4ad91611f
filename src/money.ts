// Money is compared in whole pence, rounded half-up from the decimal as written,
// so 38.005 breaches a 38.00 cap while 38.004 does not (rules.md "Money").

/** Money held as whole pence (rounded half-up) next to the number as written. */
export interface Money {
  amount: number;
  pence: number;
}

const DECIMAL_RE = /^(\d+)(?:\.(\d+))?$/;

/** Whole pence, half-up, from a plain non-negative decimal text ('38.005' -> 3801). */
export function penceFromDecimalText(text: string): number | null {
  const m = DECIMAL_RE.exec(text);
  if (!m) return null;
  const whole = m[1]!;
  const frac = m[2] ?? '';
  const first2 = (frac + '00').slice(0, 2);
  const roundUp = frac.length > 2 && frac.charCodeAt(2) >= 53; // third decimal >= '5'
  const pence = Number(whole) * 100 + Number(first2) + (roundUp ? 1 : 0);
  return Number.isFinite(pence) ? pence : null;
}

/**
 * Money from a YAML number. String(n) is the shortest text that reads back as n,
 * i.e. what the person typed (38.005 stays '38.005' rather than 38.00499…).
 */
export function moneyFromNumber(n: number): Money | null {
  if (!Number.isFinite(n) || n < 0) return null;
  let text = String(n);
  if (/e/i.test(text)) text = n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
  const pence = penceFromDecimalText(text);
  return pence === null ? null : { amount: n, pence };
}

export function formatPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  // Grouped by hand: toLocaleString would load ICU data, ~10 ms on the first call.
  const pounds = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}
