// The import state machine: what a Xero payment's entry in the imports store becomes after each outcome. Pure;
// apply.ts does the reading and writing. States: retry (tried again later) → applied, or → listed for a person
// once the attempts are spent; dismissed is a person's answer (payment-api.ts).
import type { PaymentImport } from '../storage/db.ts';
import { type PaymentDecision, reconcileReasonText } from './match.ts';
import { paymentFact, type XeroPayment } from './xero-payments.ts';

export const maxAttempts = 5;
/** How long before looking again whether the install that won the claim imported the payment. */
export const otherInstallWaitMs = 10 * 60_000;
const retryBackoffMs = (attempts: number) => Math.min(6 * 3_600_000, 60_000 * 4 ** attempts);

/** A payment as a person reads it: amount, date, customer and the Xero invoice number. */
export function describePayment(payment: XeroPayment) {
  const fact = paymentFact(payment, '');
  return {
    paymentId: payment.PaymentID,
    amountCents: fact.amountCents,
    date: fact.date,
    customer: payment.Invoice.Contact?.Name ?? '',
    ...(payment.Invoice.InvoiceNumber ? { xeroInvoiceNumber: payment.Invoice.InvoiceNumber } : {}),
  };
}

/** The payment's entry as this poll sees it, over what an earlier poll recorded (a new one starts as retry). */
export function entryBase(payment: XeroPayment, now: number, previous: PaymentImport | undefined): PaymentImport {
  const described = describePayment(payment);
  return {
    ...previous,
    paymentId: payment.PaymentID,
    state: previous?.state ?? 'retry',
    amountCents: described.amountCents,
    date: described.date,
    customerName: described.customer,
    ...(payment.Invoice.CurrencyCode ? { currency: payment.Invoice.CurrencyCode } : {}),
    ...(described.xeroInvoiceNumber ? { xeroInvoiceNumber: described.xeroInvoiceNumber } : {}),
    attempts: previous?.attempts ?? 0,
    updatedAt: now,
  };
}

/** The entry to create in Syncro, on the invoice the matcher chose. */
export const toCreate = (
  base: PaymentImport,
  decision: Extract<PaymentDecision, { action: 'apply' }>,
): PaymentImport => ({
  ...base,
  customerId: decision.customerId,
  invoiceId: decision.invoiceId,
  amountCents: decision.amountCents,
});

/** Created in Syncro by this install (no reason), or found there (the reason says by whom). */
export const applied = (
  entry: PaymentImport,
  syncroPaymentId: number | undefined,
  reason: string | undefined,
  now: number,
): PaymentImport => ({
  ...entry,
  state: 'applied',
  ...(syncroPaymentId ? { syncroPaymentId } : {}),
  reason,
  updatedAt: now,
});

/** Syncro refused or failed: tried again later while it may pass and attempts remain, else listed for a person. */
export function afterFailedCreate(entry: PaymentImport, message: string, passing: boolean, now: number): PaymentImport {
  const attempts = entry.attempts + 1;
  if (passing && attempts < maxAttempts) {
    return {
      ...entry,
      state: 'retry',
      attempts,
      reason: message,
      nextAttemptAt: now + retryBackoffMs(attempts),
      updatedAt: now,
    };
  }
  return { ...entry, state: 'listed', attempts, reasonCode: 'syncro-refused', reason: message, updatedAt: now };
}

/** Another install won the claim and its payment is not in Syncro yet: looked at again later, then listed. */
export function afterOtherInstallWait(entry: PaymentImport, now: number): PaymentImport {
  const attempts = entry.attempts + 1;
  if (attempts >= maxAttempts) {
    return {
      ...entry,
      state: 'listed',
      attempts,
      reasonCode: 'claimed-elsewhere',
      reason: 'Another install claimed it but it never reached Syncro: apply it by hand',
      updatedAt: now,
    };
  }
  return {
    ...entry,
    state: 'retry',
    attempts,
    reasonCode: 'claimed-elsewhere',
    reason: 'Being imported by another install',
    nextAttemptAt: now + otherInstallWaitMs,
    updatedAt: now,
  };
}

/** Not placeable here: waits in the reconciliation list with its reason and the invoices it could be on. */
export const listedForReconcile = (
  base: PaymentImport,
  decision: Extract<PaymentDecision, { action: 'reconcile' }>,
): PaymentImport => ({
  ...base,
  state: 'listed',
  reasonCode: decision.reason,
  reason: reconcileReasonText[decision.reason],
  candidates: decision.candidates,
  ...(decision.customerId === undefined ? {} : { customerId: decision.customerId }),
});

/** Deleted in Xero after it was imported: never voided automatically, a person decides what to do in Syncro. */
export const listedDeletedAfterImport = (base: PaymentImport): PaymentImport => ({
  ...base,
  state: 'listed',
  reasonCode: 'deleted-in-xero',
  reason: 'Deleted in Xero after it was imported: void the Syncro payment by hand if it should go',
});

/** A retry due now, and whether it waits on another install's claim or on Syncro. */
export const dueRetry = (entry: PaymentImport, now: number): 'other-install' | 'create' | undefined =>
  (entry.nextAttemptAt ?? 0) > now || entry.invoiceId === undefined
    ? undefined
    : entry.reasonCode === 'claimed-elsewhere'
      ? 'other-install'
      : 'create';
