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

// ---- line amounts (exact integer arithmetic) ----
/** Discount percent in ten-thousandths: 1_000_000 is 100%. */
export const PERCENT_100 = 1_000_000n;

/**
 * round_half_away(unit × quantity × (1 − rate/100)) − discountAmount, in cents: Syncro's line total and Xero's
 * LineAmount alike. quantity4 and rate4 are in ten-thousandths.
 */
export function lineAmountCents(unitCents: number, quantity4: number, rate4 = 0, discountCents = 0): number {
  const scaled = BigInt(unitCents) * BigInt(quantity4) * (PERCENT_100 - BigInt(rate4));
  return Number(divRoundHalfAway(scaled, 10_000n * PERCENT_100)) - discountCents;
}

/**
 * Splits `total` over `weights` in proportion, as integers that sum to exactly `total` (largest remainder).
 * Weights may be negative (refund lines); when they sum to 0 the whole amount goes to the largest line.
 */
export function allocateProportionally(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) {
    let largest = 0;
    weights.forEach((w, i) => {
      if (Math.abs(w) > Math.abs(weights[largest] ?? 0)) largest = i;
    });
    return weights.map((_, i) => (i === largest ? total : 0));
  }
  const big = (n: number) => BigInt(n);
  const denominator = big(Math.abs(sum));
  const sign = sum < 0 ? -1n : 1n;
  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  for (const w of weights) {
    const numerator = big(total) * big(w) * sign;
    // Floor division that also holds for negative numerators.
    let q = numerator / denominator;
    if (numerator % denominator !== 0n && numerator < 0n) q -= 1n;
    floors.push(q);
    remainders.push(numerator - q * denominator);
  }
  let left = big(total) - floors.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = remainders[a] ?? 0n;
      const rb = remainders[b] ?? 0n;
      return ra === rb ? a - b : rb > ra ? 1 : -1;
    });
  for (const i of order) {
    if (left <= 0n) break;
    floors[i] = (floors[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return floors.map(Number);
}
