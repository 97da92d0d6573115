// The record types the extension syncs, one entry each: its Syncro reader, rules, mapper, natural key, Xero
// collection and batch size, how another install's record is found in Xero, its badge and page kind, and the
// settings switch that turns it off. The job kinds, the badges' "off" states and the settings read from here.
// A new type (say Syncro estimates → Xero quotes) is one entry, its mapper (lib/sync/map/), its Syncro reader
// (lib/syncro/wire.ts) and, with pages, its page rule (lib/syncro/pages.ts); the runner's handler table
// (lib/sync/handlers.ts) is typed by the job kinds below, so a type without a handler does not compile.
import type * as v from 'valibot';
import {
  customerContactNumber,
  importedPaymentRef,
  productItemCode,
  syncroPaymentReference,
  vendorContactNumber,
} from '../keys.ts';
import { modifiedPayments } from '../payments/xero-payments.ts';
import type { RecordKind } from '../records.ts';
import type { Settings } from '../settings.ts';
import {
  type SyncroListKey,
  syncroCustomer,
  syncroInvoice,
  syncroInvoiceSummary,
  syncroPayment,
  syncroProduct,
  syncroPurchaseOrder,
  syncroVendor,
} from '../syncro/wire.ts';
import { findContactsByNumber } from './contacts.ts';
import type { SyncContext } from './context.ts';
import { findInvoices, paymentOnInvoice } from './invoices-in-xero.ts';
import { xeroItemsByCode } from './items.ts';
import { customerContact, vendorContact } from './map/contacts.ts';
import { invoicePayload } from './map/invoices.ts';
import { productItem } from './map/items.ts';
import { importedPaymentBody, paymentPayload } from './map/payments.ts';
import { billPayload, purchaseOrderPayload } from './map/purchase-orders.ts';
import { billsNumbered, purchaseOrderPush } from './purchase-orders.ts';
import { type Outcome, pushDocuments } from './push-documents.ts';
import {
  invoiceDecision,
  offBy,
  paymentDecision,
  purchaseOrderDecision,
  type RecordSwitch,
  switches,
} from './rules.ts';

export interface RecordType {
  /** Shown in messages: "invoice 1004". */
  label: string;
  /** Where Syncro has it, and the schema its answer is checked against. */
  syncro: { path: string; schema: v.GenericSchema };
  /** What decides whether it syncs (a skip or off reason shows on its badge); none: it always syncs. */
  rules?: (...args: never[]) => { action: string; reason?: string };
  /** Syncro record → Xero payload. */
  map: (...args: never[]) => unknown;
  /** The natural key of CONTRACT.md (lib/keys.ts), or the Syncro field that is the key. */
  naturalKey: ((id: number) => string) | ((id: string) => string) | { field: string };
  /** The Xero collection it is written to, and how many records go to one call. */
  xero: { collection: 'Contacts' | 'Items' | 'Invoices' | 'Payments' | 'PurchaseOrders'; batchSize: number };
  /** How a record another install pushed is found in Xero (the engine's own look-up). */
  findInXero: (...args: never[]) => Promise<unknown> | AsyncIterable<unknown>;
  /** The push a document type gets from its parts alone (lib/sync/push-documents.ts); others have a handler. */
  push?: (ctx: SyncContext, ids: number[], now: number) => Promise<Map<number, Outcome>>;
  /**
   * The job that pushes (or imports) it, and how many such jobs one run takes together (one Xero batch); `with`
   * another type's job when it travels with that one.
   */
  job: { kind: TypeJobKind; together: number } | { with: TypeJobKind };
  /** How a backfill and a change tick find its records in Syncro (lib/sync/enumerate.ts); none: found with another. */
  list?: SyncroList;
  /** The badge and page kind, for types Syncro shows pages of. */
  page?: RecordKind;
  /** The settings switch that turns it off (or, for the import, on). */
  switch?: RecordSwitch;
}

/**
 * A Syncro list: `path` read page by page as `key`, each item checked with `schema`. How a change tick finds the
 * changed ones: `since` — Syncro filters by `since_updated_at`, read every tick; `newest-first` — read with
 * `sort=updated_at DESC` until one older than the last tick (the order checked); `compare` — every page, each
 * item's updated_at compared with what was last pushed; `recent-pages` — the newest page, wherever the list keeps
 * it (purchase-order-pages.ts), and every page once a day. All but `since` take turns, one list a tick. `dated`:
 * the field the start date is compared with (records before it are not even enqueued).
 */
export interface SyncroList {
  path: string;
  key: SyncroListKey;
  schema: v.GenericSchema<unknown, { id: number; updated_at?: string }>;
  changes: 'since' | 'newest-first' | 'compare' | 'recent-pages';
  dated?: string;
}

/** Job kinds that push or import records of one type. */
type TypeJobKind = 'customer' | 'vendor' | 'products' | 'invoice' | 'purchase_order' | 'payment-poll';

