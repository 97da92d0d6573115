// Syncro records → Xero request payloads, with the natural keys of CONTRACT.md. Pure; money in integer cents.
// Payloads use Xero's JSON field names (xero-node's model classes use camelCase and TS enums, which is not
// what the API takes), so they are plain JSON-serialisable objects.
import {
  centsToAmount,
  divRoundHalfAway,
  formatDollars,
  parseCents,
  parseQuantity,
  quantityToNumber,
} from '../money.ts';
import type { Settings } from '../settings.ts';
import type {
  SyncroCustomer,
  SyncroInvoice,
  SyncroLineItem,
  SyncroPayment,
  SyncroPoLineItem,
  SyncroProduct,
  SyncroPurchaseOrder,
  SyncroVendor,
} from '../syncro/wire.ts';

/** A record Xero would refuse or misstate; the message is shown to the user as is. */
export class MappingError extends Error {
  override name = 'MappingError';
}

// ---- Xero payload shapes (only the fields we send) ----

export interface XeroPhone {
  PhoneType: 'DEFAULT';
  PhoneNumber: string;
}

export interface XeroAddress {
  AddressType: 'STREET';
  AddressLine1?: string;
  AddressLine2?: string;
  City?: string;
  Region?: string;
  PostalCode?: string;
}

export interface XeroContactPayload {
  Name: string;
  ContactNumber: string;
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  Phones?: XeroPhone[];
  Addresses?: XeroAddress[];
}

export interface XeroItemPayload {
  Code: string;
  Name: string;
  Description: string;
  IsSold: true;
  SalesDetails: { UnitPrice: number; AccountCode?: string; TaxType?: string };
  PurchaseDetails: { UnitPrice: number; AccountCode?: string };
}

/** Quantity and UnitAmount are left out only on a description-only line (see linePricing). */
export interface XeroLineItemPayload {
  Description: string;
  Quantity?: number;
  UnitAmount?: number;
  ItemCode?: string;
  AccountCode?: string;
  TaxType?: string;
  DiscountRate?: number;
  DiscountAmount?: number;
  TaxAmount?: number;
}

export interface XeroInvoicePayload {
  Type: 'ACCREC' | 'ACCPAY';
  InvoiceNumber: string;
  Reference?: string;
  Contact: { ContactID: string };
  Date?: string;
  DueDate?: string;
  Status: 'AUTHORISED' | 'DRAFT';
  LineAmountTypes: 'Exclusive';
  LineItems: XeroLineItemPayload[];
}

export interface XeroPurchaseOrderPayload {
  PurchaseOrderNumber: string;
  Contact: { ContactID: string };
  Date?: string;
  DeliveryDate?: string;
  DeliveryInstructions?: string;
  Status: 'AUTHORISED';
  LineAmountTypes: 'Exclusive';
  LineItems: XeroLineItemPayload[];
}

export interface XeroPaymentPayload {
  Invoice: { InvoiceID: string };
  Account: { AccountID: string } | { Code: string };
  Date: string;
  Amount: number;
  Reference: string;
}

// ---- text helpers ----

/** The first `max` code points, never splitting a surrogate pair (Xero counts characters, not UTF-16 units). */
export function cutText(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join('');
}

const clean = (text: string | null | undefined): string => (text ?? '').trim();
/** Trimmed text, or undefined when empty, so optional fields are left out. */
const optional = (text: string | null | undefined, max: number): string | undefined =>
  clean(text) ? cutText(clean(text), max).trim() : undefined;

/** "2019-11-06T00:00:00.000Z" → "2019-11-06": Syncro's calendar dates are midnight UTC, taken as given. */
export function dayOf(timestamp: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(timestamp.trim());
  if (!match?.[1]) throw new MappingError(`"${timestamp}" is not a date Xero understands`);
  return match[1];
}

/** dayOf for a date Syncro may leave out. */
export const datePart = (timestamp: string | null | undefined): string | undefined =>
  timestamp ? dayOf(timestamp) : undefined;

// ---- contacts ----

const NAME_MAX = 255;

