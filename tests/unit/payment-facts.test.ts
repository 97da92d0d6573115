// The pure pieces around the payment poll: Xero's dates and payments as facts, Syncro balances, and who wins
// a claim written to an invoice's history.
import { describe, expect, it } from 'vitest';
import { claimText, winnerOf } from '../../lib/payments/claim.ts';
import { BalanceUnknownError, balanceCents } from '../../lib/payments/imports.ts';
import { paymentFact, xeroDateMs } from '../../lib/payments/xero-payments.ts';

describe('xeroDateMs', () => {
  it('reads /Date()/ with or without an offset, and ISO text', () => {
    expect(xeroDateMs('/Date(1732492800000+0000)/')).toBe(1_732_492_800_000);
    expect(xeroDateMs('/Date(1573755038314)/')).toBe(1_573_755_038_314);
    expect(xeroDateMs('2026-11-20T00:00:00')).toBe(Date.parse('2026-11-20T00:00:00'));
    expect(xeroDateMs('not a date')).toBeUndefined();
    expect(xeroDateMs(undefined)).toBeUndefined();
  });
});

describe('paymentFact', () => {
  it('takes amounts to exact cents, the invoice currency or the base one, and the contact', () => {
    const fact = paymentFact(
      {
        PaymentID: 'p1',
        Date: '/Date(1763856000000+0000)/',
        Amount: 19.99,
        Status: 'AUTHORISED',
        Reference: 'Bank',
        UpdatedDateUTC: '/Date(1763856000000+0000)/',
        Invoice: { InvoiceID: 'i1', Contact: { ContactID: 'c1', Name: 'Acme' } },
      },
      'USD',
    );
    expect(fact).toEqual({
      paymentId: 'p1',
      invoiceId: 'i1',
      contactId: 'c1',
      amountCents: 1_999,
      currency: 'USD',
      date: '2025-11-23',
      status: 'AUTHORISED',
      reference: 'Bank',
    });
    expect(
      paymentFact(
        {
          PaymentID: 'p2',
          Date: '/Date(1795132800000+0000)/',
          Amount: 0.1,
          Status: 'DELETED',
          UpdatedDateUTC: '/Date(1763856000000+0000)/',
          Invoice: { InvoiceID: 'i', CurrencyCode: 'EUR' },
        },
        'USD',
      ),
    ).toMatchObject({ amountCents: 10, currency: 'EUR', date: '2026-11-20', status: 'DELETED' });
  });
});

describe('balanceCents', () => {
  const detail = { id: 1, number: '1001', customer_id: 1, total: '100.00' };
  const paid = (id: number, amount: number | string, invoiceIds: Array<number | null> = [1]) => ({
    id,
    payment_amount: amount,
    invoice_ids: invoiceIds,
  });

  it('uses balance_due when Syncro gives it, else the total less the payments read, and 0 once paid', () => {
    expect(balanceCents({ ...detail, balance_due: '40.10' })).toBe(4_010);
    expect(balanceCents({ ...detail, payments: [{ id: 7 }, { id: 8 }] }, [paid(7, '25.5'), paid(8, 0.1)])).toBe(7_440);
    expect(balanceCents({ ...detail, payments: [] })).toBe(10_000);
    expect(balanceCents({ ...detail, is_paid: true })).toBe(0);
  });

  // A payment without a usable amount never gets here: its schema refuses it, naming it (wire.test.ts).
  it('never reads a missing balance as the total: without balance_due or the payments it fails by name', () => {
    expect(() => balanceCents(detail)).toThrow('Syncro invoice 1001: balance_due is missing');
    expect(() => balanceCents({ ...detail, payments: [{ id: 7 }] })).toThrow(
      'Syncro payment 7 of invoice 1001 was not read',
    );
  });

  it('does not guess the share of a payment split over several invoices', () => {
    expect(() => balanceCents({ ...detail, payments: [{ id: 7 }] }, [paid(7, 50, [1, 2])])).toThrow(
      BalanceUnknownError,
    );
    expect(balanceCents({ ...detail, payments: [{ id: 7 }] }, [paid(7, 50, [1, null])])).toBe(5_000);
  });
});

describe('winnerOf', () => {
  const at = (ms: number) => `/Date(${ms})/`;
  it('is the earliest claim for that payment, then the smallest install id, ignoring other notes', () => {
    const records = [
      { Details: 'Invoice approved', DateUTC: at(1) },
      { Details: claimText('p1', 'install-b'), DateUTC: at(10) },
      { Details: claimText('p1', 'install-a'), DateUTC: at(10) },
      { Details: claimText('p1', 'install-0'), DateUTC: at(11) },
      { Details: claimText('p2', 'install-c'), DateUTC: at(5) },
    ];
    expect(winnerOf(records, 'p1')).toBe('install-a');
    expect(winnerOf(records, 'p2')).toBe('install-c');
    expect(winnerOf(records, 'p3')).toBeUndefined();
  });

  it('does not take a claim on another payment whose id starts the same', () => {
    expect(winnerOf([{ Details: claimText('p10', 'x'), DateUTC: at(1) }], 'p1')).toBeUndefined();
  });
});
