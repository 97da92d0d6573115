// The payment matcher: examples of every rule and reason, then properties over generated books, and over
// generated ledgers against the rules taken literally.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type MatchContext,
  matchPayments,
  type OpenInvoice,
  type PaymentDecision,
  type XeroPaymentFact,
} from '../../lib/payments/match.ts';

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

  it('takes payments oldest first, then by id, whatever order they come in', () => {
    const late = payment({ paymentId: 'a-late', date: '2026-11-05' });
    const early = payment({ paymentId: 'z-early', date: '2026-11-01' });
    expect(matchPayments([late, early], context(open)).map((decision) => decision.action)).toEqual([
      'reconcile',
      'apply',
    ]);
    const sameDay = [payment({ paymentId: 'b' }), payment({ paymentId: 'a' })];
    expect(matchPayments(sameDay, context(open)).map((decision) => decision.action)).toEqual(['reconcile', 'apply']);
  });

  it('keeps the date order when the open list gives one invoice two customers (the list moved while read)', () => {
    // Invoice 9 is listed under 2004 and then 2007; its balance is the last listing's (2007, 80.00).
    const twice = [
      { id: 9, customerId: 2004, balanceCents: 5_000 },
      { id: 9, customerId: 2007, balanceCents: 8_000 },
    ];
    const decisions = matchPayments(
      [
        payment({ paymentId: 'second', contactNumber: 'SYNCRO-C-2007', amountCents: 8_000, date: '2026-11-02' }),
        payment({ paymentId: 'first', contactNumber: 'SYNCRO-C-2004', amountCents: 5_000, date: '2026-11-01' }),
      ],
      context(twice, { balanceOf: new Map() }),
    );
    // The first takes 50.00 of invoice 9, leaving 30.00: the second, of 80.00, no longer matches it.
    expect(decisions.map((decision) => decision.action)).toEqual(['reconcile', 'apply']);
    expect(decisions[0]).toMatchObject({ reason: 'amount-matches-none', candidates: [9] });
  });

  it('offers, for an amount that matches none, the invoices open after the earlier payments', () => {
    // 100 open invoices of one balance: the choices are the lowest ids of the first 80 or more, by balance.
    const many = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, customerId: 2004, balanceCents: 10_000 }));
    const decisions = matchPayments(
      [
        payment({ paymentId: 'p1', amountCents: 7, date: '2026-11-01' }),
        payment({ paymentId: 'p2', invoiceId: 'x-1', amountCents: 5_000, date: '2026-11-02' }),
        payment({ paymentId: 'p3', amountCents: 7, date: '2026-11-03' }),
      ],
      context(many, { invoiceOfXeroInvoice: new Map([['x-1', 1]]) }),
    );
    const range = (from: number) => Array.from({ length: 20 }, (_, i) => from + i);
    expect(decisions[0]).toMatchObject({ reason: 'amount-matches-none', candidates: range(1) });
    expect(decisions[1]).toMatchObject({ action: 'apply', invoiceId: 1, rule: 1 });
    expect(decisions[2]).toMatchObject({ reason: 'amount-matches-none', candidates: range(2) });
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

// Generated ledgers where payments do get applied: up to 60 invoices of 4 customers, with balances often equal
// or often not, some linked to Xero, most in the open list (the others known only by their balance), and
// payments on them over 5 days (several a day): linked (in part, in full or over), equal to a balance, half of
// one, astray, or from a customer without invoices. Payment ids are unique.
const ledger = fc
  .record({
    invoices: fc.array(
      fc.record({
        customerId: fc.integer({ min: 1, max: 4 }),
        balanceCents: fc
          .oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 40 }))
          .map((hundreds) => hundreds * 100),
        linked: fc.boolean(),
        listed: fc.oneof(fc.constant(true), fc.boolean()),
      }),
      { maxLength: 60, size: 'max' },
    ),
    payments: fc.uniqueArray(
      fc.record({
        id: fc.nat(999),
        invoice: fc.nat(70),
        how: fc.constantFrom('linked', 'exact', 'half', 'astray', 'stranger'),
        day: fc.integer({ min: 1, max: 5 }),
      }),
      { selector: (generated) => generated.id, maxLength: 60, size: 'max' },
    ),
  })
  .map(({ invoices, payments }) => {
    const all = invoices.map(({ customerId, balanceCents }, i) => ({ id: i + 1, customerId, balanceCents }));
    const open = all.filter((_, i) => invoices[i]?.listed);
    const links = new Map(invoices.flatMap((invoice, i) => (invoice.linked ? [[`x-${i + 1}`, i + 1] as const] : [])));
    const facts = payments.map(({ id, invoice, how, day }) => {
      const target = all[invoice % Math.max(all.length, 1)] ?? { id: 0, customerId: 1, balanceCents: 100 };
      const linkedAmount = [target.balanceCents / 2, target.balanceCents, target.balanceCents + 100][id % 3] as number;
      const half = target.balanceCents / 2;
      return payment({
        paymentId: `p-${id}`,
        invoiceId: how === 'linked' ? `x-${target.id}` : 'x-none',
        contactNumber: `SYNCRO-C-${how === 'stranger' ? 9 : target.customerId}`,
        amountCents: { linked: linkedAmount, exact: target.balanceCents, half, astray: 7, stranger: 7 }[how],
        date: `2026-11-0${day}`,
      });
    });
    const balanceOf = new Map(all.map((invoice) => [invoice.id, invoice]));
    return { all, open, links, facts, ctx: context(open, { invoiceOfXeroInvoice: links, balanceOf }) };
  });

