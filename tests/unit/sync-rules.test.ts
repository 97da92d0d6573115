import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyError } from '../../lib/money.ts';
import { defaultSettings, type Settings } from '../../lib/settings.ts';
import {
  invoiceDecision,
  isFinished,
  isImportedFromXero,
  isPaid,
  paymentDecision,
  purchaseOrderDecision,
} from '../../lib/sync/rules.ts';
import type { SyncroInvoiceSummary, SyncroPayment, SyncroPurchaseOrder } from '../../lib/syncro/wire.ts';

const settings: Settings = { ...defaultSettings };

// Whole records as they arrive (lib/syncro/wire.ts): the rules see nothing the schemas let through unchecked.
const invoice = (fields: Partial<SyncroInvoiceSummary> = {}): SyncroInvoiceSummary => ({
  id: 1,
  number: '1001',
  customer_id: 2,
  date: '2026-09-01T00:00:00.000Z',
  updated_at: '2026-09-01T10:00:00.000Z',
  total: '64.99',
  is_paid: false,
  verified_paid: false,
  tech_marked_paid: false,
  ...fields,
});

const payment = (fields: Partial<SyncroPayment> = {}): SyncroPayment => ({
  id: 7,
  payment_amount: 64.99,
  ref_num: null,
  applied_at: '2026-09-03T00:00:00.000Z',
  ...fields,
});

const po = (fields: Partial<SyncroPurchaseOrder> = {}): SyncroPurchaseOrder => ({
  id: 3,
  number: 'HB-20260401-1',
  vendor_id: 4,
  status: 'Open',
  created_at: '2026-04-01T16:44:28.521Z',
  total: 30,
  line_items: [{ id: 1, product_id: 10, quantity: 2, cost_cents: 1500 }],
  updated_at: '2026-04-01T16:44:28.530Z',
  ...fields,
});

const paidFlags = fc.record({ is_paid: fc.boolean(), verified_paid: fc.boolean(), tech_marked_paid: fc.boolean() });

describe('isPaid', () => {
  it.each([
    [{}, false],
    [{ is_paid: true }, true],
    [{ verified_paid: true }, true],
    [{ tech_marked_paid: true }, true],
    [{ is_paid: false, verified_paid: false, tech_marked_paid: false }, false],
  ])('%j → %s', (flags, paid) => {
    expect(isPaid(flags)).toBe(paid);
  });

  it('is the OR of the three flags', () => {
    fc.assert(
      fc.property(paidFlags, (flags) => {
        expect(isPaid(flags)).toBe(flags.is_paid || flags.verified_paid || flags.tech_marked_paid);
      }),
    );
  });
});

describe('invoiceDecision', () => {
  it('syncs an ordinary open or paid invoice', () => {
    expect(invoiceDecision(invoice(), settings)).toEqual({ action: 'sync' });
    expect(invoiceDecision(invoice({ is_paid: true }), settings)).toEqual({ action: 'sync' });
  });

  it('skips a $0 invoice until it is paid, in any sense', () => {
    expect(invoiceDecision(invoice({ total: '0.0' }), settings)).toEqual({
      action: 'skip',
      reason: '$0 invoice — syncs once marked paid',
    });
    for (const flag of ['is_paid', 'verified_paid', 'tech_marked_paid'] as const) {
      expect(invoiceDecision(invoice({ total: '0.0', [flag]: true }), settings)).toEqual({ action: 'sync' });
    }
  });

  it('skips refunds (negative totals), paid or not', () => {
    for (const paid of [false, true]) {
      expect(invoiceDecision(invoice({ total: '-129.89', is_paid: paid }), settings)).toEqual({
        action: 'skip',
        reason: 'Refund — create it manually in both Syncro and Xero',
      });
    }
    expect(invoiceDecision(invoice({ total: '-0.01' }), settings).action).toBe('skip');
  });

  it('decides by sign and paid state for any total', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), paidFlags, (cents, flags) => {
        const total = (cents / 100).toFixed(2);
        const decision = invoiceDecision(invoice({ total, ...flags }), settings);
        const paid = flags.is_paid || flags.verified_paid || flags.tech_marked_paid;
        expect(decision.action).toBe(cents < 0 || (cents === 0 && !paid) ? 'skip' : 'sync');
      }),
    );
  });

  it('throws on a total that is not a number (a failure, not a seed rule)', () => {
    expect(() => invoiceDecision(invoice({ total: 'n/a' }), settings)).toThrow(MoneyError);
  });
});

