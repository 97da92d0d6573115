// REST routes for invoices, line items, payments and purchase orders.

import { json } from '../http.ts';
import { bodyFields, contains, notFound, paginate, type Route, respond } from './api-kit.ts';
import { addLineItem, removeLineItem, updateInvoiceFields, updateLineItem } from './invoices.ts';
import { createPayment, paymentFields } from './payments.ts';
import { invoiceDetailJson, invoiceSummaryJson, lineItemJson, paymentJson, purchaseOrderJson } from './serialize.ts';
import { businessThenName, findInvoice, type Invoice, isPaid } from './store.ts';

/**
 * Rails-style bodies may wrap the fields in their model name (`{invoice: {…}}`, as
 * CBShawn/Syncro-Stripe-S700-Integration sends them); the swagger documents them unwrapped (research/syncro.md
 * Unknown 3). Accept both.
 */
function unwrap(body: unknown, key: string): Record<string, unknown> {
  const fields = bodyFields(body);
  return bodyFields(fields[key] ?? fields);
}

function parseTime(value: string | null): number | undefined {
  if (!value) return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : time;
}

const invoiceRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/invoices$/,
    permission: 'Invoices - List/Search',
    // Filters and 25 per page: syncro_swagger.json#/paths/~1invoices/get/parameters. The order is Undocumented: the
    // fake lists the newest id first, which is not the least convenient reading (compare the PO list below).
    handle: ({ req, account }) => {
      const q = req.query;
      const paid = q.get('paid') === 'true';
      const unpaid = q.get('unpaid') === 'true';
      const since = parseTime(q.get('since_updated_at'));
      const ticketId = q.get('ticket_id');
      const matches: Invoice[] = [];
      const rows = account.invoices.rows;
      for (let i = rows.length - 1; i >= 0; i--) {
        const invoice = rows[i] as Invoice;
        if (paid && !isPaid(invoice)) continue;
        if (unpaid && isPaid(invoice)) continue;
        if (since !== undefined && invoice.updatedAt < since) continue;
        if (ticketId && String(invoice.ticketId) !== ticketId) continue;
        matches.push(invoice);
      }
      const { slice, shortMeta } = paginate(matches, req, 25);
      return json(200, { invoices: slice.map((invoice) => invoiceSummaryJson(account, invoice)), meta: shortMeta });
    },
  },
  {
    method: 'GET',
    path: /^\/invoices\/([^/]+)$/,
    permission: 'Invoices - View Details',
    // Wrapped in `invoice` as working integrations read it (the swagger documents a flat object; clients handle both).
    // Payments are listed as `[{ id }]` and `balance_due` is absent, as the swagger's schema has it (serialize.ts).
    handle: ({ account, params }) => {
      const invoice = findInvoice(account, params[0] ?? '');
      return invoice ? json(200, { invoice: invoiceDetailJson(account, invoice) }) : notFound();
    },
  },
  {
    method: 'PUT',
    path: /^\/invoices\/([^/]+)$/,
    // syncro_swagger.json#/paths/~1invoices~1{id}/put names no permission (`Invoices - Edit` is the fake's choice)
    // and takes an "ID of Invoice to update"; Undocumented: the fake also accepts a number here.
    permission: 'Invoices - Edit',
    handle: ({ account, params, body, now }) => {
      const invoice = findInvoice(account, params[0] ?? '');
      if (!invoice) return notFound();
      return respond(updateInvoiceFields(account, invoice, unwrap(body, 'invoice'), now), (updated) => ({
        invoice: invoiceSummaryJson(account, updated),
      }));
    },
  },
  {
    method: 'POST',
    // syncro_swagger.json#/paths/~1invoices~1{id}~1line_items/post ("Required permission: Invoices - Edit").
    path: /^\/invoices\/([^/]+)\/line_items$/,
    permission: 'Invoices - Edit',
    handle: ({ account, params, body, now }) => {
      const invoice = findInvoice(account, params[0] ?? '');
      if (!invoice) return notFound();
      return respond(addLineItem(account, invoice, unwrap(body, 'line_item'), now), lineItemJson);
    },
  },
  {
    method: 'PUT',
    path: /^\/invoices\/([^/]+)\/line_items\/(\d+)$/,
    permission: 'Invoices - Edit',
    handle: ({ account, params, body, now }) => {
      const invoice = findInvoice(account, params[0] ?? '');
      if (!invoice) return notFound();
      return respond(updateLineItem(account, invoice, Number(params[1]), unwrap(body, 'line_item'), now), lineItemJson);
    },
  },
  {
    method: 'DELETE',
    path: /^\/invoices\/([^/]+)\/line_items\/(\d+)$/,
    permission: 'Invoices - Edit',
    // Returns the updated invoice (live-tested: advenimus/syncromsp-mcp docs/api-testing-results.md, research §1.9).
    handle: ({ account, params, now }) => {
      const invoice = findInvoice(account, params[0] ?? '');
      if (!invoice) return notFound();
      return respond(removeLineItem(account, invoice, Number(params[1]), now), (updated) => ({
        invoice: invoiceDetailJson(account, updated),
      }));
    },
  },
];

const paymentRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/payments$/,
    permission: 'Payments - View List',
    // syncro_swagger.json#/paths/~1payments/get documents `query` only as "Search query". The least convenient
    // reading: it matches the customer's name, never `ref_num`. Order (newest first) is undocumented too.
    handle: ({ req, account }) => {
      const query = req.query.get('query');
      const rows = account.payments.rows;
      const matches = [];
      for (let i = rows.length - 1; i >= 0; i--) {
        const payment = rows[i];
        if (!payment) continue;
        const customer = account.customers.get(payment.customerId);
        const haystack = customer ? businessThenName(customer) : '';
        if (!query || contains(haystack, query)) matches.push(payment);
      }
      const { slice, shortMeta } = paginate(matches, req, 25);
      return json(200, { payments: slice.map((payment) => paymentJson(account, payment)), meta: shortMeta });
    },
  },
  {
    method: 'GET',
    path: /^\/payments\/(\d+)$/,
    permission: 'Payments - View List',
    // syncro_swagger.json#/paths/~1payments~1{id}/get: the one place a payment's amount, date and invoices are
    // given (the invoice detail lists payments by id only), wrapped in `payment`.
    handle: ({ account, params }) => {
      const payment = account.payments.get(Number(params[0]));
      return payment ? json(200, { payment: paymentJson(account, payment) }) : notFound();
    },
  },
  {
    method: 'POST',
    path: /^\/payments$/,
    permission: 'Payments - Create',
    handle: ({ account, body, now }) =>
      respond(createPayment(account, paymentFields(body), now), (payment) => ({
        payment: paymentJson(account, payment, false),
      })),
  },
];

const purchaseOrderRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/purchase_orders$/,
    permission: 'Purchase Orders - List/Search',
    // 20 per page (syncro_swagger.json#/paths/~1purchase_orders/get/parameters) and no `meta`, as in that path's
    // example: a client knows the last page only by it being short (or empty). The order is not documented: the
    // fake lists the oldest first, so "page 1" is not the newest.
    handle: ({ req, account }) => {
      const oldestFirst = account.purchaseOrders.rows;
      const { slice } = paginate(oldestFirst, req, 20);
      return json(200, { purchase_orders: slice.map((po) => purchaseOrderJson(account, po)) });
    },
  },
  {
    method: 'GET',
    // syncro_swagger.json#/paths/~1purchase_orders~1{id}/get, wrapped in `purchase_order`.
    path: /^\/purchase_orders\/(\d+)$/,
    permission: 'Purchase Orders - View Details',
    handle: ({ account, params }) => {
      const po = account.purchaseOrders.get(Number(params[0]));
      return po ? json(200, { purchase_order: purchaseOrderJson(account, po) }) : notFound();
    },
  },
];

export const billingRoutes: Route[] = [...invoiceRoutes, ...paymentRoutes, ...purchaseOrderRoutes];