/**
 * The rules taken literally, one payment at a time, oldest first then by id (fewer than 80 invoices a customer).
 * An invoice known by its balance only counts as open once a payment here leaves something on it.
 */
function byTheRules(
  facts: XeroPaymentFact[],
  { all, open, links }: { all: OpenInvoice[]; open: OpenInvoice[]; links: Map<string, number> },
): PaymentDecision[] {
  const left = new Map(all.map((invoice) => [invoice.id, invoice.balanceCents]));
  const customerOf = new Map(all.map((invoice) => [invoice.id, invoice.customerId]));
  const listed = new Set(open.map((invoice) => invoice.id));
  const lowest = (ids: number[]) => ids.sort((a, b) => a - b).slice(0, 20);
  const older = (a: XeroPaymentFact, b: XeroPaymentFact) =>
    a.date !== b.date ? a.date < b.date : a.paymentId < b.paymentId;
  const order = facts
    .map((_, i) => i)
    .sort((a, b) => (older(facts[a] as XeroPaymentFact, facts[b] as XeroPaymentFact) ? -1 : 1));
  const decisions: PaymentDecision[] = [];
  for (const i of order) {
    const { paymentId, amountCents, invoiceId, contactNumber } = facts[i] as XeroPaymentFact;
    const linked = links.get(invoiceId);
    if (linked !== undefined) {
      const customerId = customerOf.get(linked) as number;
      const fits = amountCents <= (left.get(linked) as number);
      decisions[i] = fits
        ? { paymentId, action: 'apply', invoiceId: linked, customerId, amountCents, rule: 1 }
        : { paymentId, action: 'reconcile', reason: 'exceeds-balance', candidates: [linked], customerId };
      if (fits) left.set(linked, (left.get(linked) as number) - amountCents);
      if (fits) listed.add(linked);
      continue;
    }
    const customerId = Number(contactNumber?.slice('SYNCRO-C-'.length));
    const mine = all.filter(
      (invoice) => invoice.customerId === customerId && listed.has(invoice.id) && (left.get(invoice.id) as number) > 0,
    );
    const equal = mine.filter((invoice) => left.get(invoice.id) === amountCents).map((invoice) => invoice.id);
    const only = equal.length === 1 ? (equal[0] as number) : undefined;
    if (only !== undefined) left.set(only, 0);
    decisions[i] =
      only !== undefined
        ? { paymentId, action: 'apply', invoiceId: only, customerId, amountCents, rule: 2 }
        : {
            paymentId,
            action: 'reconcile',
            reason:
              mine.length === 0
                ? 'no-open-invoice'
                : equal.length > 1
                  ? 'amount-matches-several'
                  : 'amount-matches-none',
            candidates: lowest(equal.length > 1 ? equal : mine.map((invoice) => invoice.id)),
            customerId,
          };
  }
  return decisions;
}

describe('matchPayments, properties', () => {
  it('decides as the rules say, taking the payments oldest first and spending balances as it goes', () => {
    fc.assert(
      fc.property(ledger, (generated) => {
        expect(matchPayments(generated.facts, generated.ctx)).toEqual(byTheRules(generated.facts, generated));
      }),
      { numRuns: 300 },
    );
  });

  it('gives each payment the same decision for any permutation of the payments', () => {
    fc.assert(
      fc.property(
        ledger.chain((generated) =>
          fc
            .shuffledSubarray(generated.facts, { minLength: generated.facts.length })
            .map((shuffled) => ({ ...generated, shuffled })),
        ),
        ({ facts, shuffled, ctx }) => {
          const decided = new Map(matchPayments(facts, ctx).map((decision) => [decision.paymentId, decision]));
          expect(matchPayments(shuffled, ctx)).toEqual(shuffled.map((fact) => decided.get(fact.paymentId)));
        },
      ),
      { numRuns: 300 },
    );
  });

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
