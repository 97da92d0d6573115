import {
  allocateProportionally,
  centsToAmount,
  lineAmountCents,
  PERCENT_100,
  parseCents,
  parseQuantity,
  quantityToNumber,
} from '../../money.ts';
import { formatMoney } from '../../money-text.ts';
import type { Settings } from '../../settings.ts';
import type { SyncroInvoice, SyncroLineItem } from '../../syncro/wire.ts';
import type { XeroInvoicePayload, XeroLineItemPayload } from '../../xero/payloads.ts';
import { DESCRIPTION_MAX, taxTypeFor } from './items.ts';
import { byPosition, linePricing, xeroLineTotalCents } from './lines.ts';
import { clean, cutText, datePart, dayOf, MappingError, optional } from './text.ts';

export interface InvoiceContext {
  contactId: string;
  /** The organisation's base currency (Syncro's amounts are in it), for amounts in messages; '' when unknown. */
  currency: string;
  itemCodeOf(productId: number): string | undefined;
  settings: Settings;
  /** The percent rate of a Xero tax type, e.g. 8.25. */
  taxRatePercent(taxType: string): number;
}

export interface MappedInvoice {
  payload: XeroInvoicePayload;
  xeroTotalCents: number;
  syncroTotalCents: number;
}

interface PricedLine {
  line: XeroLineItemPayload;
  amountCents: number;
  taxable: boolean;
  /** A zero-quantity line, sent as its description alone: no amount, no tax. */
  descriptionOnly: boolean;
}

function salesLine(source: SyncroLineItem, number: number, ctx: InvoiceContext): PricedLine {
  const unitCents = parseCents(source.price);
  const quantity4 = parseQuantity(source.quantity);
  const rate4 = parseQuantity(source.discount_percent);
  const discountCents = parseCents(source.discount_dollars);
  if (rate4 < 0 || rate4 > Number(PERCENT_100)) {
    throw new MappingError(`Line ${number}: a discount of ${rate4 / 10_000}% can't be sent to Xero`);
  }
  if (discountCents < 0) throw new MappingError(`Line ${number}: a negative discount can't be sent to Xero`);
  const amountCents = lineAmountCents(unitCents, quantity4, rate4, discountCents);
  const grossCents = lineAmountCents(unitCents, quantity4);
  // Xero takes one discount per line: a percent alone maps as is; with dollars, both fold into one amount.
  const discount: Pick<XeroLineItemPayload, 'DiscountRate' | 'DiscountAmount'> =
    discountCents > 0
      ? { DiscountAmount: centsToAmount(grossCents - amountCents) }
      : rate4 > 0
        ? { DiscountRate: quantityToNumber(rate4) }
        : {};
  if (discountCents > 0 && amountCents < 0) {
    throw new MappingError(`Line ${number}: the discount is more than the line's amount, which Xero refuses`);
  }
  const description = cutText(clean(source.name) || clean(source.item) || 'Item', DESCRIPTION_MAX);
  const pricing = linePricing(quantity4, unitCents);
  if (!pricing) return { line: { Description: description }, amountCents: 0, taxable: false, descriptionOnly: true };
  const itemCode = source.product_id ? ctx.itemCodeOf(source.product_id) : undefined;
  const taxType = taxTypeFor(source.taxable, ctx.settings);
  const line: XeroLineItemPayload = {
    Description: description,
    ...pricing,
    ...(itemCode ? { ItemCode: itemCode } : {}),
    ...(ctx.settings.salesAccountCode ? { AccountCode: ctx.settings.salesAccountCode } : {}),
    ...(taxType ? { TaxType: taxType } : {}),
    ...discount,
  };
  return { line, amountCents, taxable: Boolean(source.taxable), descriptionOnly: false };
}

/**
 * Xero's own reading of a line: round(Quantity × UnitAmount × (1 − DiscountRate/100)) − DiscountAmount +
 * TaxAmount; a description-only line is worth nothing.
 */

/**
 * Syncro taxes the sum of taxable lines once; Xero taxes each line. So Syncro's tax is set explicitly on each
 * taxable line (TaxAmount), split in proportion to the line amounts, and the Xero total matches to the cent.
 */
export function invoicePayload(invoice: SyncroInvoice, ctx: InvoiceContext): MappedInvoice {
  const money = (cents: number) => formatMoney(cents, ctx.currency);
  const priced = byPosition(invoice.line_items).map((line, i) => salesLine(line, i + 1, ctx));
  if (priced.length === 0) throw new MappingError('The invoice has no line items — Xero needs at least one');
  const taxCents = parseCents(invoice.tax);
  const taxed = priced.filter((p) => p.taxable && !p.descriptionOnly);
  if (taxCents !== 0 && taxed.length > 0 && ctx.taxRatePercent(ctx.settings.taxableTaxType) === 0) {
    throw new MappingError(
      `Syncro charges ${money(taxCents)} tax but the Xero tax rate for taxable lines (${ctx.settings.taxableTaxType || 'none chosen'}) is 0% — choose a taxing rate in the settings`,
    );
  }
  const shares = allocateProportionally(
    taxCents,
    taxed.map((p) => p.amountCents),
  );
  taxed.forEach((p, i) => {
    p.line.TaxAmount = centsToAmount(shares[i] ?? 0);
  });
  for (const p of priced) if (!p.taxable && !p.descriptionOnly) p.line.TaxAmount = 0;

  const lines = priced.map((p) => p.line);
  const xeroTotalCents = lines.reduce((sum, line) => sum + xeroLineTotalCents(line), 0);
  const syncroTotalCents = parseCents(invoice.total);
  if (xeroTotalCents !== syncroTotalCents) {
    throw new MappingError(
      `Totals differ: Xero would total ${money(xeroTotalCents)}, Syncro shows ${money(syncroTotalCents)} — not pushed`,
    );
  }
  const dueDate = datePart(invoice.due_date);
  const reference = optional(invoice.po_number, 255);
  const payload: XeroInvoicePayload = {
    Type: 'ACCREC',
    InvoiceNumber: invoice.number,
    ...(reference ? { Reference: reference } : {}),
    Contact: { ContactID: ctx.contactId },
    Date: dayOf(invoice.date),
    ...(dueDate ? { DueDate: dueDate } : {}),
    Status: ctx.settings.invoiceStatus,
    LineAmountTypes: 'Exclusive',
    LineItems: lines,
  };
  return { payload, xeroTotalCents, syncroTotalCents };
}
