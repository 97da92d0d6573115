// What a backfill learns of the organisation once, a thousand records to a call (`pageSize`, 1,000 at most:
// xero_accounting.yaml#/components/parameters/pageSize), instead of looking records up by natural key batch by
// batch: its sales invoices, its contacts, its purchase orders. Kept for one run (SyncContext) and used by batches
// that are full, or once it is loaded. A record another install creates meanwhile is not in it and is not
// duplicated all the same: Xero refuses a second sales invoice of a number ("Invoice # must be unique."), a second
// PO of a number and a second contact of a name, and the push looks such a record up when refused.

import * as v from 'valibot';
import { chunksOf } from '../chunks.ts';
import { readOnce } from '../read-once.ts';
import { xeroCall } from '../xero/client.ts';
import {
  type XeroContact,
  type XeroFoundInvoice,
  type XeroPurchaseOrder,
  xeroContacts,
  xeroInvoiceListed,
  xeroInvoices,
  xeroPayments,
  xeroPurchaseOrders,
} from '../xero/wire.ts';

const pageSize = 1000;

export interface Learned {
  /** Sales invoices (not deleted or voided) by number, each with its payments when it has any. */
  invoices(): Promise<Map<string, XeroFoundInvoice>>;
  contacts(): Promise<XeroContact[]>;
  purchaseOrders(): Promise<XeroPurchaseOrder[]>;
  /** Whether `what` was learnt in this run already (a short batch uses it then, rather than look up). */
  has(what: 'invoices' | 'contacts' | 'purchaseOrders'): boolean;
  /** What this install wrote since, as Xero answered it: kept up to date with its own writes. */
  remember(written: Written): void;
}

export type Written =
  | { invoice: XeroFoundInvoice }
  | { payment: { InvoiceID: string; PaymentID: string; Reference?: string; Amount: number } }
  | { contact: XeroContact }
  | { purchaseOrder: XeroPurchaseOrder };

/** A batch this full reads the whole collection once rather than look its records up (a backfill's batches). */
export const learnFrom = 50;

/** How long what was learnt serves later runs (a backfill spans many): records created since are caught as above. */
const keptMs = 10 * 60_000;
let kept: { scope: string; at: number; learned: Learned } | undefined;

/** What is learnt of the organisation in `scope` (a Syncro account and organisation), shared by the runs of a while. */
export function learnedOrganisation(scope: string, now = Date.now()): Learned {
  if (kept?.scope !== scope || now - kept.at > keptMs) kept = { scope, at: now, learned: learning() };
  return kept.learned;
}

function learning(): Learned {
  const invoices = readOnce((_: 'all') => learnInvoices());
  const contacts = readOnce((_: 'all') => learnContacts());
  const purchaseOrders = readOnce((_: 'all') => learnPurchaseOrders());
  const loaded = { invoices, contacts, purchaseOrders } as const;
  // Applied once what it updates is in hand (a write lands after the list was asked for, or not at all).
  const update = <T>(what: keyof typeof loaded, change: (value: T) => void) => {
    if (loaded[what].has('all')) void (loaded[what]('all') as Promise<T>).then(change, () => undefined);
  };
  return {
    invoices: () => invoices('all'),
    contacts: () => contacts('all'),
    purchaseOrders: () => purchaseOrders('all'),
    has: (what) => loaded[what].has('all'),
    remember(written) {
      if ('invoice' in written) {
        const { invoice } = written;
        update<Map<string, XeroFoundInvoice>>('invoices', (all) => all.set(numberKey(invoice.InvoiceNumber), invoice));
      } else if ('payment' in written) {
        const { InvoiceID, ...payment } = written.payment;
        update<Map<string, XeroFoundInvoice>>('invoices', (all) => {
          for (const invoice of all.values()) {
            if (invoice.InvoiceID !== InvoiceID) continue;
            invoice.Payments = [...(invoice.Payments ?? []), payment];
            invoice.AmountPaid += payment.Amount;
          }
        });
      } else if ('contact' in written) {
        const { contact } = written;
        update<XeroContact[]>('contacts', (all) => replaceOrAdd(all, contact, (each) => each.ContactID));
      } else {
        const { purchaseOrder } = written;
        update<XeroPurchaseOrder[]>('purchaseOrders', (all) =>
          replaceOrAdd(all, purchaseOrder, (each) => each.PurchaseOrderID),
        );
      }
    },
  };
}

function replaceOrAdd<T>(all: T[], record: T, idOf: (record: T) => string): void {
  const at = all.findIndex((each) => idOf(each) === idOf(record));
  if (at >= 0) all[at] = record;
  else all.push(record);
}

