// Money and dates as a person reads them: amounts in the organisation's currency with Intl.NumberFormat, dates
// in the user's locale. The decimal string is built with integer math and handed to Intl as a string, so no float
// ever stands between the ledger (integer cents) and the screen.

/** Integer cents → exact decimal text: 123456 → "1234.56", -5 → "-0.05". For files and for Intl. */
export function centsToDecimal(cents: number): `${number}` {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Cents must be a whole number, got ${cents}`);
  const magnitude = Math.abs(cents);
  const whole = (magnitude - (magnitude % 100)) / 100;
  return `${cents < 0 ? '-' : ''}${whole}.${String(magnitude % 100).padStart(2, '0')}` as `${number}`;
}

/**
 * "NZ$1,234.50", "£0.05", "-€3.00"… in the user's locale. Without a currency (the organisation's is not known
 * yet) the amount shows as a plain number rather than borrowing a symbol it may not have.
 */
export function formatMoney(cents: number, currency: string | undefined, locale?: string): string {
  if (!Number.isSafeInteger(cents)) return 'unknown amount';
  const decimal = centsToDecimal(cents);
  const fraction = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  if (!currency) return new Intl.NumberFormat(locale, fraction).format(decimal);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, ...fraction }).format(decimal);
  } catch {
    // A code Intl does not know: still the exact amount, with the code the organisation uses.
    return `${decimal} ${currency}`;
  }
}

/** A calendar day as Xero and Syncro send it (`YYYY-MM-DD`), in the user's locale; other text as it is. */
export function formatDay(day: string, locale?: string): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!parts) return day;
  const at = Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
  // UTC on both sides: the day stays the day it names wherever the user is.
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}

/** A moment (epoch milliseconds) in the user's locale and time zone. */
export function formatMoment(at: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