describe('paymentDecision', () => {
  it('syncs a positive payment', () => {
    expect(paymentDecision(payment(), settings)).toEqual({ action: 'sync' });
    expect(paymentDecision(payment({ ref_num: 'CHK-1001' }), settings)).toEqual({ action: 'sync' });
  });

  it('is off when payment syncing is disabled, whatever the payment', () => {
    const off = { ...settings, disablePaymentSync: true };
    expect(paymentDecision(payment(), off)).toEqual({ action: 'off', reason: 'Payment syncing is disabled' });
    expect(paymentDecision(payment({ ref_num: 'XERO-abc' }), off).action).toBe('off');
  });

  it.each(['XERO-1234', 'xero-abc', ' Xero-9f3c '])('never sends back a payment imported from Xero (%j)', (ref) => {
    expect(paymentDecision(payment({ ref_num: ref }), settings)).toEqual({
      action: 'skip',
      reason: 'Imported from Xero — never sent back',
    });
  });

  it.each(['XERO', 'XEROX-1', 'MY-XERO-1', ''])('does not take %j for an import', (ref) => {
    expect(isImportedFromXero({ ref_num: ref })).toBe(false);
  });

  it.each([0, -5, '0.0'])('skips a payment of %j', (amount) => {
    const decision = paymentDecision(payment({ payment_amount: amount }), settings);
    expect(decision.action).toBe('skip');
    expect(decision.action === 'skip' && decision.reason).toMatch(/\$0 or less/);
  });

  // A missing or empty amount never gets here: the payment's schema refuses it, naming it (wire.test.ts).
  it('throws on an amount that is not a number (a failure, not a seed rule)', () => {
    expect(() => paymentDecision(payment({ payment_amount: 'twelve' }), settings)).toThrow(MoneyError);
  });

  it('holds for any amount and reference', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.string(), fc.boolean(), (cents, ref, disabled) => {
        const decision = paymentDecision(payment({ payment_amount: cents / 100, ref_num: ref }), {
          ...settings,
          disablePaymentSync: disabled,
        });
        const expected = disabled ? 'off' : /^xero-/i.test(ref.trim()) || cents <= 0 ? 'skip' : 'sync';
        expect(decision.action).toBe(expected);
      }),
    );
  });
});

describe('the sync start date', () => {
  const from = { ...settings, syncFromDate: '2026-11-10' };
  const reason = 'Dated before the sync start date (2026-11-10) — change the start date in the popup to include it';

  it('skips invoices and POs dated before it, unless they are in Xero already', () => {
    expect(invoiceDecision(invoice({ date: '2026-11-09T00:00:00.000Z' }), from)).toEqual({ action: 'skip', reason });
    expect(invoiceDecision(invoice({ date: '2026-11-10T00:00:00.000Z' }), from)).toEqual({ action: 'sync' });
    expect(invoiceDecision(invoice({ date: '2026-11-09T00:00:00.000Z' }), from, { inXero: true })).toEqual({
      action: 'sync',
    });
    expect(purchaseOrderDecision(po({ created_at: '2026-01-01T09:00:00-05:00' }), from)).toEqual({
      action: 'skip',
      reason,
    });
    expect(invoiceDecision(invoice({ date: '2020-01-01T00:00:00.000Z' }), settings)).toEqual({ action: 'sync' });
  });

  it('still applies the seed rules after it', () => {
    expect(invoiceDecision(invoice({ date: '2026-12-01T00:00:00.000Z', total: '-5.00' }), from).action).toBe('skip');
  });
});

describe('purchase orders', () => {
  it('syncs unless purchase order syncing is disabled', () => {
    expect(purchaseOrderDecision(po(), settings)).toEqual({ action: 'sync' });
    expect(purchaseOrderDecision(po(), { ...settings, disablePurchaseOrderSync: true })).toEqual({
      action: 'off',
      reason: 'Purchase order syncing is disabled',
    });
  });

  it.each([
    ['Finished', true],
    ['finished', true],
    ['  FINISHED ', true],
    ['Open', false],
    ['Unfinished', false],
    ['Finished!', false],
    ['', false],
    [null, false],
    [undefined, false],
  ])('isFinished(%j) → %s', (status, finished) => {
    expect(isFinished({ status })).toBe(finished);
  });
});
