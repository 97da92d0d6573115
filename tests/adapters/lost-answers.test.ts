// Writes Xero saved but whose answers were lost (the connection dropped after Xero had the request), with the
// Idempotency-Key forgotten by the time the install tries again: each record is looked up by its natural key
// before it is written again, so nothing arrives twice.
import { afterEach, expect, it } from 'vitest';
import { getLink } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { loadSettings, saveSettings } from '../../lib/storage/store.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface Org {
  contacts: Array<{ ContactNumber?: string }>;
  items: Array<{ ItemID: string; Code: string; SalesDetails?: { AccountCode?: string } }>;
  invoices: Array<{ InvoiceNumber: string; Type: string; Payments?: Array<{ Reference?: string }> }>;
}

/** The sandbox clock is moved on while an answer is lost; set back after each test, before the next sign-in. */
const stallMs = 5 * 60_000;
let stalled = 0;
afterEach(async () => {
  if (stalled > 0) await admin().advanceClock(-stalled);
  stalled = 0;
});

const org = async () => (await admin().state<{ xero: { organisations: Org[] } }>()).xero.organisations[0] as Org;
/** Lost after Xero saved it; meanwhile the sandbox clock passes the one minute Xero is assumed to keep a key. */
async function lostAnswer(method: string, pathIncludes: string) {
  stalled += stallMs;
  await admin().fault({ target: 'xero', method, pathIncludes, afterHandling: true, advanceClockMs: stallMs });
}

it('creates a batch of contacts once when the answer to their write was lost', { timeout: 60_000 }, async () => {
  await connectedInstall();
  const ids: number[] = [];
  for (const name of ['Lost Answer Dental', 'Lost Answer Legal']) {
    const { customer } = await admin().admin<{ customer: { id: number } }>('POST', '/syncro/customers', {
      business_name: name,
    });
    ids.push(customer.id);
  }
  await lostAnswer('POST', '/Contacts');
  for (const id of ids) await enqueue('customer', String(id), Date.now());
  await runUntilIdle(locks);

  expect(await admin().admin('GET', '/faults')).toEqual([]);
  const numbers = (await org()).contacts.map((contact) => contact.ContactNumber);
  for (const id of ids) expect(numbers.filter((number) => number === `SYNCRO-C-${id}`)).toHaveLength(1);
  expect(await admin().violations()).toEqual([]);
});

it('records a payment once when the answer to its write was lost', { timeout: 60_000 }, async () => {
  await connectedInstall();
  await lostAnswer('PUT', '/Payments');
  await enqueue('invoice', '48205', Date.now()); // 1005, paid in full in Syncro
  await runUntilIdle(locks);

  expect(await admin().admin('GET', '/faults')).toEqual([]);
  const invoice = (await org()).invoices.find((found) => found.Type === 'ACCREC' && found.InvoiceNumber === '1005');
  expect(invoice?.Payments?.map((payment) => payment.Reference?.split(' ')[0])).toEqual(['SYNCRO-PAY-7001']);
  expect((await getLink('payment', 7001))?.state).toBe('synced');
  expect(await admin().violations()).toEqual([]);
});

it('keeps an item it created under a UPC as its own when the answer to the create was lost', {
  timeout: 60_000,
}, async () => {
  await connectedInstall();
  await lostAnswer('PUT', '/Items');
  await enqueue('invoice', '48204', Date.now()); // 1004: the access point, product 504 under its UPC
  await runUntilIdle(locks);

  expect(await admin().admin('GET', '/faults')).toEqual([]);
  const created = (await org()).items.filter((item) => item.Code === '817882028557');
  expect(created).toHaveLength(1);
  expect(await getLink('product', 504)).toMatchObject({ xeroId: created[0]?.ItemID, createdItem: true });

  // Ours, so a settings change reaches it (an item the organisation had would be left alone).
  await saveSettings({ ...(await loadSettings()), salesAccountCode: '260' });
  await enqueue('invoice', '48213', Date.now()); // 1013: two access points
  await runUntilIdle(locks);
  const after = (await org()).items.find((item) => item.Code === '817882028557');
  expect(after).toMatchObject({ ItemID: created[0]?.ItemID, SalesDetails: { AccountCode: '260' } });
  expect(await admin().violations()).toEqual([]);
});
