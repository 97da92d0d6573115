// Invoice changes shared by the REST API, the web forms and the admin API, so all three behave alike.

import { dollarsToCents } from './money.ts';
import {
  type Account,
  addInvoice,
  type Invoice,
  isPaid,
  type LineItem,
  nextInvoiceNumber,
  recalculate,
} from './store.ts';

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; error: string };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = (status: number, error: string): Outcome<never> => ({ ok: false, status, error });

/**
 * Syncro's wording when lines of a paid invoice are edited: the response description of
 * syncro_swagger.json#/paths/~1invoices~1{id}~1line_items~1{line_item_id}/put, filed there under 200.
 * Undocumented: its status; the fake refuses with 422, and refuses adding and removing lines too.
 */
export const PAID_INVOICE_ERROR = 'Invoice is already paid';

export type Fields = Record<string, unknown>;

function optionalText(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value);
}

function optionalNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function optionalBoolean(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return value === true || value === 'true' || value === '1' || value === 1;
}

function parseDate(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Applies the header fields Syncro's `PUT /invoices/{id}` accepts (syncro_swagger.json#/paths/~1invoices~1{id}/put;
 * po_number and note live-tested, research/syncro.md §1.9); computed totals are ignored as Syncro derives them.
 * Undocumented: the swagger says "all parameters overwrite existing params", yet the fake keeps absent fields.
 * The 422 wordings follow the `Validation failed: …` shape (research/syncro.md §1.2); their text is the fake's.
 */
export function updateInvoiceFields(account: Account, invoice: Invoice, fields: Fields, now: number): Outcome<Invoice> {
  if (fields.customer_id !== undefined) {
    const customerId = Number(fields.customer_id);
    if (!account.customers.get(customerId)) return fail(422, 'Validation failed: Customer must exist');
    invoice.customerId = customerId;
  }
  if (fields.number !== undefined) {
    const number = String(fields.number);
    const clash = account.invoicesByNumber.get(number);
    if (clash && clash !== invoice) return fail(422, 'Validation failed: Number has already been taken');
    account.invoicesByNumber.delete(invoice.number);
    invoice.number = number;
    account.invoicesByNumber.set(number, invoice);
  }
  const date = parseDate(fields.date);
  if (date !== undefined) invoice.date = date;
  const dueDate = parseDate(fields.due_date);
  if (dueDate !== undefined) invoice.dueDate = dueDate;
  if ('po_number' in fields) invoice.poNumber = optionalText(fields.po_number);
  if ('note' in fields) invoice.note = optionalText(fields.note);
  if ('ticket_id' in fields) invoice.ticketId = optionalNumber(fields.ticket_id) ?? null;
  const techMarkedPaid = optionalBoolean(fields.tech_marked_paid);
  if (techMarkedPaid !== undefined) invoice.techMarkedPaid = techMarkedPaid;
  invoice.updatedAt = now;
  return ok(invoice);
}

/**
 * Builds a line from a product (name, price, cost, taxable filled from the catalog, as Syncro does: live test 16 in
 * advenimus/syncromsp-mcp docs/api-testing-results.md, research/syncro.md §1.9) and overrides.
 */
export function addLineItem(account: Account, invoice: Invoice, fields: Fields, now: number): Outcome<LineItem> {
  if (isPaid(invoice)) return fail(422, PAID_INVOICE_ERROR);
  const productId = optionalNumber(fields.product_id);
  const product = productId === undefined ? undefined : account.products.get(productId);
  if (productId !== undefined && !product) return fail(422, 'Validation failed: Product must exist');
  const line: LineItem = {
    id: account.lineItemIds.next++,
    invoiceId: invoice.id,
    productId: product?.id ?? null,
    item: product?.name ?? '',
    name: product?.description ?? '',
    costCents: product?.priceCostCents ?? 0,
    priceCents: product?.priceRetailCents ?? 0,
    quantity: 1,
    taxable: product?.taxable ?? false,
    discountPercent: 0,
    discountDollarsCents: 0,
    position: invoice.lineItems.length + 1,
    createdAt: now,
    updatedAt: now,
  };
  const outcome = applyLineFields(line, fields);
  if (!outcome.ok) return outcome;
  if (!line.item && !line.name) return fail(422, "Validation failed: Item can't be blank");
  invoice.lineItems.push(line);
  touch(account, invoice, now);
  return ok(line);
}

