// Money is integer cents end to end; quantities and percents are integers in ten-thousandths ("q4").
// Decimal text is parsed digit by digit (never multiplied as floats), so "64.99" is 6499, not 6498.99….

export class MoneyError extends Error {
  override name = 'MoneyError';
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Integer division rounding half away from zero (how Syncro and Xero round money). */
export function divRoundHalfAway(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new MoneyError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/**
 * Exact decimal → integer scaled by 10^dp, rounding extra digits half away from zero.
 * Numbers go through their shortest round-tripping decimal text (String(19.99) is "19.99").
 * null, undefined and "" are 0; anything else that is not a plain decimal throws MoneyError.
 */
export function parseScaled(value: string | number | null | undefined, dp: number): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number' && !Number.isFinite(value)) throw new MoneyError(`Not a finite amount: ${value}`);
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (text === '') return 0;
  const match = DECIMAL.exec(text);
  if (!match || (!match[2] && !match[3])) throw new MoneyError(`Not a decimal amount: "${String(value)}"`);
  const exponent = Number(match[4] ?? '0');
  if (Math.abs(exponent) > 400) throw new MoneyError(`Amount out of range: "${String(value)}"`);
  const negative = match[1] === '-';
  const digits = `${match[2] ?? ''}${match[3] ?? ''}`;
  // Position of the decimal point within `digits`, moved by the exponent, then by dp.
  const point = (match[2] ?? '').length + exponent + dp;
  let scaled: bigint;
  if (point <= 0) {
    // Everything is below one unit: it rounds up only when the first digit is the half.
    scaled = point === 0 && (digits[0] ?? '0') >= '5' ? 1n : 0n;
  } else if (point >= digits.length) {
    scaled = BigInt((digits || '0') + '0'.repeat(point - digits.length));
  } else {
    scaled = BigInt(digits.slice(0, point) || '0') + ((digits[point] ?? '0') >= '5' ? 1n : 0n);
  }
  const result = Number(negative ? -scaled : scaled);
  if (!Number.isSafeInteger(result)) throw new MoneyError(`Amount out of range: "${String(value)}"`);
  return result === 0 ? 0 : result; // no -0
}

/** "64.99" → 6499, 19.99 → 1999, "1.005" → 101, null → 0. */
export function parseCents(value: string | number | null | undefined): number {
  return parseScaled(value, 2);
}

/** Quantity in ten-thousandths (Xero keeps 4 decimals): "1.0" → 10000, "2.5" → 25000. */
export function parseQuantity(value: string | number | null | undefined): number {
  return parseScaled(value, 4);
}

function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new MoneyError(`${what} must be a whole number, got ${value}`);
}

/** Ten-thousandths → JSON number (25000 → 2.5); exact for |q4| < 10^15. */
export function quantityToNumber(q4: number): number {
  assertSafeInteger(q4, 'Quantity (ten-thousandths)');
  return q4 / 10_000 + 0; // + 0 turns -0 into 0
}

/** Cents → JSON number that prints with at most 2 decimals (6499 → 64.99); exact for |cents| < 10^15. */
export function centsToAmount(cents: number): number {
  assertSafeInteger(cents, 'Cents');
  return cents / 100 + 0;
}

/** "$1234.50", "-$0.05": for messages shown to people. */
export function formatDollars(cents: number): string {
  assertSafeInteger(cents, 'Cents');
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}$${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
