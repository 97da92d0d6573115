// The poll beyond the seed: each payment of a Xero batch payment imported on its own invoice, and a Syncro
// write that fails for a passing reason retried on a later poll (the seed never retries).
import { describe, expect, it } from 'vitest';
import { importsIn } from '../../lib/payments/imports.ts';
import { pollPayments } from '../../lib/payments/poll.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { loadSyncContext } from '../../lib/sync/context.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface SyncroPayment {
  ref_num?: string | null;
  payment_amount: number | string;
  invoice_ids?: number[];
}

async function pushInvoices(ids: number[]) {
  for (const id of ids) await enqueue('invoice', String(id), Date.now());
  await runUntilIdle(locks);
}

async function xeroInvoiceId(number: string): Promise<string> {
  const state = await admin().state<{
    xero: { organisations: Array<{ invoices: Array<{ InvoiceID: string; InvoiceNumber: string }> }> };
  }>();
  return state.xero.organisations[0]?.invoices.find((invoice) => invoice.InvoiceNumber === number)?.InvoiceID ?? '';
}

const imported = async () =>
  (await admin().admin<{ payments: SyncroPayment[] }>('GET', '/syncro/payments')).payments.filter((payment) =>
    payment.ref_num?.startsWith('XERO-'),
  );

describe('the payment poll beyond the seed', () => {
  it('imports each payment of a batch payment on its own invoice, so a lump sum arrives whole', {
    timeout: 60_000,
  }, async () => {
    await connectedInstall({ importPayments: true, importPaymentMethod: 'Bank Transfer' });
    await pushInvoices([48204, 48207]);
    await admin().admin('POST', '/xero/batch-payments', {
      reference: 'Lump sum',
      payments: [
        { invoiceId: await xeroInvoiceId('1004'), amountCents: 4_000 },
        { invoiceId: await xeroInvoiceId('1007'), amountCents: 2_500 },
      ],
    });
    await pollPayments(await loadSyncContext(), Date.now);
    const payments = (await imported()).map((payment) => [
      payment.invoice_ids,
      Math.round(Number(payment.payment_amount) * 100),
    ]);
    expect(payments.sort()).toEqual(
      [
        [[48204], 4_000],
        [[48207], 2_500],
      ].sort(),
    );
  });

  it('retries a Syncro write that failed for a passing reason on a later poll, and creates it once', {
    timeout: 60_000,
  }, async () => {
    await connectedInstall({ importPayments: true, importPaymentMethod: 'Bank Transfer' });
    await pushInvoices([48204]);
    await admin().admin('POST', '/xero/payments', { invoiceId: await xeroInvoiceId('1004'), amountCents: 3_000 });
    // The create itself fails: a write is never retried in place (a payment made twice cannot be deleted), so
    // the poll records it for a later poll. Invoice 1004 has no payment yet: nothing else reads /payments first.
    await admin().fault({ target: 'syncro', pathIncludes: '/api/v1/payments', status: 503, count: 1 });
    const ctx = await loadSyncContext();

    const first = await pollPayments(ctx, Date.now);
    expect(first).toMatchObject({ applied: 0, retrying: 1 });
    expect((await importsIn('retry')).map((entry) => entry.attempts)).toEqual([1]);
    expect(await imported()).toEqual([]);

    // The next poll, after the back-off: the write goes through, once.
    const later = () => Date.now() + 3_600_000;
    expect(await pollPayments(ctx, later)).toMatchObject({ applied: 1 });
    expect(await pollPayments(ctx, later)).toMatchObject({ applied: 0, retrying: 0 });
    expect(await imported()).toHaveLength(1);
  });
});
