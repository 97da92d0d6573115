// The payment poll against Syncro's invoices as the swagger documents them: the list carries no balance_due
// (#/paths/~1invoices/get), so an open invoice's balance is read from its detail and payments, for the customers
// a payment may go to only; an invoice whose balance is unknown holds back that customer's payments alone; and a
// payment another install imported is found on the invoices it is listed with, by the poll and by "Apply to
// invoice…", so it is never created twice.
import { describe, expect, it } from 'vitest';
import { paymentApi } from '../../lib/background/payment-api.ts';
import { getImports, importsIn } from '../../lib/payments/imports.ts';
import { pollPayments } from '../../lib/payments/poll.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { loadSyncContext } from '../../lib/sync/context.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface SyncroPayment {
  id: number;
  ref_num?: string | null;
  invoice_ids?: number[];
}
interface SyncroInvoiceState {
  id: number;
  customerId: number;
  balanceDueCents: number;
  isPaid: boolean;
}

const syncroPayments = async () =>
  (await admin().admin<{ payments: SyncroPayment[] }>('GET', '/syncro/payments')).payments;

/** Syncro's open invoices of a customer, as the sandbox holds them (its API gives no balance). */
async function openInvoicesOf(customerId: number): Promise<SyncroInvoiceState[]> {
  const state = await admin().state<{ syncro: { accounts: { acme: { invoices: SyncroInvoiceState[] } } } }>();
  return state.syncro.accounts.acme.invoices.filter(
    (invoice) => invoice.customerId === customerId && !invoice.isPaid && invoice.balanceDueCents > 0,
  );
}

/** A payment through Syncro's API, as another install (or a person) makes one. */
async function syncroPayment(body: Record<string, unknown>) {
  const response = await admin().send({
    host: 'acme.syncromsp.com',
    method: 'POST',
    path: '/api/v1/payments',
    headers: { authorization: 'Bearer demo-token' },
    body: { payment_method: 'Bank Transfer', ...body },
  });
  expect(response.status).toBe(200);
}

/** The Syncro and Xero calls of one poll. */
async function pollCalls() {
  const ctx = await loadSyncContext();
  await admin().admin('DELETE', '/requests');
  const summary = await pollPayments(ctx, Date.now);
  const syncro = (await admin().requests({ host: 'acme.syncromsp.com' })).map((request) => request.path);
  const xero = (await admin().requests({ host: 'api.xero.com' })).map((request) => `${request.method} ${request.path}`);
  return { summary, syncro, xero };
}

async function backfilled() {
  await connectedInstall({ importPayments: true, importPaymentMethod: 'Bank Transfer' });
  await enqueue('sync-all', 'all', Date.now());
  await runUntilIdle(locks);
}

describe('open invoices listed without balance_due', () => {
  it("matches by the balances read for the payments' customers only; an unknown balance holds back that customer alone", {
    timeout: 120_000,
  }, async () => {
    await backfilled();
    const [exact] = await openInvoicesOf(2010);
    const twins = await openInvoicesOf(2007);
    expect(exact).toBeDefined();
    expect(twins.length).toBeGreaterThanOrEqual(2);
    // A payment split over the twins: Syncro does not say how much of it is on each, so their balances are unknown.
    const [a, b] = twins as [SyncroInvoiceState, SyncroInvoiceState];
    await syncroPayment({ customer_id: 2007, amount_cents: 300, apply_payments: { [a.id]: 100, [b.id]: 200 } });
    const applied = await admin().xeroPaidInvoice('SYNCRO-C-2010', exact?.balanceDueCents ?? 0, 'EXT-2010');
    const held = await admin().xeroPaidInvoice('SYNCRO-C-2007', 1_000, 'EXT-2007');
    const concerned = [...(await openInvoicesOf(2007)), ...(await openInvoicesOf(2010))].map(
      (invoice) => `/api/v1/invoices/${invoice.id}`,
    );

    const { summary, syncro } = await pollCalls();
    expect(summary).toMatchObject({ applied: 1, listed: 1 });
    const imported = (await syncroPayments()).find((payment) => payment.ref_num === `XERO-${applied.PaymentID}`);
    expect(imported?.invoice_ids).toEqual([exact?.id]);
    const listed = (await getImports([held.PaymentID])).get(held.PaymentID);
    expect(listed).toMatchObject({ state: 'listed', reasonCode: 'balance-unknown' });
    expect(listed?.candidates).toEqual(expect.arrayContaining([a.id, b.id]));

    // Details are read for the two customers' open invoices alone, never for the rest of the list.
    const details = syncro.filter((path) => /^\/api\/v1\/invoices\/\d+$/.test(path));
    expect(details.length).toBeGreaterThan(0);
    expect(details.filter((path) => !concerned.includes(path))).toEqual([]);
    expect(await admin().violations()).toEqual([]);

    // A quiet poll: one Xero call, none to Syncro.
    const quiet = await pollCalls();
    expect(quiet.xero).toEqual(['GET /api.xro/2.0/Payments']);
    expect(quiet.syncro).toEqual([]);
  });
});

