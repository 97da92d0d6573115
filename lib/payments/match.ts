// Which Syncro invoice each Xero payment belongs to — a pure function, linear in payments + invoices.
// 1. A payment on a Xero invoice that came from Syncro → that Syncro invoice (partial payments too), as long
//    as it does not exceed the balance left. 2. Else the seed's rule: exactly one open invoice of the same
//    customer whose balance equals the amount. Otherwise nothing is applied and the payment is listed with a
//    reason. Balances are spent as payments are applied, so two payments never both fill one invoice.
// Linear: invoices are hashed by customer, then balance (no currency key: a payment in another currency is listed
// before matching), payments by the customer whose balances they may spend. Only one customer's payments change
// each other's decisions, so each customer's are taken oldest first, then by id, without sorting all payments.

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

/** A payment in another currency than Syncro's amounts; when either currency is unknown it is not checked. */
export const isOtherCurrency = (paymentCurrency: string | undefined, syncroCurrency: string): boolean =>
  Boolean(syncroCurrency && paymentCurrency && paymentCurrency !== syncroCurrency);

/** Only a positive amount is ever put on a Syncro invoice. */
export const isPayableAmount = (amountCents: number): boolean => amountCents > 0;

/** A payment never takes an invoice below zero. */
export const fitsBalance = (amountCents: number, balanceCents: number): boolean => amountCents <= balanceCents;

/** A person choosing "Apply to invoice…" is shown at most this many of the customer's open invoices. */
const maxCandidates = 20;

/** Sorts in place: a few items by insertion (Array.prototype.sort allocates on every call), more by sort. */
function sortInPlace(items: number[], compare: (a: number, b: number) => number): number[] {
  if (items.length > 32) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as number;
    let at = i;
    for (; at > 0 && compare(items[at - 1] as number, item) > 0; at--) items[at] = items[at - 1] as number;
    items[at] = item;
  }
  return items;
}

/** The lowest ids of `ids` (the caller's own array, sorted in place), for the person to choose from. */
const lowest = (ids: number[]) => sortInPlace(ids, (a, b) => a - b).slice(0, maxCandidates);

const listed = (paymentId: string, reason: ReconcileReason, candidates: number[], customerId?: number) =>
  (customerId === undefined
    ? { paymentId, action: 'reconcile', reason, candidates }
    : { paymentId, action: 'reconcile', reason, candidates, customerId }) as PaymentDecision;

type Balance = { customerId: number; balanceCents: number };
/** A customer's open invoices with one balance; `lowest` is kept until one comes or goes. */
type Group = { ids: number[]; lowest?: number[] };
/** One customer's open invoices by balance. A balance emptied keeps its place: "matches none" follows this order. */
type OpenOfCustomer = { byBalance: Map<number, Group>; count: number; lowest?: number[] };

/** False when the balance leaves nothing open. */
function add(open: OpenOfCustomer, id: number, balanceCents: number): boolean {
  if (balanceCents <= 0) return false;
  const group = open.byBalance.get(balanceCents);
  if (group) group.ids.push(id);
  else open.byBalance.set(balanceCents, { ids: [id] });
  if (group) group.lowest = undefined;
  open.count++;
  return true;
}

/** False when the invoice was not open at that balance. */
function remove(open: OpenOfCustomer, id: number, balanceCents: number): boolean {
  const group = open.byBalance.get(balanceCents);
  const at = group ? group.ids.indexOf(id) : -1;
  if (!group || at < 0) return false;
  group.ids[at] = group.ids[group.ids.length - 1] as number; // the order within a group is never read
  group.ids.pop();
  group.lowest = undefined;
  open.count--;
  return true;
}

/** The lowest ids among the first groups (at least `maxCandidates` × 4 invoices): choices for "matches none". */
function lowestOpen(open: OpenOfCustomer): number[] {
  const ids: number[] = [];
  for (const group of open.byBalance.values()) {
    ids.push(...group.ids);
    if (ids.length >= maxCandidates * 4) break;
  }
  return lowest(ids);
}

