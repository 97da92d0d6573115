// Payments against invoices: only AUTHORISED documents, never more than AmountDue, only into a BANK account or an
// account with EnablePaymentsToAccount; a full payment marks the invoice PAID.
// Sources: xero_accounting.yaml#/components/schemas/Payment (Amount "less than or equal to the outstanding amount",
// Account by Code or AccountID) and the PUT /Payments 400 example ("Payment amount exceeds…"); "Payments can only be
// made against Authorised documents" (http://help.kennelbooker.com/en/articles/5182969). The account rule is
// Xero's own (https://developer.xero.com/documentation/api/accounting/payments#put-payments, Account: "needs to be
// either an account of type BANK or have enable payments to this accounts switched on"; the same words on
// …/batchpayments), so a BANK account needs no flag: the usual case, as the bank account of
// xero_accounting.yaml#/paths/~1Accounts/get's example has `EnablePaymentsToAccount: false`. The refusal's words:
// "Account type is invalid for making a payment to/from"
// (https://docs.syncromsp.com/en_US/accounting-integrations/troubleshooting-xero).
import { randomUUID } from 'node:crypto';
import { NOT_FOUND } from './contacts.ts';
import { parseXeroDate } from './format.ts';
import { findInvoice } from './invoices.ts';
import { toScaled } from './money.ts';
import {
  type Account,
  type ApiObject,
  type ApplyResult,
  type Invoice,
  isObject,
  type Payment,
  startOfDay,
  str,
  type TenantData,
} from './state.ts';

function findAccount(data: TenantData, ref: ApiObject): Account | undefined {
  const id = str(ref.AccountID)?.toLowerCase();
  if (id) return data.accounts.get(id);
  const code = str(ref.Code);
  return code ? [...data.accounts.values()].find((account) => account.Code === code) : undefined;
}

function resolveInvoice(data: TenantData, ref: unknown): Invoice | string {
  if (!isObject(ref)) return 'You must specify an Invoice, CreditNote, Prepayment or Overpayment for the payment.';
  const id = str(ref.InvoiceID);
  const number = str(ref.InvoiceNumber);
  const invoice = id ? data.invoices.get(id.toLowerCase()) : number ? findInvoice(data, number) : undefined;
  if (invoice) return invoice;
  return id || number
    ? 'Invoice could not be found.'
    : 'You must specify an Invoice, CreditNote, Prepayment or Overpayment for the payment.';
}

function resolveAccount(data: TenantData, ref: unknown): Account | string {
  if (!isObject(ref) || (!str(ref.AccountID) && !str(ref.Code)))
    return 'You must specify an Account code or Account ID for the payment';
  const account = findAccount(data, ref);
  if (!account) return 'Account could not be found.';
  // Undocumented: that an archived account refuses with the same words.
  if (account.Status !== 'ACTIVE' || !(account.Type === 'BANK' || account.EnablePaymentsToAccount)) {
    return 'Account type is invalid for making a payment to/from';
  }
  return account;
}

/** Creates one payment (optionally as part of a batch); validates before touching `data`. */
export function applyPayment(data: TenantData, input: ApiObject, now: number, batchPaymentId?: string): ApplyResult {
  const errors: string[] = [];
  const invoice = resolveInvoice(data, input.Invoice);
  const account = resolveAccount(data, input.Account);
  if (typeof invoice === 'string') errors.push(invoice);
  if (typeof account === 'string') errors.push(account);
  const amount = toScaled(input.Amount, 2);
  if (amount === undefined || amount <= 0) errors.push('Payment amount must be greater than zero.');
  // Undocumented: a payment without a Date is dated today (UTC).
  const rawDate = input.Date;
  const dateMs = rawDate === undefined || rawDate === null || rawDate === '' ? startOfDay(now) : parseXeroDate(rawDate);
  if (dateMs === undefined) errors.push(`Date '${String(rawDate)}' is not a valid date.`);
  if (typeof invoice !== 'string') {
    if (invoice.Status !== 'AUTHORISED') errors.push('Payments can only be made against Authorised documents');
    else if (amount !== undefined && amount > invoice.total - invoice.amountPaid - (invoice.amountCredited ?? 0)) {
      errors.push('Payment amount exceeds the amount outstanding on this document');
    }
    if (data.contacts.get(invoice.ContactID)?.ContactStatus === 'ARCHIVED') {
      errors.push(
        'The contact with the specified contact details has been archived. The contact must be un-archived before payments can be applied.',
      );
    }
  }
  if (
    errors.length > 0 ||
    typeof invoice === 'string' ||
    typeof account === 'string' ||
    amount === undefined ||
    dateMs === undefined
  ) {
    return { errors };
  }

  const reference = str(input.Reference);
  const payment: Payment = {
    PaymentID: randomUUID(),
    InvoiceID: invoice.InvoiceID,
    AccountID: account.AccountID,
    dateMs,
    amount,
    ...(reference !== undefined ? { Reference: reference } : {}),
    Status: 'AUTHORISED',
    PaymentType: invoice.Type === 'ACCREC' ? 'ACCRECPAYMENT' : 'ACCPAYPAYMENT',
    ...(batchPaymentId ? { BatchPaymentID: batchPaymentId } : {}),
    updatedMs: now,
  };
  data.payments.set(payment.PaymentID, payment);
  invoice.paymentIds.push(payment.PaymentID);
  invoice.amountPaid += amount;
  invoice.updatedMs = now;
  if (invoice.amountPaid + (invoice.amountCredited ?? 0) === invoice.total) {
    invoice.Status = 'PAID';
    invoice.fullyPaidOnMs = dateMs;
  }
  return { id: payment.PaymentID };
}

/**
 * `POST /Payments/{id}` with `{"Status":"DELETED"}`: reverses the payment on its invoice
 * (xero_accounting.yaml#/components/schemas/PaymentDelete; "Only Status accepted for updates": XeroAPI/xero-node#115).
 * Undocumented: the wording of the other refusals, and refusing a payment that is part of a batch.
 */
export function deletePayment(data: TenantData, paymentId: string, input: ApiObject, now: number): ApplyResult {
  const payment = data.payments.get(paymentId.toLowerCase());
  if (!payment) return { errors: [NOT_FOUND] };
  if (input.Status !== 'DELETED') return { errors: ['Payments can only be updated to a Status of DELETED.'] };
  if (payment.Status === 'DELETED') return { errors: ['This payment has already been deleted.'] };
  if (payment.BatchPaymentID)
    return { errors: ['Payments that are part of a batch payment cannot be deleted individually.'] };
  payment.Status = 'DELETED';
  payment.updatedMs = now;
  const invoice = data.invoices.get(payment.InvoiceID);
  if (invoice) {
    invoice.amountPaid -= payment.amount;
    invoice.updatedMs = now;
    if (invoice.Status === 'PAID') invoice.Status = 'AUTHORISED';
    delete invoice.fullyPaidOnMs;
  }
  return { id: payment.PaymentID };
}
