// Syncro payments as Syncro documents them: the invoice detail lists payments by id only
// (syncro_swagger.json#/paths/~1invoices~1{id}/get), a payment's amount and date come from GET /payments/{id},
// and GET /payments?query= is not a ref_num search. Pushed to Xero once, to the cent; imported once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importsIn } from '../../lib/payments/imports.ts';
import { pollPayments } from '../../lib/payments/poll.ts';
import { getLink } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { loadSyncContext } from '../../lib/sync/context.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface SyncroState {
  invoices: Array<{ id: number; number: string }>;
  payments: Array<{
    id: number;
    amountCents: number;
    refNum: string | null;
    applications: Array<{ invoiceId: number }>;
  }>;
}
interface XeroOrg {
  invoices: Array<{ InvoiceID: string; InvoiceNumber: string; Type: string }>;
  payments: Array<{ PaymentID: string; Amount: number; Reference?: string; Invoice?: { InvoiceNumber?: string } }>;
}

async function worlds() {
  const state = await admin().state<{
    syncro: { accounts: { acme: SyncroState } };
    xero: { organisations: XeroOrg[] };
  }>();
  return { syncro: state.syncro.accounts.acme, xero: state.xero.organisations[0] as XeroOrg };
}

async function run(kind: string, key = 'all') {
  await enqueue(kind, key, Date.now());
  await runUntilIdle(locks);
}

/** The sandbox's Syncro API as the product calls it: the real hostname, the saved token. */
async function syncroApi<T>(path: string): Promise<T> {
  const response = await fetch(`https://acme.syncromsp.com/api/v1${path}`, {
    headers: { authorization: 'Bearer demo-token', accept: 'application/json' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

const pushedRefs = (xero: XeroOrg, paymentId: number) =>
  xero.payments.filter((payment) => new RegExp(`^SYNCRO-PAY-${paymentId}( |$)`).test(payment.Reference ?? ''));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Syncro payments to Xero', () => {
  it("the sandbox's Syncro invoice detail lists payment ids only; the payment itself comes from GET /payments/{id}", async () => {
    const { invoice } = await syncroApi<{ invoice: Record<string, unknown> }>('/invoices/48205');
    expect(invoice.payments).toEqual([{ id: 7001 }]);
    expect(invoice).not.toHaveProperty('balance_due');
    const { payment } = await syncroApi<{ payment: Record<string, unknown> }>('/payments/7001');
    expect(payment).toMatchObject({ id: 7001, payment_amount: 450, ref_num: 'CHK-1001', invoice_ids: [48205] });
  });

  it('reach Xero exactly once, to the cent, and a quiet second sync neither writes nor re-reads them', {
    timeout: 120_000,
  }, async () => {
    await connectedInstall();
    // A partial payment whose dollars are not exact in binary (100.29).
    await admin().admin('POST', '/syncro/payments', {
      customer_id: 2004,
      invoice_id: 48204,
      amount_cents: 10_029,
      payment_method: 'Check',
      ref_num: 'CHK-ODD',
    });
    await run('sync-all');

    const { syncro, xero } = await worlds();
    const inXero = new Set(xero.invoices.filter((invoice) => invoice.Type === 'ACCREC').map((i) => i.InvoiceNumber));
    const numberOf = new Map(syncro.invoices.map((invoice) => [invoice.id, invoice.number]));
    const expected = syncro.payments.filter((payment) =>
      payment.applications.some((application) => inXero.has(numberOf.get(application.invoiceId) ?? '')),
    );
    expect(expected.length).toBeGreaterThanOrEqual(5);
    for (const payment of expected) {
      const pushed = pushedRefs(xero, payment.id);
      expect(pushed, `Syncro payment ${payment.id}`).toHaveLength(1);
      expect(Math.round((pushed[0]?.Amount ?? 0) * 100)).toBe(payment.amountCents);
      expect(pushed[0]?.Invoice?.InvoiceNumber).toBe(numberOf.get(payment.applications[0]?.invoiceId ?? 0));
    }
    expect(xero.payments.filter((payment) => payment.Reference?.startsWith('SYNCRO-PAY-'))).toHaveLength(
      expected.length,
    );
    expect(await admin().violations()).toEqual([]);

    await admin().admin('DELETE', '/requests');
    await run('sync-all');
    const xeroWrites = (await admin().requests({ host: 'api.xero.com' })).filter((r) => r.method !== 'GET');
    expect(xeroWrites).toEqual([]);
    expect(await admin().requests({ host: 'acme.syncromsp.com', pathIncludes: '/api/v1/payments' })).toEqual([]);
  });

  it.each([
    ['payment_amount', /payment 7001 without a usable "payment_amount"/],
    ['applied_at', /payment 7001 without a usable "applied_at"/],
  ])(
    'a payment without %s fails its invoice by name (no silent skip); once whole, it goes once',
    {
      timeout: 60_000,
    },
    async (field, reason) => {
      await connectedInstall();
      const realFetch = globalThis.fetch;
      // Syncro answers payment 7001 without the field (the rest of the answer as the sandbox gives it).
      vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
        const response = await realFetch(input, init);
        const url = input instanceof Request ? input.url : String(input);
        if (!url.endsWith('/api/v1/payments/7001')) return response;
        const body = (await response.json()) as { payment: Record<string, unknown> };
        delete body.payment[field];
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      });
      await run('invoice', '48205');
      expect(await getLink('invoice', 48205)).toMatchObject({ state: 'failed', reason: expect.stringMatching(reason) });
      expect(pushedRefs((await worlds()).xero, 7001)).toEqual([]);

      vi.restoreAllMocks();
      await run('invoice', '48205');
      expect(await getLink('invoice', 48205)).toMatchObject({ state: 'synced' });
      const pushed = pushedRefs((await worlds()).xero, 7001);
      expect(pushed.map((payment) => payment.Amount)).toEqual([450]);
    },
  );
});

