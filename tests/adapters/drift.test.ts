// The drift check against the sandbox: a payment entered in Xero only leaves the Syncro invoice open, and the
// check records a balance drift with both figures on that invoice alone (the popup lists it, linked both ways);
// a quiet check after it costs one call to each system and changes nothing.
import { describe, expect, it } from 'vitest';
import { getLink, syncedInvoiceLinks } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { loadBaseContext } from '../../lib/sync/context.ts';
import { checkDrift, driftReadsPerRun } from '../../lib/sync/drift.ts';
import { scaleTime } from '../bench/scaled-clock.ts';
import { connectedInstall, processLocks, runUntilIdle, testPopup, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface State {
  syncro: {
    accounts: {
      acme: {
        invoices: Array<{
          id: number;
          number: string;
          customerId: number;
          isPaid: boolean;
          totalCents: number;
          paymentIds: number[];
        }>;
      };
    };
  };
  xero: { organisations: Array<{ invoices: Array<{ InvoiceID: string; InvoiceNumber: string; Type: string }> }> };
}

async function run(kind: string) {
  await enqueue(kind, 'all', Date.now());
  await runUntilIdle(locks);
}

/** An open Syncro invoice with no payment yet, in Xero since the sync. */
async function openSyncedInvoice() {
  const state = await admin().state<State>();
  const inXero = new Set(state.xero.organisations[0]?.invoices.map((invoice) => invoice.InvoiceNumber));
  const target = state.syncro.accounts.acme.invoices.find(
    (invoice) =>
      !invoice.isPaid && invoice.totalCents > 0 && invoice.paymentIds.length === 0 && inXero.has(invoice.number),
  );
  if (!target) throw new Error('the seed has no open, unpaid invoice in Xero');
  return { state, target };
}

describe('the drift check', () => {
  it('records a balance drift with both figures when an invoice is paid in Xero only', {
    timeout: 120_000,
  }, async () => {
    await connectedInstall();
    await run('sync-all');
    // Paid in Xero in full, in Syncro not at all.
    const { state, target } = await openSyncedInvoice();
    await admin().admin('POST', '/xero/payments', { invoiceNumber: target.number, amountCents: target.totalCents });

    // As the hourly alarm would, a while after the sync (the job's own clock, not the machine's, decides "since").
    const ctx = await loadBaseContext();
    const later = Date.now() + 2 * 60_000;
    expect(await checkDrift(ctx, () => later)).toMatchObject({ drifted: 1, waiting: 0 });

    expect((await getLink('invoice', target.id))?.drift).toMatchObject({
      kind: 'balance',
      xeroCents: 0,
      syncroCents: target.totalCents,
      currency: 'USD',
    });
    const drifted = (await syncedInvoiceLinks()).filter((link) => link.drift);
    expect(drifted.map((link) => link.syncroId)).toEqual([target.id]);

    const listed = await testPopup()['drift.list']({ type: 'drift.list' });
    expect(listed).toMatchObject({
      ok: true,
      entries: [
        { syncroId: target.id, kind: 'balance', syncroUrl: `https://acme.syncromsp.com/invoices/${target.id}` },
      ],
    });
    if (listed.ok)
      expect(listed.entries[0]?.xeroUrl).toContain(
        state.xero.organisations[0]?.invoices.find((invoice) => invoice.InvoiceNumber === target.number)?.InvoiceID,
      );

    // Nothing changed on either side since: one call to each, the drift kept as it was.
    const { seq } = (await admin().requests()).at(-1) ?? { seq: 0 };
    expect(await checkDrift(ctx, () => later + 3_600_000)).toEqual({ checked: 0, drifted: 0, waiting: 0 });
    const calls = await admin().requests({ sinceSeq: seq });
    expect(calls.filter((call) => call.host === 'api.xero.com').length).toBe(1);
    expect(calls.filter((call) => call.host.endsWith('syncromsp.com')).length).toBe(1);
    expect((await getLink('invoice', target.id))?.drift?.kind).toBe('balance');
  });

  it('records a balance drift when an invoice is paid in Syncro only (payments not synced)', {
    timeout: 120_000,
  }, async () => {
    await connectedInstall({ disablePaymentSync: true });
    await run('sync-all');
    const { target } = await openSyncedInvoice();
    // Payments the seed had in Syncro were not sent either: those invoices drift already; the target does not.
    const ctx = await loadBaseContext();
    await checkDrift(ctx, Date.now);
    const before = (await syncedInvoiceLinks()).filter((link) => link.drift).map((link) => link.syncroId);
    expect(before).not.toContain(target.id);

    await admin().admin('POST', '/syncro/payments', {
      customer_id: target.customerId,
      invoice_id: target.id,
      amount_cents: target.totalCents,
      payment_method: 'Bank Transfer',
    });
    // The payment changed the Syncro invoice: the next check (the job the hourly alarm queues) looks at it again.
    await run('drift-check');

    expect((await getLink('invoice', target.id))?.drift).toMatchObject({
      kind: 'balance',
      xeroCents: target.totalCents,
      syncroCents: 0,
    });
    const after = (await syncedInvoiceLinks()).filter((link) => link.drift).map((link) => link.syncroId);
    expect(after.sort()).toEqual([...before, target.id].sort());
  });

  it('after a backfill, takes a share each run within its read budget; the rest wait, none is lost', {
    timeout: 300_000,
  }, async () => {
    await admin().seed({ invoices: 120 });
    await connectedInstall();
    const clock = scaleTime(10); // rate-limit waits pass ten times faster (the sandbox's windows on the same clock)
    try {
      await enqueue('sync-all', 'all', Date.now());
      await runUntilIdle(locks, 3_600_000);
      const synced = (await syncedInvoiceLinks()).length;
      expect(synced).toBeGreaterThan(2 * driftReadsPerRun); // all changed in Xero since the check last looked
      const windowFrees = () => new Promise((resolve) => setTimeout(resolve, 61_000)); // Syncro's minute, scaled

      const ctx = await loadBaseContext();
      const later = Date.now() + 2 * 60_000;
      let checked = 0;
      const runs: Array<{ checked: number; waiting: number; reads: number }> = [];
      for (let hour = 0; hour < 12; hour++) {
        await windowFrees(); // as the hourly alarm would find it
        const { seq } = (await admin().requests()).at(-1) ?? { seq: 0 };
        const summary = await checkDrift(ctx, () => later + hour * 3_600_000);
        const calls = await admin().requests({ sinceSeq: seq });
        const reads = calls.filter((call) => /^\/api\/v1\/invoices\/\d+$/.test(call.path)).length;
        runs.push({ checked: summary.checked, waiting: summary.waiting, reads });
        checked += summary.checked;
        if (summary.waiting === 0) break;
      }
      const [first] = runs;
      expect(first?.waiting).toBeGreaterThan(0); // more than one run's share
      expect(first && first.checked + first.waiting).toBe(synced); // each one either compared or kept for later
      for (const run of runs) {
        expect(run.checked).toBeLessThanOrEqual(200);
        expect(run.reads).toBeLessThanOrEqual(driftReadsPerRun);
        expect(run.checked).toBeGreaterThan(0); // the backlog goes down every run
      }
      expect(runs.at(-1)?.waiting).toBe(0);
      expect(checked).toBe(synced);
    } finally {
      clock.restore();
    }
  });
});
