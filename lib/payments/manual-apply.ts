// "Apply to invoice…": a person chose the Syncro invoice for a listed Xero payment. The automatic import's
// safeguards (match.ts) hold here too: the same currency, an amount above zero, never above the invoice's
// balance. An invoice of another customer is taken only once the person has confirmed it, shown both customers.
// A pure decision: payment-api.ts reads Syncro and acts on it.
import { formatMoney } from '../money-text.ts';
import { fitsBalance, isOtherCurrency, isPayableAmount, reconcileReasonText } from './match.ts';

/** The listed payment (imports store), reduced to what the decision needs. Amounts in integer cents. */
export interface ListedPayment {
  amountCents: number;
  /** The Xero invoice's currency, when the poll recorded it. */
  currency?: string;
  /** Why it was listed: a match.ts ReconcileReason or one of the poll's own codes. */
  reasonCode?: string;
  /** The Syncro customer the payment's Xero contact belongs to; undefined when none is known. */
  customerId?: number;
  /** The Xero contact's name. */
  customerName: string;
}

/** The Syncro invoice the person chose, as Syncro gives it now. */
export interface ChosenInvoice {
  id: number;
  number: string;
  customerId: number;
  /** `customer_business_then_name` of the invoice detail, when Syncro sends it. */
  customerName?: string;
  /** 'unknown' when a payment on it is split over several invoices (BalanceUnknownError). */
  balanceCents: number | 'unknown';
}

export type ManualApplyDecision =
  | { action: 'apply' }
  | { action: 'refuse'; reason: string }
  /** The invoice is another customer's: ask the person, naming both, before anything is written. */
  | { action: 'confirm'; question: string; paymentCustomer: string; invoiceCustomer: string };

export function decideManualApply(
  payment: ListedPayment,
  invoice: ChosenInvoice,
  syncroCurrency: string,
  confirmedOtherCustomer: boolean,
): ManualApplyDecision {
  if (payment.reasonCode === 'deleted-in-xero') {
    return refuse(
      'This payment was deleted in Xero after it was imported, so it is not applied again. Void the Syncro payment by hand if it should go.',
    );
  }
  if (payment.reasonCode === 'different-currency' || isOtherCurrency(payment.currency, syncroCurrency)) {
    const its = payment.currency ? `in ${payment.currency}` : 'in another currency';
    const syncros = syncroCurrency ? ` (${syncroCurrency})` : '';
    return refuse(
      `This payment is ${its}, not in Syncro's currency${syncros}: Syncro would record the wrong amount. Enter it in Syncro by hand, converted.`,
    );
  }
  // Past the currency check: the payment, the invoice and the organisation share one currency.
  const money = (cents: number) => formatMoney(cents, payment.currency || syncroCurrency || undefined);
  if (!isPayableAmount(payment.amountCents)) {
    return refuse(
      `This payment is for ${money(payment.amountCents)}: only an amount above zero can be applied to an invoice.`,
    );
  }
  if (invoice.balanceCents === 'unknown') {
    return refuse(`Invoice ${invoice.number}: ${lowerFirst(reconcileReasonText['balance-unknown'])}.`);
  }
  if (!fitsBalance(payment.amountCents, invoice.balanceCents)) {
    return refuse(
      `Invoice ${invoice.number} has ${money(invoice.balanceCents)} open: the payment of ${money(payment.amountCents)} would exceed it.`,
    );
  }
  if (payment.customerId !== invoice.customerId && !confirmedOtherCustomer) {
    const paymentCustomer = payment.customerName.trim() || 'a Xero contact without a name';
    const invoiceCustomer = invoice.customerName?.trim() || `Syncro customer ${invoice.customerId}`;
    const from =
      payment.customerId === undefined
        ? `${paymentCustomer}, who has no customer in Syncro`
        : `${paymentCustomer} (Syncro customer ${payment.customerId})`;
    return {
      action: 'confirm',
      question: `Invoice ${invoice.number} belongs to ${invoiceCustomer}, but this payment is from ${from}. Apply it to ${invoiceCustomer}'s invoice anyway?`,
      paymentCustomer,
      invoiceCustomer,
    };
  }
  return { action: 'apply' };
}

const refuse = (reason: string): ManualApplyDecision => ({ action: 'refuse', reason });

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
