// The Accounting API endpoints this fake serves: how each lists, finds, writes and renders its records.
import type { SandboxRequest } from '../http.ts';
import { applyContact, findContact } from './contacts.ts';
import { parseXeroDate } from './format.ts';
import { applyInvoice, findInvoice } from './invoices.ts';
import { applyItem, findItem } from './items.ts';
import { applyPayment, deletePayment } from './payments.ts';
import { applyPurchaseOrder, findPurchaseOrder } from './purchase-orders.ts';
import {
  renderAccount,
  renderBatchPayment,
  renderContact,
  renderInvoice,
  renderItem,
  renderOrganisation,
  renderPayment,
  renderPurchaseOrder,
  renderTaxRate,
} from './render.ts';
import type { ApiObject, ApplyResult, TenantData } from './state.ts';

export interface WriteContext {
  req: SandboxRequest;
  now: number;
  /** The `{id}` of `POST /Invoices/{id}` and friends. */
  pathId?: string;
}

export interface Resource {
  /** Envelope collection name, also the path segment (matched case-insensitively). */
  collection: string;
  /** Granular scope families, any of which grants access (`.read` variants allow GET). */
  scopes: string[];
  paged: boolean;
  listParams?: Record<string, string>;
  list(data: TenantData, req: SandboxRequest): ApiObject[];
  find(data: TenantData, id: string): ApiObject | undefined;
  write?(data: TenantData, input: ApiObject, ctx: WriteContext): ApplyResult;
  render?(data: TenantData, id: string): ApiObject;
}

// Scope families: xero_accounting.yaml `security` (accounting.transactions, accounting.settings, accounting.contacts)
// and https://developer.xero.com/faq/granular-scopes (invoices, payments; Items under invoices or settings).
const INVOICE_SCOPES = ['accounting.invoices', 'accounting.transactions'];
const PAYMENT_SCOPES = ['accounting.payments', 'accounting.transactions'];
const SETTINGS_SCOPES = ['accounting.settings'];
/** A record a write just saved; its absence would be a bug in the fake. */
function saved<T>(record: T | undefined): T {
  if (record === undefined) throw new Error('Saved record not found');
  return record;
}

const unitdp4 = (req: SandboxRequest): boolean => req.query.get('unitdp') === '4';

// `searchTerm`: a case-insensitive text search (xero_accounting.yaml `/Contacts`, #/components/parameters/searchTerm).
function matchesSearch(record: ApiObject, term: string | null, fields: string[]): boolean {
  if (!term) return true;
  const wanted = term.toLowerCase();
  return fields.some((field) =>
    String(record[field] ?? '')
      .toLowerCase()
      .includes(wanted),
  );
}

// `DateFrom`/`DateTo` of xero_accounting.yaml#/paths/~1PurchaseOrders/get. Undocumented: both ends inclusive.
function inDateRange(record: ApiObject, req: SandboxRequest): boolean {
  const date = parseXeroDate(record.Date) ?? 0;
  const from = parseXeroDate(req.query.get('DateFrom') ?? undefined);
  const to = parseXeroDate(req.query.get('DateTo') ?? undefined);
  return (from === undefined || date >= from) && (to === undefined || date <= to);
}