export const recordTypes = {
  customer: {
    label: 'customer',
    syncro: { path: '/customers', schema: syncroCustomer },
    map: customerContact,
    naturalKey: customerContactNumber,
    list: { path: '/customers', key: 'customers', schema: syncroCustomer, changes: 'newest-first' },
    xero: { collection: 'Contacts', batchSize: 50 },
    findInXero: findContactsByNumber, // then an unnumbered contact of the same name is adopted (contacts.ts)
    job: { kind: 'customer', together: 50 },
  },
  vendor: {
    label: 'vendor',
    syncro: { path: '/vendors', schema: syncroVendor },
    map: vendorContact,
    naturalKey: vendorContactNumber,
    list: { path: '/vendors', key: 'vendors', schema: syncroVendor, changes: 'compare' },
    xero: { collection: 'Contacts', batchSize: 50 },
    findInXero: findContactsByNumber, // then an unnumbered contact of the same name is adopted (contacts.ts)
    job: { kind: 'vendor', together: 50 },
    switch: switches.purchaseOrders, // vendors are only used by POs
  },
  product: {
    label: 'product',
    syncro: { path: '/products', schema: syncroProduct },
    map: productItem,
    naturalKey: productItemCode, // unless the product has a UPC unique among products (map/items.ts, itemCodes)
    xero: { collection: 'Items', batchSize: 50 },
    findInXero: xeroItemsByCode,
    job: { kind: 'products', together: 1 },
  },
  invoice: {
    label: 'invoice',
    syncro: { path: '/invoices/{id}', schema: syncroInvoice },
    rules: invoiceDecision,
    map: invoicePayload,
    naturalKey: { field: 'number' },
    list: { path: '/invoices', key: 'invoices', schema: syncroInvoiceSummary, changes: 'since', dated: 'date' },
    xero: { collection: 'Invoices', batchSize: 50 },
    findInXero: findInvoices,
    job: { kind: 'invoice', together: 50 },
    page: 'invoice',
  },
  payment: {
    label: 'payment',
    syncro: { path: '/payments/{id}', schema: syncroPayment },
    rules: paymentDecision,
    map: paymentPayload,
    naturalKey: syncroPaymentReference,
    xero: { collection: 'Payments', batchSize: 50 },
    findInXero: async (...args: Parameters<typeof paymentOnInvoice>) => paymentOnInvoice(...args),
    job: { with: 'invoice' },
    switch: switches.payments,
  },
  purchase_order: {
    label: 'purchase order',
    syncro: { path: '/purchase_orders/{id}', schema: syncroPurchaseOrder },
    rules: purchaseOrderDecision,
    map: purchaseOrderPayload,
    naturalKey: { field: 'number' },
    list: {
      path: '/purchase_orders',
      key: 'purchase_orders',
      schema: syncroPurchaseOrder,
      changes: 'recent-pages',
      dated: 'created_at',
    },
    xero: { collection: 'PurchaseOrders', batchSize: 50 },
    findInXero: purchaseOrderPush.find,
    push: (ctx, ids, now) => pushDocuments(ctx, purchaseOrderPush, ids, now),
    job: { kind: 'purchase_order', together: 50 },
    page: 'purchase_order',
    switch: switches.purchaseOrders,
  },
  bill: {
    label: 'bill',
    syncro: { path: '/purchase_orders/{id}', schema: syncroPurchaseOrder },
    rules: purchaseOrderDecision,
    map: billPayload,
    naturalKey: { field: 'number' },
    xero: { collection: 'Invoices', batchSize: 50 },
    findInXero: billsNumbered, // the bill is the one of the PO's vendor
    job: { with: 'purchase_order' },
    switch: switches.purchaseOrders,
  },
  'imported-payment': {
    label: 'payment from Xero',
    syncro: { path: '/payments', schema: syncroPayment },
    map: importedPaymentBody,
    naturalKey: importedPaymentRef,
    xero: { collection: 'Payments', batchSize: 100 },
    findInXero: modifiedPayments,
    job: { kind: 'payment-poll', together: 1 },
    switch: switches.paymentImport,
  },
} as const satisfies Record<string, RecordType>;

export type RecordTypeName = keyof typeof recordTypes;

type JobOf<T> = T extends { job: { kind: infer K } } ? K : never;
/** Every job kind: those of the record types, and the two that find work (a full sync, a change tick). */
export type JobKind = JobOf<(typeof recordTypes)[RecordTypeName]> | 'sync-all' | 'changes';

export const jobKinds: readonly JobKind[] = [
  ...Object.values(recordTypes).flatMap((type): JobKind[] => ('kind' in type.job ? [type.job.kind] : [])),
  'sync-all',
  'changes',
];

export const isJobKind = (kind: string): kind is JobKind => (jobKinds as readonly string[]).includes(kind);

/** Jobs that stand for no record: their failure shows in the popup, not on a badge. */
export const jobsWithoutRecord: ReadonlySet<JobKind> = new Set(['sync-all', 'changes', 'payment-poll', 'products']);

/** Why records shown on pages of `kind` are off with these settings, or undefined when they sync. */
export function pageOffReason(kind: RecordKind, settings: Settings): string | undefined {
  const type: RecordType | undefined = Object.values(recordTypes).find((entry: RecordType) => entry.page === kind);
  return offBy(type?.switch, settings);
}

/** How many jobs of `kind` one run takes together (1: one at a time). */
export function jobsTogether(kind: JobKind): number {
  const type = Object.values(recordTypes).find((entry: RecordType) => 'kind' in entry.job && entry.job.kind === kind);
  return type && 'together' in type.job ? type.job.together : 1;
}
