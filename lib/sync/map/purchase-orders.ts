import { parseCents, parseQuantity } from '../../money.ts';
import { formatMoney } from '../../money-text.ts';
import type { Settings } from '../../settings.ts';
import type { SyncroPoLineItem, SyncroProduct, SyncroPurchaseOrder } from '../../syncro/wire.ts';
import type { XeroInvoicePayload, XeroLineItemPayload, XeroPurchaseOrderPayload } from '../../xero/payloads.ts';
import { DESCRIPTION_MAX } from './items.ts';
import { byPosition, linePricing, xeroLineTotalCents } from './lines.ts';
import { clean, cutText, datePart, dayOf, MappingError, optional } from './text.ts';

export interface PurchaseOrderContext {
  contactId: string;
  /** The organisation's base currency (Syncro's amounts are in it), for amounts in messages; '' when unknown. */
  currency: string;
  itemCodeOf(productId: number): string | undefined;
  settings: Settings;
  productOf(productId: number): SyncroProduct | undefined;
}

function purchaseLine(
  description: string,
  quantity4: number,
  unitCents: number,
  itemCode: string | undefined,
  ctx: PurchaseOrderContext,
): XeroLineItemPayload {
  const taxType = ctx.settings.purchaseTaxType;
  if (!taxType) {
    throw new MappingError('Choose the tax rate for purchase orders and bills in the Xero settings first');
  }
  const pricing = linePricing(quantity4, unitCents);
  if (!pricing) return { Description: cutText(description, DESCRIPTION_MAX) };
  return {
    Description: cutText(description, DESCRIPTION_MAX),
    ...pricing,
    ...(itemCode ? { ItemCode: itemCode } : {}),
    ...(ctx.settings.purchasesAccountCode ? { AccountCode: ctx.settings.purchasesAccountCode } : {}),
    ...(taxType ? { TaxType: taxType } : {}),
  };
}

function poLine(source: SyncroPoLineItem, ctx: PurchaseOrderContext): XeroLineItemPayload {
  const product = source.product_id ? ctx.productOf(source.product_id) : undefined;
  const cost = source.cost_cents;
  if (!Number.isSafeInteger(cost))
    throw new MappingError(`PO line ${source.id}: cost_cents ${cost} is not whole cents`);
  // Syncro's PO line carries no text of its own: the product names it.
  const description = clean(product?.name) || 'Item';
  const itemCode = source.product_id ? ctx.itemCodeOf(source.product_id) : undefined;
  return purchaseLine(description, parseQuantity(source.quantity), cost, itemCode, ctx);
}

/** PO lines, then Shipping and Other charges as lines of their own; checked against Syncro's PO total. */
export function purchaseOrderLines(po: SyncroPurchaseOrder, ctx: PurchaseOrderContext): XeroLineItemPayload[] {
  const lines = byPosition(po.line_items).map((line) => poLine(line, ctx));
  const shipping = parseCents(po.shipping);
  const other = parseCents(po.other);
  const one = 10_000;
  if (shipping > 0) lines.push(purchaseLine('Shipping', one, shipping, undefined, ctx));
  if (other > 0) lines.push(purchaseLine('Other charges', one, other, undefined, ctx));
  if (lines.length === 0) throw new MappingError('The purchase order has no line items — Xero needs at least one');
  const xeroTotal = lines.reduce((sum, line) => sum + xeroLineTotalCents(line), 0);
  if (parseCents(po.total) !== xeroTotal) {
    const money = (cents: number) => formatMoney(cents, ctx.currency);
    throw new MappingError(
      `Totals differ: Xero would total ${money(xeroTotal)}, Syncro shows ${money(parseCents(po.total))} — not pushed`,
    );
  }
  return lines;
}

/** The PO's own date: Syncro has no order date in its API, so the day it was created (UTC). */
const poDate = (po: Pick<SyncroPurchaseOrder, 'created_at'>): string => dayOf(po.created_at);

export function purchaseOrderPayload(po: SyncroPurchaseOrder, ctx: PurchaseOrderContext): XeroPurchaseOrderPayload {
  const date = poDate(po);
  const deliveryDate = datePart(po.expected_date);
  const instructions = optional(po.shipping_notes, 500);
  return {
    PurchaseOrderNumber: po.number,
    Contact: { ContactID: ctx.contactId },
    Date: date,
    ...(deliveryDate ? { DeliveryDate: deliveryDate } : {}),
    ...(instructions ? { DeliveryInstructions: instructions } : {}),
    Status: 'AUTHORISED',
    LineAmountTypes: 'Exclusive',
    LineItems: purchaseOrderLines(po, ctx),
  };
}

/** The bill for a finished PO: an ACCPAY invoice numbered like the PO, with the same lines. */
export function billPayload(po: SyncroPurchaseOrder, ctx: PurchaseOrderContext): XeroInvoicePayload {
  const date = poDate(po);
  const dueDate = datePart(po.due_date) ?? date;
  return {
    Type: 'ACCPAY',
    InvoiceNumber: po.number,
    Contact: { ContactID: ctx.contactId },
    Date: date,
    DueDate: dueDate,
    Status: 'AUTHORISED',
    LineAmountTypes: 'Exclusive',
    LineItems: purchaseOrderLines(po, ctx),
  };
}
