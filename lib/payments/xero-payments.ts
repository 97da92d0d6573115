// Xero payments as the poll reads them: sales-invoice payments changed since a cursor, oldest change first, a
// page (up to 100) at a time, turned into the matcher's facts. The conversion is pure.
import { parseCents } from '../money.ts';
import { xeroCall } from '../xero/client.ts';
import { xeroDateMs, xeroPayments } from '../xero/wire.ts';
import type { XeroPaymentFact } from './match.ts';

export { xeroDateMs };

export interface XeroPayment {
  PaymentID: string;
  Date?: string;
  Amount: number;
  Reference?: string;
  Status?: string;
  PaymentType?: string;
  UpdatedDateUTC?: string;
  BatchPaymentID?: string;
  Invoice?: {
    InvoiceID: string;
    InvoiceNumber?: string;
    Type?: string;
    CurrencyCode?: string;
    Contact?: { ContactID?: string; Name?: string; ContactNumber?: string };
  };
}

export function paymentFact(payment: XeroPayment, baseCurrency: string): XeroPaymentFact {
  const dateMs = xeroDateMs(payment.Date);
  return {
    paymentId: payment.PaymentID,
    invoiceId: payment.Invoice?.InvoiceID ?? '',
    ...(payment.Invoice?.Contact?.ContactNumber ? { contactNumber: payment.Invoice.Contact.ContactNumber } : {}),
    ...(payment.Invoice?.Contact?.ContactID ? { contactId: payment.Invoice.Contact.ContactID } : {}),
    amountCents: parseCents(payment.Amount),
    currency: payment.Invoice?.CurrencyCode ?? baseCurrency,
    date: dateMs === undefined ? '' : new Date(dateMs).toISOString().slice(0, 10),
    status: payment.Status ?? 'AUTHORISED',
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
