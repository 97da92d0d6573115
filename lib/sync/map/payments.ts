// Syncro payments → Xero payments on the linked invoice, and a Xero payment → the Syncro payment that imports it.
// Pure.

import { importedPaymentRef, syncroPaymentReference } from '../../keys.ts';
import { centsToAmount, parseCents } from '../../money.ts';
import type { Settings } from '../../settings.ts';
import type { SyncroPayment } from '../../syncro/wire.ts';
import type { XeroPaymentPayload } from '../../xero/payloads.ts';
import { clean, cutText, dayOf, MappingError } from './text.ts';

export interface PaymentContext {
  xeroInvoiceId: string;
  settings: Settings;
}

export function paymentPayload(
  payment: Pick<SyncroPayment, 'id' | 'payment_amount' | 'ref_num' | 'applied_at'>,
  ctx: PaymentContext,
): XeroPaymentPayload {
  const date = dayOf(payment.applied_at);
  const cents = parseCents(payment.payment_amount);
  if (cents <= 0) throw new MappingError(`Payment ${payment.id} is not a positive amount`);
  const refNum = clean(payment.ref_num);
  // By AccountID (bank accounts may have no code); a code saved by an earlier version until it is upgraded.
  const { paymentAccountId, paymentAccountCode } = ctx.settings;
  const account = paymentAccountId
    ? { AccountID: paymentAccountId }
    : paymentAccountCode
      ? { Code: paymentAccountCode }
      : undefined;
  if (!account) throw new MappingError('Choose the payment account in the Xero settings before payments are sent');
  return {
    Invoice: { InvoiceID: ctx.xeroInvoiceId },
    Account: account,
    Date: date,
    Amount: centsToAmount(cents),
    Reference: cutText(`${syncroPaymentReference(payment.id)}${refNum ? ` ${refNum}` : ''}`, 255),
  };
}

/** The body of `POST /payments` that imports Xero payment `paymentId` onto one Syncro invoice (ref_num: its key). */
export function importedPaymentBody(
  entry: { paymentId: string; customerId?: number; invoiceId: number; amountCents: number },
  paymentMethod: string,
) {
  return {
    customer_id: entry.customerId,
    invoice_id: entry.invoiceId,
    amount_cents: entry.amountCents,
    payment_method: paymentMethod,
    ref_num: importedPaymentRef(entry.paymentId),
  };
}
