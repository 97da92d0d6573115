// The payment matcher: examples of every rule and reason, then properties over generated books.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MatchContext, matchPayments, type OpenInvoice, type XeroPaymentFact } from '../../lib/payments/match.ts';

const payment = (fields: Partial<XeroPaymentFact> & Pick<XeroPaymentFact, 'paymentId'>): XeroPaymentFact => ({
  invoiceId: 'x-inv-unlinked',
  contactNumber: 'SYNCRO-C-2004',
  amountCents: 10_000,
  currency: 'USD',
  date: '2026-11-20',
  status: 'AUTHORISED',
  ...fields,
});

function context(open: OpenInvoice[], fields: Partial<MatchContext> = {}): MatchContext {
  return {
    currency: 'USD',
    invoiceOfXeroInvoice: new Map(),
    customerOfXeroContact: new Map(),
    openInvoices: open,
    balanceOf: new Map(open.map((invoice) => [invoice.id, invoice])),
    alreadyInSyncro: new Set(),
    ...fields,
  };
}

describe('matchPayments, by example', () => {
  const open = [
    { id: 1, customerId: 2004, balanceCents: 10_000 },
    { id: 2, customerId: 2004, balanceCents: 25_000 },
    { id: 3, customerId: 2007, balanceCents: 5_000 },
    { id: 4, customerId: 2007, balanceCents: 5_000 },
  ];

  it('applies the seed rule: one open invoice of the customer with that balance', () => {
    expect(matchPayments([payment({ paymentId: 'p1' })], context(open))).toEqual([
      { paymentId: 'p1', action: 'apply', invoiceId: 1, customerId: 2004, amountCents: 10_000, rule: 2 },
    ]);
  });

  it('applies a partial payment on a linked invoice to that invoice', () => {
    const links = context(open, { invoiceOfXeroInvoice: new Map([['x-2', 2]]) });
    expect(matchPayments([payment({ paymentId: 'p1', invoiceId: 'x-2', amountCents: 7_500 })], links)).toEqual([
      { paymentId: 'p1', action: 'apply', invoiceId: 2, customerId: 2004, amountCents: 7_500, rule: 1 },
    ]);
  });

  it('never guesses between equal invoices', () => {
    const [decision] = matchPayments(
      [payment({ paymentId: 'p1', contactNumber: 'SYNCRO-C-2007', amountCents: 5_000 })],
      context(open),
    );
    expect(decision).toEqual({
      paymentId: 'p1',
      action: 'reconcile',
      reason: 'amount-matches-several',
      candidates: [3, 4],
      customerId: 2007,
    });
  });

  it('lists what it cannot place, with the reason', () => {
    const decisions = matchPayments(
      [
        payment({ paymentId: 'none', amountCents: 999 }),
        payment({ paymentId: 'stranger', contactNumber: undefined, contactId: 'unknown' }),
        payment({ paymentId: 'euro', currency: 'EUR' }),
        payment({ paymentId: 'closed', contactNumber: 'SYNCRO-C-2010' }),
      ],
      context(open),
    );
    expect(
      decisions.map((decision) => [decision.paymentId, decision.action === 'reconcile' && decision.reason]),
    ).toEqual([
      ['none', 'amount-matches-none'],
      ['stranger', 'no-such-customer'],
      ['euro', 'different-currency'],
      ['closed', 'no-open-invoice'],
    ]);
    expect(decisions[0]).toMatchObject({ candidates: [1, 2] });
  });

  it('never exceeds a linked invoice balance', () => {
    const links = context(open, { invoiceOfXeroInvoice: new Map([['x-1', 1]]) });
    expect(matchPayments([payment({ paymentId: 'p', invoiceId: 'x-1', amountCents: 10_001 })], links)[0]).toMatchObject(
      { action: 'reconcile', reason: 'exceeds-balance', candidates: [1] },
    );
  });

  it('skips its own pushes, what Syncro has already, and deleted payments', () => {
    const decisions = matchPayments(
      [
        payment({ paymentId: 'mine', reference: 'SYNCRO-PAY-7001' }),
        payment({ paymentId: 'known' }),
        payment({ paymentId: 'gone', status: 'DELETED' }),
      ],
      context(open, { alreadyInSyncro: new Set(['known']) }),
    );
    expect(decisions.map((decision) => decision.action === 'skip' && decision.reason)).toEqual([
      'pushed-from-syncro',
      'already-in-syncro',
      'deleted',
    ]);
  });

  it('spends balances: a second payment of the same amount does not fill the same invoice', () => {
    const decisions = matchPayments(
      [payment({ paymentId: 'a', date: '2026-11-01' }), payment({ paymentId: 'b', date: '2026-11-02' })],
      context(open),
    );
    expect(decisions.map((decision) => decision.action)).toEqual(['apply', 'reconcile']);
  });

  it('finds the customer by the contact link when the contact has no Syncro number', () => {
    const byLink = context(open, { customerOfXeroContact: new Map([['contact-1', 2004]]) });
    const [decision] = matchPayments(
      [payment({ paymentId: 'p', contactNumber: undefined, contactId: 'contact-1' })],
      byLink,
    );
    expect(decision).toMatchObject({ action: 'apply', invoiceId: 1 });
  });
});

