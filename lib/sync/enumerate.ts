// Finding work: a backfill lists everything; a change tick asks Syncro only for what changed since the last
// one. Invoices have `since_updated_at`; customers are read newest-edit first (`sort=updated_at DESC`) until one
// older than the cursor; vendors and POs have no filter, so their updated_at is compared with what was last
// pushed. Both only enqueue (contacts first, so invoices and POs find them linked): the outbox does the pushing.
import type { Link } from '../storage/db.ts';
import { getLinks, linkKey } from '../storage/links.ts';
import { enqueue } from '../storage/outbox.ts';
import { readCursor, writeCursor, writePairMeta } from '../storage/pair.ts';
import { syncroPages } from '../syncro/api.ts';
import { type SyncroCustomer, syncroCustomer, syncroInvoiceSummary, syncroVendor } from '../syncro/wire.ts';
import type { Rejected } from '../wire-check.ts';
import type { BaseContext } from './context.ts';
import { parseMemory, readAllPages, readRecentPages, syncroPurchaseOrderPage } from './purchase-order-pages.ts';
import { recordTypes } from './registry.ts';
import { isBeforeStart, offBy } from './rules.ts';

const invoiceCursor = 'invoices.since_updated_at';
const customerCursor = 'customers.updated_at';
/** Which list the next change tick reads besides invoices (an index into `inTurn`). */
const turnCursor = 'changes.turn';
const fullPurchaseOrderCursor = 'purchase_orders.full_at';
/** Where the newest POs are in Syncro's list (purchase-order-pages.ts). */
const purchaseOrderPagesCursor = 'purchase_orders.pages';
const dayMs = 86_400_000;
/** Pair meta key of the running full sync's size, for the popup's progress bar. */
export const backfillKey = 'backfill';
/** Re-read a little before the last tick: a record saved while we listed is not missed. */
const overlapMs = 60_000;

interface Listed {
  id: number;
  updated_at?: string;
}

/** Enqueues the listed records that are new or changed since last pushed (all of them when `onlyChanged` is off). */
async function enqueueListed<T extends Listed>(
  kind: Link['kind'],
  page: T[],
  now: number,
  options: { onlyChanged: boolean; skip?: (record: T, link: Link | undefined) => boolean },
): Promise<number> {
  const links = await getLinks(page.map((record) => linkKey(kind, record.id)));
  let queued = 0;
  for (const record of page) {
    const link = links.get(linkKey(kind, record.id));
    if (options.onlyChanged && link?.syncroUpdatedAt === record.updated_at) continue;
    if (options.skip?.(record, link)) continue;
    await enqueue(kind, String(record.id), now);
    queued++;
  }
  return queued;
}

/**
 * A listed record Syncro sent in a form the list cannot use (say, without updated_at) is enqueued all the same:
 * its own push reads it again and, if it is still unusable, fails it by name where the user sees it. One without
 * an id cannot be: the list fails, naming it.
 */
function enqueueUnusable(kind: Link['kind'], now: number, counted: () => void) {
  return async ({ id, error }: Rejected) => {
    if (typeof id !== 'number') throw error;
    await enqueue(kind, String(id), now);
    counted();
  };
}

export async function enqueueEverything(ctx: BaseContext, now: number): Promise<number> {
  const cursor = new Date(now - overlapMs).toISOString();
  let queued = 0;
  const counted = () => queued++;
  const customers = enqueueUnusable('customer', now, counted);
  for await (const page of syncroPages(ctx.syncro, '/customers', 'customers', syncroCustomer, customers)) {
    queued += await enqueueListed('customer', page, now, { onlyChanged: false });
  }
  queued += await enqueueVendors(ctx, now, false);
  const invoices = enqueueUnusable('invoice', now, counted);
  for await (const page of syncroPages(ctx.syncro, '/invoices', 'invoices', syncroInvoiceSummary, invoices)) {
    queued += await enqueueListed('invoice', page, now, { onlyChanged: false, skip: beforeStart(ctx, 'date') });
  }
  queued += await enqueuePurchaseOrders(ctx, now, false);
  await writeCursor(invoiceCursor, cursor);
  await writeCursor(customerCursor, cursor);
  await writeCursor(fullPurchaseOrderCursor, new Date(now).toISOString());
  await writePairMeta(backfillKey, { total: queued, startedAt: now });
  return queued;
}

/**
 * One change tick: invoices (the records that matter most) every time, and one other list in turn — customers,
 * vendors, the newest page of POs (wherever the list keeps it) — so a quiet tick costs two Syncro calls whatever
 * the data size. Edits to older POs are found by a full PO comparison once a day (and at once when their page is
 * viewed or re-synced).
 */
