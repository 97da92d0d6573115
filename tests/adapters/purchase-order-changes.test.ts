// The change tick finds an edited PO among the newest although Syncro's PO list runs oldest first (its order is
// undocumented), reading one page of POs when it is its turn.
import { expect, it } from 'vitest';
import { putLink } from '../../lib/storage/links.ts';
import { pairDatabase } from '../../lib/storage/pair.ts';
import { loadBaseContext } from '../../lib/sync/context.ts';
import { enqueueChanges, enqueueEverything } from '../../lib/sync/enumerate.ts';
import { connectedInstall, useSandbox } from './harness.ts';

const { admin } = useSandbox();

interface ListedPo {
  id: number;
  updated_at: string;
}

async function syncroPurchaseOrders(page: number): Promise<ListedPo[]> {
  const response = await admin().send({
    host: 'acme.syncromsp.com',
    path: `/api/v1/purchase_orders?page=${page}`,
    headers: { authorization: 'Bearer demo-token' },
  });
  return response.json<{ purchase_orders: ListedPo[] }>().purchase_orders;
}

const queuedPurchaseOrders = async () =>
  (await (await pairDatabase()).getAll('jobs'))
    .filter((job) => job.kind === 'purchase_order' && job.state === 'pending')
    .map((job) => Number(job.key));

/** One rotation of the change tick (invoices each time; customers, vendors, POs in turn): the PO list reads. */
async function rotation(): Promise<string[]> {
  await admin().admin('DELETE', '/requests');
  const base = await loadBaseContext();
  for (let tick = 0; tick < 3; tick++) await enqueueChanges(base, Date.now());
  const reads = await admin().requests({ host: 'acme.syncromsp.com', pathIncludes: '/purchase_orders' });
  return reads.map((request) => request.query);
}

it('finds the edited newest PO on a change tick, with one page of POs read', { timeout: 60_000 }, async () => {
  await admin().seed({ invoices: 60 }); // 30 POs: 20 a page, the newest on page 2
  await connectedInstall();
  await enqueueEverything(await loadBaseContext(), Date.now());
  // As a finished backfill leaves it: every PO pushed as Syncro lists it now, nothing queued.
  const listed = [...(await syncroPurchaseOrders(1)), ...(await syncroPurchaseOrders(2))];
  expect(listed).toHaveLength(30);
  for (const po of listed) {
    await putLink(
      { kind: 'purchase_order', syncroId: po.id, state: 'synced', syncroUpdatedAt: po.updated_at },
      Date.now(),
    );
  }
  await (await pairDatabase()).clear('jobs');

  expect(await rotation()).toEqual(['page=2']); // the last page, remembered from the full listing
  expect(await queuedPurchaseOrders()).toEqual([]);

  const newest = Math.max(...listed.map((po) => po.id));
  await admin().admin('POST', `/syncro/purchase_orders/${newest}`, { shipping_notes: 'Deliver to the side door' });
  expect(await rotation()).toEqual(['page=2']);
  expect(await queuedPurchaseOrders()).toEqual([newest]);
});
