// Purchase orders found again in Xero whatever happens: a purely numeric PO number (which Xero's by-number route
// answers 404 for) edited twice, and writes whose answers were lost after Xero saved them, with the
// Idempotency-Key long forgotten by the time the install tries again.
import { afterEach, expect, it } from 'vitest';
import { getLink } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface Org {
  purchaseOrders: Array<{ PurchaseOrderID: string; PurchaseOrderNumber: string; DeliveryInstructions?: string }>;
  invoices: Array<{ Type: string; InvoiceNumber: string; Status: string }>;
}

/** The sandbox clock is moved on while an answer is lost; set back after each test, before the next sign-in. */
const stallMs = 5 * 60_000;
let stalled = 0;
afterEach(async () => {
  if (stalled > 0) await admin().advanceClock(-stalled);
  stalled = 0;
});

const org = async () => (await admin().state<{ xero: { organisations: Org[] } }>()).xero.organisations[0] as Org;
const ordersNumbered = async (number: string) =>
  (await org()).purchaseOrders.filter((po) => po.PurchaseOrderNumber === number);

async function push(poId: number) {
  await enqueue('purchase_order', String(poId), Date.now());
  await runUntilIdle(locks);
}

const editPo = (poId: number, fields: { number?: string; shipping_notes?: string }) =>
  admin().admin('POST', `/syncro/purchase_orders/${poId}`, fields);

it('keeps one Xero PO for a numeric PO number edited twice', { timeout: 90_000 }, async () => {
  await connectedInstall();
  await editPo(901, { number: '19200', shipping_notes: 'Leave at reception' });
  await push(901);
  const [created] = await ordersNumbered('19200');
  expect(created?.DeliveryInstructions).toBe('Leave at reception');
  // The by-number route does not find it: the stored PurchaseOrderID does.
  for (const notes of ['Ring the bell', 'Back door, after 2 pm']) {
    await editPo(901, { shipping_notes: notes });
    await push(901);
    expect((await ordersNumbered('19200')).map((po) => [po.PurchaseOrderID, po.DeliveryInstructions])).toEqual([
      [created?.PurchaseOrderID, notes],
    ]);
  }
  expect((await getLink('purchase_order', 901))?.state).toBe('synced');
  expect(await admin().violations()).toEqual([]);
});

it('finds a PO and a bill Xero saved when their answers were lost, the Idempotency-Key expired', {
  timeout: 90_000,
}, async () => {
  await connectedInstall();
  // PO 903 is Finished: a PO and a bill. A numeric number is looked up by its date, the bill by its number.
  await editPo(903, { number: '19300' });
  const lost = { target: 'xero', afterHandling: true, advanceClockMs: stallMs } as const;
  stalled = 2 * stallMs;
  await admin().fault([
    { ...lost, method: 'POST', pathIncludes: '/PurchaseOrders' },
    { ...lost, method: 'PUT', pathIncludes: '/Invoices' },
  ]);
  await push(903);

  expect(await admin().admin('GET', '/faults')).toEqual([]); // both answers were lost
  const orders = await ordersNumbered('19300');
  expect(orders.map((po) => po.PurchaseOrderNumber)).toEqual(['19300']);
  const bills = (await org()).invoices.filter(
    (invoice) => invoice.Type === 'ACCPAY' && invoice.InvoiceNumber === '19300',
  );
  expect(bills).toHaveLength(1);
  expect((await getLink('purchase_order', 903))?.state).toBe('synced');
  expect(await admin().violations()).toEqual([]);
});