describe('payments imported from Xero', () => {
  it("are not created twice when the invoice already carries one (checked through the invoice's payments)", {
    timeout: 60_000,
  }, async () => {
    await connectedInstall({ importPayments: true, importPaymentMethod: 'Bank Transfer' });
    await run('invoice', '48204');
    const linked = (await worlds()).xero.invoices.find((invoice) => invoice.InvoiceNumber === '1004');
    const inXero = await admin().admin<{ PaymentID: string }>('POST', '/xero/payments', {
      invoiceId: linked?.InvoiceID,
      amountCents: 10_000,
    });
    // Already imported (by another install, say): this install's own records know nothing of it.
    const ref = `XERO-${inXero.PaymentID}`;
    const { payment: there } = await admin().admin<{ payment: { id: number } }>('POST', '/syncro/payments', {
      customer_id: 2004,
      invoice_id: 48204,
      amount_cents: 10_000,
      payment_method: 'Bank Transfer',
      ref_num: ref,
    });
    // Syncro's payment search does not look at ref_num: a check resting on it would find nothing here.
    expect((await syncroApi<{ payments: unknown[] }>(`/payments?query=${ref}`)).payments).toEqual([]);
    await admin().admin('DELETE', '/requests');

    const summary = await pollPayments(await loadSyncContext(), Date.now);
    expect(summary).toMatchObject({ applied: 1, listed: 0 });
    const { syncro } = await worlds();
    expect(syncro.payments.filter((payment) => payment.refNum === ref).map((payment) => payment.id)).toEqual([
      there.id,
    ]);
    const applied = await importsIn('applied');
    expect(applied.map((entry) => [entry.paymentId, entry.syncroPaymentId])).toEqual([[inXero.PaymentID, there.id]]);
    const calls = await admin().requests({ host: 'acme.syncromsp.com' });
    expect(calls.filter((call) => call.method === 'POST')).toEqual([]);
    expect(calls.map((call) => `${call.method} ${call.path}`)).toContain(`GET /api/v1/payments/${there.id}`);
  });
});
