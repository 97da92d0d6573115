// Exact decimal arithmetic for Xero amounts. Money is held as integer cents, quantities, unit prices
// and rates as integer ten-thousandths ("units4"), so 3 × 19.99 + 8.25% tax never drifts by a cent.

/** Parses a JSON number or numeric string into an integer scaled by 10^dp (half away from zero). */
export function toScaled(value: unknown, dp: number): number | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  // String(number) gives the shortest round-tripping decimal, so 1.005 stays "1.005", not 1.00499…
  let text = typeof value === 'number' ? String(value) : value.trim();
  if (typeof value === 'number' && /e/i.test(text)) text = value.toFixed(12);
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && !match[3])) return undefined;
  const negative = match[1] === '-';
  const fraction = match[3] ?? '';
  const kept = BigInt((match[2] || '0') + fraction.slice(0, dp).padEnd(dp, '0'));
  const roundUp = (fraction[dp] ?? '0') >= '5' ? 1n : 0n;
  const magnitude = Number(kept + roundUp);
  return negative ? -magnitude : magnitude;
}

/**
 * Integer division rounding half away from zero (Xero's rounding of line and tax amounts: 2 dp per line,
 * https://developer.xero.com/documentation/api-guides/rounding-in-xero; Undocumented: the direction of a half).
 */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/** Cents → JSON number (e.g. 6492 → 64.92). */
export function centsToNumber(cents: number): number {
  return cents / 100;
}

/** Ten-thousandths → JSON number (e.g. 199900 → 19.99). */
export function units4ToNumber(units: number): number {
  return units / 10_000;
}

export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

/** Line amount in cents: quantity × unit price × (1 − discount%), rounded to 2 dp. */
export function lineAmountCents(quantity4: number, unit4: number, discountPercent4 = 0): number {
  const product = BigInt(quantity4) * BigInt(unit4) * (1_000_000n - BigInt(discountPercent4));
  // scale: 1e4 × 1e4 × 1e6 = 1e14; cents are 1e2
  return Number(divRound(product, 1_000_000_000_000n));
}

/** Tax on one line, rounded per line as Xero does; rate4 is the percent in ten-thousandths (8.25% → 82500). */
export function lineTaxCents(lineCents: number, rate4: number, types: LineAmountTypes): number {
  if (types === 'NoTax' || rate4 === 0) return 0;
  const line = BigInt(lineCents);
  const rate = BigInt(rate4);
  if (types === 'Exclusive') return Number(divRound(line * rate, 1_000_000n));
  return Number(divRound(line * rate, 1_000_000n + rate));
}

export interface Totals {
  subTotal: number;
  totalTax: number;
  total: number;
}

/** Document totals from already-rounded lines; Inclusive line amounts contain their tax. */
export function documentTotals(lines: Array<{ lineCents: number; taxCents: number }>, types: LineAmountTypes): Totals {
  const lineSum = lines.reduce((sum, line) => sum + line.lineCents, 0);
  const totalTax = lines.reduce((sum, line) => sum + line.taxCents, 0);
  const subTotal = types === 'Inclusive' ? lineSum - totalTax : lineSum;
  return { subTotal, totalTax, total: subTotal + totalTax };
}
