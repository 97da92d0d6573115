// What Syncro or Xero sends without a field the product needs fails that record where the user sees it, naming
// the record and the field: never a skip, never a $0 (lib/wire-check.ts).
import { describe, expect, it } from 'vitest';
import { parseCents } from '../../lib/money.ts';
import { getLink } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { connectedInstall, processLocks, runUntilIdle, testPopup, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();
const popup = testPopup(); // these tests start connected: the sign-in window is not used

async function salesInvoices(number: string) {
  const state = await admin().state<{
    xero: { organisations: Array<{ invoices: Array<{ Type: string; InvoiceNumber: string; Total: number }> }> };
  }>();
  return (state.xero.organisations[0]?.invoices ?? []).filter(
    (invoice) => invoice.Type === 'ACCREC' && invoice.InvoiceNumber === number,
  );
}

async function run(kind: string, key = 'all') {
  await enqueue(kind, key, Date.now());
  await runUntilIdle(locks);
}

const push = (id: number) => run('invoice', String(id));

async function importedPayments(ref: string) {
  const { payments } = await admin().admin<{ payments: Array<{ ref_num?: string | null }> }>('GET', '/syncro/payments');
  return payments.filter((payment) => payment.ref_num === ref);
}

describe('a field missing from an answer', () => {
  it('a Syncro invoice without a total ends FAILED on its record with the field named, and nothing reaches Xero', {
    timeout: 60_000,
  }, async () => {
    await connectedInstall();
    await admin().fault({ target: 'syncro', pathIncludes: '/api/v1/invoices/48204', omitFields: ['total'], count: 20 });
    await push(48204);
    expect(await getLink('invoice', 48204)).toMatchObject({
      state: 'failed',
      reason: 'Syncro sent invoice 48204 without a usable "total" (expected a decimal amount)',
    });
    expect(await salesInvoices('1004')).toEqual([]);

    // Once Syncro sends it whole, the next push goes through with Syncro's total.
    await admin().admin('DELETE', '/faults');
    await push(48204);
    expect(await getLink('invoice', 48204)).toMatchObject({ state: 'synced' });
    expect((await salesInvoices('1004')).map((invoice) => invoice.Total)).toEqual([440.71]);
  });

  it("Xero's answer to a write without the invoice's id fails that invoice, naming it; the next push adopts it", {
    timeout: 60_000,
  }, async () => {
    await connectedInstall();
    await admin().fault({ target: 'xero', pathIncludes: '/Invoices', method: 'POST', omitFields: ['InvoiceID'] });
    await push(48204);
    expect(await getLink('invoice', 48204)).toMatchObject({
      state: 'failed',
      reason: 'Xero sent invoice 1004 without a usable "InvoiceID" (expected an id)',
    });

    await push(48204);
    expect(await getLink('invoice', 48204)).toMatchObject({ state: 'synced' });
    expect(await salesInvoices('1004')).toHaveLength(1);
  });

  it('a Xero payment without an amount stops the payment poll, shown in the popup; the next poll imports it', {
    timeout: 120_000,
  }, async () => {
    await connectedInstall({ importPayments: true, importPaymentMethod: 'Check' });
    await push(48204); // its customer's contact is in Xero from now on
    const state = await admin().state<{
      syncro: { accounts: { acme: { invoices: Array<{ id: number; balance_due?: string }> } } };
    }>();
    const balance = parseCents(state.syncro.accounts.acme.invoices.find((each) => each.id === 48204)?.balance_due);
    expect(balance).toBeGreaterThan(0);
    const payment = await admin().xeroPaidInvoice('SYNCRO-C-2004', balance, 'EXT-2004');

    await admin().fault({ target: 'xero', pathIncludes: '/Payments', method: 'GET', omitFields: ['Amount'], count: 5 });
    await run('payment-poll');
    const { problem } = await popup.status({ type: 'status' });
    expect(problem).toMatchObject({
      job: 'payment-poll',
      message: `Xero sent payment ${payment.PaymentID} without a usable "Amount" (expected an amount)`,
    });
    expect(await importedPayments(`XERO-${payment.PaymentID}`)).toEqual([]);

    await admin().admin('DELETE', '/faults');
    await run('payment-poll');
    expect(await importedPayments(`XERO-${payment.PaymentID}`)).toHaveLength(1);
    expect((await popup.status({ type: 'status' })).problem).toBeUndefined();
  });
});
