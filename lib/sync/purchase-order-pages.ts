// Where Syncro's recent POs are. The PO list has no filter and its order is not documented
// (syncro_swagger.json#/paths/~1purchase_orders): the newest may be on page 1 or on the last page. The order is
// read from the ids on a page (Syncro numbers records as it creates them) and checked on every read, and the
// last page is remembered, so a quiet change tick reads one page whichever way the list runs (two when that page
// is full: only the next one shows whether POs were added).
import type { SyncroConnection } from '../storage/db.ts';
import { syncroGet } from '../syncro/api.ts';
import * as wire from '../syncro/wire.ts';
import { checkEach } from '../wire-check.ts';

export type ListOrder = 'ascending' | 'descending';

/** What the last read of the list learnt: its order (once a page showed it) and its last page. */
export interface PageMemory {
  order?: ListOrder;
  lastPage: number;
}

export interface PurchaseOrderPage {
  orders: wire.SyncroPurchaseOrderSummary[];
  /** `meta.total_pages`, when Syncro sends it (the swagger's PO list has no `meta`). */
  totalPages?: number;
  /** POs a full page holds (20: syncro_swagger.json#/paths/~1purchase_orders/get `page`). */
  pageSize: number;
}

/** Whether `page` is the list's last: as `meta` says, else a short or empty page (wire.isLastPage). */
const isLast = (current: PurchaseOrderPage, page: number) =>
  wire.isLastPage({ ...current, items: current.orders }, page);

export type ReadPage = (page: number) => Promise<PurchaseOrderPage>;

/** The pages read, and what they taught; `unordered` when a page contradicts any order (compare them all). */
export type RecentPages = { pages: PurchaseOrderPage[]; memory: PageMemory } | 'unordered';

/** How the ids of one page run: undefined when fewer than two say nothing. Pure. */
export function orderOf(ids: readonly number[]): ListOrder | 'unordered' | undefined {
  if (ids.length < 2) return undefined;
  const rising = ids.every((id, i) => i === 0 || id > (ids[i - 1] as number));
  const falling = ids.every((id, i) => i === 0 || id < (ids[i - 1] as number));
  return rising ? 'ascending' : falling ? 'descending' : 'unordered';
}

/** The page of the list with the newest POs, as far as `memory` knows. */
const newestPage = (memory: PageMemory | undefined) => (memory?.order === 'descending' ? 1 : (memory?.lastPage ?? 1));

/** Reading more pages than this in one tick means the list is not what it seemed: compare everything instead. */
const maxReads = 10;

/**
 * The newest page (and any page added since), checking the order on each. Without memory: page 1, and the last
 * page too when page 1 is the oldest.
 */
export async function readRecentPages(readPage: ReadPage, memory: PageMemory | undefined): Promise<RecentPages> {
  let order = memory?.order;
  let page = newestPage(memory);
  const read = new Map<number, PurchaseOrderPage>();
  for (let reads = 0; reads < maxReads; reads++) {
    const current = await readPage(page);
    read.set(page, current);
    const seen = orderOf(current.orders.map((po) => po.id));
    if (seen === 'unordered' || (seen && order && seen !== order)) return 'unordered';
    order ??= seen;
    const next = nextPage(page, current, order, read);
    if (next === undefined) {
      const nonEmpty = [...read].filter(([, { orders }]) => orders.length > 0).map(([number]) => number);
      const lastPage = order === 'descending' ? 1 : Math.max(1, ...nonEmpty, current.totalPages ?? 0);
      return { pages: [...read.values()], memory: { ...(order ? { order } : {}), lastPage } };
    }
    page = next;
  }
  return 'unordered';
}

function nextPage(
  page: number,
  current: PurchaseOrderPage,
  order: ListOrder | undefined,
  read: Map<number, PurchaseOrderPage>,
): number | undefined {
  if (order === 'descending') return read.has(1) ? undefined : 1;
  const total = current.totalPages;
  if (total === undefined) {
    // An empty page where the last one was remembered: the list shrank, step back to its end.
    if (current.orders.length === 0) return page > 1 && !read.has(page - 1) ? page - 1 : undefined;
    return isLast(current, page) || read.has(page + 1) ? undefined : page + 1;
  }
  if (total < 1) return undefined;
  if (page > total) return read.has(total) ? undefined : total; // the list shrank
  if (page === total) return undefined;
  // Read from page 1 (nothing remembered): jump to the last page. Read from the last page remembered: the pages
  // added since hold only new POs, read each.
  return read.size === 1 && page === 1 ? total : page + 1;
}

/** Every page, and what they teach (the daily comparison and the full sync). */
export async function readAllPages(readPage: ReadPage): Promise<{ pages: PurchaseOrderPage[]; memory: PageMemory }> {
  const pages: PurchaseOrderPage[] = [];
  let order: ListOrder | undefined;
  let consistent = true;
  for (let page = 1; ; page++) {
    const current = await readPage(page);
    pages.push(current);
    const seen = orderOf(current.orders.map((po) => po.id));
    if (seen === 'unordered' || (seen && order && seen !== order)) consistent = false;
    order ??= seen === 'unordered' ? undefined : seen;
    if (isLast(current, page)) {
      const lastPage = Math.max(1, current.orders.length > 0 ? page : page - 1);
      // An order the pages disagree on is not remembered: the next tick starts from page 1 and checks again.
      return { pages, memory: { ...(order && consistent ? { order } : {}), lastPage } };
    }
  }
}

/** One page of `GET /purchase_orders`; a PO Syncro sends without its id or dates fails the read, naming it. */
export function syncroPurchaseOrderPage(connection: Pick<SyncroConnection, 'subdomain' | 'token'>): ReadPage {
  return async (page) => {
    const { items, totalPages, pageSize } = await syncroGet(
      connection,
      `/purchase_orders?page=${page}`,
      wire.syncroListPage('purchase_orders'),
    );
    const { records, rejected } = checkEach(wire.syncroPurchaseOrderSummary, items, 'Syncro');
    if (rejected[0]) throw rejected[0].error;
    return { orders: records, pageSize, ...(totalPages !== undefined ? { totalPages } : {}) };
  };
}

/** PageMemory as stored (JSON in the cursors store); undefined when absent or not understood. Pure. */
export function parseMemory(text: string | undefined): PageMemory | undefined {
  try {
    const memory = JSON.parse(text ?? '') as Partial<PageMemory> | null;
    const page = memory?.lastPage;
    const order = memory?.order;
    if (typeof page !== 'number' || !Number.isInteger(page) || page < 1) return undefined;
    if (order !== undefined && order !== 'ascending' && order !== 'descending') return undefined;
    return { ...(order ? { order } : {}), lastPage: page };
  } catch {
    return undefined;
  }
}
