// The page decisions of the payment poll, from facts alone: which facts are needed, an invoice another install
// pushed found by its number, and no payment placed by guess where a balance is unknown.
import { describe, expect, it } from 'vitest';
import { customerContactNumber, syncroPaymentReference } from '../../lib/keys.ts';
import {
  balancesToRead,
  contactsToLookUp,
  decidePage,
  handledPayments,
  needsOpenInvoices,
  type PageFacts,
  sameNumberLinks,
  withContactNumbers,
} from '../../lib/payments/decide.ts';
import type { XeroPaymentFact } from '../../lib/payments/match.ts';
import type { PaymentImport } from '../../lib/storage/db.ts';

const fact = (fields: Partial<XeroPaymentFact> & Pick<XeroPaymentFact, 'paymentId'>): XeroPaymentFact => ({
  invoiceId: `x-${fields.paymentId}`,
  contactNumber: customerContactNumber(2004),
  amountCents: 10_000,
  currency: 'USD',
  date: '2026-11-20',
  status: 'AUTHORISED',
  ...fields,
});

const page = (fields: Partial<PageFacts> & Pick<PageFacts, 'facts'>): PageFacts => ({
  baseCurrency: 'USD',
  alreadyInSyncro: new Set(),
  invoiceLinks: new Map(),
  contactLinks: new Map(),
  openNow: [],
  balanceOf: new Map(),
  balanceUnknown: new Set(),
  ...fields,
});

const entry = (paymentId: string, state: PaymentImport['state']): PaymentImport => ({
  paymentId,
  state,
  amountCents: 100,
  date: '2026-11-20',
  customerName: 'Acme',
  attempts: 0,
  updatedAt: 0,
});

describe('what a page needs read', () => {
  it('counts applied and dismissed payments as handled, not those waiting or retried', () => {
    const known = new Map(
      (['applied', 'dismissed', 'listed', 'retry'] as const).map((state) => [state, entry(state, state)]),
    );
    expect([...handledPayments(known)].sort()).toEqual(['applied', 'dismissed']);
  });

  it('looks up each contact without a link once, and keeps a ContactNumber the invoice gave', () => {
    const facts = [
      fact({ paymentId: 'p1', contactId: 'c-linked' }),
      fact({ paymentId: 'p2', contactId: 'c-new', contactNumber: undefined }),
      fact({ paymentId: 'p3', contactId: 'c-new', contactNumber: undefined }),
      fact({ paymentId: 'p4', contactId: 'c-given' }),
    ];
    const unknown = contactsToLookUp(facts, new Map([['c-linked', 1]]));
    expect(unknown).toEqual(['c-new', 'c-given']);
    const numbers = new Map([
      ['c-new', customerContactNumber(2010)],
      ['c-given', customerContactNumber(2999)],
    ]);
    const filled = withContactNumbers(facts, numbers);
    expect(filled.map((each) => each.contactNumber)).toEqual([
      customerContactNumber(2004),
      customerContactNumber(2010),
      customerContactNumber(2010),
      customerContactNumber(2004),
    ]);
    expect(facts[1]?.contactNumber).toBeUndefined(); // the facts given are not changed
  });

  it("lists Syncro's open invoices only for a payment to place on an invoice without a link", () => {
    const facts = [fact({ paymentId: 'p1' }), fact({ paymentId: 'p2' })];
    const links = new Map([
      ['x-p1', 1],
      ['x-p2', 2],
    ]);
    expect(needsOpenInvoices(facts, links, new Set())).toBe(false);
    expect(needsOpenInvoices(facts, new Map([['x-p1', 1]]), new Set())).toBe(true);
    expect(needsOpenInvoices(facts, new Map([['x-p1', 1]]), new Set(['p2']))).toBe(false);
  });

  it('reads the balances of linked invoices to place on and of listed invoices of the customers concerned', () => {
    const facts = [
      fact({ paymentId: 'linked', invoiceId: 'x-linked' }),
      fact({ paymentId: 'mine', invoiceId: 'x-mine', reference: syncroPaymentReference(7) }),
      fact({ paymentId: 'rule2', contactNumber: customerContactNumber(2007) }),
      fact({ paymentId: 'voided', contactNumber: customerContactNumber(2008), status: 'VOIDED' }),
    ];
    const ids = balancesToRead(
      page({
        facts,
        invoiceLinks: new Map([
          ['x-linked', 10],
          ['x-mine', 11],
        ]),
        openNow: [
          { id: 20, number: '20', customerId: 2007 },
          { id: 21, number: '21', customerId: 2007, balanceCents: 500 },
          { id: 22, number: '22', customerId: 2008 },
          { id: 23, number: '23', customerId: 2009 },
        ],
      }),
    );
    expect(ids).toEqual([10, 20]);
  });
});

describe('an invoice another install pushed', () => {
  const open = [{ id: 48, number: '1048', customerId: 2004, balanceCents: 7_000 }];

  it('is the open Syncro invoice with its number and the same customer', () => {
    const facts = [fact({ paymentId: 'p1', invoiceId: 'x-other' })];
    const { invoiceLinks, balanceOf } = sameNumberLinks(
      { facts, invoiceLinks: new Map(), contactLinks: new Map(), openNow: open },
      ['1048'],
    );
    expect(invoiceLinks.get('x-other')).toBe(48);
    expect(balanceOf.get(48)).toEqual({ customerId: 2004, balanceCents: 7_000 });
  });

  it("is not another customer's invoice with the same number", () => {
    const facts = [fact({ paymentId: 'p1', invoiceId: 'x-other', contactNumber: customerContactNumber(2005) })];
    const { invoiceLinks } = sameNumberLinks(
      { facts, invoiceLinks: new Map(), contactLinks: new Map(), openNow: open },
      ['1048'],
    );
    expect(invoiceLinks.size).toBe(0);
  });
});

describe('a payment where a balance is unknown', () => {
  it('is listed with the linked invoice whose balance is unknown, never applied', () => {
    const [decision] = decidePage(
      page({
        facts: [fact({ paymentId: 'p1', invoiceId: 'x-linked' })],
        invoiceLinks: new Map([['x-linked', 10]]),
        balanceUnknown: new Set([10]),
        contactLinks: new Map(),
      }),
    );
    expect(decision).toEqual({
      paymentId: 'p1',
      action: 'reconcile',
      reason: 'balance-unknown',
      candidates: [10],
      customerId: 2004,
    });
  });

  it("is listed with the customer's unknown invoices and those of equal balance; other payments are matched", () => {
    const decisions = decidePage(
      page({
        facts: [
          fact({ paymentId: 'held', amountCents: 5_000 }),
          fact({ paymentId: 'free', contactNumber: customerContactNumber(2007), amountCents: 3_000 }),
        ],
        openNow: [
          { id: 30, number: '30', customerId: 2004 },
          { id: 25, number: '25', customerId: 2004, balanceCents: 5_000 },
          { id: 26, number: '26', customerId: 2004, balanceCents: 9_000 },
          { id: 40, number: '40', customerId: 2007, balanceCents: 3_000 },
        ],
        balanceUnknown: new Set([30]),
      }),
    );
    expect(decisions).toEqual([
      { paymentId: 'held', action: 'reconcile', reason: 'balance-unknown', candidates: [25, 30], customerId: 2004 },
      { paymentId: 'free', action: 'apply', invoiceId: 40, customerId: 2007, amountCents: 3_000, rule: 2 },
    ]);
  });
});
