// Purchase orders go to Xero 50 to a call like every other record (issue 14, P2): a batch is looked up with one
// list read of the POs of its dates, written in one call, and its finished POs billed and marked BILLED in one
// call each. Nothing is created twice: not on a second push, not by a second install, not when a person re-dated
// the PO in Xero (Xero refuses a second PO of a number: "Order number must be unique").
import { expect, it } from 'vitest';
import { getLink } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { xeroCall } from '../../lib/xero/client.ts';
import { xeroIgnored } from '../../lib/xero/wire.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface XeroState {
  purchaseOrders: Array<{
    PurchaseOrderID: string;
    PurchaseOrderNumber: string;
    Status: string;
    DeliveryInstructions?: string;
  }>;
  invoices: Array<{ Type: string; InvoiceNumber: string; Status: string }>;
}
interface SyncroState {
  accounts: Record<string, { purchaseOrders: Array<{ id: number; number: string; status: string }> }>;
}

const state = () => admin().state<{ xero: { organisations: XeroState[] }; syncro: SyncroState }>();
const org = async () => (await state()).xero.organisations[0] as XeroState;

async function pushAll(ids: number[]) {
  for (const id of ids) await enqueue('purchase_order', String(id), Date.now());
  await runUntilIdle(locks);
}

/** Xero calls on purchase orders and bills since `since`, by kind. */
async function callsSince(since: number) {
  const calls = await admin().requests({ host: 'api.xero.com', sinceSeq: since });
  const count = (method: string, pattern: RegExp) =>
    calls.filter((call) => call.method === method && pattern.test(call.path)).length;
  return {
    listOrders: count('GET', /\/PurchaseOrders$/),
    getOrder: count('GET', /\/PurchaseOrders\/./),
    writeOrders: count('POST', /\/PurchaseOrders/) + count('PUT', /\/PurchaseOrders/),
    findBills: count('GET', /\/Invoices$/),
    writeBills: count('PUT', /\/Invoices$/),
  };
}

const lastSeq = async () => (await admin().requests()).at(-1)?.seq ?? 0;

it('pushes 52 POs in batches of 50: one list read and one write a batch, bills and BILLED a call each', {
  timeout: 120_000,
}, async () => {
  await admin().seed({ invoices: 104 }); // 52 POs
  await connectedInstall();
  const syncroOrders = (await state()).syncro.accounts.acme?.purchaseOrders ?? [];
  expect(syncroOrders.length).toBe(52);
  const finished = syncroOrders.filter((po) => po.status === 'Finished');
  expect(finished.length).toBeGreaterThan(2);

  const since = await lastSeq();
  await pushAll(syncroOrders.map((po) => po.id));
  const calls = await callsSince(since);
  // Two batches (50 + 2): the POs listed once (learnt by the first, full batch), and per batch one write, one
  // bill write and one BILLED write; no bill looked for, as none of these POs was in Xero before.
  expect(calls).toEqual({ listOrders: 1, getOrder: 0, writeOrders: 4, findBills: 0, writeBills: 2 });

  const xero = await org();
  const numbers = xero.purchaseOrders.map((po) => po.PurchaseOrderNumber).sort();
  expect(numbers).toEqual(syncroOrders.map((po) => po.number).sort());
  const bills = xero.invoices.filter((invoice) => invoice.Type === 'ACCPAY').map((bill) => bill.InvoiceNumber);
  expect(bills.sort()).toEqual(finished.map((po) => po.number).sort());
  const billed = xero.purchaseOrders.filter((po) => po.Status === 'BILLED').map((po) => po.PurchaseOrderNumber);
  expect(billed.sort()).toEqual(finished.map((po) => po.number).sort());
  for (const po of syncroOrders) expect((await getLink('purchase_order', po.id))?.state, po.number).toBe('synced');

  // Unchanged: a second push writes nothing. A second install finds every PO and bill: nothing created twice.
  const again = await lastSeq();
  await pushAll(syncroOrders.map((po) => po.id));
  expect((await callsSince(again)).writeOrders).toBe(0);
  await connectedInstall();
  const joined = await lastSeq();
  await pushAll(syncroOrders.map((po) => po.id));
  // Every PO was saved in Xero after Syncro's last edit: taken as it is, nothing written, no bill looked for.
  expect(await callsSince(joined)).toEqual({ listOrders: 1, getOrder: 0, writeOrders: 0, findBills: 0, writeBills: 0 });
  const after = await org();
  expect(after.purchaseOrders.length).toBe(52);
  expect(after.invoices.filter((invoice) => invoice.Type === 'ACCPAY').length).toBe(finished.length);
  expect(await admin().violations()).toEqual([]);
});

it('a PO a person re-dated in Xero is found by its number when a second install pushes it, not created twice', {
  timeout: 90_000,
}, async () => {
  await connectedInstall();
  await pushAll([901]); // Open: a PO, no bill
  const [order] = (await org()).purchaseOrders;
  expect(order?.PurchaseOrderNumber).toBeTruthy();
  // Re-dated a year back (by the sandbox's clock), outside the dates a batch reads.
  const { now } = await admin().admin<{ now: number }>('GET', '/info');
  const yearBack = new Date(now - 365 * 86_400_000).toISOString().slice(0, 10);
  await xeroCall(
    {
      method: 'POST',
      path: `/PurchaseOrders/${order?.PurchaseOrderID}`,
      body: { PurchaseOrders: [{ PurchaseOrderID: order?.PurchaseOrderID, Date: yearBack }] },
    },
    xeroIgnored,
  );
  // Edited in Syncro meanwhile, so the write is not a replay of the first one (same Idempotency-Key).
  await admin().admin('POST', '/syncro/purchase_orders/901', { shipping_notes: 'Ring the bell' });
  await connectedInstall(); // a second install: nothing stored
  await pushAll([901]);
  const orders = (await org()).purchaseOrders;
  expect(orders.map((po) => [po.PurchaseOrderID, po.DeliveryInstructions])).toEqual([
    [order?.PurchaseOrderID, 'Ring the bell'],
  ]);
  expect((await getLink('purchase_order', 901))?.xeroId).toBe(order?.PurchaseOrderID);
  expect(await admin().violations()).toEqual([]);
});