/** Business name, else first + last name, else Syncro's business_then_name, else `Customer <id>`. */
export function contactName(
  customer: Pick<SyncroCustomer, 'id' | 'business_name' | 'firstname' | 'lastname' | 'business_then_name'>,
): string {
  const person = [clean(customer.firstname), clean(customer.lastname)].filter(Boolean).join(' ');
  const name = clean(customer.business_name) || person || clean(customer.business_then_name);
  return cutText(name || `Customer ${customer.id}`, NAME_MAX).trim();
}

export function vendorName(vendor: Pick<SyncroVendor, 'id' | 'name'>): string {
  return cutText(clean(vendor.name) || `Vendor ${vendor.id}`, NAME_MAX).trim();
}

/** CONTRACT: when the name belongs to another record's contact, `<name> (<id>)`, still within Xero's 255. */
export function collisionName(name: string, id: number): string {
  const suffix = ` (${id})`;
  return `${cutText(name, NAME_MAX - suffix.length).trim()}${suffix}`;
}

export const customerContactNumber = (id: number): string => `SYNCRO-C-${id}`;
export const vendorContactNumber = (id: number): string => `SYNCRO-V-${id}`;

// Xero refuses a malformed EmailAddress, which would block the whole contact: leave doubtful ones out.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const email = (text: string | null | undefined): string | undefined => {
  const value = clean(text);
  return EMAIL.test(value) && value.length <= 255 ? value : undefined;
};

/** A customer's contact details; a vendor has the same but `address_2`. */
type ContactDetails = Pick<SyncroCustomer, 'email' | 'phone' | 'address' | 'address_2' | 'city' | 'state' | 'zip'>;

function contactDetails(record: ContactDetails): Pick<XeroContactPayload, 'EmailAddress' | 'Phones' | 'Addresses'> {
  const phone = optional(record.phone, 50);
  const address: XeroAddress = { AddressType: 'STREET' };
  const line1 = optional(record.address, 500);
  const line2 = optional(record.address_2, 500);
  const city = optional(record.city, 255);
  const region = optional(record.state, 255);
  const postalCode = optional(record.zip, 50);
  if (line1) address.AddressLine1 = line1;
  if (line2) address.AddressLine2 = line2;
  if (city) address.City = city;
  if (region) address.Region = region;
  if (postalCode) address.PostalCode = postalCode;
  const emailAddress = email(record.email);
  return {
    ...(emailAddress ? { EmailAddress: emailAddress } : {}),
    ...(phone ? { Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: phone }] } : {}),
    ...(Object.keys(address).length > 1 ? { Addresses: [address] } : {}),
  };
}

function personName(first: string | null | undefined, last: string | null | undefined) {
  const firstName = optional(first, NAME_MAX);
  const lastName = optional(last, NAME_MAX);
  return { ...(firstName ? { FirstName: firstName } : {}), ...(lastName ? { LastName: lastName } : {}) };
}

/** `name` is contactName(customer) or its collisionName, as the engine decided. */
export function customerContact(
  customer: Pick<SyncroCustomer, 'id' | 'firstname' | 'lastname'> & ContactDetails,
  name: string,
): XeroContactPayload {
  return {
    Name: name,
    ContactNumber: customerContactNumber(customer.id),
    ...personName(customer.firstname, customer.lastname),
    ...contactDetails(customer),
  };
}

export function vendorContact(
  vendor: Pick<SyncroVendor, 'id' | 'rep_first_name' | 'rep_last_name'> & Omit<ContactDetails, 'address_2'>,
  name: string,
): XeroContactPayload {
  return {
    Name: name,
    ContactNumber: vendorContactNumber(vendor.id),
    ...personName(vendor.rep_first_name, vendor.rep_last_name),
    ...contactDetails(vendor),
  };
}

// ---- items ----

const CODE_MAX = 30;
const ITEM_NAME_MAX = 50;
const DESCRIPTION_MAX = 4000;

const PRODUCT_ITEM_PREFIX = 'SYNCRO-P-';
export const productItemCode = (id: number): string => `${PRODUCT_ITEM_PREFIX}${id}`;
/** A `SYNCRO-P-` code is this extension's by definition (a UPC that looks like one is never used). */
export const isProductItemCode = (code: string): boolean => code.toUpperCase().startsWith(PRODUCT_ITEM_PREFIX);

