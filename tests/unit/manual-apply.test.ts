// "Apply to invoice…": each refusal, the question before another customer's invoice, and the answers that apply.
import { describe, expect, it } from 'vitest';
import { type ChosenInvoice, decideManualApply, type ListedPayment } from '../../lib/payments/manual-apply.ts';

const payment = (fields: Partial<ListedPayment> = {}): ListedPayment => ({
  amountCents: 12_500,
  currency: 'USD',
  reasonCode: 'amount-matches-several',
  customerId: 2007,
  customerName: 'Northwind Dental',
  ...fields,
});

const invoice = (fields: Partial<ChosenInvoice> = {}): ChosenInvoice => ({
  id: 48_208,
  number: '1008',
  customerId: 2007,
  customerName: 'Northwind Dental',
  balanceCents: 12_500,
  ...fields,
});

const refusal = (decision: ReturnType<typeof decideManualApply>) =>
  decision.action === 'refuse' ? decision.reason : `not refused: ${decision.action}`;

describe('decideManualApply', () => {
  it('applies a payment of the same currency to an invoice of the same customer that it fills or part-pays', () => {
    expect(decideManualApply(payment(), invoice(), 'USD', false)).toEqual({ action: 'apply' });
    expect(decideManualApply(payment({ amountCents: 1 }), invoice(), 'USD', false)).toEqual({ action: 'apply' });
  });

  it('refuses a payment in another currency, naming both currencies', () => {
    const reason = refusal(decideManualApply(payment({ currency: 'EUR' }), invoice(), 'USD', true));
    expect(reason).toMatch(/in EUR, not in Syncro's currency \(USD\)/);
  });

  it('refuses an entry listed as another currency even when its currency was not recorded', () => {
    const listed = payment({ currency: undefined, reasonCode: 'different-currency' });
    expect(refusal(decideManualApply(listed, invoice(), 'USD', true))).toMatch(/in another currency/);
  });

  it('refuses an amount of zero or below', () => {
    for (const amountCents of [0, -500]) {
      const reason = refusal(decideManualApply(payment({ amountCents }), invoice(), 'USD', true));
      expect(reason).toMatch(/only an amount above zero can be applied/);
    }
    expect(refusal(decideManualApply(payment({ amountCents: -500 }), invoice(), 'USD', true))).toContain('-$5.00');
  });

  it('refuses a payment above the balance, naming the invoice and both amounts', () => {
    const reason = refusal(decideManualApply(payment({ amountCents: 12_501 }), invoice(), 'USD', true));
    expect(reason).toBe('Invoice 1008 has $125.00 open: the payment of $125.01 would exceed it.');
    expect(refusal(decideManualApply(payment(), invoice({ balanceCents: 0 }), 'USD', true))).toMatch(/\$0\.00 open/);
  });

  it('refuses an invoice whose balance Syncro cannot tell', () => {
    const reason = refusal(decideManualApply(payment(), invoice({ balanceCents: 'unknown' }), 'USD', true));
    expect(reason).toMatch(/^Invoice 1008: the Syncro invoice has a payment split over several invoices/);
  });

  it('refuses a payment deleted in Xero after it was imported', () => {
    const reason = refusal(decideManualApply(payment({ reasonCode: 'deleted-in-xero' }), invoice(), 'USD', true));
    expect(reason).toMatch(/deleted in Xero/);
  });

  it("asks before another customer's invoice, naming both customers, and applies once confirmed", () => {
    const other = invoice({ customerId: 2010, customerName: 'Contoso Legal' });
    const asked = decideManualApply(payment(), other, 'USD', false);
    expect(asked).toEqual({
      action: 'confirm',
      question:
        "Invoice 1008 belongs to Contoso Legal, but this payment is from Northwind Dental (Syncro customer 2007). Apply it to Contoso Legal's invoice anyway?",
      paymentCustomer: 'Northwind Dental',
      invoiceCustomer: 'Contoso Legal',
    });
    expect(decideManualApply(payment(), other, 'USD', true)).toEqual({ action: 'apply' });
  });

  it('asks when the payment has no Syncro customer, and names the invoice customer by id when Syncro gives no name', () => {
    const asked = decideManualApply(
      payment({ customerId: undefined }),
      invoice({ customerName: undefined }),
      'USD',
      false,
    );
    expect(asked).toMatchObject({
      action: 'confirm',
      question: expect.stringContaining('Northwind Dental, who has no customer in Syncro'),
      invoiceCustomer: 'Syncro customer 2007',
    });
  });

  it('refuses before it asks: a confirmation never overrides currency, amount or balance', () => {
    const other = invoice({ customerId: 2010, customerName: 'Contoso Legal' });
    expect(decideManualApply(payment({ amountCents: 99_999 }), other, 'USD', false).action).toBe('refuse');
    expect(decideManualApply(payment({ currency: 'NZD' }), other, 'USD', false).action).toBe('refuse');
  });

  it('does not check the currency when the organisation or the payment has none recorded', () => {
    expect(decideManualApply(payment({ currency: 'EUR' }), invoice(), '', false)).toEqual({ action: 'apply' });
    expect(decideManualApply(payment({ currency: undefined }), invoice(), 'USD', false)).toEqual({ action: 'apply' });
  });
});
