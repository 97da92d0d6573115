// What the poll does with a page of Xero payments, decided from facts gathered beforehand (gather.ts): pure
// functions, facts in and decisions out. The matcher (match.ts) places payments; this part says which facts it
// needs, links an invoice another install pushed by its number, and keeps a payment whose invoice balance is
// unknown from being placed by guess.

import { customerOfContactNumber, isPushedFromSyncro } from '../keys.ts';
import type { PaymentImport } from '../storage/db.ts';
import {
  isOtherCurrency,
  isPayableAmount,
  matchPayments,
  type PaymentDecision,
  type XeroPaymentFact,
} from './match.ts';
import type { ListedOpenInvoice } from './open-invoices.ts';
import type { XeroPayment } from './xero-payments.ts';

/** A payment of the page and what is to be done with it. */
export interface Decided {
  payment: XeroPayment;
  decision: PaymentDecision;
}

export interface InvoiceBalance {
  customerId: number;
  balanceCents: number;
}

/** Everything a page's decisions rest on. */
export interface PageFacts {
  /** One per payment of the page, in page order; ContactNumbers read from Xero filled in. */
  facts: readonly XeroPaymentFact[];
  /** The organisation's base currency, '' when unknown. */
  baseCurrency: string;
  /** Payments the imports store has as applied or dismissed. */
  alreadyInSyncro: ReadonlySet<string>;
  /** Xero InvoiceID → Syncro invoice id: links, and invoices another install pushed (sameNumberLinks). */
  invoiceLinks: ReadonlyMap<string, number>;
  /** Xero ContactID → Syncro customer id (links). */
  contactLinks: ReadonlyMap<string, number>;
  /** Syncro's open invoices, when some payment needed them (needsOpenInvoices), else none. */
  openNow: readonly ListedOpenInvoice[];
  /** Balances known: from the open list (same number) and read from invoice details. */
  balanceOf: ReadonlyMap<number, InvoiceBalance>;
  /** Invoices whose balance Syncro does not say (a payment on it split over several invoices). */
  balanceUnknown: ReadonlySet<number>;
}

/** The payments already handled: applied in Syncro, or dismissed by a person. */
export const handledPayments = (known: ReadonlyMap<string, PaymentImport>): Set<string> =>
  new Set(
    [...known.values()]
      .filter((entry) => entry.state === 'applied' || entry.state === 'dismissed')
      .map((entry) => entry.paymentId),
  );

/** Contacts without a link here: another install may have created them, with our ContactNumber in Xero. */
export const contactsToLookUp = (
  facts: readonly XeroPaymentFact[],
  contactLinks: ReadonlyMap<string, number>,
): string[] => [
  ...new Set(facts.flatMap((fact) => (fact.contactId && !contactLinks.has(fact.contactId) ? [fact.contactId] : []))),
];

/** The facts with the ContactNumbers read from Xero, where the payment's invoice gave none. */
export const withContactNumbers = (
  facts: readonly XeroPaymentFact[],
  numbers: ReadonlyMap<string, string>,
): XeroPaymentFact[] =>
  facts.map((fact) => {
    const number = fact.contactId ? numbers.get(fact.contactId) : undefined;
    return number && !fact.contactNumber ? { ...fact, contactNumber: number } : fact;
  });

/** Syncro's open invoices are listed only when some payment to place is on an invoice without a link. */
export const needsOpenInvoices = (
  facts: readonly XeroPaymentFact[],
  invoiceLinks: ReadonlyMap<string, number>,
  alreadyInSyncro: ReadonlySet<string>,
): boolean => facts.some((fact) => !invoiceLinks.has(fact.invoiceId) && !alreadyInSyncro.has(fact.paymentId));

type CustomerFacts = Pick<PageFacts, 'contactLinks'>;

/** The Syncro customer of a payment's Xero contact: by link, else by our ContactNumber. */
const customerOf = (page: CustomerFacts, fact: XeroPaymentFact): number | undefined =>
  (fact.contactId && page.contactLinks.get(fact.contactId)) || customerOfContactNumber(fact.contactNumber);

/**
 * An invoice another install pushed is not linked here, but it carries the Syncro number and our customer's
 * ContactNumber in Xero: that is the same invoice. The links with those added, and the balances the list gave.
 */