describe('a payment another install imported', () => {
  it('is found on the invoices it would be listed with, whatever the reason, and not listed', {
    timeout: 120_000,
  }, async () => {
    await backfilled();
    const [first, second] = (await openInvoicesOf(2007)) as [SyncroInvoiceState, SyncroInvoiceState];
    // A part payment: it matches no balance once the other install's import lowered one of the twins.
    const amount = Math.floor(first.balanceDueCents / 3);
    const payment = await admin().xeroPaidInvoice('SYNCRO-C-2007', amount, 'EXT-PART');
    await syncroPayment({
      customer_id: 2007,
      invoice_id: first.id,
      amount_cents: amount,
      ref_num: `XERO-${payment.PaymentID}`,
    });
    expect(second.balanceDueCents).not.toBe(amount);

    const { summary } = await pollCalls();
    expect(summary).toMatchObject({ applied: 0, listed: 0 });
    expect((await getImports([payment.PaymentID])).get(payment.PaymentID)).toMatchObject({
      state: 'applied',
      reason: 'Imported by another install',
    });
    expect((await syncroPayments()).filter((each) => each.ref_num === `XERO-${payment.PaymentID}`)).toHaveLength(1);
  });

  it('is not created again by "Apply to invoice…" on another of its candidates', { timeout: 120_000 }, async () => {
    await backfilled();
    const [first, second] = (await openInvoicesOf(2007)) as [SyncroInvoiceState, SyncroInvoiceState];
    expect(second.balanceDueCents).toBe(first.balanceDueCents);
    const payment = await admin().xeroPaidInvoice('SYNCRO-C-2007', first.balanceDueCents, 'EXT-TIE');
    await pollCalls();
    expect((await importsIn('listed')).map((entry) => [entry.paymentId, entry.reasonCode])).toEqual([
      [payment.PaymentID, 'amount-matches-several'],
    ]);
    // Meanwhile a person at another install applied it to the first twin.
    const ref = `XERO-${payment.PaymentID}`;
    await syncroPayment({ customer_id: 2007, invoice_id: first.id, amount_cents: first.balanceDueCents, ref_num: ref });

    const answer = await paymentApi(() => {})['reconcile.apply']({
      type: 'reconcile.apply',
      paymentId: payment.PaymentID,
      invoiceId: second.id,
    });
    expect(answer).toMatchObject({ ok: true, message: expect.stringContaining('Already in Syncro') });
    expect((await syncroPayments()).filter((each) => each.ref_num === ref).map((each) => each.invoice_ids)).toEqual([
      [first.id],
    ]);
    expect(await importsIn('listed')).toEqual([]);
  });
});

describe('"Apply to invoice…" on another customer\'s invoice', () => {
  it('asks first, naming both customers, writes nothing, and applies once the person confirms', {
    timeout: 120_000,
  }, async () => {
    await backfilled();
    const [other] = (await openInvoicesOf(2010)) as [SyncroInvoiceState];
    const amount = Math.min(1_000, other.balanceDueCents);
    const payment = await admin().xeroPaidInvoice('SYNCRO-C-2007', amount, 'EXT-OTHER');
    await pollCalls();
    const entry = (await getImports([payment.PaymentID])).get(payment.PaymentID);
    expect(entry).toMatchObject({ state: 'listed', customerId: 2007 });
    const detail = await admin().send({
      host: 'acme.syncromsp.com',
      method: 'GET',
      path: `/api/v1/invoices/${other.id}`,
      headers: { authorization: 'Bearer demo-token' },
    });
    const invoiceCustomer = detail.json<{ invoice: { customer_business_then_name: string } }>().invoice
      .customer_business_then_name;
    expect(invoiceCustomer).toBeTruthy();
    const before = (await syncroPayments()).length;
    const apply = { type: 'reconcile.apply' as const, paymentId: payment.PaymentID, invoiceId: other.id };

    const asked = await paymentApi(() => {})['reconcile.apply'](apply);
    expect(asked).toMatchObject({
      ok: false,
      error: expect.stringContaining(`belongs to ${invoiceCustomer}, but this payment is from ${entry?.customerName}`),
      confirm: { paymentCustomer: entry?.customerName, invoiceCustomer },
    });
    expect((await syncroPayments()).length).toBe(before);
    expect((await getImports([payment.PaymentID])).get(payment.PaymentID)?.state).toBe('listed');

    const confirmed = await paymentApi(() => {})['reconcile.apply']({ ...apply, confirmOtherCustomer: true });
    expect(confirmed).toMatchObject({ ok: true });
    const created = (await syncroPayments()).filter((each) => each.ref_num === `XERO-${payment.PaymentID}`);
    expect(created.map((each) => each.invoice_ids)).toEqual([[other.id]]);
    expect(await admin().violations()).toEqual([]);
  });
});
