import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSettings, type SettingsChoices, validateSettings } from '../../lib/settings.ts';
import { choicesFrom, suggestSettings } from '../../lib/settings-choices.ts';

const accounts = [
  { Code: '200', Name: 'Sales', Type: 'REVENUE', Status: 'ACTIVE' },
  { Code: '270', Name: 'Interest Income', Type: 'REVENUE', Status: 'ARCHIVED' },
  { Code: '300', Name: 'Purchases', Type: 'DIRECTCOSTS', Status: 'ACTIVE' },
  { Code: '429', Name: 'General Expenses', Type: 'EXPENSE', Status: 'ACTIVE' },
  { Code: '090', Name: 'Business Bank Account', Type: 'BANK', Status: 'ACTIVE' },
  { Code: '880', Name: 'Owner Drawings', Type: 'EQUITY', Status: 'ACTIVE' },
  { Code: '881', Name: 'Clearing', Type: 'CURRLIAB', Status: 'ACTIVE', EnablePaymentsToAccount: true },
];
const taxRates = [
  { Name: 'Tax on Sales', TaxType: 'OUTPUT', EffectiveRate: 8.25, Status: 'ACTIVE', CanApplyToRevenue: true },
  { Name: 'Tax Exempt', TaxType: 'NONE', EffectiveRate: 0, Status: 'ACTIVE', CanApplyToRevenue: true },
  { Name: 'Tax on Purchases', TaxType: 'INPUT', EffectiveRate: 8.25, Status: 'ACTIVE', CanApplyToRevenue: false },
  { Name: 'Old', TaxType: 'OLD', EffectiveRate: 5, Status: 'DELETED' },
];
const choices: SettingsChoices = choicesFrom(accounts, taxRates, ['Cash', 'Check', 'Bank Transfer']);

describe('choicesFrom', () => {
  it('offers active revenue, purchase and payment-capable accounts, and sales tax rates', () => {
    expect(choices.salesAccounts.map((account) => account.code)).toEqual(['200']);
    expect(choices.purchasesAccounts.map((account) => account.code)).toEqual(['300', '429']);
    expect(choices.paymentAccounts.map((account) => account.code)).toEqual(['090', '881']);
    expect(choices.taxRates.map((rate) => rate.taxType)).toEqual(['OUTPUT', 'NONE']);
  });
});

describe('suggestSettings', () => {
  it('fills the empty fields with the likeliest choices', () => {
    expect(suggestSettings(defaultSettings, choices)).toMatchObject({
      salesAccountCode: '200',
      purchasesAccountCode: '300',
      paymentAccountCode: '090',
      taxableTaxType: 'OUTPUT',
      nonTaxableTaxType: 'NONE',
      importPaymentMethod: 'Bank Transfer',
    });
  });

  it('never changes a choice the user made', () => {
    const chosen = { ...defaultSettings, salesAccountCode: '200', paymentAccountCode: '881' };
    expect(suggestSettings(chosen, choices)).toMatchObject({ paymentAccountCode: '881' });
  });

  it('suggests settings that validate', () => {
    expect(validateSettings(suggestSettings(defaultSettings, choices), choices)).toEqual({});
  });
});

describe('validateSettings', () => {
  const valid = suggestSettings(defaultSettings, choices);

  it('asks for every missing choice beside its field', () => {
    const errors = validateSettings(defaultSettings, choices);
    expect(Object.keys(errors).sort()).toEqual(
      ['nonTaxableTaxType', 'paymentAccountCode', 'purchasesAccountCode', 'salesAccountCode', 'taxableTaxType'].sort(),
    );
  });

  it('refuses choices that are not among those loaded', () => {
    expect(validateSettings({ ...valid, salesAccountCode: '880' }, choices).salesAccountCode).toMatch(
      /not in the connected/,
    );
    expect(validateSettings({ ...valid, taxableTaxType: 'OLD' }, choices).taxableTaxType).toBeDefined();
  });

  it('needs a payment method only when importing, a purchases account only with PO sync on', () => {
    expect(validateSettings({ ...valid, importPaymentMethod: '', importPayments: true }, choices)).toHaveProperty(
      'importPaymentMethod',
    );
    expect(validateSettings({ ...valid, importPaymentMethod: '' }, choices)).toEqual({});
    expect(validateSettings({ ...valid, purchasesAccountCode: '', disablePurchaseOrderSync: true }, choices)).toEqual(
      {},
    );
  });

  it('needs a payment account unless payments go neither way', () => {
    const none = { ...valid, paymentAccountCode: '' };
    expect(validateSettings(none, choices)).toHaveProperty('paymentAccountCode');
    expect(validateSettings({ ...none, disablePaymentSync: true, importPayments: false }, choices)).toEqual({});
  });

  it('polls every whole number of hours from 1 to 168', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (hours) => {
        const error = validateSettings({ ...valid, pollIntervalHours: hours }, choices).pollIntervalHours;
        expect(error === undefined).toBe(Number.isInteger(hours) && hours >= 1 && hours <= 168);
      }),
    );
  });

  it('takes an optional start date that must be a real calendar date', () => {
    expect(validateSettings({ ...valid, syncFromDate: '' }, choices)).toEqual({});
    expect(validateSettings({ ...valid, syncFromDate: '2026-02-28' }, choices)).toEqual({});
    for (const bad of ['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', 'yesterday']) {
      expect(validateSettings({ ...valid, syncFromDate: bad }, choices)).toHaveProperty('syncFromDate');
    }
  });
});
