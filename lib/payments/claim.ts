// Several technicians' installs may poll one organisation at the same moment. Syncro payments cannot be
// deleted through the API, so a duplicate must never be created: before creating a payment in Syncro an
// install writes a claim into the Xero invoice's history, waits until any claim written in the same instant
// is visible, and reads the history back. The earliest claim (then the smallest install id) wins; everyone
// reads the same records, so everyone agrees on the winner.
import { fingerprint } from '../fingerprint.ts';
import { lookUpThenWrite } from '../xero/batch.ts';
import { xeroCall } from '../xero/client.ts';
import type * as Xero from '../xero/types.ts';
import { xeroDateMs, xeroHistoryRecords, xeroIgnored } from '../xero/wire.ts';

const claimPrefix = 'Syncro ⇄ Xero import claim';
/** Longer than one tick of Xero's clock and one round trip, so a simultaneous claim is visible when we read. */
export const claimSettleMs = 1_500;

export const claimText = (paymentId: string, installId: string) =>
  `${claimPrefix}: payment ${paymentId} by ${installId}`;

/** The payments (of `byInvoice`: Xero InvoiceID → PaymentIDs) this install won the right to import. */
export async function claimPayments(
  byInvoice: Map<string, string[]>,
  installId: string,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<Set<string>> {
  for (const [invoiceId, paymentIds] of byInvoice) {
    // Sent again after a lost answer: a second claim by the same install changes no winner.
    await lookUpThenWrite(() =>
      xeroCall(
        {
          method: 'PUT',
          path: `/Invoices/${invoiceId}/History`,
          body: { HistoryRecords: paymentIds.map((paymentId) => ({ Details: claimText(paymentId, installId) })) },
          // A digest: the payment ids would pass Xero's 128 characters with two payments on one invoice.
          idempotencyKey: `claim-${invoiceId}-${fingerprint({ installId, paymentIds })}`,
        },
        // Not read: the claims are read back below, with everyone else's.
        xeroIgnored,
      ),
    );
  }
  await wait(claimSettleMs);
  const won = new Set<string>();
  for (const [invoiceId, paymentIds] of byInvoice) {
    const { HistoryRecords } = await xeroCall(
      { method: 'GET', path: `/Invoices/${invoiceId}/History` },
      xeroHistoryRecords,
    );
    for (const paymentId of paymentIds) {
      if (winnerOf(HistoryRecords, paymentId) === installId) won.add(paymentId);
    }
  }
  return won;
}

/** The install whose claim on `paymentId` came first (by Xero's time, then install id). Pure. */
export function winnerOf(
  records: Array<Pick<Xero.HistoryRecord, 'Details' | 'DateUTC'>>,
  paymentId: string,
): string | undefined {
  const claim = new RegExp(`^${claimPrefix}: payment ${escapeRegExp(paymentId)} by (\\S+)$`);
  let best: { at: number; installId: string } | undefined;
  for (const record of records) {
    const installId = claim.exec(record.Details ?? '')?.[1];
    const at = xeroDateMs(record.DateUTC);
    if (!installId || at === undefined) continue;
    if (!best || at < best.at || (at === best.at && installId < best.installId)) best = { at, installId };
  }
  return best?.installId;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
