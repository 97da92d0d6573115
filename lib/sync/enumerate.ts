// Finding work, for the record types the registry gives a Syncro list: a backfill lists everything; a change tick
// asks Syncro only for what changed since the last one, each list as its registry entry says (`SyncroList`:
// invoices by `since_updated_at`, customers newest-edit first, vendors compared, POs by their newest page). Both
// only enqueue (contacts first, so invoices and POs find them linked): the outbox does the pushing.
import type { Link } from '../storage/db.ts';
import { getLinks, linkKey } from '../storage/links.ts';
import { enqueue } from '../storage/outbox.ts';
import { readCursor, writeCursor, writePairMeta } from '../storage/pair.ts';
import { syncroPages } from '../syncro/api.ts';
import type { Rejected } from '../wire-check.ts';
import type { BaseContext } from './context.ts';
import { parseMemory, readAllPages, readRecentPages, syncroPurchaseOrderPage } from './purchase-order-pages.ts';
import { type RecordType, type RecordTypeName, recordTypes, type SyncroList } from './registry.ts';
import { isBeforeStart, offBy } from './rules.ts';

/** Which list the next change tick reads besides invoices (an index into the lists that take turns). */
const turnCursor = 'changes.turn';
const fullPurchaseOrderCursor = 'purchase_orders.full_at';
/** Where the newest POs are in Syncro's list (purchase-order-pages.ts). */
const purchaseOrderPagesCursor = 'purchase_orders.pages';
const dayMs = 86_400_000;
/** Pair meta key of the running full sync's size, for the popup's progress bar. */
export const backfillKey = 'backfill';
/** Re-read a little before the last tick: a record saved while we listed is not missed. */
const overlapMs = 60_000;

interface ListedRecord {
  id: number;
  updated_at?: string;
}

