// Xero payments as the poll reads them: sales-invoice payments changed since a cursor, oldest change first, a
// page (up to 100) at a time, turned into the matcher's facts. The conversion is pure.
import { parseCents } from '../money.ts';
import { xeroCall } from '../xero/client.ts';
import { type XeroPayment, xeroDateMs, xeroPayments } from '../xero/wire.ts';
import type { XeroPaymentFact } from './match.ts';

export { type XeroPayment, xeroDateMs };

/** A payment checked on arrival (lib/xero/wire.ts): its invoice, amount, date and status are there. */
export function paymentFact(payment: XeroPayment, baseCurrency: string): XeroPaymentFact {
  const { Invoice: invoice } = payment;
  const dateMs = xeroDateMs(payment.Date);
  return {
    paymentId: payment.PaymentID,
    invoiceId: invoice.InvoiceID,
    ...(invoice.Contact?.ContactNumber ? { contactNumber: invoice.Contact.ContactNumber } : {}),
    ...(invoice.Contact?.ContactID ? { contactId: invoice.Contact.ContactID } : {}),
    amountCents: parseCents(payment.Amount),
    currency: invoice.CurrencyCode ?? baseCurrency,
    date: dateMs === undefined ? '' : new Date(dateMs).toISOString().slice(0, 10),
    status: payment.Status,
    ...(payment.Reference ? { reference: payment.Reference } : {}),
  };
}

/**
 * Sales-invoice payments changed since `since`, oldest change first, one page per yield. A payment Xero sends
 * without its amount, date or invoice fails the page, naming it: the cursor stays before it, nothing is skipped.
 */
export async function* modifiedPayments(since: string): AsyncGenerator<XeroPayment[]> {
  for (let page = 1; ; page++) {
    const { Payments } = await xeroCall(
      {
        method: 'GET',
        path: '/Payments',
        query: { where: 'PaymentType=="ACCRECPAYMENT"', order: 'UpdatedDateUTC ASC', page: String(page) },
        ifModifiedSince: since,
      },
      xeroPayments,
    );
    if (Payments.length > 0) yield Payments;
    if (Payments.length < 100) return;
  }
}
