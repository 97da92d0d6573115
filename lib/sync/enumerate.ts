// Finding work: a backfill lists everything; a change tick asks Syncro only for what changed since the last
// one (`since_updated_at` for invoices; POs have no such filter, so their updated_at is compared with what was
// last pushed). Both only enqueue: the outbox does the pushing.
import { database } from '../db.ts';
import { enqueue } from '../jobs/outbox.ts';
import { writeMeta } from '../store.ts';
import { syncroPages } from '../syncro/api.ts';
import type { SyncContext } from './context.ts';
import { getLinks, linkKey } from './links.ts';
import type { SyncroInvoice, SyncroPurchaseOrder } from './syncro-types.ts';

const invoiceCursor = 'invoices.since_updated_at';
/** Meta key of the running full sync's size, for the popup's progress bar. */
export const backfillKey = 'backfill';
/** Re-read a little before the last tick: an invoice saved while we listed is not missed. */
const overlapMs = 60_000;

export async function enqueueEverything(ctx: SyncContext, now: number): Promise<number> {
  let queued = 0;
  for await (const page of syncroPages<SyncroInvoice>(ctx.syncro, '/invoices', 'invoices')) {
    for (const invoice of page) await enqueue('invoice', String(invoice.id), now);
    queued += page.length;
  }
  queued += await enqueuePurchaseOrders(ctx, now, false);
  await setCursor(invoiceCursor, new Date(now - overlapMs).toISOString());
  await writeMeta(backfillKey, { total: queued, startedAt: now });
  return queued;
}

export async function enqueueChanges(ctx: SyncContext, now: number): Promise<number> {
  const since = await getCursor(invoiceCursor);
  if (!since) return enqueueEverything(ctx, now);
  let queued = 0;
  const path = `/invoices?since_updated_at=${encodeURIComponent(since)}`;
  for await (const page of syncroPages<SyncroInvoice>(ctx.syncro, path, 'invoices')) {
    const links = await getLinks(page.map((invoice) => linkKey('invoice', invoice.id)));
    for (const invoice of page) {
      if (links.get(linkKey('invoice', invoice.id))?.syncroUpdatedAt === invoice.updated_at) continue;
      await enqueue('invoice', String(invoice.id), now);
      queued++;
    }
  }
  queued += await enqueuePurchaseOrders(ctx, now, true);
  await setCursor(invoiceCursor, new Date(now - overlapMs).toISOString());
  return queued;
}

async function enqueuePurchaseOrders(ctx: SyncContext, now: number, onlyChanged: boolean): Promise<number> {
  if (ctx.settings.disablePurchaseOrderSync) return 0;
  let queued = 0;
  for await (const page of syncroPages<SyncroPurchaseOrder>(ctx.syncro, '/purchase_orders', 'purchase_orders')) {
    const links = await getLinks(page.map((po) => linkKey('purchase_order', po.id)));
    for (const po of page) {
      if (onlyChanged && links.get(linkKey('purchase_order', po.id))?.syncroUpdatedAt === po.updated_at) continue;
      await enqueue('purchase_order', String(po.id), now);
      queued++;
    }
  }
  return queued;
}

async function getCursor(key: string): Promise<string | undefined> {
  return (await (await database()).get('cursors', key))?.value;
}

async function setCursor(key: string, value: string): Promise<void> {
  await (await database()).put('cursors', { key, value });
}
