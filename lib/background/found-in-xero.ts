// Records this install never pushed may be in Xero already (another technician's install pushed them): they
// are looked up by natural key — invoices 40 numbers to a call, POs one by one and few (numeric PO numbers not
// at all: Xero's by-number route cannot find them) — and remembered for a while. For display only: the number
// comes from the page, so it never decides what gets written (a push looks the record up again from Syncro's
// own data).
import { chunksOf } from '../chunks.ts';
import type { PageRecord } from '../messages.ts';
import { recordKey } from '../records.ts';
import { xeroInvoiceUrl } from '../sync/invoices-in-xero.ts';
import { findPurchaseOrder, isNumericPurchaseOrderNumber, xeroPurchaseOrderUrl } from '../sync/purchase-orders.ts';
import { xeroCall } from '../xero/client.ts';
import { xeroInvoiceSummaries } from '../xero/wire.ts';

const numbersPerCall = 40;
/** POs have no list filter by number: at most this many single look-ups per page view. */
const purchaseOrdersPerRequest = 5;
const rememberFoundMs = 10 * 60_000;
const rememberMissingMs = 10 * 60_000;
const retryErrorMs = 60_000;

export interface FoundInXero {
  /** Xero URLs of the records found (`kind:id`), still fresh. */
  known(now: number): Map<string, string>;
  /**
   * Looks up, in the background, those not known, not recently missed and not in flight, as many as `allow`
   * grants (the asking tab's budget); answers the keys of those it had to leave unchecked.
   */
  lookUp(records: PageRecord[], now: number, allow: (wanted: number) => number): Set<string>;
  /** Forgets every result: they belonged to the pair of Syncro account and organisation that was current. */
  forget(): void;
}

export function foundInXero(onFound: (keys: string[]) => void): FoundInXero {
  const found = new Map<string, { url: string; at: number }>();
  const checkedUntil = new Map<string, number>();

  const settle = (keys: string[], results: Map<string, string>, now: number, untilMs: number) => {
    for (const key of keys) {
      const url = results.get(key);
      if (url) found.set(key, { url, at: now });
      checkedUntil.set(key, now + (url ? rememberFoundMs : untilMs));
    }
    const hits = keys.filter((key) => results.has(key));
    if (hits.length > 0) onFound(hits);
  };

  const run = async (records: PageRecord[], now: number) => {
    const keys = records.map(recordKey);
    try {
      settle(keys, await lookUpAll(records), now, rememberMissingMs);
    } catch (error) {
      console.warn('Syncro ⇄ Xero: look-up by number failed', error);
      settle(keys, new Map(), now, retryErrorMs);
    }
  };

  return {
    forget() {
      found.clear();
      checkedUntil.clear();
    },
    known(now) {
      const fresh = new Map<string, string>();
      for (const [key, { url, at }] of found) if (now - at < rememberFoundMs) fresh.set(key, url);
      return fresh;
    },
    lookUp(records, now, allow) {
      const due = records.filter((record) => record.number && (checkedUntil.get(recordKey(record)) ?? 0) <= now);
      const wantedInvoices = due.filter((record) => record.kind === 'invoice');
      const wantedOrders = due.filter((record) => record.kind === 'purchase_order').slice(0, purchaseOrdersPerRequest);
      const invoices = wantedInvoices.slice(0, allow(wantedInvoices.length));
      const orders = wantedOrders.slice(0, allow(wantedOrders.length));
      const unchecked = new Set(
        [...wantedInvoices.slice(invoices.length), ...wantedOrders.slice(orders.length)].map(recordKey),
      );
      // Marked in flight at once, so the next page message does not ask again.
      for (const record of [...invoices, ...orders]) checkedUntil.set(recordKey(record), now + retryErrorMs);
      for (const chunk of chunksOf(invoices, numbersPerCall)) void run(chunk, now);
      if (orders.length > 0) void run(orders, now);
      return unchecked;
    },
  };
}

async function lookUpAll(records: PageRecord[]): Promise<Map<string, string>> {
  const results = new Map<string, string>();
  const invoices = records.filter((record) => record.kind === 'invoice');
  if (invoices.length > 0) {
    const { Invoices } = await xeroCall(
      {
        method: 'GET',
        path: '/Invoices',
        query: { InvoiceNumbers: invoices.map((record) => record.number).join(','), summaryOnly: 'true' },
      },
      xeroInvoiceSummaries,
    );
    for (const record of invoices) {
      const match = Invoices.find(
        (invoice) =>
          invoice.Type === 'ACCREC' &&
          invoice.InvoiceNumber === record.number &&
          invoice.Status !== 'DELETED' &&
          invoice.Status !== 'VOIDED',
      );
      if (match) results.set(recordKey(record), xeroInvoiceUrl(match.InvoiceID));
    }
  }
  for (const record of records.filter((candidate) => candidate.kind === 'purchase_order')) {
    const number = record.number ?? '';
    // A numeric number is found only in the list of POs of its date, which the page does not show: such a PO
    // shows as in Xero once this install has pushed it (a push finds another install's PO by its date).
    if (isNumericPurchaseOrderNumber(number)) continue;
    const order = await findPurchaseOrder({ number });
    if (order) results.set(recordKey(record), xeroPurchaseOrderUrl(order.PurchaseOrderID));
  }
  return results;
}