// `paged`: only these GETs take `page` in xero_accounting.yaml (Contacts, Invoices, Payments, PurchaseOrders).
export const RESOURCES: Resource[] = [
  {
    collection: 'Organisations',
    scopes: SETTINGS_SCOPES,
    paged: false,
    list: (data) => [renderOrganisation(data)],
    find: () => undefined,
  },
  {
    collection: 'Accounts',
    scopes: SETTINGS_SCOPES,
    paged: false,
    // The order is undocumented: by code, then the accounts without one by name.
    list: (data) =>
      [...data.accounts.values()]
        .sort(
          (a, b) =>
            Number(!a.Code) - Number(!b.Code) ||
            (a.Code ?? '').localeCompare(b.Code ?? '') ||
            a.Name.localeCompare(b.Name),
        )
        .map(renderAccount),
    find: (data, id) => {
      const account = data.accounts.get(id.toLowerCase());
      return account && renderAccount(account);
    },
  },
  {
    collection: 'TaxRates',
    scopes: SETTINGS_SCOPES,
    paged: false,
    listParams: { TaxType: 'TaxType' },
    list: (data) => [...data.taxRates.values()].map(renderTaxRate),
    find: () => undefined,
  },
  {
    collection: 'Contacts',
    scopes: ['accounting.contacts'],
    paged: true,
    listParams: { IDs: 'ContactID' },
    list: (data, req) =>
      [...data.contacts.values()]
        // Archived contacts only with `includeArchived=true` (xero_accounting.yaml#/paths/~1Contacts/get).
        .filter((c) => c.ContactStatus === 'ACTIVE' || req.query.get('includeArchived') === 'true')
        .map(renderContact)
        .filter((c) =>
          matchesSearch(c, req.query.get('searchTerm'), [
            'Name',
            'FirstName',
            'LastName',
            'ContactNumber',
            'EmailAddress',
          ]),
        ),
    find: (data, id) => {
      const contact = findContact(data, id);
      return contact && renderContact(contact);
    },
    write: (data, input, ctx) => applyContact(data, input, ctx.now, ctx.pathId),
    render: (data, id) => renderContact(saved(data.contacts.get(id))),
  },
  {
    collection: 'Items',
    scopes: [...INVOICE_SCOPES, ...SETTINGS_SCOPES],
    paged: false,
    list: (data) => [...data.items.values()].map(renderItem),
    find: (data, id) => {
      const item = findItem(data, id);
      return item && renderItem(item);
    },
    write: (data, input, ctx) =>
      applyItem(data, input, ctx.now, {
        pathId: ctx.pathId,
        upsertByCode: ctx.req.method === 'POST',
        unitdp4: unitdp4(ctx.req),
      }),
    render: (data, id) => renderItem(saved(data.items.get(id))),
  },
  {
    collection: 'Invoices',
    scopes: INVOICE_SCOPES,
    paged: true,
    listParams: {
      IDs: 'InvoiceID',
      InvoiceNumbers: 'InvoiceNumber',
      ContactIDs: 'Contact.ContactID',
      Statuses: 'Status',
    },
    // Multi-record GETs without `page` (or with summaryOnly) come back without LineItems, as in Xero. summaryOnly
    // "returns only lightweight fields, excluding computation-heavy fields" (xero_accounting.yaml
    // #/components/parameters/summaryOnly): which ones is not listed, so the fake leaves out every list an invoice
    // carries (Payments, CreditNotes, Prepayments, Overpayments) — the least convenient reading.
    list: (data, req) =>
      [...data.invoices.values()]
        .map((invoice) => {
          const summary = req.query.get('summaryOnly') === 'true';
          const rendered = renderInvoice(data, invoice, req.query.has('page') && !summary);
          if (summary)
            for (const list of ['Payments', 'CreditNotes', 'Prepayments', 'Overpayments']) delete rendered[list];
          return rendered;
        })
        .filter((invoice) => matchesSearch(invoice, req.query.get('searchTerm'), ['InvoiceNumber', 'Reference'])),
    find: (data, id) => {
      const invoice = findInvoice(data, id);
      return invoice && renderInvoice(data, invoice);
    },
    write: (data, input, ctx) => applyInvoice(data, input, ctx.now, { pathId: ctx.pathId, unitdp4: unitdp4(ctx.req) }),
    render: (data, id) => renderInvoice(data, saved(data.invoices.get(id))),
  },
  {
    collection: 'Payments',
    scopes: PAYMENT_SCOPES,
    paged: true,
    list: (data) => [...data.payments.values()].map((payment) => renderPayment(data, payment)),
    find: (data, id) => {
      const payment = data.payments.get(id.toLowerCase());
      return payment && renderPayment(data, payment);
    },
    write: (data, input, ctx) =>
      ctx.pathId ? deletePayment(data, ctx.pathId, input, ctx.now) : applyPayment(data, input, ctx.now),
    render: (data, id) => renderPayment(data, saved(data.payments.get(id))),
  },
  {
    collection: 'PurchaseOrders',
    scopes: INVOICE_SCOPES,
    paged: true,
    listParams: { Status: 'Status' },
    list: (data, req) =>
      [...data.purchaseOrders.values()]
        .map((order) => renderPurchaseOrder(data, order))
        .filter((order) => inDateRange(order, req)),
    find: (data, id) => {
      const order = findPurchaseOrder(data, id);
      return order && renderPurchaseOrder(data, order);
    },
    write: (data, input, ctx) => applyPurchaseOrder(data, input, ctx.now, ctx.pathId, unitdp4(ctx.req)),
    render: (data, id) => renderPurchaseOrder(data, saved(data.purchaseOrders.get(id))),
  },
  {
    collection: 'BatchPayments',
    scopes: PAYMENT_SCOPES,
    paged: false,
    list: (data) => [...data.batchPayments.values()].map((batch) => renderBatchPayment(data, batch)),
    find: (data, id) => {
      const batch = data.batchPayments.get(id.toLowerCase());
      return batch && renderBatchPayment(data, batch);
    },
  },
];

/** The singular path `/Organisation` lists the Organisations collection (xero_accounting.yaml /Organisation). */
export function resourceFor(segment: string): Resource | undefined {
  const wanted = segment.toLowerCase() === 'organisation' ? 'organisations' : segment.toLowerCase();
  return RESOURCES.find((resource) => resource.collection.toLowerCase() === wanted);
}