/**
 * Every page of a list. How many there are is read from `pagination.pageCount` (xero_accounting.yaml
 * #/components/schemas/Pagination); without it, a page shorter than asked is the last (should Xero cap `pageSize`
 * below what is asked, pages read short: the count is what is relied on then).
 */
async function everyPage<T>(
  read: (paged: { page: string; pageSize: string }) => Promise<{ records: T[]; pageCount?: number }>,
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const { records, pageCount } = await read({ page: String(page), pageSize: String(pageSize) });
    all.push(...records);
    if (pageCount === undefined ? records.length < pageSize : page >= pageCount) return all;
  }
}

/** A paged list answer: its records, and its page count where Xero gives one. */
const paged = <S extends v.GenericSchema>(schema: S) =>
  v.intersect([schema, v.object({ pagination: v.optional(v.object({ pageCount: v.optional(v.number()) })) })]);

const learnContacts = () =>
  everyPage(async (pages) => {
    const answer = await xeroCall(
      { method: 'GET', path: '/Contacts', query: { includeArchived: 'true', summaryOnly: 'true', ...pages } },
      paged(xeroContacts),
    );
    return { records: answer.Contacts, pageCount: answer.pagination?.pageCount };
  });

const learnPurchaseOrders = () =>
  everyPage(async (pages) => {
    const answer = await xeroCall({ method: 'GET', path: '/PurchaseOrders', query: pages }, paged(xeroPurchaseOrders));
    return { records: answer.PurchaseOrders, pageCount: answer.pagination?.pageCount };
  });

/**
 * The summaries (`summaryOnly`: no line items, and no payments taken for granted), then, only if some invoice has
 * payments, every sales payment, to see which of ours Xero has. An invoice with AmountPaid whose payments the list
 * does not account for is read whole (`IDs`), never taken as having none.
 */
async function learnInvoices(): Promise<Map<string, XeroFoundInvoice>> {
  const listed = await everyPage(async (pages) => {
    const answer = await xeroCall(
      { method: 'GET', path: '/Invoices', query: { where: 'Type=="ACCREC"', summaryOnly: 'true', ...pages } },
      paged(xeroInvoiceListed),
    );
    return { records: answer.Invoices, pageCount: answer.pagination?.pageCount };
  });
  const summaries: XeroFoundInvoice[] = listed.filter(
    (invoice) => invoice.Status !== 'DELETED' && invoice.Status !== 'VOIDED',
  );
  const paid = summaries.filter((invoice) => invoice.AmountPaid > 0);
  if (paid.length > 0) {
    const byInvoice = await paymentsByInvoice();
    const unaccounted: string[] = [];
    for (const invoice of paid) {
      const payments = byInvoice.get(invoice.InvoiceID) ?? [];
      const paidCents = Math.round(payments.reduce((sum, payment) => sum + payment.Amount, 0) * 100);
      if (paidCents === Math.round(invoice.AmountPaid * 100)) invoice.Payments = payments;
      else unaccounted.push(invoice.InvoiceID);
    }
    for (const ids of chunksOf(unaccounted, 50)) {
      const { Invoices } = await xeroCall(
        { method: 'GET', path: '/Invoices', query: { IDs: ids.join(',') } },
        xeroInvoices,
      );
      for (const whole of Invoices) {
        const summary = paid.find((invoice) => invoice.InvoiceID === whole.InvoiceID);
        if (summary) summary.Payments = whole.Payments;
      }
    }
  }
  return new Map(summaries.map((invoice) => [numberKey(invoice.InvoiceNumber), invoice]));
}

async function paymentsByInvoice(): Promise<Map<string, NonNullable<XeroFoundInvoice['Payments']>>> {
  const payments = await everyPage(async (pages) => {
    const answer = await xeroCall(
      { method: 'GET', path: '/Payments', query: { where: 'PaymentType=="ACCRECPAYMENT"', ...pages } },
      paged(xeroPayments),
    );
    return { records: answer.Payments, pageCount: answer.pagination?.pageCount };
  });
  const byInvoice = new Map<string, NonNullable<XeroFoundInvoice['Payments']>>();
  for (const payment of payments) {
    if (payment.Status === 'DELETED') continue;
    const listed = byInvoice.get(payment.Invoice.InvoiceID) ?? [];
    listed.push({ PaymentID: payment.PaymentID, Reference: payment.Reference, Amount: payment.Amount });
    byInvoice.set(payment.Invoice.InvoiceID, listed);
  }
  return byInvoice;
}

/** Numbers as Xero compares them for uniqueness: trimmed, regardless of case (the stricter reading: undocumented). */
export const numberKey = (number: string) => number.trim().toLowerCase();