export function matchPayments(payments: readonly XeroPaymentFact[], context: MatchContext): PaymentDecision[] {
  // The balances as payments are applied (`mine`: a copy of each one read or changed), each customer's open ones.
  const balances = new Map<number, Balance>();
  const mine = (id: number): Balance | undefined => {
    const copied = balances.get(id);
    const known = copied ? undefined : context.balanceOf.get(id);
    const copy = known && { customerId: known.customerId, balanceCents: known.balanceCents };
    if (copy) balances.set(id, copy);
    return copied ?? copy;
  };
  const openOf = new Map<number, OpenOfCustomer>();
  const openOfCustomer = (customerId: number) => {
    const known = openOf.get(customerId);
    if (known) return known;
    const open: OpenOfCustomer = { byBalance: new Map(), count: 0 };
    openOf.set(customerId, open);
    return open;
  };
  let customerChanged = false;
  for (const invoice of context.openInvoices) {
    const known = context.balanceOf.get(invoice.id);
    if (!known || known.balanceCents !== invoice.balanceCents || known.customerId !== invoice.customerId) {
      balances.set(invoice.id, { customerId: invoice.customerId, balanceCents: invoice.balanceCents });
      customerChanged ||= known?.customerId !== invoice.customerId;
    }
    add(openOfCustomer(invoice.customerId), invoice.id, invoice.balanceCents);
  }
  // An id listed under two customers ties their payments together: then all are taken as one customer's.
  const asOneCustomer =
    customerChanged &&
    context.openInvoices.some((each) => (balances.get(each.id)?.customerId ?? each.customerId) !== each.customerId);
  const spend = (id: number, amountCents: number, invoice = mine(id)) => {
    if (!invoice) return;
    const open = openOfCustomer(invoice.customerId);
    const found = remove(open, id, invoice.balanceCents);
    invoice.balanceCents -= amountCents;
    // The same invoices still open, all taken for "matches none" (under × 4 maxCandidates): the same choices.
    if (!add(open, id, invoice.balanceCents) || !found || open.count >= maxCandidates * 4) open.lowest = undefined;
  };

  // ContactNumber → customer id, parsed once per distinct contact.
  const numbers = new Map<string, number | null>();
  const customerOfNumber = (contactNumber: string | undefined) => {
    const known = contactNumber ? numbers.get(contactNumber) : null;
    const customerId = known === undefined ? (customerOfContactNumber(contactNumber) ?? null) : known;
    if (known === undefined) numbers.set(contactNumber as string, customerId);
    return customerId ?? undefined;
  };

  // What needs no balance is decided now. The rest waits for the balances of its linked invoice (rule 1) or its
  // customer (rule 2), chained by date, the latest of each date last (lastOfDay, earlier).
  const n = payments.length;
  const decisions: PaymentDecision[] = new Array(n);
  const linkedTo: (Balance | undefined)[] = new Array(n);
  const target: number[] = new Array(n).fill(0);
  const day = new Int32Array(n);
  const earlier = new Int32Array(n);
  const dates = new Map<string, number>();
  const lastOfDay: number[] = [];
  for (let i = 0; i < n; i++) {
    const payment = payments[i] as XeroPaymentFact;
    decisions[i] = withoutBalances(payment, i) as PaymentDecision; // else undefined until its turn below
    if (decisions[i]) continue;
    const known = dates.get(payment.date);
    const date = known ?? lastOfDay.push(-1) - 1;
    if (known === undefined) dates.set(payment.date, date);
    day[i] = date;
    earlier[i] = lastOfDay[date] as number;
    lastOfDay[date] = i;
  }
  // Then chained per customer, oldest first: the dates taken latest first (only the distinct dates are sorted:
  // a few hundred days for any number of payments), each payment put at the head of its customer's chain.
  const firstOf = new Map<number, number>();
  const next = new Int32Array(n);
  for (const date of [...dates.keys()].sort().reverse()) {
    for (let i = lastOfDay[dates.get(date) as number] as number; i >= 0; i = earlier[i] as number) {
      const customer = asOneCustomer ? 0 : (linkedTo[i]?.customerId ?? (target[i] as number));
      next[i] = firstOf.get(customer) ?? -1;
      firstOf.set(customer, i);
    }
  }
  // One customer's payments of one day are taken by id, then by position (compared as text, as before).
  const byId = (a: number, b: number) => {
    const p = (payments[a] as XeroPaymentFact).paymentId;
    const q = (payments[b] as XeroPaymentFact).paymentId;
    return p !== q ? (p < q ? -1 : 1) : String(a) < String(b) ? -1 : 1;
  };
  const sameDay: number[] = [];
  for (let i of firstOf.values()) {
    while (i >= 0) {
      const today = day[i];
      let count = 0;
      for (; i >= 0 && day[i] === today; i = next[i] as number) sameDay[count++] = i;
      const inOrder = count === 1 ? sameDay : sortInPlace(sameDay.slice(0, count), byId);
      for (let at = 0; at < count; at++) withBalances(inOrder[at] as number);
    }
  }
  return decisions;

  /** The decision when it needs no balance; else undefined, with what it waits for noted. */
  function withoutBalances(payment: XeroPaymentFact, i: number): PaymentDecision | undefined {
    const { paymentId } = payment;
    if (isPushedFromSyncro(payment.reference)) return { paymentId, action: 'skip', reason: 'pushed-from-syncro' };
    if (context.alreadyInSyncro.has(paymentId)) return { paymentId, action: 'skip', reason: 'already-in-syncro' };
    const deleted = payment.status === 'DELETED' || payment.status === 'VOIDED';
    if (deleted) return { paymentId, action: 'skip', reason: 'deleted' };
    if (isOtherCurrency(payment.currency, context.currency)) return listed(paymentId, 'different-currency', []);
    if (!isPayableAmount(payment.amountCents)) return listed(paymentId, 'amount-matches-none', []);

    const linked = context.invoiceOfXeroInvoice.get(payment.invoiceId);
    const invoice = linked === undefined ? undefined : mine(linked);
    const customerId =
      invoice?.customerId ??
      (payment.contactId ? context.customerOfXeroContact.get(payment.contactId) : undefined) ??
      customerOfNumber(payment.contactNumber);
    if (customerId === undefined) return listed(paymentId, 'no-such-customer', []);
    linkedTo[i] = invoice;
    target[i] = invoice ? (linked as number) : customerId;
    return undefined;
  }

  function withBalances(i: number): void {
    const { paymentId, amountCents } = payments[i] as XeroPaymentFact;
    const invoice = linkedTo[i];
    const id = target[i] as number;
    if (invoice) {
      const fits = fitsBalance(amountCents, invoice.balanceCents);
      decisions[i] = fits
        ? { paymentId, action: 'apply', invoiceId: id, customerId: invoice.customerId, amountCents, rule: 1 }
        : listed(paymentId, 'exceeds-balance', [id], invoice.customerId);
      if (fits) spend(id, amountCents, invoice);
      return;
    }
    const open = openOfCustomer(id);
    const equal = open.byBalance.get(amountCents);
    if (open.count === 0) {
      decisions[i] = listed(paymentId, 'no-open-invoice', [], id);
    } else if (equal?.ids.length === 1) {
      const only = equal.ids[0] as number;
      decisions[i] = { paymentId, action: 'apply', invoiceId: only, customerId: id, amountCents, rule: 2 };
      spend(only, amountCents);
    } else if (equal && equal.ids.length > 1) {
      equal.lowest ??= lowest(equal.ids.slice());
      decisions[i] = listed(paymentId, 'amount-matches-several', equal.lowest.slice(), id);
    } else {
      open.lowest ??= lowestOpen(open);
      decisions[i] = listed(paymentId, 'amount-matches-none', open.lowest.slice(), id);
    }
  }
}
