// P4: the payment matcher over 10k and 100k Xero payments × as many open Syncro invoices, against the matcher
// it replaced (one sort of all the payments, oldest first: matcher-sorted.ts), run in turn with it, and a naive
// matcher that scans every invoice for every payment (what "find the open invoice with that balance" becomes
// when written directly).
import { type MatchContext, matchPayments, type OpenInvoice, type XeroPaymentFact } from '../../lib/payments/match.ts';
import { type Figure, medianMs, ms } from './figures.ts';
import { sortedMatchPayments } from './matcher-sorted.ts';

/** n open invoices over n/5 customers and n payments: a third on linked invoices, a third exact, a third astray. */
function bookOf(n: number): { payments: XeroPaymentFact[]; context: MatchContext } {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const customers = Math.max(1, Math.floor(n / 5));
  const open: OpenInvoice[] = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    customerId: 1 + Math.floor(random() * customers),
    balanceCents: 1_000 + Math.floor(random() * 500_000),
  }));
  const links = new Map<string, number>();
  const payments: XeroPaymentFact[] = Array.from({ length: n }, (_, i) => {
    const target = open[Math.floor(random() * n)] as OpenInvoice;
    const kind = i % 3;
    if (kind === 0) links.set(`x-${i}`, target.id);
    return {
      paymentId: `p-${i}`,
      invoiceId: `x-${i}`,
      contactNumber: `SYNCRO-C-${target.customerId}`,
      amountCents: kind === 2 ? 7 : kind === 0 ? Math.max(1, Math.floor(target.balanceCents / 2)) : target.balanceCents,
      currency: 'USD',
      date: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`,
      status: 'AUTHORISED',
    };
  });
  return {
    payments,
    context: {
      currency: 'USD',
      invoiceOfXeroInvoice: links,
      customerOfXeroContact: new Map(),
      openInvoices: open,
      balanceOf: new Map(open.map((invoice) => [invoice.id, invoice])),
      alreadyInSyncro: new Set(),
    },
  };
}

/** The direct way: for each payment, scan all invoices (no index, balances copied and spent the same way). */
function naiveMatch(payments: XeroPaymentFact[], context: MatchContext): number {
  const invoices = context.openInvoices.map((invoice) => ({ ...invoice }));
  let applied = 0;
  for (const payment of payments) {
    const linked = context.invoiceOfXeroInvoice.get(payment.invoiceId);
    const customerId = Number(payment.contactNumber?.slice('SYNCRO-C-'.length));
    const matches = invoices.filter((invoice) =>
      linked !== undefined
        ? invoice.id === linked
        : invoice.customerId === customerId && invoice.balanceCents === payment.amountCents,
    );
    const [only] = matches;
    if (matches.length === 1 && only && only.balanceCents >= payment.amountCents) {
      only.balanceCents -= payment.amountCents;
      applied++;
    }
  }
  return applied;
}

/** Medians of `runs` timings of each matcher, the two taken in turn so that both see the same machine. */
async function inTurn(book: ReturnType<typeof bookOf>, runs: number): Promise<[hashed: number, sorted: number]> {
  const hashed: number[] = [];
  const sorted: number[] = [];
  for (let run = 0; run < runs; run++) {
    hashed.push(await medianMs(() => matchPayments(book.payments, book.context), 1));
    sorted.push(await medianMs(() => sortedMatchPayments(book.payments, book.context), 1));
  }
  const median = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
  return [median(hashed), median(sorted)];
}

export async function run(): Promise<Figure[]> {
  const small = bookOf(10_000);
  const large = bookOf(100_000);
  const [fast10k, sorted10k] = await inTurn(small, 5);
  const [fast100k, sorted100k] = await inTurn(large, 3);
  const naive10k = await medianMs(() => naiveMatch(small.payments, small.context), 1);
  const growth = fast100k / fast10k;
  return [
    {
      id: 'P4',
      what: 'matcher, 10k payments × 10k open invoices',
      measured: ms(fast10k),
      baseline: `previous (sorting) matcher ${ms(sorted10k)}; naive scan ${ms(naive10k)}`,
      goal: '— (linearity shown with 100k)',
    },
    {
      id: 'P4',
      what: 'matcher, 100k payments × 100k open invoices',
      measured: ms(fast100k),
      baseline: `previous (sorting) matcher ${ms(sorted100k)}; naive scan ≈ ${ms(naive10k * 100)} (100 × the 10k figure: quadratic; not run)`,
      goal: '≤ 100 ms, linear',
      met: fast100k <= 100 && growth < 20,
      note: `10× the input took ${growth.toFixed(1)}× the time (previous matcher ${(sorted100k / sorted10k).toFixed(1)}×; linear ≈ 10×, quadratic ≈ 100×)`,
    },
  ];
}
