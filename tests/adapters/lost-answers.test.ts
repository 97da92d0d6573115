// Writes Xero saved but whose answers were lost (the connection dropped after Xero had the request), with the
// Idempotency-Key forgotten by the time the install tries again: each record is looked up by its natural key
// before it is written again, so nothing arrives twice.
import { afterEach, expect, it } from 'vitest';
import { enqueue } from '../../lib/jobs/outbox.ts';
import { getLink } from '../../lib/sync/links.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface Org {
  contacts: Array<{ ContactNumber?: string }>;
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