/**
 * CONTRACT: the UPC when present, unique among all Syncro products and at most 30 characters, else
 * `SYNCRO-P-<id>`. Uniqueness ignores case because Xero's item codes do; a UPC that looks like one of our
 * own codes is not used, so it can never take another product's code.
 */
export function itemCodes(products: ReadonlyArray<Pick<SyncroProduct, 'id' | 'upc_code'>>): Map<number, string> {
  const key = (product: Pick<SyncroProduct, 'upc_code'>) => clean(product.upc_code).toLowerCase();
  const counts = new Map<string, number>();
  for (const product of products) {
    if (key(product)) counts.set(key(product), (counts.get(key(product)) ?? 0) + 1);
  }
  const codes = new Map<number, string>();
  for (const product of products) {
    const upc = clean(product.upc_code);
    const usable =
      upc !== '' &&
      counts.get(key(product)) === 1 &&
      Array.from(upc).length <= CODE_MAX &&
      !key(product).startsWith('syncro-');
    codes.set(product.id, usable ? upc : productItemCode(product.id));
  }
  return codes;
}

const taxTypeFor = (taxable: boolean | undefined, settings: Settings): string =>
  taxable ? settings.taxableTaxType : settings.nonTaxableTaxType;

export function itemName(product: SyncroProduct): string {
  return cutText(clean(product.name), ITEM_NAME_MAX).trim() || `Product ${product.id}`;
}

/**
 * `tracked`: the Xero item is tracked as inventory, whose purchase details take a COGSAccountCode instead
 * of an AccountCode ("Not applicable to the purchase details of tracked items",
 * xero_accounting.yaml#/components/schemas/Purchase): the account is left as the organisation set it.
 */
export function productItem(
  product: SyncroProduct,
  code: string,
  settings: Settings,
  tracked = false,
): XeroItemPayload {
  const taxType = taxTypeFor(product.taxable, settings);
  return {
    Code: code,
    Name: itemName(product),
    Description: cutText(clean(product.description) || clean(product.name) || itemName(product), DESCRIPTION_MAX),
    IsSold: true,
    SalesDetails: {
      UnitPrice: centsToAmount(parseCents(product.price_retail)),
      ...(settings.salesAccountCode ? { AccountCode: settings.salesAccountCode } : {}),
      ...(taxType ? { TaxType: taxType } : {}),
    },
    PurchaseDetails: {
      UnitPrice: centsToAmount(parseCents(product.price_cost)),
      ...(settings.purchasesAccountCode && !tracked ? { AccountCode: settings.purchasesAccountCode } : {}),
    },
  };
}

// ---- line amounts (exact integer arithmetic) ----

/** Discount percent in ten-thousandths: 1_000_000 is 100%. */
const PERCENT_100 = 1_000_000n;

/**
 * round_half_away(unit × quantity × (1 − rate/100)) − discountAmount, in cents: Syncro's line total and Xero's
 * LineAmount alike. quantity4 and rate4 are in ten-thousandths.
 */
export function lineAmountCents(unitCents: number, quantity4: number, rate4 = 0, discountCents = 0): number {
  const scaled = BigInt(unitCents) * BigInt(quantity4) * (PERCENT_100 - BigInt(rate4));
  return Number(divRoundHalfAway(scaled, 10_000n * PERCENT_100)) - discountCents;
}

/**
 * Quantity and UnitAmount as Xero takes them. Xero refuses a negative Quantity, and a zero Quantity with a
 * price (integrators' notes, e.g. Provet Cloud's "An invoice was not updated to Xero"), but takes a negative
 * UnitAmount (XeroAPI/Xero-OpenAPI#429). So a credit or return line goes as its positive quantity at the
 * negated unit price: the same product, so the same line amount to the cent. A zero-quantity line is worth
 * nothing: it goes as description only ("A line item with just a description (i.e no unit amount or
 * quantity)", xero_accounting.yaml#/components/schemas/LineItem), undefined here.
 */
