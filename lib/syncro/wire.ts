// What the product reads from Syncro's REST API, and nothing more: each answer is checked against these
// schemas where it arrives (lib/syncro/api.ts), and their types are the ones the sync uses. Sources:
// syncro_swagger.json (the paths named below). Fields the swagger does not document are listed in
// tests/unit/wire-spec.test.ts as beliefs. Money: Syncro sends decimals as text ("64.99") on invoices and JSON
// numbers in dollars on products, payments and POs (cents on PO lines); `decimal` checks the form only.
import * as v from 'valibot';
import { decimal, described, flag, named, text, wholeNumber } from '../wire-check.ts';

const optional = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema));

/** An ISO 8601 timestamp; calendar dates come as midnight UTC ("2019-11-06T00:00:00.000Z"). */
const timestamp = described('a date', v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}(?:$|[T ])/)));

/** Invoice and PO numbers are text in the swagger; a number is read as its text. */
const recordNumber = described('a record number', v.pipe(v.union([v.string(), v.number()]), v.transform(String)));

/**
 * A single record as `GET /customers/{id}` etc. give it: wrapped (`{ "customer": {…} }`) in the swagger's
 * examples, flat in its `GET /invoices/{id}` schema, wrapped where working integrations read it
 * (research/syncro.md §1.4): both forms are read.
 */
export const syncroRecord = <S extends v.GenericSchema>(key: string, schema: S) =>
  v.pipe(
    v.unknown(),
    v.transform((body) => {
      const inner = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
      return typeof inner === 'object' && inner !== null ? inner : body;
    }),
    schema,
  );

/**
 * Items per page, as each list's `page` parameter says in syncro_swagger.json ("each 'page' contains 25
 * results"; #/paths/~1purchase_orders/get 20, #/paths/~1vendors/get 100).
 */
export const syncroPageSizes = {
  customers: 25,
  vendors: 100,
  products: 25,
  invoices: 25,
  payments: 25,
  purchase_orders: 20,
} as const;
export type SyncroListKey = keyof typeof syncroPageSizes;

/**
 * One page of a list (`{ "invoices": […], "meta": { "total_pages": 3 } }`), read as its items (each checked on
 * its own by the caller), page count and documented page size.
 */
export const syncroListPage = (key: SyncroListKey) =>
  v.pipe(
    named(
      `${key.replace(/_/g, ' ').replace(/s$/, '')} list`,
      [],
      v.object({
        [key]: v.array(v.unknown()),
        // Absent from the swagger's PO, vendor and product list examples: see isLastPage.
        meta: optional(v.object({ total_pages: optional(wholeNumber) })),
      } as v.ObjectEntries),
    ),
    v.transform((body) => {
      const page = body as unknown as Record<string, unknown> & { meta?: { total_pages?: number | null } | null };
      return {
        items: page[key] as unknown[],
        totalPages: page.meta?.total_pages ?? undefined,
        pageSize: syncroPageSizes[key] as number,
      };
    }),
  );

/**
 * Whether page `number` of a list is its last: as `meta.total_pages` says when Syncro sends it; without it (the
 * swagger's PO, vendor and product lists have none) a page holding fewer items than the documented page size,
 * or none, is the last — so a quiet read of the last page costs one call, not a second one to an empty page.
 * Pure.
 */
export function isLastPage(page: { items: readonly unknown[]; totalPages?: number; pageSize: number }, number: number) {
  if (page.items.length === 0) return true;
  return page.totalPages === undefined ? page.items.length < page.pageSize : number >= page.totalPages;
}

// ---- GET /me, GET /payment_methods ----

/** syncro_swagger.json#/paths/~1me/get */
export const syncroMe = named('user', [], v.object({ user_name: optional(text) }));

/** syncro_swagger.json#/paths/~1payment_methods/get */
export const syncroPaymentMethods = named(
  'payment method list',
  [],
  v.object({ payment_methods: v.array(named('payment method', ['id'], v.object({ name: text }))) }),
);

// ---- customers and vendors ----

/** syncro_swagger.json#/paths/~1customers/get (list items) and ~1customers~1{id}/get (wrapped in "customer"). */
export const syncroCustomer = named(
  'customer',
  ['id'],
  v.object({
    id: wholeNumber,
    business_name: optional(text),
    firstname: optional(text),
    lastname: optional(text),
    business_then_name: optional(text),
    email: optional(text),
    phone: optional(text),
    address: optional(text),
    address_2: optional(text),
    city: optional(text),
    state: optional(text),
    zip: optional(text),
    updated_at: timestamp,
  }),
);

/** syncro_swagger.json#/paths/~1vendors/get, ~1vendors~1{id}/get, and `vendor` inside a PO. */
export const syncroVendor = named(
  'vendor',
  ['id'],
  v.object({
    id: wholeNumber,
    name: optional(text),
    rep_first_name: optional(text),
    rep_last_name: optional(text),
    email: optional(text),
    phone: optional(text),
    address: optional(text),
    city: optional(text),
    state: optional(text),
    zip: optional(text),
    updated_at: timestamp,
  }),
);

/** The answer to `POST /customers` and `POST /vendors`: only the new id is read. */
export const syncroCreated = (noun: string) => named(noun, ['id'], v.object({ id: wholeNumber }));

// ---- products ----

/**
 * syncro_swagger.json#/paths/~1products/get. Prices are the Xero item's default prices only (each invoice line
 * carries its own): a product without one gets none.
 */
