// Syncro POs → Xero purchase orders (the stored PurchaseOrderID, else by PurchaseOrderNumber), 50 to a call; a
// finished PO → one bill (ACCPAY, InvoiceNumber = the PO number, the vendor's contact) and the Xero PO set to
// BILLED. Looked up a batch at a time: the POs of the batch's dates are listed (a PO's Date is its Syncro
// created_at, which does not change), a thousand to a call.

import { chunksOf } from '../chunks.ts';
import { NeedsUserError } from '../errors.ts';
import { audit } from '../storage/audit.ts';
import { linkKey } from '../storage/links.ts';
import { syncroGet } from '../syncro/api.ts';
import { type SyncroPurchaseOrder, syncroPurchaseOrder, syncroRecord } from '../syncro/wire.ts';
import { lookUpThenWrite, type RecordResult, writeBatch } from '../xero/batch.ts';
import { NotFoundError, xeroCall } from '../xero/client.ts';
import type { XeroPurchaseOrderPayload } from '../xero/payloads.ts';
import {
  type XeroBill,
  type XeroPurchaseOrder,
  xeroBill,
  xeroBills,
  xeroPurchaseOrder,
  xeroPurchaseOrders,
} from '../xero/wire.ts';
import { vendorSource } from './contacts.ts';
import type { SyncContext } from './context.ts';
import { numberKey } from './learned.ts';
import { billPayload, purchaseOrderPayload } from './map/purchase-orders.ts';
import type { DocumentPush, Done, Ready } from './push-documents.ts';
import { isFinished, purchaseOrderDecision } from './rules.ts';

export const xeroPurchaseOrderUrl = (id: string) => `https://go.xero.com/Accounts/Payable/PurchaseOrders/View/${id}`;

type ReadyOrder = Ready<SyncroPurchaseOrder, XeroPurchaseOrderPayload>;

export const purchaseOrderPush: DocumentPush<SyncroPurchaseOrder, XeroPurchaseOrderPayload, XeroPurchaseOrder> = {
  kind: 'purchase_order',
  label: 'purchase order',
  read: (ctx, id) =>
    syncroGet(ctx.syncro, `/purchase_orders/${id}`, syncroRecord('purchase_order', syncroPurchaseOrder)),
  decide: purchaseOrderDecision,
  contact: async (ctx, po) => vendorSource(po.vendor ?? (await ctx.vendor(po.vendor_id))),
  map: purchaseOrderPayload,
  alsoPrinted: (po) => ({ finished: isFinished(po) }),
  find: findPurchaseOrders,
  xeroUpdatedAt: (order) => order.UpdatedDateUTC,
  isFinal: (order) => order.Status === 'BILLED',
  write: writePurchaseOrders,
  xeroIdOf: (order) => order.PurchaseOrderID,
  xeroUrl: xeroPurchaseOrderUrl,
  followUp: billFinished,
  learnt: (purchaseOrder) => ({ purchaseOrder }),
};

/** Xero's by-number route answers 404 for a purely numeric PurchaseOrderNumber (XeroAPI/xero-php-oauth2#251). */
export const isNumericPurchaseOrderNumber = (number: string) => /^\s*[-+]?\d+(\.\d+)?\s*$/.test(number);

const live = (order: XeroPurchaseOrder | undefined) => (order?.Status === 'DELETED' ? undefined : order);

/**
 * The Xero POs of a batch, by Syncro id: the stored id, else the number among the POs of the batch's dates (or
 * among all of them, learnt once by a backfill's full batches).
 */
