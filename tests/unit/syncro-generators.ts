// Syncro records as Syncro makes them (its arithmetic written independently of lib/sync/map.ts) and Xero's
// reading of what is sent, for the mapping tests and the reliability suite's generated records.
import fc from 'fast-check';
import { defaultSettings, type Settings } from '../../lib/settings.ts';
import type { InvoiceContext } from '../../lib/sync/map/invoices.ts';
import type { SyncroCustomer, SyncroInvoice, SyncroLineItem } from '../../lib/syncro/wire.ts';
import type { XeroLineItemPayload } from '../../lib/xero/payloads.ts';
import { toScaled, lineAmountCents as xeroLineCents } from '../sandbox/xero/money.ts';

export const settings: Settings = {
  ...defaultSettings,
  salesAccountCode: '200',
  purchasesAccountCode: '300',
  paymentAccountId: 'ac000000-0001-4000-8000-000000000090',
  taxableTaxType: 'OUTPUT',
  nonTaxableTaxType: 'NONE',
  purchaseTaxType: 'NONE',
};

export const RATE_BASIS_POINTS = 825n; // 8.25%

export const invoiceCtx: InvoiceContext = {
  contactId: '11111111-1111-4111-8111-111111111111',
  currency: 'USD',
  itemCodeOf: (productId) => (productId === 10 ? 'LAB' : undefined),
  settings,
  taxRatePercent: (taxType) => (taxType === 'OUTPUT' ? 8.25 : 0),
};

// Records are whole, as they arrive checked (lib/syncro/wire.ts); r4-generated-records.test.ts reads them so.
export const customer = (fields: Partial<SyncroCustomer> = {}): SyncroCustomer => ({
  id: 42,
  updated_at: '2026-09-01T10:00:00.000Z',
  ...fields,
});

let nextLineId = 1;
export const syncroLine = (fields: Partial<SyncroLineItem> = {}): SyncroLineItem => ({
  id: nextLineId++,
  item: 'Labor',
  name: 'Managed services',
  quantity: '1.0',
  price: '100.0',
  taxable: false,
  discount_percent: null,
  discount_dollars: null,
  product_id: null,
  position: null,
  ...fields,
});

// ---- Syncro's own arithmetic, written independently of lib/sync/map.ts ----

export const roundDiv = (n: bigint, d: bigint): bigint => {
  const q = (2n * (n < 0n ? -n : n) + d) / (2n * d);
  return n < 0n ? -q : q;
};

/** Cents of one Syncro line: round(price × quantity × (1 − pct/100)) − dollars; inputs in cents, hundredths. */
export function syncroLineCents(
  priceCents: number,
  quantity100: number,
  percent10: number,
  dollarsCents: number,
): number {
  return (
    Number(roundDiv(BigInt(priceCents) * BigInt(quantity100) * (1000n - BigInt(percent10)), 100_000n)) - dollarsCents
  );
}

export const decimal = (scaled: number, dp: number): string => {
  const abs = Math.abs(scaled);
  const text = `${Math.floor(abs / 10 ** dp)}.${String(abs % 10 ** dp).padStart(dp, '0')}`;
  return `${scaled < 0 ? '-' : ''}${text}`;
};

/** An invoice whose subtotal, tax and total are computed the Syncro way (tax once on the taxable sum). */
export function syncroInvoice(lines: SyncroLineItem[], fields: Partial<SyncroInvoice> = {}): SyncroInvoice {
  let subtotal = 0;
  let taxable = 0;
  for (const line of lines) {
    const cents = syncroLineCents(
      Number(toScaled(line.price, 2)),
      Number(toScaled(line.quantity, 2)),
      Number(toScaled(line.discount_percent ?? 0, 1)),
      Number(toScaled(line.discount_dollars ?? 0, 2)),
    );
    subtotal += cents;
    if (line.taxable) taxable += cents;
  }
  const tax = Number(roundDiv(BigInt(taxable) * RATE_BASIS_POINTS, 10_000n));
  return {
    id: 9,
    number: '1001',
    customer_id: 42,
    date: '2026-09-01T00:00:00.000Z',
    updated_at: '2026-09-01T10:00:00.000Z',
    due_date: '2026-10-01T00:00:00.000Z',
    tax: decimal(tax, 2),
    total: decimal(subtotal + tax, 2),
    po_number: null,
    line_items: lines,
    payments: [],
    ...fields,
  };
}

/** Xero's reading of a sent line, via the fake Xero's own money code (after a JSON round trip). */
export function xeroLineTotal(sent: XeroLineItemPayload): { lineCents: number; taxCents: number } {
  const line = JSON.parse(JSON.stringify(sent)) as XeroLineItemPayload;
  // A description-only line (no Quantity, UnitAmount or ItemCode) is one of nothing, as the fake reads it.
  const quantity4 = line.Quantity === undefined ? 10_000 : Number(toScaled(line.Quantity, 4));
  const unit4 = line.UnitAmount === undefined ? 0 : Number(toScaled(line.UnitAmount, 2)) * 100;
  const discount4 = line.DiscountRate === undefined ? 0 : Number(toScaled(line.DiscountRate, 4));
  const discountCents = line.DiscountAmount === undefined ? 0 : Number(toScaled(line.DiscountAmount, 2));
  return {
    lineCents: xeroLineCents(quantity4, unit4, discount4) - discountCents,
    taxCents: Number(toScaled(line.TaxAmount ?? 0, 2)),
  };
}

export const lineArb = fc
  .record({
    priceCents: fc.integer({ min: 0, max: 1_000_000 }),
    quantity100: fc.oneof(
      fc.integer({ min: 1, max: 500 }).map((n) => n * 100),
      fc.integer({ min: -1000, max: 1000 }),
    ),
    taxable: fc.boolean(),
    percent10: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })),
    dollarsFraction: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    withItem: fc.boolean(),
  })
  .map(({ priceCents, quantity100, taxable, percent10, dollarsFraction, withItem }) => {
    const afterPercent = syncroLineCents(priceCents, quantity100, percent10, 0);
    // Dollar discounts only where Xero can take them: at most the line's amount, on a non-negative line.
    const dollarsCents = afterPercent > 0 ? Math.floor(afterPercent * dollarsFraction) : 0;
    return syncroLine({
      price: decimal(priceCents, 2),
      quantity: decimal(quantity100, 2),
      taxable,
      discount_percent: percent10 ? decimal(percent10, 1) : null,
      discount_dollars: dollarsCents ? decimal(dollarsCents, 2) : null,
      product_id: withItem ? 10 : null,
    });
  });

export const invoiceArb = fc
  .array(lineArb, { minLength: 1, maxLength: 12 })
  .map((lines) => syncroInvoice(lines.map((line, i) => ({ ...line, position: i + 1 }))));
