// Which Syncro invoice each Xero payment belongs to — a pure function, linear in payments + invoices.
// 1. A payment on a Xero invoice that came from Syncro → that Syncro invoice (partial payments too), as long
//    as it does not exceed the balance left. 2. Else the seed's rule: exactly one open invoice of the same
//    customer whose balance equals the amount. Otherwise nothing is applied and the payment is listed with a
//    reason. Balances are spent as payments are applied, so two payments never both fill one invoice.

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
  | 'different-currency';

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
};

const customerNumber = /^SYNCRO-C-(\d+)$/;
/** A person choosing "Apply to invoice…" is shown at most this many of the customer's open invoices. */
const maxCandidates = 20;

const sortedFirst = (ids: Iterable<number>, limit: number) => [...ids].sort((a, b) => a - b).slice(0, limit);

export function matchPayments(payments: readonly XeroPaymentFact[], context: MatchContext): PaymentDecision[] {
  // Balances and the "same customer, same balance" index, both updated as payments are applied.
  const balances = new Map<number, { customerId: number; balanceCents: number }>();
  for (const [id, invoice] of context.balanceOf) balances.set(id, { ...invoice });
  const byCustomerAndBalance = new Map<string, Set<number>>();
  const slot = (customerId: number, balanceCents: number) => `${customerId}:${balanceCents}`;
  const openByCustomer = new Map<number, Set<number>>();
  const addTo = <K>(map: Map<K, Set<number>>, key: K, id: number) => {
    const ids = map.get(key) ?? new Set<number>();
    ids.add(id);
    map.set(key, ids);
  };
  const index = (id: number, customerId: number, balanceCents: number) => {
    if (balanceCents <= 0) return;
    addTo(byCustomerAndBalance, slot(customerId, balanceCents), id);
    addTo(openByCustomer, customerId, id);
  };
  for (const invoice of context.openInvoices) {
    if (!balances.has(invoice.id)) balances.set(invoice.id, { customerId: invoice.customerId, balanceCents: 0 });
    const known = balances.get(invoice.id);
    if (known) known.balanceCents = invoice.balanceCents;
    index(invoice.id, invoice.customerId, invoice.balanceCents);
  }
  const spend = (id: number, amountCents: number) => {
    const invoice = balances.get(id);
    if (!invoice) return;
    const before = invoice.balanceCents;
    byCustomerAndBalance.get(slot(invoice.customerId, before))?.delete(id);
    openByCustomer.get(invoice.customerId)?.delete(id);
    invoice.balanceCents = before - amountCents;
    index(id, invoice.customerId, invoice.balanceCents);
  };

  const ordered = [...payments].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.paymentId < b.paymentId ? -1 : 1,
  );
  const decisions = new Map<string, PaymentDecision>();
  for (const payment of ordered) {
    const decision = decide(payment);
    decisions.set(payment.paymentId, decision);
    if (decision.action === 'apply') spend(decision.invoiceId, decision.amountCents);
  }
  // Same order as given, whatever order they were decided in.
  return payments.map((payment) => decisions.get(payment.paymentId) as PaymentDecision);

  function decide(payment: XeroPaymentFact): PaymentDecision {
    const { paymentId } = payment;
    if (/^SYNCRO-PAY-/i.test(payment.reference?.trim() ?? '')) {
      return { paymentId, action: 'skip', reason: 'pushed-from-syncro' };
    }
    if (context.alreadyInSyncro.has(paymentId)) return { paymentId, action: 'skip', reason: 'already-in-syncro' };
    if (payment.status === 'DELETED' || payment.status === 'VOIDED') {
      return { paymentId, action: 'skip', reason: 'deleted' };
    }
    const reconcile = (reason: ReconcileReason, candidates: number[] = [], customerId?: number): PaymentDecision => ({
      paymentId,
      action: 'reconcile',
      reason,
      candidates,
      ...(customerId === undefined ? {} : { customerId }),
    });
    if (context.currency && payment.currency && payment.currency !== context.currency) {
      return reconcile('different-currency');
    }
    if (!(payment.amountCents > 0)) return reconcile('amount-matches-none');

    const linked = context.invoiceOfXeroInvoice.get(payment.invoiceId);
    const linkedInvoice = linked === undefined ? undefined : balances.get(linked);
    if (linked !== undefined && linkedInvoice) {
      return payment.amountCents <= linkedInvoice.balanceCents
        ? {
            paymentId,
            action: 'apply',
            invoiceId: linked,
            customerId: linkedInvoice.customerId,
            amountCents: payment.amountCents,
            rule: 1,
          }
        : reconcile('exceeds-balance', [linked], linkedInvoice.customerId);
    }

    const fromNumber = customerNumber.exec(payment.contactNumber ?? '')?.[1];
    const customerId =
      (payment.contactId ? context.customerOfXeroContact.get(payment.contactId) : undefined) ??
      (fromNumber ? Number(fromNumber) : undefined);
    if (customerId === undefined) return reconcile('no-such-customer');
    const open = openByCustomer.get(customerId);
    if (!open || open.size === 0) return reconcile('no-open-invoice', [], customerId);
    const candidates = sortedFirst(
      byCustomerAndBalance.get(slot(customerId, payment.amountCents)) ?? [],
      maxCandidates,
    );
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
      ? reconcile('amount-matches-several', candidates, customerId)
      : reconcile('amount-matches-none', sortedFirst(open, maxCandidates), customerId);
  }
}
