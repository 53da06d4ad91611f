// Exact decimals for the return's sums (return.md "Money"): each number as read is
// turned into an integer count of 10^-6 units, products and sums stay integers, and
// the result is rounded half-up once, at the end.
const DIGITS = 6;
const SCALE = 10n ** BigInt(DIGITS);

/** A non-negative finite number as an exact integer count of 10^-6 units (half-up past 6 decimals). */
export function decimalUnits(n: number): bigint {
  if (!Number.isFinite(n) || n < 0) return 0n;
  let text = String(n);
  if (/e/i.test(text)) text = n.toFixed(20);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return 0n;
  const frac = m[2] ?? '';
  const kept = (frac + '0'.repeat(DIGITS)).slice(0, DIGITS);
  const roundUp = frac.length > DIGITS && frac.charCodeAt(DIGITS) >= 53;
  return BigInt(m[1]!) * SCALE + BigInt(kept) + (roundUp ? 1n : 0n);
}

/** Σ rate × hours (in 10^-12 units) × 52 / 12, in pounds rounded half-up to the penny. */
export function monthlyPounds(rateTimesHours: bigint): number {
  const numerator = rateTimesHours * 52n * 100n; // pence × 10^-12 × 12
  const denominator = 12n * SCALE * SCALE;
  const pence = (numerator * 2n + denominator) / (2n * denominator);
  return Number(pence) / 100;
}

/** numerator / denominator as a fraction rounded half-up to 4 places (reading 32); null when the divisor is 0. */
export function roundShare(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  const n = BigInt(numerator) * 10000n * 2n + BigInt(denominator);
  return Number(n / (2n * BigInt(denominator))) / 10000;
}
