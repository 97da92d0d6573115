// A backfill learns what the organisation has once, a thousand records to a call (lib/sync/learned.ts), instead of
// looking records up batch by batch (issue 14, P2); a second install joining the organisation finds everything and
// writes nothing; and what learning cannot see — an invoice another install creates meanwhile — is still never
// created twice: Xero refuses the number, and the push finds that invoice and takes it.
import { expect, it } from 'vitest';
import { getLink } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { loadSyncContext } from '../../lib/sync/context.ts';
import { pushInvoices } from '../../lib/sync/push-invoices.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface XeroInvoiceState {
  Type: string;
  InvoiceID: string;
  InvoiceNumber: string;
  Payments?: Array<{ Reference?: string }>;
}
const org = async () =>
  (await admin().state<{ xero: { organisations: Array<{ invoices: XeroInvoiceState[] }> } }>()).xero.organisations[0];
const syncroInvoices = async () =>
  (
    await admin().state<{
      syncro: { accounts: Record<string, { invoices: Array<{ id: number; number: string; customerId: number }> }> };
    }>()
  ).syncro.accounts.acme?.invoices ?? [];

const lastSeq = async () => (await admin().requests()).at(-1)?.seq ?? 0;
/** Xero calls since `since`, as "METHOD Collection" → count. */
async function xeroCallsSince(since: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const call of await admin().requests({ host: 'api.xero.com', sinceSeq: since })) {
    const key = `${call.method} ${call.path.replace(/^\/api\.xro\/2\.0\//, '').split('/')[0]}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function backfill() {
  await enqueue('sync-all', 'all', Date.now());
  await runUntilIdle(locks);
}

it('learns the invoices once; a second install writes nothing and finds every payment', {
  timeout: 240_000,
}, async () => {
  await admin().seed({ invoices: 100 }); // 10 customers' worth of contacts, payments on many invoices
  await connectedInstall({ disablePurchaseOrderSync: true });
  const first = await lastSeq();
  await backfill();
  const { expected, inXero } = await admin().backfilledInvoiceNumbers();
  expect(inXero).toEqual(expected);
  const calls = await xeroCallsSince(first);
  // The invoices learnt once, however many batches: no look-up by number per batch. (Ten customers are one
  // batch short of learning every contact: they are looked up by number and name, as a change tick does.)
  expect(calls['GET Invoices']).toBe(1);
  const ours = (await org())?.invoices.filter((invoice) => invoice.Type === 'ACCREC') ?? [];
  const payments = ours.flatMap((invoice) => invoice.Payments ?? []).length;
  expect(payments).toBeGreaterThan(20);

  await connectedInstall({ disablePurchaseOrderSync: true }); // a second install: nothing stored
  const joined = await lastSeq();
  await backfill();
  const joinCalls = await xeroCallsSince(joined);
  const writes = Object.entries(joinCalls).filter(([key]) => !key.startsWith('GET '));
  // Items carry no Syncro edit date to compare with: the only records written again (README, Performance).
  expect(writes.filter(([key]) => key !== 'POST Items' && key !== 'PUT Items')).toEqual([]);
  // The summaries leave payments out: Xero's payments are listed once to find which of ours it has.
  expect(joinCalls['GET Invoices']).toBe(1);
  expect(joinCalls['GET Payments']).toBe(1);
  const after = (await org())?.invoices.filter((invoice) => invoice.Type === 'ACCREC') ?? [];
  expect(after.length).toBe(ours.length);
  expect(after.flatMap((invoice) => invoice.Payments ?? []).length).toBe(payments);
  for (const { id, number } of (await syncroInvoices()).filter((invoice) => expected.includes(invoice.number))) {
    expect((await getLink('invoice', id))?.state, number).toBe('synced');
  }
  expect(await admin().violations()).toEqual([]);
});

it('takes over an invoice another install created after this run learnt the organisation', {
  timeout: 120_000,
}, async () => {
  await admin().seed({ invoices: 100 });
  await connectedInstall({ disablePurchaseOrderSync: true });
  const ctx = await loadSyncContext();
  const learnt = await ctx.learned.invoices();
  const batch = (await syncroInvoices()).slice(-50);
  // Meanwhile another install pushes one of them (its own run, its own links).
  const taken = batch[10];
  if (!taken) throw new Error('no invoice');
  expect(learnt.has(taken.number)).toBe(false); // learnt before the other install pushed it
  await enqueue('invoice', String(taken.id), Date.now());
  await runUntilIdle(locks);
  const [theirs] = ((await org())?.invoices ?? []).filter((invoice) => invoice.InvoiceNumber === taken.number);
  expect(theirs).toBeDefined();
  // This install forgets it pushed it: as far as it knows, the other install did.
  await connectedInstall({ disablePurchaseOrderSync: true });
  const outcomes = await pushInvoices(
    ctx,
    batch.map((invoice) => invoice.id),
    Date.now(),
  );
  expect([...outcomes.values()].filter((outcome) => !outcome.ok)).toEqual([]);
  const numbered = ((await org())?.invoices ?? []).filter((invoice) => invoice.InvoiceNumber === taken.number);
  expect(numbered.map((invoice) => invoice.InvoiceID)).toEqual([theirs?.InvoiceID]);
  expect((await getLink('invoice', taken.id))?.xeroId).toBe(theirs?.InvoiceID);
  expect(await admin().violations()).toEqual([]);
});