export function updateLineItem(
  account: Account,
  invoice: Invoice,
  lineId: number,
  fields: Fields,
  now: number,
): Outcome<LineItem> {
  if (isPaid(invoice)) return fail(422, PAID_INVOICE_ERROR);
  const line = invoice.lineItems.find((candidate) => candidate.id === lineId);
  if (!line) return fail(404, 'Not found');
  const outcome = applyLineFields(line, fields);
  if (!outcome.ok) return outcome;
  line.updatedAt = now;
  touch(account, invoice, now);
  return ok(line);
}

export function removeLineItem(account: Account, invoice: Invoice, lineId: number, now: number): Outcome<Invoice> {
  if (isPaid(invoice)) return fail(422, PAID_INVOICE_ERROR);
  const index = invoice.lineItems.findIndex((candidate) => candidate.id === lineId);
  if (index < 0) return fail(404, 'Not found');
  invoice.lineItems.splice(index, 1);
  touch(account, invoice, now);
  return ok(invoice);
}

/**
 * Creates an invoice (admin/seed helper); `line_items` are added one by one like the line-item endpoint (Syncro
 * ignores `line_items` on create: research/syncro.md §1.9, live test 16).
 */
export function createInvoice(account: Account, fields: Fields, now: number): Outcome<Invoice> {
  const customerId = Number(fields.customer_id);
  if (!account.customers.get(customerId)) return fail(422, 'Validation failed: Customer must exist');
  const number = fields.number === undefined ? nextInvoiceNumber(account) : String(fields.number);
  if (account.invoicesByNumber.has(number)) return fail(422, 'Validation failed: Number has already been taken');
  const date = parseDate(fields.date) ?? now;
  const invoice = addInvoice(account, {
    id: account.invoices.nextId(),
    number,
    customerId,
    date,
    dueDate: parseDate(fields.due_date) ?? date,
    ticketId: optionalNumber(fields.ticket_id) ?? null,
    poNumber: optionalText(fields.po_number),
    note: optionalText(fields.note),
    techMarkedPaid: false,
    lineItems: [],
    paymentIds: [],
    subtotalCents: 0,
    taxCents: 0,
    totalCents: 0,
    paidCents: 0,
    createdAt: now,
    updatedAt: now,
  });
  const lines = Array.isArray(fields.line_items) ? (fields.line_items as Fields[]) : [];
  for (const lineFields of lines) {
    const added = addLineItem(account, invoice, lineFields, now);
    if (!added.ok) return added;
  }
  // Marked paid only after the lines exist: lines of a paid invoice can't be added.
  invoice.techMarkedPaid = optionalBoolean(fields.tech_marked_paid) ?? false;
  return ok(invoice);
}

function applyLineFields(line: LineItem, fields: Fields): Outcome<LineItem> {
  if (fields.item !== undefined) line.item = String(fields.item);
  if (fields.name !== undefined) line.name = String(fields.name);
  for (const [key, target] of [
    ['price', 'priceCents'],
    ['cost', 'costCents'],
    ['discount_dollars', 'discountDollarsCents'],
  ] as const) {
    if (fields[key] === undefined) continue;
    const cents = dollarsToCents(fields[key]);
    if (cents === undefined) return fail(422, `Validation failed: ${key} is not a number`);
    line[target] = cents;
  }
  if (fields.quantity !== undefined) {
    const quantity = optionalNumber(fields.quantity);
    if (quantity === undefined) return fail(422, 'Validation failed: Quantity is not a number');
    line.quantity = quantity;
  }
  const discountPercent = optionalNumber(fields.discount_percent ?? fields.line_discount_percent);
  if (discountPercent !== undefined) line.discountPercent = discountPercent;
  const taxable = optionalBoolean(fields.taxable);
  if (taxable !== undefined) line.taxable = taxable;
  return ok(line);
}

function touch(account: Account, invoice: Invoice, now: number): void {
  invoice.updatedAt = now;
  recalculate(account, invoice);
}
