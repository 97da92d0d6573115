// The payment poll against the sandbox: linked and seed-rule matches applied once, ties listed, a second poll
// creating nothing, and our own pushes never imported back.
import { describe, expect, it } from 'vitest';
import { importsIn } from '../../lib/payments/imports.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface XeroOrg {
  invoices: Array<{ InvoiceID: string; InvoiceNumber: string; Type: string; Total: number; AmountDue: number }>;
  contacts: Array<{ ContactID: string; ContactNumber?: string }>;
}
interface SyncroPayment {
  id: number;
  ref_num?: string | null;
  payment_amount: number | string;
  invoice_ids?: number[];
}

async function run(kind: string) {
  await enqueue(kind, 'all', Date.now());
  await runUntilIdle(locks);
}

async function org(): Promise<XeroOrg> {
  return (await admin().state<{ xero: { organisations: XeroOrg[] } }>()).xero.organisations[0] as XeroOrg;
}

async function syncroPayments(): Promise<SyncroPayment[]> {
  return (await admin().admin<{ payments: SyncroPayment[] }>('GET', '/syncro/payments')).payments;
}

async function syncroInvoice(id: number) {
  const state = await admin().state<{
    syncro: { accounts: { acme: { invoices: Array<{ id: number; balance_due?: string; total: string }> } } };
  }>();
  return state.syncro.accounts.acme.invoices.find((invoice) => invoice.id === id);
}

const cents = (amount: number | string | undefined) => Math.round(Number(amount) * 100);

describe('the payment poll', () => {
  it('applies a partial payment on a linked invoice and a unique balance match, lists a tie, and polls again without repeating', {
    timeout: 120_000,
  }, async () => {
    await connectedInstall({ importPayments: true, importPaymentMethod: 'Bank Transfer' });
    await run('sync-all');
    const before = await syncroPayments();

    const linked = (await org()).invoices.find((invoice) => invoice.InvoiceNumber === '1004');
    const partial = await admin().admin<{ PaymentID: string }>('POST', '/xero/payments', {
      invoiceId: linked?.InvoiceID,
      amountCents: 10_000,
    });
    const twinBalance = cents((await syncroInvoice(48208))?.balance_due);
    expect(cents((await syncroInvoice(48209))?.balance_due)).toBe(twinBalance);
    const tie = await admin().xeroPaidInvoice('SYNCRO-C-2007', twinBalance, 'EXT-TWIN');

    await run('payment-poll');
    const created = (await syncroPayments()).filter((payment) => !before.some((old) => old.id === payment.id));
    expect(created.map((payment) => [payment.ref_num, cents(payment.payment_amount), payment.invoice_ids])).toEqual([
      [`XERO-${partial.PaymentID}`, 10_000, [48204]],
    ]);
    const listed = await importsIn('listed');
    expect(listed.map((entry) => [entry.paymentId, entry.reasonCode, entry.candidates])).toEqual([
      [tie.PaymentID, 'amount-matches-several', [48208, 48209]],
    ]);
    expect(await admin().violations()).toEqual([]);

    // The pushed payment of invoice 1005 (SYNCRO-PAY-…) is in the same window and never comes back.
    await run('payment-poll');
    expect((await syncroPayments()).length).toBe(before.length + 1);
  });

  it('applies a payment to the only open invoice of the customer with that balance', { timeout: 120_000 }, async () => {
    await connectedInstall({ importPayments: true, importPaymentMethod: 'Check' });
    await run('sync-all');
    const balance = cents((await syncroInvoice(48204))?.balance_due);
    const payment = await admin().xeroPaidInvoice('SYNCRO-C-2004', balance, 'EXT-2004');
    await run('payment-poll');
    const imported = (await syncroPayments()).find((candidate) => candidate.ref_num === `XERO-${payment.PaymentID}`);
    expect(imported?.invoice_ids).toEqual([48204]);
    expect(cents(imported?.payment_amount)).toBe(balance);
  });
});