// Generated books: a few customers with open invoices (balances from a small set, so ties happen), some
// linked to Xero invoices, and payments on them in two currencies.
const book = fc
  .record({
    invoices: fc.array(
      fc.record({ customerId: fc.integer({ min: 1, max: 5 }), balanceCents: fc.constantFrom(500, 1_000, 2_500) }),
      { maxLength: 30 },
    ),
    payments: fc.array(
      fc.record({
        customer: fc.integer({ min: 0, max: 6 }),
        linkedTo: fc.option(fc.nat(40), { nil: undefined }),
        amountCents: fc.constantFrom(-100, 0, 250, 500, 1_000, 2_500, 3_000),
        currency: fc.constantFrom('USD', 'USD', 'USD', 'EUR'),
        day: fc.integer({ min: 1, max: 28 }),
      }),
      { maxLength: 30 },
    ),
  })
  .map(({ invoices, payments }) => {
    const open = invoices.map((invoice, i) => ({ id: i + 1, ...invoice }));
    const links = new Map(
      open.filter((invoice) => invoice.id % 3 === 0).map((invoice) => [`x-${invoice.id}`, invoice.id]),
    );
    const facts = payments.map((generated, i) => ({
      paymentId: `p-${i}`,
      invoiceId: generated.linkedTo === undefined ? `x-none-${i}` : `x-${generated.linkedTo}`,
      contactNumber: `SYNCRO-C-${generated.customer}`,
      amountCents: generated.amountCents,
      currency: generated.currency,
      date: `2026-11-${String(generated.day).padStart(2, '0')}`,
      status: 'AUTHORISED',
    }));
    return { open, facts, ctx: context(open, { invoiceOfXeroInvoice: links }) };
  });

describe('matchPayments, properties', () => {
  it('gives every payment one decision, never exceeds a balance and never crosses currencies', () => {
    fc.assert(
      fc.property(book, ({ open, facts, ctx }) => {
        const decisions = matchPayments(facts, ctx);
        expect(decisions.map((decision) => decision.paymentId)).toEqual(facts.map((fact) => fact.paymentId));
        const spent = new Map<number, number>();
        for (const [i, decision] of decisions.entries()) {
          if (decision.action !== 'apply') continue;
          expect(facts[i]?.currency).toBe('USD');
          expect(decision.amountCents).toBeGreaterThan(0);
          spent.set(decision.invoiceId, (spent.get(decision.invoiceId) ?? 0) + decision.amountCents);
        }
        for (const [id, total] of spent) {
          expect(total).toBeLessThanOrEqual(open.find((invoice) => invoice.id === id)?.balanceCents ?? 0);
        }
      }),
    );
  });

  it('never applies by amount when the customer has equal invoices (a tie is never guessed)', () => {
    fc.assert(
      fc.property(book, ({ open, facts }) => {
        // Every open invoice twice: every amount match is a tie.
        const doubled = open.flatMap((invoice) => [invoice, { ...invoice, id: invoice.id + 1_000 }]);
        const decisions = matchPayments(facts, context(doubled));
        expect(decisions.filter((decision) => decision.action === 'apply')).toEqual([]);
      }),
    );
  });

  it('decides the same whatever order the payments come in', () => {
    fc.assert(
      fc.property(
        book.chain((generated) =>
          fc
            .shuffledSubarray(generated.facts, { minLength: generated.facts.length })
            .map((shuffled) => ({ ...generated, shuffled })),
        ),
        ({ facts, shuffled, ctx }) => {
          const byId = (decisions: ReturnType<typeof matchPayments>) =>
            Object.fromEntries(decisions.map((decision) => [decision.paymentId, decision]));
          expect(byId(matchPayments(shuffled, ctx))).toEqual(byId(matchPayments(facts, ctx)));
        },
      ),
    );
  });
});