/** Enqueues the listed records that are new or changed since last pushed (all of them when `onlyChanged` is off). */
async function enqueueListed<T extends ListedRecord>(
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

/** The listed record types, in the registry's order (contacts before the invoices and POs that use them). */
const listedTypes = (Object.entries(recordTypes) as Array<[RecordTypeName, RecordType]>).flatMap(([name, type]) =>
  type.list ? [{ kind: name as Link['kind'], type, list: type.list }] : [],
);
type Listed = (typeof listedTypes)[number];

/** Off by its settings switch (POs, and vendors with them): not listed at all. */
const isOff = (ctx: BaseContext, { type }: Listed) => Boolean(offBy(type.switch, ctx.settings));

/** Every page of a list: enqueues every record (`onlyChanged` off) or those changed since last pushed. */
async function enqueueList(ctx: BaseContext, listed: Listed, now: number, onlyChanged: boolean, path?: string) {
  if (isOff(ctx, listed)) return 0;
  const { kind, list } = listed;
  if (list.changes === 'recent-pages') return enqueuePurchaseOrders(ctx, now, onlyChanged);
  let queued = 0;
  const unusable = enqueueUnusable(kind, now, () => queued++);
  const skip = list.dated ? beforeStart(ctx, list.dated) : undefined;
  for await (const page of syncroPages(ctx.syncro, path ?? list.path, list.key, list.schema, unusable)) {
    queued += await enqueueListed(kind, page, now, { onlyChanged, skip });
  }
  return queued;
}

export async function enqueueEverything(ctx: BaseContext, now: number): Promise<number> {
  const cursor = new Date(now - overlapMs).toISOString();
  let queued = 0;
  for (const listed of listedTypes) queued += await enqueueList(ctx, listed, now, false);
  for (const { list } of listedTypes) {
    if (list.changes === 'since' || list.changes === 'newest-first') await writeCursor(sinceCursor(list), cursor);
  }
  await writeCursor(fullPurchaseOrderCursor, new Date(now).toISOString());
  await writePairMeta(backfillKey, { total: queued, startedAt: now });
  return queued;
}

/** Where a list filtered or sorted by updated_at starts next time. */
const sinceCursor = (list: SyncroList) =>
  list.changes === 'since' ? `${list.key}.since_updated_at` : `${list.key}.updated_at`;

/**
 * One change tick: the lists Syncro filters by date (invoices, the records that matter most) every time, and one
 * other list in turn — customers, vendors, the newest page of POs (wherever the list keeps it) — so a quiet tick
 * costs two Syncro calls whatever the data size. Edits to older POs are found by a full PO comparison once a day
 * (and at once when their page is viewed or re-synced). A record type with a list is one more in the turn.
 */
export async function enqueueChanges(ctx: BaseContext, now: number): Promise<number> {
  const everyTick = listedTypes.filter(({ list }) => list.changes === 'since');
  const inTurn = listedTypes.filter(({ list }) => list.changes !== 'since');
  const cursors = await Promise.all(everyTick.map(({ list }) => readCursor(sinceCursor(list))));
  const since = cursors[0];
  if (!since || cursors.some((each) => !each)) return enqueueEverything(ctx, now);
  const cursor = new Date(now - overlapMs).toISOString();
  let queued = 0;
  for (const [i, listed] of everyTick.entries()) {
    const path = `${listed.list.path}?since_updated_at=${encodeURIComponent(cursors[i] ?? since)}`;
    queued += await enqueueList(ctx, listed, now, true, path);
    await writeCursor(sinceCursor(listed.list), cursor);
  }
  const turn = Number((await readCursor(turnCursor)) ?? '0') % inTurn.length;
  await writeCursor(turnCursor, String(turn + 1));
  const listed = inTurn[turn];
  return listed ? queued + (await changedIn(ctx, listed, now, since, cursor)) : queued;
}

/** The records of one list (not filtered by Syncro) changed since the last tick. */
async function changedIn(ctx: BaseContext, listed: Listed, now: number, since: string, cursor: string) {
  switch (listed.list.changes) {
    case 'newest-first': {
      const from = (await readCursor(sinceCursor(listed.list))) ?? since;
      const queued = await enqueueNewestFirst(ctx, listed, from, now);
      await writeCursor(sinceCursor(listed.list), cursor);
      return queued;
    }
    case 'recent-pages':
      return changedPurchaseOrders(ctx, now);
    default:
      return enqueueList(ctx, listed, now, true);
  }
}

const changedPurchaseOrders = async (ctx: BaseContext, now: number) => {
  if (offBy(recordTypes.purchase_order.switch, ctx.settings)) return 0;
  const lastFull = Date.parse((await readCursor(fullPurchaseOrderCursor)) ?? '');
  const full = !(now - lastFull < dayMs);
  const queued = await enqueuePurchaseOrders(ctx, now, true, full);
  if (full) await writeCursor(fullPurchaseOrderCursor, new Date(now).toISOString());
  return queued;
};

/**
 * Records edited since `since`, newest first (`sort=updated_at DESC`): usually one page. Should Syncro ever ignore
 * the sort (the order is checked, not trusted), every page is compared with what was last pushed instead.
 */
async function enqueueNewestFirst(ctx: BaseContext, listed: Listed, since: string, now: number): Promise<number> {
  const { kind, list } = listed;
  const sinceMs = Date.parse(since);
  let previousMs = Number.POSITIVE_INFINITY;
  let queued = 0;
  const unusable = enqueueUnusable(kind, now, () => queued++);
  const path = `${list.path}?sort=updated_at%20DESC`;
  for await (const page of syncroPages(ctx.syncro, path, list.key, list.schema, unusable)) {
    const recent: typeof page = [];
    for (const record of page) {
      const updatedMs = Date.parse(record.updated_at ?? '');
      if (!(updatedMs <= previousMs)) return queued + (await enqueueList(ctx, listed, now, true));
      previousMs = updatedMs;
      if (updatedMs < sinceMs) break;
      recent.push(record);
    }
    queued += await enqueueListed(kind, recent, now, { onlyChanged: true });
    if (recent.length < page.length) return queued;
  }
  return queued;
}

/** POs: every page (`all`), else only the newest page wherever Syncro's list keeps it, the order checked. */
async function enqueuePurchaseOrders(ctx: BaseContext, now: number, onlyChanged: boolean, all = true): Promise<number> {
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
function beforeStart(ctx: BaseContext, dateField: string) {
  return (record: object, link: Link | undefined) => {
    const date = (record as Record<string, unknown>)[dateField] as string | null | undefined;
    return isBeforeStart(date, ctx.settings, { inXero: Boolean(link?.xeroId) });
  };
}