async function findPurchaseOrders(
  ready: ReadyOrder[],
  ctx: SyncContext,
  bulk: boolean,
): Promise<Map<number, XeroPurchaseOrder>> {
  const dates = ready.map(({ payload }) => payload.Date ?? '').sort();
  const listed =
    bulk || ctx.learned.has('purchaseOrders')
      ? await ctx.learned.purchaseOrders()
      : await listPurchaseOrders(dates.includes('') ? undefined : { from: dates[0], to: dates.at(-1) });
  const byId = new Map(listed.map((order) => [order.PurchaseOrderID.toLowerCase(), order]));
  const byNumber = new Map(listed.filter(live).map((order) => [numberKey(order.PurchaseOrderNumber), order]));
  const found = new Map<number, XeroPurchaseOrder>();
  for (const { record, xeroId } of ready) {
    // A stored id outside the dates: the PO was re-dated in Xero.
    const stored = xeroId ? live(byId.get(xeroId.toLowerCase()) ?? (await getPurchaseOrder(xeroId))) : undefined;
    const order = stored ?? byNumber.get(numberKey(record.number));
    if (order) found.set(record.id, order);
  }
  return found;
}

/**
 * Creates and updates; a create Xero refuses because the number is taken ("Order number must be unique", the
 * PUT /PurchaseOrders 400 example) is a PO the list did not show (re-dated in Xero): found by number, updated.
 */
async function writePurchaseOrders(
  writes: Array<{ ready: ReadyOrder; found?: XeroPurchaseOrder }>,
): Promise<Array<RecordResult<XeroPurchaseOrder>>> {
  const payloads = writes.map(({ ready, found }) =>
    found ? { ...ready.payload, PurchaseOrderID: found.PurchaseOrderID } : ready.payload,
  );
  const results = await writeBatch('POST', 'PurchaseOrders', payloads, xeroPurchaseOrder);
  for (const [i, { ready, found }] of writes.entries()) {
    const result = results[i];
    if (found || result?.ok || !/must be unique/i.test(result?.message ?? '')) continue;
    const taken = await findPurchaseOrder({ number: ready.record.number, date: ready.payload.Date });
    if (!taken || taken.Status === 'BILLED') continue;
    const update = { ...ready.payload, PurchaseOrderID: taken.PurchaseOrderID };
    const [updated] = await writeBatch('POST', 'PurchaseOrders', [update], xeroPurchaseOrder);
    if (updated) results[i] = updated;
    const write = writes[i];
    if (write) write.found = taken; // it existed: its bill may too (billFinished)
  }
  return results;
}

export interface PurchaseOrderKeys {
  number: string;
  /** The PO's Date as pushed (`YYYY-MM-DD`), where a numeric number is looked for. */
  date?: string;
}

/** One Xero PO by number; a numeric number, from the list of POs of its date (for a page's badges). */
export async function findPurchaseOrder(keys: PurchaseOrderKeys): Promise<XeroPurchaseOrder | undefined> {
  if (!isNumericPurchaseOrderNumber(keys.number)) return getPurchaseOrder(keys.number);
  const listed = await listPurchaseOrders(keys.date ? { from: keys.date, to: keys.date } : undefined);
  return listed.find((order) => live(order) && numberKey(order.PurchaseOrderNumber) === numberKey(keys.number));
}

