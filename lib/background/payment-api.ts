// The popup's payment-import verbs: poll now, preview, and the two answers to a reconciliation entry (and the
// reconciliation list the status shows).

import { errorText } from '../errors.ts';
import { importedPaymentRef } from '../keys.ts';
import type { ReconcileEntry } from '../messages.ts';
import { createInSyncro, findImportedPayment } from '../payments/apply.ts';
import { applied } from '../payments/import-state.ts';
import { BalanceUnknownError, getImports, importsIn, putImport, readInvoiceBalance } from '../payments/imports.ts';
import { decideManualApply } from '../payments/manual-apply.ts';
import { previewImport } from '../payments/preview.ts';
import type { SyncroConnection } from '../storage/db.ts';
import { enqueue } from '../storage/outbox.ts';
import { loadSettings } from '../storage/store.ts';
import { loadBaseContext } from '../sync/context.ts';
import { syncroGet } from '../syncro/api.ts';
import { type SyncroInvoice, syncroInvoice, syncroRecord } from '../syncro/wire.ts';
import { failed, type PopupHandlers } from './popup-handlers.ts';

type PaymentVerb = 'payments.pollNow' | 'payments.preview' | 'reconcile.apply' | 'reconcile.dismiss';

/** The invoice's balance, or 'unknown' when a payment on it is split over several invoices. */
async function balanceOrUnknown(
  connection: Pick<SyncroConnection, 'subdomain' | 'token'>,
  invoice: SyncroInvoice,
): Promise<number | 'unknown'> {
  try {
    return await readInvoiceBalance(connection, invoice);
  } catch (error) {
    if (error instanceof BalanceUnknownError) return 'unknown';
    throw error;
  }
}

/** The reconciliation list: payments waiting for a person, oldest first. */
export async function reconcileEntries(): Promise<ReconcileEntry[]> {
  const listed = await importsIn('listed');
  return listed
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.paymentId.localeCompare(b.paymentId)))
    .map((entry) => ({
      xeroPaymentId: entry.paymentId,
      amountCents: entry.amountCents,
      ...(entry.currency ? { currency: entry.currency } : {}),
      customer: entry.customerName,
      date: entry.date,
      reason: entry.reason ?? '',
      ...(entry.reasonCode ? { reasonCode: entry.reasonCode } : {}),
      ...(entry.xeroInvoiceNumber ? { xeroInvoiceNumber: entry.xeroInvoiceNumber } : {}),
      candidates: entry.candidates ?? [],
    }));
}

export function paymentApi(runSync: () => void): PopupHandlers<PaymentVerb> {
  return {
    async 'payments.pollNow'() {
      const settings = await loadSettings();
      if (!settings.importPayments) {
        return { ok: false, error: 'Check "Attempt to Import Payments from Xero" and save the settings first.' };
      }
      try {
        await enqueue('payment-poll', 'all', Date.now());
      } catch (error) {
        return { ok: false, error: `Nothing polled: ${errorText(error)}` }; // no pair (lib/storage/pair.ts) to poll for
      }
      runSync();
      return { ok: true, message: 'Polling Xero for payments now.' };
    },

    async 'payments.preview'({ days }) {
      try {
        return { ok: true, entries: await previewImport(await loadBaseContext(), Date.now(), days) };
      } catch (error) {
        return failed(error);
      }
    },

    async 'reconcile.apply'({ paymentId, invoiceId, confirmOtherCustomer }) {
      const entry = (await getImports([paymentId])).get(paymentId);
      if (entry?.state !== 'listed') return { ok: false, error: 'That payment is not waiting any more.' };
      try {
        const ctx = await loadBaseContext();
        // Another install may have imported it meanwhile, here or on an invoice it was listed with: Syncro cannot
        // delete a payment, so a second one is never made.
        const existing = await findImportedPayment(ctx, importedPaymentRef(paymentId), [
          invoiceId,
          ...(entry.candidates ?? []),
        ]);
        if (existing) {
          await putImport(applied(entry, existing.id, 'Already in Syncro', Date.now()));
          const on = (existing.invoice_ids ?? []).filter((id) => id !== null).join(', ');
          return { ok: true, message: `Already in Syncro${on ? ` (invoice id ${on})` : ''}: nothing was created.` };
        }
        const invoice = await syncroGet(ctx.syncro, `/invoices/${invoiceId}`, syncroRecord('invoice', syncroInvoice));
        const decision = decideManualApply(
          entry,
          {
            id: invoice.id,
            number: invoice.number,
            customerId: invoice.customer_id,
            ...(invoice.customer_business_then_name ? { customerName: invoice.customer_business_then_name } : {}),
            balanceCents: await balanceOrUnknown(ctx.syncro, invoice),
          },
          ctx.baseCurrency,
          confirmOtherCustomer === true,
        );
        if (decision.action === 'refuse') return { ok: false, error: decision.reason };
        if (decision.action === 'confirm') {
          const { paymentCustomer, invoiceCustomer } = decision;
          return { ok: false, error: decision.question, confirm: { paymentCustomer, invoiceCustomer } };
        }
        await createInSyncro(ctx, { ...entry, invoiceId, customerId: invoice.customer_id, attempts: 0 }, Date.now());
        const after = (await getImports([paymentId])).get(paymentId);
        return after?.state === 'applied'
          ? { ok: true, message: `Applied to Syncro invoice ${invoice.number}.` }
          : { ok: false, error: after?.reason ?? 'Syncro did not take the payment.' };
      } catch (error) {
        return failed(error);
      }
    },

    async 'reconcile.dismiss'({ paymentId }) {
      const entry = (await getImports([paymentId])).get(paymentId);
      if (!entry) return { ok: false, error: 'Unknown payment.' };
      await putImport({ ...entry, state: 'dismissed', updatedAt: Date.now() });
      return { ok: true, message: 'Dismissed: it will not be imported.' };
    },
  };
}