export function sameNumberLinks(
  page: Pick<PageFacts, 'facts' | 'invoiceLinks' | 'contactLinks' | 'openNow'>,
  xeroInvoiceNumbers: readonly (string | undefined)[],
): { invoiceLinks: Map<string, number>; balanceOf: Map<number, InvoiceBalance> } {
  const invoiceLinks = new Map(page.invoiceLinks);
  const balanceOf = new Map<number, InvoiceBalance>();
  const byNumber = new Map(page.openNow.map((invoice) => [invoice.number, invoice]));
  for (const [i, fact] of page.facts.entries()) {
    const sameNumber = byNumber.get(xeroInvoiceNumbers[i] ?? '');
    if (!invoiceLinks.has(fact.invoiceId) && sameNumber && sameNumber.customerId === customerOf(page, fact)) {
      invoiceLinks.set(fact.invoiceId, sameNumber.id);
      const { customerId, balanceCents } = sameNumber;
      if (balanceCents !== undefined) balanceOf.set(sameNumber.id, { customerId, balanceCents });
    }
  }
  return { invoiceLinks, balanceOf };
}

type PlacingFacts = Omit<PageFacts, 'balanceUnknown'>;

/** Neither handled already nor our own push: the payment needs an invoice. */
const needsPlace = (page: Pick<PageFacts, 'alreadyInSyncro'>, fact: XeroPaymentFact) =>
  !page.alreadyInSyncro.has(fact.paymentId) && !isPushedFromSyncro(fact.reference);

/** A payment the seed's rule may place: on no linked invoice, payable, live and in Syncro's currency. */
const byRule2 = (page: PlacingFacts, fact: XeroPaymentFact) =>
  needsPlace(page, fact) &&
  !page.invoiceLinks.has(fact.invoiceId) &&
  isPayableAmount(fact.amountCents) &&
  fact.status !== 'DELETED' &&
  fact.status !== 'VOIDED' &&
  !isOtherCurrency(fact.currency, page.baseCurrency);

/**
 * The Syncro invoices whose balance must be read from their detail: the linked invoices a payment may go to (our
 * own pushes and known imports need none), and the open invoices listed without a balance whose customer a
 * payment may go to by the seed's rule. Each once, in the order first needed.
 */
export function balancesToRead(page: PlacingFacts): number[] {
  const concerned = new Set(page.facts.flatMap((fact) => (byRule2(page, fact) ? (customerOf(page, fact) ?? []) : [])));
  const linkedIds = page.facts.flatMap((fact) =>
    needsPlace(page, fact) ? (page.invoiceLinks.get(fact.invoiceId) ?? []) : [],
  );
  return [
    ...new Set([
      ...linkedIds.filter((id) => !page.balanceOf.has(id)),
      ...page.openNow
        .filter((each) => each.balanceCents === undefined && concerned.has(each.customerId))
        .map((each) => each.id),
    ]),
  ];
}

/** One decision per payment of the page, in page order. */
export function decidePage(page: PageFacts): PaymentDecision[] {
  const openInvoices = page.openNow.flatMap((invoice) => {
    const balanceCents = invoice.balanceCents ?? page.balanceOf.get(invoice.id)?.balanceCents;
    return balanceCents !== undefined && balanceCents > 0 ? [{ ...invoice, balanceCents }] : [];
  });
  // A payment that may go to an invoice whose balance is unknown is never placed by guess, there or elsewhere:
  // listed with those invoices (and any of the customer's with a balance equal to the amount).
  const unknownCandidates = (fact: XeroPaymentFact): number[] | undefined => {
    if (!needsPlace(page, fact)) return undefined;
    const linked = page.invoiceLinks.get(fact.invoiceId);
    if (linked !== undefined) return page.balanceUnknown.has(linked) ? [linked] : undefined;
    const customerId = byRule2(page, fact) ? customerOf(page, fact) : undefined;
    const unknown = page.openNow.filter((each) => each.customerId === customerId && page.balanceUnknown.has(each.id));
    if (unknown.length === 0) return undefined;
    const equal = openInvoices.filter(
      (each) => each.customerId === customerId && each.balanceCents === fact.amountCents,
    );
    return [...unknown, ...equal].map((each) => each.id).sort((a, b) => a - b);
  };
  const decisions = matchPayments(
    page.facts.filter((fact) => unknownCandidates(fact) === undefined),
    {
      currency: page.baseCurrency,
      invoiceOfXeroInvoice: page.invoiceLinks,
      customerOfXeroContact: page.contactLinks,
      openInvoices,
      balanceOf: page.balanceOf,
      alreadyInSyncro: page.alreadyInSyncro,
    },
  ).values();
  return page.facts.map((fact) => {
    const candidates = unknownCandidates(fact);
    const customerId = customerOf(page, fact);
    return candidates === undefined
      ? (decisions.next().value as PaymentDecision)
      : {
          paymentId: fact.paymentId,
          action: 'reconcile',
          reason: 'balance-unknown',
          candidates,
          ...(customerId === undefined ? {} : { customerId }),
        };
  });
}