async function getPurchaseOrder(idOrNumber: string): Promise<XeroPurchaseOrder | undefined> {
  try {
    const { PurchaseOrders } = await xeroCall(
      { method: 'GET', path: `/PurchaseOrders/${encodeURIComponent(idOrNumber)}` },
      xeroPurchaseOrders,
    );
    return PurchaseOrders.find(live);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

const pageSize = 1000; // pageSize of xero_accounting.yaml#/paths/~1PurchaseOrders/get; 1000 at most
const dayMs = 86_400_000;
const dayAround = (date: string, days: number) => new Date(Date.parse(date) + days * dayMs).toISOString().slice(0, 10);

/**
 * `GET /PurchaseOrders` of these dates, every page (filters: xero_accounting.yaml#/paths/~1PurchaseOrders): a day
 * either side, as whether DateTo is inclusive is not documented; without dates, every PO.
 */
async function listPurchaseOrders(dates?: { from?: string; to?: string }): Promise<XeroPurchaseOrder[]> {
  const range = dates?.from && dates.to ? { DateFrom: dayAround(dates.from, -1), DateTo: dayAround(dates.to, 1) } : {};
  const all: XeroPurchaseOrder[] = [];
  for (let page = 1; ; page++) {
    const { PurchaseOrders } = await xeroCall(
      {
        method: 'GET',
        path: '/PurchaseOrders',
        query: { ...range, page: String(page), pageSize: String(pageSize) },
      },
      xeroPurchaseOrders,
    );
    all.push(...PurchaseOrders);
    if (PurchaseOrders.length < pageSize) return all;
  }
}

/**
 * A finished PO's bill, created once, then the Xero PO marked BILLED. The bill is made before the mark, so a PO
 * Xero has as BILLED has its bill; one created just now has none yet; only a PO that was in Xero unbilled (an
 * earlier try stopped between the two, another install's) may have one: looked for by number and vendor.
 */
async function billFinished(
  done: Array<Done<SyncroPurchaseOrder, XeroPurchaseOrderPayload, XeroPurchaseOrder>>,
  ctx: SyncContext,
  now: number,
): Promise<Map<number, Error>> {
  const failures = new Map<number, Error>();
  const finished = done.filter(({ ready, xero }) => isFinished(ready.record) && xero.Status !== 'BILLED');
  if (finished.length === 0) return failures;
  let tries = 0;
  await lookUpThenWrite(async () => {
    failures.clear();
    // After a lost answer, every bill is looked for: the one sent may have been saved.
    const lookFor = tries++ > 0 ? finished : finished.filter((entry) => entry.existed);
    const existed = lookFor.map(({ ready }) => ready.record.number);
    const bills = existed.length > 0 ? await billsNumbered(existed) : [];
    // ACCPAY numbers are not unique in Xero: the bill is ours when it is the vendor's.
    const billed = (ready: ReadyOrder) =>
      bills.some(
        (bill) =>
          numberKey(bill.InvoiceNumber) === numberKey(ready.record.number) &&
          bill.Contact.ContactID === ready.lines.contactId &&
          bill.Status !== 'DELETED' &&
          bill.Status !== 'VOIDED',
      );
    const unbilled = finished.filter(({ ready }) => !billed(ready));
    if (unbilled.length === 0) return;
    const payloads = unbilled.map(({ ready }) => billPayload(ready.record, ready.lines));
    const results = await writeBatch('PUT', 'Invoices', payloads, xeroBill);
    for (const [i, { ready }] of unbilled.entries()) {
      const result = results[i];
      const { id, number } = ready.record;
      if (result?.ok)
        await audit(linkKey('purchase_order', id), 'info', `Created the bill for finished PO ${number}`, now);
      else failures.set(id, new NeedsUserError(`Bill for PO ${number}: ${result?.message ?? 'refused'}`));
    }
  });
  // Marking BILLED twice does no harm: sent again as it is after a lost answer.
  const toMark = finished.filter(({ ready }) => !failures.has(ready.record.id));
  if (toMark.length === 0) return failures;
  const marks = toMark.map(({ xero }) => ({ PurchaseOrderID: xero.PurchaseOrderID, Status: 'BILLED' as const }));
  const results = await lookUpThenWrite(() => writeBatch('POST', 'PurchaseOrders', marks, xeroPurchaseOrder));
  for (const [i, { ready }] of toMark.entries()) {
    const result = results[i];
    if (result?.ok) ctx.learned.remember({ purchaseOrder: result.record });
    else
      failures.set(
        ready.record.id,
        new NeedsUserError(`PO ${ready.record.number}: ${result?.message ?? 'not marked billed'}`),
      );
  }
  return failures;
}

/** Bills (ACCPAY) with these numbers, 50 numbers to a call. */
export async function billsNumbered(numbers: string[]): Promise<XeroBill[]> {
  const bills: XeroBill[] = [];
  for (const chunk of chunksOf(numbers, 50)) {
    for (let page = 1; ; page++) {
      const { Invoices } = await xeroCall(
        {
          method: 'GET',
          path: '/Invoices',
          query: {
            InvoiceNumbers: chunk.join(','),
            where: 'Type=="ACCPAY"',
            page: String(page),
            pageSize: String(pageSize),
          },
        },
        xeroBills,
      );
      bills.push(...Invoices);
      if (Invoices.length < pageSize) break;
    }
  }
  return bills;
}
