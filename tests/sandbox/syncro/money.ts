// Money lives in integer cents; Syncro's API shows it as Rails BigDecimal strings ("0.0", "19.99", "120.5"), as in
// syncro_swagger.json#/paths/~1invoices/get (`"subtotal": "0.0"`) and ~1line_items/get (`"price": "64.99"`) examples.

/** Rounds half away from zero, like Ruby's BigDecimal#round (Math.round rounds -2.5 to -2). */
export function roundHalfAway(value: number): number {
  // The epsilon absorbs float noise such as 1.005 * 100 = 100.49999…
  const rounded = Math.round(Math.abs(value) + 1e-9);
  return value < 0 ? -rounded : rounded;
}

/** Rails decimal string for an integer number of cents: 0 → "0.0", 1999 → "19.99", 12050 → "120.5". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = abs % 100;
  if (fraction === 0) return `${sign}${whole}.0`;
  if (fraction % 10 === 0) return `${sign}${whole}.${fraction / 10}`;
  return `${sign}${whole}.${String(fraction).padStart(2, '0')}`;
}

/** Rails decimal string for a plain number (quantities, percents): 1 → "1.0", 2.5 → "2.5". */
export function numberToDecimal(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/**
 * Dollars as a JSON number, as Syncro sends `payment_amount` and PO `total` (syncro_swagger.json#/paths/~1payments/post
 * and ~1purchase_orders~1{id}/get examples; live tests 22 and 24, research/syncro.md §1.10–1.11).
 */
export function centsToDollars(cents: number): number {
  return cents / 100;
}

/** "$1,234.50" for web pages. */
export function formatCurrency(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses a dollar amount ("12.5", "$1,000.00", 12.5) to cents; `undefined` when it is not a number. */
export function dollarsToCents(value: unknown): number | undefined {
  const text =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value.replace(/[$,\s]/g, '') : '';
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  return roundHalfAway(Number(text) * 100);
}
