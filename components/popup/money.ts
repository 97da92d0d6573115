// Money for display from integer cents. The decimal string is built with integer math and handed to
// Intl.NumberFormat as a string, so no float ever stands between the ledger and the screen.

export function formatCents(cents: number, currency = 'USD'): string {
  if (!Number.isSafeInteger(cents)) return 'unknown amount';
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  const decimal =
    `${sign}${(magnitude - (magnitude % 100)) / 100}.${String(magnitude % 100).padStart(2, '0')}` as `${number}`;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: 2 }).format(decimal);
  } catch {
    // An unknown currency code: still show the exact amount.
    return `${decimal} ${currency}`;
  }
}
