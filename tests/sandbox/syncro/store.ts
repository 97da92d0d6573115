// The Syncro data model: one Account per subdomain, money in integer cents, timestamps in ms since epoch.
// Records are kept in id order (ids only grow), with Maps for O(1) lookups, so 10,000 invoices stay fast.

import { roundHalfAway } from './money.ts';

export interface Customer {
  id: number;
  firstname: string;
  lastname: string;
  businessName: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  notes: string | null;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface Vendor {
  id: number;
  name: string;
  repFirstName: string | null;
  repLastName: string | null;
  email: string | null;
  phone: string | null;
  accountNumber: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  website: string | null;
  notes: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface Product {
  id: number;
  name: string;
  description: string;
  priceCostCents: number;
  priceRetailCents: number;
  upcCode: string | null;
  taxable: boolean;
  maintainStock: boolean;
  quantity: number;
  productCategory: string | null;
  disabled: boolean;
  vendorIds: number[];
  createdAt: number;
  updatedAt: number;
}

export interface LineItem {
  id: number;
  invoiceId: number;
  productId: number | null;
  item: string;
  name: string;
  costCents: number;
  priceCents: number;
  quantity: number;
  taxable: boolean;
  discountPercent: number;
  discountDollarsCents: number;
  position: number;
  createdAt: number;
  updatedAt: number;
}

export interface Invoice {
  id: number;
  number: string;
  customerId: number;
  date: number;
  dueDate: number;
  ticketId: number | null;
  poNumber: string | null;
  note: string | null;
  techMarkedPaid: boolean;
  lineItems: LineItem[];
  /** Payments applied to this invoice, in order; amounts live on the payment's applications. */
  paymentIds: number[];
  /** Cached sums, refreshed by `recalculate` whenever lines or payments change. */
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  paidCents: number;
  createdAt: number;
  updatedAt: number;
}

export interface PaymentApplication {
  invoiceId: number;
  amountCents: number;
}

export interface Payment {
  id: number;
  customerId: number;
  amountCents: number;
  paymentMethod: string;
  refNum: string | null;
  applications: PaymentApplication[];
  appliedAt: number;
  createdAt: number;
  updatedAt: number;
}

export interface PaymentMethod {
  id: number;
  name: string;
  usesCardProcessing: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface PoLineItem {
  id: number;
  purchaseOrderId: number;
  productId: number;
  quantity: number;
  costCents: number;
  received: boolean;
  receivedQuantity: number;
  position: number;
  createdAt: number;
  updatedAt: number;
}

export interface PurchaseOrder {
  id: number;
  number: string;
  vendorId: number;
  /**
   * Free string in Syncro (syncro_swagger.json#/paths/~1purchase_orders~1{id}/get example: "MyString"); "Finished" is
   * the status Syncro's docs name (https://syncro.helpjuice.com/qbo-settings). The seed's "Open", "Ordered" are ours.
   */
  status: string;
  shippingCents: number;
  otherCents: number;
  shippingNotes: string | null;
  deliveryTracking: string | null;
  expectedDate: number | null;
  dueDate: number | null;
  paidDate: number | null;
  lineItems: PoLineItem[];
  createdAt: number;
  updatedAt: number;
}

export interface ApiToken {
  token: string;
  userId: number;
  /** Syncro permission names (e.g. "Payments - Create"), or every permission. */
  permissions: ReadonlySet<string> | 'all';
  expired: boolean;
}

export interface User {
  id: number;
  name: string;
  email: string;
}

/** A table of records in id order with an id index. */
export class Table<T extends { id: number }> {
  readonly rows: T[] = [];
  private readonly byId = new Map<number, T>();
  private lastId: number;

  constructor(firstId: number) {
    this.lastId = firstId - 1;
  }

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  add(row: T): T {
    this.rows.push(row);
    this.byId.set(row.id, row);
    this.lastId = Math.max(this.lastId, row.id);
    return row;
  }

  get(id: number): T | undefined {
    return this.byId.get(id);
  }
}

/** Which web UI markup the fake serves: Bootstrap 3 tables and dropdowns, or a div grid with an ARIA menu. */
export type PageMarkup = 'bootstrap' | 'grid';

export interface Account {
  subdomain: string;
  /** The markup of the web pages (list and detail pages of invoices and POs); `bootstrap` unless a test switches it. */
  markup: PageMarkup;
  /** Sales tax rate in basis points (825 = 8.25%), applied to taxable lines. */
  taxRateBasisPoints: number;
  users: Table<User>;
  tokens: Map<string, ApiToken>;
  customers: Table<Customer>;
  vendors: Table<Vendor>;
  products: Table<Product>;
  invoices: Table<Invoice>;
  invoicesByNumber: Map<string, Invoice>;
  lineItemIds: { next: number };
  payments: Table<Payment>;
  paymentMethods: Table<PaymentMethod>;
  purchaseOrders: Table<PurchaseOrder>;
  poLineItemIds: { next: number };
}

// Distinct id ranges per table, so a test can't pass by confusing an invoice id with a number or a customer id.
export function createAccount(subdomain: string): Account {
  return {
    subdomain,
    markup: 'bootstrap',
    taxRateBasisPoints: 825,
    users: new Table(1),
    tokens: new Map(),
    customers: new Table(2001),
    vendors: new Table(301),
    products: new Table(501),
    invoices: new Table(48201),
    invoicesByNumber: new Map(),
    lineItemIds: { next: 150001 },
    payments: new Table(7001),
    paymentMethods: new Table(1),
    purchaseOrders: new Table(901),
    poLineItemIds: { next: 8001 },
  };
}

/** round(price × quantity × (1 − discount%)) − discount dollars, in cents. Undocumented: Syncro's rounding. */
export function lineTotalCents(line: LineItem): number {
  return roundHalfAway(line.priceCents * line.quantity * (1 - line.discountPercent / 100)) - line.discountDollarsCents;
}

// Undocumented: where Syncro rounds tax; the fake rounds it once on the taxable subtotal, not per line.
export function recalculate(account: Account, invoice: Invoice): void {
  let subtotal = 0;
  let taxable = 0;
  for (const line of invoice.lineItems) {
    const total = lineTotalCents(line);
    subtotal += total;
    if (line.taxable) taxable += total;
  }
  invoice.subtotalCents = subtotal;
  invoice.taxCents = roundHalfAway((taxable * account.taxRateBasisPoints) / 10000);
  invoice.totalCents = subtotal + invoice.taxCents;
  let paid = 0;
  for (const paymentId of invoice.paymentIds) {
    for (const application of account.payments.get(paymentId)?.applications ?? []) {
      if (application.invoiceId === invoice.id) paid += application.amountCents;
    }
  }
  invoice.paidCents = paid;
}

/**
 * Paid by payments: Syncro's `verified_paid`. The paid flags are named in syncro_swagger.json#/paths/~1invoices/get
 * example; what sets each is Undocumented (inference).
 */
export function isVerifiedPaid(invoice: Invoice): boolean {
  return invoice.paidCents > 0 && invoice.paidCents >= invoice.totalCents;
}

/** `is_paid`: covered by payments, or marked paid by a tech (how a $0 invoice gets closed). */
export function isPaid(invoice: Invoice): boolean {
  return invoice.techMarkedPaid || isVerifiedPaid(invoice);
}

export function balanceDueCents(invoice: Invoice): number {
  return isPaid(invoice) ? 0 : invoice.totalCents - invoice.paidCents;
}

export function addInvoice(account: Account, invoice: Invoice): Invoice {
  account.invoices.add(invoice);
  account.invoicesByNumber.set(invoice.number, invoice);
  recalculate(account, invoice);
  return invoice;
}

/**
 * Syncro's `GET /invoices/{id}` takes an id or a number (syncro_swagger.json#/paths/~1invoices~1{id}/get: "ID or
 * Number of Invoice to retrieve"); ids win when both match (Undocumented).
 */
export function findInvoice(account: Account, idOrNumber: string): Invoice | undefined {
  const byId = /^\d+$/.test(idOrNumber) ? account.invoices.get(Number(idOrNumber)) : undefined;
  return byId ?? account.invoicesByNumber.get(idOrNumber);
}

/**
 * The number after the newest invoice's, like Syncro's sequence; falls back to the count if that isn't numeric.
 * Undocumented (admin and seed only).
 */
export function nextInvoiceNumber(account: Account): string {
  const last = Number(account.invoices.rows.at(-1)?.number);
  const next = Number.isInteger(last) ? last + 1 : 1001 + account.invoices.rows.length;
  return account.invoicesByNumber.has(String(next)) ? `${next}-${account.invoices.rows.length}` : String(next);
}

export function businessThenName(customer: Customer): string {
  return customer.businessName || fullName(customer);
}

export function fullName(customer: Customer): string {
  return `${customer.firstname} ${customer.lastname}`.trim();
}

export function poTotalCents(po: PurchaseOrder): number {
  return po.lineItems.reduce((sum, line) => sum + line.costCents * line.quantity, 0) + po.shippingCents + po.otherCents;
}

/**
 * Marks a PO finished (everything received), as the web page's button and the admin API do. "Finished": Syncro's
 * docs (https://docs.syncromsp.com/en_US/accounting-integrations/xero-sync-settings: finished POs become bills).
 */
export function finishPurchaseOrder(po: PurchaseOrder, now: number): PurchaseOrder {
  po.status = 'Finished';
  for (const line of po.lineItems) {
    line.received = true;
    line.receivedQuantity = line.quantity;
    line.updatedAt = now;
  }
  po.updatedAt = now;
  return po;
}
