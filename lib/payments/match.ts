// Which Syncro invoice each Xero payment belongs to — a pure function, linear in payments + invoices.
// 1. A payment on a Xero invoice that came from Syncro → that Syncro invoice (partial payments too), as long
//    as it does not exceed the balance left. 2. Else the seed's rule: exactly one open invoice of the same
//    customer whose balance equals the amount. Otherwise nothing is applied and the payment is listed with a
//    reason. Balances are spent as payments are applied, so two payments never both fill one invoice.

import { customerOfContactNumber, isPushedFromSyncro } from '../keys.ts';

/** A Xero payment on a sales invoice, reduced to what the decision needs. Amounts in integer cents. */
export interface XeroPaymentFact {
  paymentId: string;
  /** The Xero invoice it is on. */
  invoiceId: string;
  /** The Xero invoice's contact, as ContactNumber (`SYNCRO-C-<id>` when it came from Syncro) and ContactID. */
  contactNumber?: string;
  contactId?: string;
  amountCents: number;
  currency: string;
  /** `YYYY-MM-DD`; decisions are made oldest first, so a given input always gives the same answer. */
  date: string;
  status: string;
  reference?: string;
}

export interface OpenInvoice {
  id: number;
  customerId: number;
  balanceCents: number;
}

export interface MatchContext {
  /** The currency Syncro's amounts are in (the organisation's base currency); '' when unknown: not checked. */
  currency: string;
  /** Xero InvoiceID → Syncro invoice id, for invoices this extension (or another install) pushed. */
  invoiceOfXeroInvoice: ReadonlyMap<string, number>;
  /** Xero ContactID → Syncro customer id (links); ContactNumber is read as well. */
  customerOfXeroContact: ReadonlyMap<string, number>;
  /** Open Syncro invoices (balance > 0). */
  openInvoices: readonly OpenInvoice[];
  /** Syncro invoices by id with their balance, for rule 1 (an invoice may be paid already: balance 0). */
  balanceOf: ReadonlyMap<number, { customerId: number; balanceCents: number }>;
  /** Payment ids already in Syncro (`ref_num` `XERO-<PaymentID>`). */
  alreadyInSyncro: ReadonlySet<string>;
}

export type ReconcileReason =
  | 'no-such-customer'
  | 'no-open-invoice'
  | 'amount-matches-several'
  | 'amount-matches-none'
  | 'exceeds-balance'
  | 'different-currency'
  | 'balance-unknown';

export type SkipReason = 'pushed-from-syncro' | 'already-in-syncro' | 'deleted';

export type PaymentDecision =
  | { paymentId: string; action: 'apply'; invoiceId: number; customerId: number; amountCents: number; rule: 1 | 2 }
  | { paymentId: string; action: 'skip'; reason: SkipReason }
  | { paymentId: string; action: 'reconcile'; reason: ReconcileReason; candidates: number[]; customerId?: number };

export const reconcileReasonText: Record<ReconcileReason, string> = {
  'no-such-customer': 'No Syncro customer for this Xero contact',
  'no-open-invoice': 'The customer has no open invoice in Syncro',
  'amount-matches-several': 'The amount matches several open invoices: choose one',
  'amount-matches-none': 'The amount matches no open invoice of the customer',
  'exceeds-balance': 'The payment exceeds the invoice balance in Syncro',
  'different-currency': 'The payment is in another currency than Syncro',
  'balance-unknown':
    'The Syncro invoice has a payment split over several invoices, so its balance is unknown: record it in Syncro by hand',
};

export { isPushedFromSyncro };

/** A payment in another currency than Syncro's amounts; when either currency is unknown it is not checked. */
export const isOtherCurrency = (paymentCurrency: string | undefined, syncroCurrency: string): boolean =>
  Boolean(syncroCurrency && paymentCurrency && paymentCurrency !== syncroCurrency);

/** Only a positive amount is ever put on a Syncro invoice. */
export const isPayableAmount = (amountCents: number): boolean => amountCents > 0;

/** A payment never takes an invoice below zero. */
export const fitsBalance = (amountCents: number, balanceCents: number): boolean => amountCents <= balanceCents;

/** A person choosing "Apply to invoice…" is shown at most this many of the customer's open invoices. */
const maxCandidates = 20;

const sortedFirst = (ids: readonly number[], limit: number) =>
  ids.length <= 1 ? [...ids] : [...ids].sort((a, b) => a - b).slice(0, limit);

function listed(
  paymentId: string,
  reason: ReconcileReason,
  candidates: number[],
  customerId?: number,
): PaymentDecision {
  return customerId === undefined
    ? { paymentId, action: 'reconcile', reason, candidates }
    : { paymentId, action: 'reconcile', reason, candidates, customerId };
}

/** Up to `limit` × a few of a customer's open invoices, for the person to choose from. */
function allOpen(byBalance: Map<number, number[]>, limit: number): number[] {
  const ids: number[] = [];
  for (const group of byBalance.values()) {
    ids.push(...group);
    if (ids.length >= limit * 4) break;
  }
  return ids;
}