export const syncroProduct = named(
  'product',
  ['id'],
  v.object({
    id: wholeNumber,
    name: optional(text),
    description: optional(text),
    upc_code: optional(text),
    price_retail: optional(decimal),
    price_cost: optional(decimal),
    taxable: v.optional(flag),
    disabled: v.optional(flag),
  }),
);

// ---- invoices ----

/** syncro_swagger.json#/paths/~1invoices/get: what a list item carries (no line items, no payments). */
const invoiceSummaryEntries = {
  id: wholeNumber,
  number: recordNumber,
  customer_id: wholeNumber,
  date: timestamp,
  /** The change tick compares it with what was last pushed: without it an edit would pass unseen. */
  updated_at: timestamp,
  total: decimal,
  /** Not in the swagger's invoice schemas: when absent, the balance is computed from the total and payments. */
  balance_due: optional(decimal),
  is_paid: v.optional(flag),
  verified_paid: v.optional(flag),
  tech_marked_paid: v.optional(flag),
};

export const syncroInvoiceSummary = named('invoice', ['id'], v.object(invoiceSummaryEntries));

/**
 * A line of the invoice detail. The swagger documents only `item` and `name` here; the other fields are those
 * of `GET /line_items` (syncro_swagger.json#/paths/~1line_items/get), which working integrations read here.
 */
export const syncroLineItem = named(
  'line item',
  ['id'],
  v.object({
    id: wholeNumber,
    item: optional(text),
    name: optional(text),
    quantity: decimal,
    price: decimal,
    taxable: flag,
    discount_percent: optional(decimal),
    discount_dollars: optional(decimal),
    product_id: optional(wholeNumber),
    position: optional(wholeNumber),
  }),
);

/** syncro_swagger.json#/paths/~1invoices~1{id}/get: payments are listed by id alone (read each one). */
export const syncroInvoice = named(
  'invoice',
  ['id'],
  v.object({
    ...invoiceSummaryEntries,
    /** Named to the person asked to confirm a payment of another customer ("Apply to invoice…"). */
    customer_business_then_name: optional(text),
    due_date: optional(timestamp),
    tax: decimal,
    po_number: optional(text),
    line_items: v.array(syncroLineItem),
    payments: v.array(named('payment', ['id'], v.object({ id: wholeNumber }))),
  }),
);

// ---- payments ----

/**
 * syncro_swagger.json#/paths/~1payments~1{id}/get (wrapped in "payment") and the items of `GET /payments`.
 * `payment_amount` is the whole payment in dollars, over every invoice in `invoice_ids` (`[null]` in the
 * swagger's example of a payment on no invoice).
 */
export const syncroPayment = named(
  'payment',
  ['id'],
  v.object({
    id: wholeNumber,
    payment_amount: decimal,
    ref_num: optional(text),
    /** The payment's date in Xero. */
    applied_at: timestamp,
    created_at: optional(timestamp),
    invoice_ids: v.optional(v.array(v.nullable(wholeNumber))),
  }),
);

// ---- purchase orders ----

/** syncro_swagger.json#/paths/~1purchase_orders/get: what the change tick compares. */
export const syncroPurchaseOrderSummary = named(
  'purchase order',
  ['id'],
  v.object({ id: wholeNumber, created_at: timestamp, updated_at: timestamp }),
);

/**
 * A PO line: cents, as in the swagger's `create_po_line_item` answer
 * (syncro_swagger.json#/paths/~1purchase_orders~1{id}~1create_po_line_item/post). Its text comes from the product.
 */
export const syncroPoLineItem = named(
  'PO line',
  ['id'],
  v.object({
    id: wholeNumber,
    product_id: optional(wholeNumber),
    quantity: decimal,
    cost_cents: wholeNumber,
    position: optional(wholeNumber),
  }),
);

/**
 * syncro_swagger.json#/paths/~1purchase_orders~1{id}/get (wrapped in "purchase_order"). `total`, `shipping`
 * and `other` are dollars; a PO without shipping or other charges may leave them out, and `total` checks the
 * lines add up.
 */
export const syncroPurchaseOrder = named(
  'purchase order',
  ['id'],
  v.object({
    id: wholeNumber,
    number: recordNumber,
    vendor_id: wholeNumber,
    vendor: optional(syncroVendor),
    status: optional(text),
    created_at: timestamp,
    expected_date: optional(timestamp),
    due_date: optional(timestamp),
    shipping_notes: optional(text),
    shipping: optional(decimal),
    other: optional(decimal),
    total: decimal,
    line_items: v.array(syncroPoLineItem),
    updated_at: timestamp,
  }),
);

export type SyncroCustomer = v.InferOutput<typeof syncroCustomer>;
export type SyncroVendor = v.InferOutput<typeof syncroVendor>;
export type SyncroProduct = v.InferOutput<typeof syncroProduct>;
export type SyncroInvoiceSummary = v.InferOutput<typeof syncroInvoiceSummary>;
export type SyncroLineItem = v.InferOutput<typeof syncroLineItem>;
export type SyncroInvoice = v.InferOutput<typeof syncroInvoice>;
export type SyncroPayment = v.InferOutput<typeof syncroPayment>;
export type SyncroPurchaseOrderSummary = v.InferOutput<typeof syncroPurchaseOrderSummary>;
export type SyncroPoLineItem = v.InferOutput<typeof syncroPoLineItem>;
export type SyncroPurchaseOrder = v.InferOutput<typeof syncroPurchaseOrder>;