export async function enqueueChanges(ctx: BaseContext, now: number): Promise<number> {
  const since = await readCursor(invoiceCursor);
  if (!since) return enqueueEverything(ctx, now);
  const cursor = new Date(now - overlapMs).toISOString();
  let queued = 0;
  const path = `/invoices?since_updated_at=${encodeURIComponent(since)}`;
  const invoices = enqueueUnusable('invoice', now, () => queued++);
  for await (const page of syncroPages(ctx.syncro, path, 'invoices', syncroInvoiceSummary, invoices)) {
    queued += await enqueueListed('invoice', page, now, { onlyChanged: true, skip: beforeStart(ctx, 'date') });
  }
  await writeCursor(invoiceCursor, cursor);

  const turn = Number((await readCursor(turnCursor)) ?? '0') % inTurn.length;
  await writeCursor(turnCursor, String(turn + 1));
  return queued + (await (inTurn[turn] ?? changedCustomers)(ctx, now, since, cursor));
}

type TurnOf = (ctx: BaseContext, now: number, since: string, cursor: string) => Promise<number>;

const changedCustomers: TurnOf = async (ctx, now, since, cursor) => {
  const queued = await enqueueChangedCustomers(ctx, (await readCursor(customerCursor)) ?? since, now);
  await writeCursor(customerCursor, cursor);
  return queued;
};

const changedPurchaseOrders: TurnOf = async (ctx, now) => {
  const lastFull = Date.parse((await readCursor(fullPurchaseOrderCursor)) ?? '');
  const full = !(now - lastFull < dayMs);
  const queued = await enqueuePurchaseOrders(ctx, now, true, full);
  if (full) await writeCursor(fullPurchaseOrderCursor, new Date(now).toISOString());
  return queued;
};

/** The lists a change tick reads in turn besides invoices, one a tick: a record type with a list is one more. */
const inTurn: readonly TurnOf[] = [
  changedCustomers,
  (ctx, now) => enqueueVendors(ctx, now, true),
  changedPurchaseOrders,
];

/**
 * Customers edited since `since`, newest first: usually one page. Should Syncro ever ignore the sort (the order
 * is checked, not trusted), every page is compared with what was last pushed instead.
 */
async function enqueueChangedCustomers(ctx: BaseContext, since: string, now: number): Promise<number> {
  const sinceMs = Date.parse(since);
  let previousMs = Number.POSITIVE_INFINITY;
  let queued = 0;
  const unusable = enqueueUnusable('customer', now, () => queued++);
  const pages = syncroPages(ctx.syncro, '/customers?sort=updated_at%20DESC', 'customers', syncroCustomer, unusable);
  for await (const page of pages) {
    const recent: SyncroCustomer[] = [];
    for (const customer of page) {
      const updatedMs = Date.parse(customer.updated_at);
      if (!(updatedMs <= previousMs)) return queued + (await enqueueCustomersByComparison(ctx, now));
      previousMs = updatedMs;
      if (updatedMs < sinceMs) break;
      recent.push(customer);
    }
    queued += await enqueueListed('customer', recent, now, { onlyChanged: true });
    if (recent.length < page.length) return queued;
  }
  return queued;
}

async function enqueueCustomersByComparison(ctx: BaseContext, now: number): Promise<number> {
  let queued = 0;
  const unusable = enqueueUnusable('customer', now, () => queued++);
  for await (const page of syncroPages(ctx.syncro, '/customers', 'customers', syncroCustomer, unusable)) {
    queued += await enqueueListed('customer', page, now, { onlyChanged: true });
  }
  return queued;
}

/** Vendors become supplier contacts when they appear, if POs are synced at all (they are only used there). */
async function enqueueVendors(ctx: BaseContext, now: number, onlyChanged: boolean): Promise<number> {
  if (offBy(recordTypes.vendor.switch, ctx.settings)) return 0;
  let queued = 0;
  const unusable = enqueueUnusable('vendor', now, () => queued++);
  for await (const page of syncroPages(ctx.syncro, '/vendors', 'vendors', syncroVendor, unusable)) {
    queued += await enqueueListed('vendor', page, now, { onlyChanged });
  }
  return queued;
}

/** POs: every page (`all`), else only the newest page wherever Syncro's list keeps it, the order checked. */
async function enqueuePurchaseOrders(ctx: BaseContext, now: number, onlyChanged: boolean, all = true): Promise<number> {
  if (offBy(recordTypes.purchase_order.switch, ctx.settings)) return 0;
  const readPage = syncroPurchaseOrderPage(ctx.syncro);
  const recent = all
    ? undefined
    : await readRecentPages(readPage, parseMemory(await readCursor(purchaseOrderPagesCursor)));
  // A page contradicting the order (or no order known to rely on): compare every PO instead.
  const found = recent && recent !== 'unordered' ? recent : await readAllPages(readPage);
  let queued = 0;
  for (const { orders } of found.pages) {
    queued += await enqueueListed('purchase_order', orders, now, { onlyChanged, skip: beforeStart(ctx, 'created_at') });
  }
  await writeCursor(purchaseOrderPagesCursor, JSON.stringify(found.memory));
  return queued;
}

/** Records dated before the start date are not even enqueued (unless already in Xero): a backfill stays small. */
function beforeStart<T>(ctx: BaseContext, dateField: keyof T) {
  return (record: T, link: Link | undefined) =>
    isBeforeStart(record[dateField] as string | null | undefined, ctx.settings, { inXero: Boolean(link?.xeroId) });
}