export function matchPayments(payments: readonly XeroPaymentFact[], context: MatchContext): PaymentDecision[] {
  // Balances (only those changed here are copied) and, per customer, the open invoices by balance — both
  // updated as payments are applied. Numbers as keys, arrays for the few invoices sharing a balance.
  const changed = new Map<number, { customerId: number; balanceCents: number }>();
  const balanceOf = (id: number) => changed.get(id) ?? context.balanceOf.get(id);
  const openOf = new Map<number, Map<number, number[]>>();
  const openCount = new Map<number, number>();
  const index = (id: number, customerId: number, balanceCents: number) => {
    if (balanceCents <= 0) return;
    let byBalance = openOf.get(customerId);
    if (!byBalance) {
      byBalance = new Map();
      openOf.set(customerId, byBalance);
    }
    const ids = byBalance.get(balanceCents);
    if (ids) ids.push(id);
    else byBalance.set(balanceCents, [id]);
    openCount.set(customerId, (openCount.get(customerId) ?? 0) + 1);
  };
  const unindex = (id: number, customerId: number, balanceCents: number) => {
    const ids = openOf.get(customerId)?.get(balanceCents);
    const at = ids?.indexOf(id) ?? -1;
    if (!ids || at < 0) return;
    ids.splice(at, 1);
    openCount.set(customerId, (openCount.get(customerId) ?? 1) - 1);
  };
  for (const invoice of context.openInvoices) {
    const known = context.balanceOf.get(invoice.id);
    if (!known || known.balanceCents !== invoice.balanceCents || known.customerId !== invoice.customerId) {
      changed.set(invoice.id, { customerId: invoice.customerId, balanceCents: invoice.balanceCents });
    }
    index(invoice.id, invoice.customerId, invoice.balanceCents);
  }
  const spend = (id: number, amountCents: number) => {
    const invoice = balanceOf(id);
    if (!invoice) return;
    unindex(id, invoice.customerId, invoice.balanceCents);
    const after = { customerId: invoice.customerId, balanceCents: invoice.balanceCents - amountCents };
    changed.set(id, after);
    index(id, after.customerId, after.balanceCents);
  };

  // ContactNumber → customer id, parsed once per distinct contact.
  const numbers = new Map<string, number | undefined>();
  const customerOfNumber = (contactNumber: string | undefined) => {
    if (!contactNumber) return undefined;
    if (!numbers.has(contactNumber)) {
      numbers.set(contactNumber, customerOfContactNumber(contactNumber));
    }
    return numbers.get(contactNumber);
  };

  // Oldest first, then by id: the same decisions whatever order the payments come in.
  // (Sorting plain strings, each carrying its index, is several times faster than a comparator over indices.)
  const order = payments.map((payment, i) => `${payment.date}\u0000${payment.paymentId}\u0000${i}`).sort();
  const decisions: PaymentDecision[] = new Array(payments.length);
  for (const key of order) {
    const i = Number(key.slice(key.lastIndexOf('\u0000') + 1));
    const decision = decide(payments[i] as XeroPaymentFact);
    decisions[i] = decision;
    if (decision.action === 'apply') spend(decision.invoiceId, decision.amountCents);
  }
  return decisions;

  function decide(payment: XeroPaymentFact): PaymentDecision {
    const { paymentId } = payment;
    if (isPushedFromSyncro(payment.reference)) {
      return { paymentId, action: 'skip', reason: 'pushed-from-syncro' };
    }
    if (context.alreadyInSyncro.has(paymentId)) return { paymentId, action: 'skip', reason: 'already-in-syncro' };
    if (payment.status === 'DELETED' || payment.status === 'VOIDED') {
      return { paymentId, action: 'skip', reason: 'deleted' };
    }
    if (isOtherCurrency(payment.currency, context.currency)) return listed(paymentId, 'different-currency', []);
    if (!isPayableAmount(payment.amountCents)) return listed(paymentId, 'amount-matches-none', []);

    const linked = context.invoiceOfXeroInvoice.get(payment.invoiceId);
    const linkedInvoice = linked === undefined ? undefined : balanceOf(linked);
    if (linked !== undefined && linkedInvoice) {
      return fitsBalance(payment.amountCents, linkedInvoice.balanceCents)
        ? {
            paymentId,
            action: 'apply',
            invoiceId: linked,
            customerId: linkedInvoice.customerId,
            amountCents: payment.amountCents,
            rule: 1,
          }
        : listed(paymentId, 'exceeds-balance', [linked], linkedInvoice.customerId);
    }

    const customerId =
      (payment.contactId ? context.customerOfXeroContact.get(payment.contactId) : undefined) ??
      customerOfNumber(payment.contactNumber);
    if (customerId === undefined) return listed(paymentId, 'no-such-customer', []);
    const open = openOf.get(customerId);
    if (!open || !openCount.get(customerId)) return listed(paymentId, 'no-open-invoice', [], customerId);
    const candidates = sortedFirst(open.get(payment.amountCents) ?? [], maxCandidates);
    if (candidates.length === 1) {
      return {
        paymentId,
        action: 'apply',
        invoiceId: candidates[0] as number,
        customerId,
        amountCents: payment.amountCents,
        rule: 2,
      };
    }
    return candidates.length > 1
      ? listed(paymentId, 'amount-matches-several', candidates, customerId)
      : listed(paymentId, 'amount-matches-none', sortedFirst(allOpen(open, maxCandidates), maxCandidates), customerId);
  }
}
