// The payment matcher as it was before it went hash-only: the same rules, with one sort of all the payments
// (oldest first). Kept here only as the baseline the P4 bench runs in turn with the shipped one. Not shipped.
import { customerOfContactNumber, isPushedFromSyncro } from '../../lib/keys.ts';
import {
  fitsBalance,
  isOtherCurrency,
  isPayableAmount,
  type MatchContext,
  type PaymentDecision,
  type ReconcileReason,
  type XeroPaymentFact,
} from '../../lib/payments/match.ts';

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

export function sortedMatchPayments(payments: readonly XeroPaymentFact[], context: MatchContext): PaymentDecision[] {
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