export function linePricing(
  quantity4: number,
  unitCents: number,
): { Quantity: number; UnitAmount: number } | undefined {
  if (quantity4 === 0) return undefined;
  const sign = quantity4 < 0 ? -1 : 1;
  return { Quantity: quantityToNumber(sign * quantity4), UnitAmount: centsToAmount(sign * unitCents) };
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

// ---- invoices ----

export interface InvoiceContext {
  contactId: string;
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

const byPosition = <T extends { position?: number | null }>(lines: readonly T[]): T[] =>
  lines
    .map((line, index) => ({ line, index }))
    .sort((a, b) => (a.line.position ?? Infinity) - (b.line.position ?? Infinity) || a.index - b.index)
    .map(({ line }) => line);

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
export function xeroLineTotalCents(line: XeroLineItemPayload): number {
  if (line.Quantity === undefined && line.UnitAmount === undefined) return parseCents(line.TaxAmount);
  return (
    lineAmountCents(
      parseCents(line.UnitAmount),
      parseQuantity(line.Quantity ?? 1),
      parseQuantity(line.DiscountRate),
      parseCents(line.DiscountAmount),
    ) + parseCents(line.TaxAmount)
  );
}

/**
 * Syncro taxes the sum of taxable lines once; Xero taxes each line. So Syncro's tax is set explicitly on each
 * taxable line (TaxAmount), split in proportion to the line amounts, and the Xero total matches to the cent.
 */
export function invoicePayload(invoice: SyncroInvoice, ctx: InvoiceContext): MappedInvoice {
  const priced = byPosition(invoice.line_items).map((line, i) => salesLine(line, i + 1, ctx));
  if (priced.length === 0) throw new MappingError('The invoice has no line items — Xero needs at least one');
  const taxCents = parseCents(invoice.tax);
  const taxed = priced.filter((p) => p.taxable && !p.descriptionOnly);
  if (taxCents !== 0 && taxed.length > 0 && ctx.taxRatePercent(ctx.settings.taxableTaxType) === 0) {
    throw new MappingError(
      `Syncro charges ${formatDollars(taxCents)} tax but the Xero tax rate for taxable lines (${ctx.settings.taxableTaxType || 'none chosen'}) is 0% — choose a taxing rate in the settings`,
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
      `Totals differ: Xero would total ${formatDollars(xeroTotalCents)}, Syncro shows ${formatDollars(syncroTotalCents)} — not pushed`,
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

// ---- payments ----

export const syncroPaymentReference = (id: number): string => `SYNCRO-PAY-${id}`;

/** True for `SYNCRO-PAY-<id>` alone or followed by a space, so payment 1 never matches SYNCRO-PAY-12. */
export function isSyncroPaymentReference(reference: string | null | undefined, id: number): boolean {
  const prefix = syncroPaymentReference(id);
  const text = reference ?? '';
  return text.startsWith(prefix) && (text.length === prefix.length || text[prefix.length] === ' ');
}

export interface PaymentContext {
  xeroInvoiceId: string;
  settings: Settings;
}

export function paymentPayload(
  payment: Pick<SyncroPayment, 'id' | 'payment_amount' | 'ref_num' | 'applied_at'>,
  ctx: PaymentContext,
): XeroPaymentPayload {
  const date = dayOf(payment.applied_at);
  const cents = parseCents(payment.payment_amount);
  if (cents <= 0) throw new MappingError(`Payment ${payment.id} is not a positive amount`);
  const refNum = clean(payment.ref_num);
  // By AccountID (bank accounts may have no code); a code saved by an earlier version until it is upgraded.
  const { paymentAccountId, paymentAccountCode } = ctx.settings;
  const account = paymentAccountId
    ? { AccountID: paymentAccountId }
    : paymentAccountCode
      ? { Code: paymentAccountCode }
      : undefined;
  if (!account) throw new MappingError('Choose the payment account in the Xero settings before payments are sent');
  return {
    Invoice: { InvoiceID: ctx.xeroInvoiceId },
    Account: account,
    Date: date,
    Amount: centsToAmount(cents),
    Reference: cutText(`${syncroPaymentReference(payment.id)}${refNum ? ` ${refNum}` : ''}`, 255),
  };
}

// ---- purchase orders and bills ----

export interface PurchaseOrderContext {
  contactId: string;
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
    throw new MappingError(
      `Totals differ: Xero would total ${formatDollars(xeroTotal)}, Syncro shows ${formatDollars(parseCents(po.total))} — not pushed`,
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
