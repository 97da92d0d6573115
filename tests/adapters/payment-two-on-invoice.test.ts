// Two Xero payments on one invoice in one poll: the install claims both in the invoice's history with one note
// write, whose Idempotency-Key must stay within Xero's 128 characters however many payments it claims.
import { expect, it } from 'vitest';
import { enqueue } from '../../lib/storage/outbox.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface XeroOrg {
  invoices: Array<{ InvoiceID: string; InvoiceNumber: string }>;
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

const syncroPayments = async () =>
  (await admin().admin<{ payments: SyncroPayment[] }>('GET', '/syncro/payments')).payments;

it('imports two payments made on one Xero invoice in one poll', { timeout: 120_000 }, async () => {
  await connectedInstall({ importPayments: true, importPaymentMethod: 'Bank Transfer' });
  await run('sync-all');
  const before = await syncroPayments();
  const org = (await admin().state<{ xero: { organisations: XeroOrg[] } }>()).xero.organisations[0] as XeroOrg;
  const linked = org.invoices.find((invoice) => invoice.InvoiceNumber === '1004');
  const pay = (amountCents: number) =>
    admin().admin<{ PaymentID: string }>('POST', '/xero/payments', { invoiceId: linked?.InvoiceID, amountCents });
  const first = await pay(10_000);
  const second = await pay(2_500);

  await run('payment-poll');
  const created = (await syncroPayments()).filter((payment) => !before.some((old) => old.id === payment.id));
  expect(
    created
      .map((payment) => [payment.ref_num, Math.round(Number(payment.payment_amount) * 100), payment.invoice_ids])
      .sort(),
  ).toEqual(
    [
      [`XERO-${first.PaymentID}`, 10_000, [48204]],
      [`XERO-${second.PaymentID}`, 2_500, [48204]],
    ].sort(),
  );
  const claims = await admin().requests({ host: 'api.xero.com', method: 'PUT', pathIncludes: '/History' });
  expect(claims.length).toBeGreaterThan(0);
  expect(claims.map((claim) => [claim.status, (claim.headers['idempotency-key'] ?? '').length <= 128])).toEqual(
    claims.map(() => [200, true]),
  );
  expect(await admin().violations()).toEqual([]);
});
