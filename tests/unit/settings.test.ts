import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSettings, draftWithPaymentsError, type SettingsChoices, validateSettings } from '../../lib/settings.ts';
import { choicesFrom, suggestSettings, upgradeSettings } from '../../lib/settings-choices.ts';

const id = (n: number) => `ac000000-0001-4000-8000-${String(n).padStart(12, '0')}`;
const accounts = [
  { AccountID: id(200), Code: '200', Name: 'Sales', Type: 'REVENUE', Status: 'ACTIVE', TaxType: 'OUTPUT' },
  { AccountID: id(270), Code: '270', Name: 'Interest Income', Type: 'REVENUE', Status: 'ARCHIVED' },
  { AccountID: id(300), Code: '300', Name: 'Purchases', Type: 'DIRECTCOSTS', Status: 'ACTIVE', TaxType: 'GSTONEXP' },
  { AccountID: id(429), Code: '429', Name: 'General Expenses', Type: 'EXPENSE', Status: 'ACTIVE', TaxType: 'INPUT' },
  { AccountID: id(90), Code: '090', Name: 'Business Bank Account', Type: 'BANK', Status: 'ACTIVE' },
  // A bank account added from the Bank Accounts screen: its code is optional (help.xero.com Add a bank account).
  { AccountID: id(9001), Name: 'Everyday Account', Type: 'BANK', Status: 'ACTIVE' },
  { AccountID: id(9002), Name: 'Uncoded Revenue', Type: 'REVENUE', Status: 'ACTIVE' },
  // Archived: never offered, bank account or not.
  { AccountID: id(92), Code: '092', Name: 'Closed Bank Account', Type: 'BANK', Status: 'ARCHIVED' },
  { AccountID: id(880), Code: '880', Name: 'Owner Drawings', Type: 'EQUITY', Status: 'ACTIVE' },
  {
    AccountID: id(881),
    Code: '881',
    Name: 'Clearing',
    Type: 'CURRLIAB',
    Status: 'ACTIVE',
    EnablePaymentsToAccount: true,
  },
];
const taxRates = [
  {
    Name: 'Tax on Sales',
    TaxType: 'OUTPUT',
    EffectiveRate: 8.25,
    Status: 'ACTIVE',
    CanApplyToRevenue: true,
    CanApplyToExpenses: false,
  },
  {
    Name: 'Tax Exempt',
    TaxType: 'NONE',
    EffectiveRate: 0,
    Status: 'ACTIVE',
    CanApplyToRevenue: true,
    CanApplyToExpenses: true,
  },
  {
    Name: 'Tax on Purchases',
    TaxType: 'INPUT',
    EffectiveRate: 8.25,
    Status: 'ACTIVE',
    CanApplyToRevenue: false,
    CanApplyToExpenses: true,
  },
  {
    Name: 'GST on Expenses',
    TaxType: 'GSTONEXP',
    EffectiveRate: 15,
    Status: 'ACTIVE',
    CanApplyToRevenue: false,
    CanApplyToExpenses: true,
  },
  { Name: 'Old', TaxType: 'OLD', EffectiveRate: 5, Status: 'DELETED', CanApplyToExpenses: true },
];
const choices: SettingsChoices = choicesFrom(accounts, taxRates, ['Cash', 'Check', 'Bank Transfer']);

describe('choicesFrom', () => {
  it('offers active revenue, purchase and payment-capable accounts, and sales tax rates', () => {
    expect(choices.salesAccounts.map((account) => account.code)).toEqual(['200']);
    expect(choices.purchasesAccounts.map((account) => account.code)).toEqual(['300', '429']);
    expect(choices.paymentAccounts.map((account) => account.id)).toEqual([id(90), id(9001), id(881)]);
    expect(choices.taxRates.map((rate) => rate.taxType)).toEqual(['OUTPUT', 'NONE']);
    expect(choices.purchaseTaxRates.map((rate) => rate.taxType)).toEqual(['NONE', 'INPUT', 'GSTONEXP']);
  });

  it('offers a bank account without a code for payments, by its id and name', () => {
    expect(choices.paymentAccounts).toContainEqual({ id: id(9001), name: 'Everyday Account' });
    // Line items name their account by code, so an uncoded revenue account cannot be the sales account.
    expect(choices.salesAccounts.map((account) => account.name)).not.toContain('Uncoded Revenue');
  });
});

describe('suggestSettings', () => {
  it('fills the empty fields with the likeliest choices', () => {
    expect(suggestSettings(defaultSettings, choices, accounts)).toMatchObject({
      salesAccountCode: '200',
      purchasesAccountCode: '300',
      paymentAccountId: id(90),
      taxableTaxType: 'OUTPUT',
      nonTaxableTaxType: 'NONE',
      importPaymentMethod: 'Bank Transfer',
    });
  });

  it("suggests the purchases account's own tax rate for POs and bills, else an INPUT rate", () => {
    expect(suggestSettings(defaultSettings, choices, accounts).purchaseTaxType).toBe('GSTONEXP');
    const general = { ...defaultSettings, purchasesAccountCode: '429' };
    expect(suggestSettings(general, choices, accounts).purchaseTaxType).toBe('INPUT');
    expect(suggestSettings(defaultSettings, choices, []).purchaseTaxType).toBe('INPUT');
  });

  it('never changes a choice the user made', () => {
    const chosen = { ...defaultSettings, salesAccountCode: '200', paymentAccountId: id(9001), purchaseTaxType: 'NONE' };
    expect(suggestSettings(chosen, choices, accounts)).toMatchObject({
      paymentAccountId: id(9001),
      purchaseTaxType: 'NONE',
    });
  });

  it('suggests settings that validate', () => {
    expect(validateSettings(suggestSettings(defaultSettings, choices, accounts), choices)).toEqual({});
  });
});

describe('upgradeSettings', () => {
  const current = suggestSettings(defaultSettings, choices, accounts);

  it('turns a payment account saved by its code into its AccountID', () => {
    const saved = { ...current, paymentAccountId: '', paymentAccountCode: '881' };
    const upgraded = upgradeSettings(saved, choices, accounts);
    expect(upgraded?.paymentAccountId).toBe(id(881));
    expect(upgraded).not.toHaveProperty('paymentAccountCode');
  });

  it('leaves the payment account to be chosen when no payment account has the saved code any more', () => {
    const saved = { ...current, paymentAccountId: '', paymentAccountCode: '999' };
    const upgraded = upgradeSettings(saved, choices, accounts);
    expect(upgraded?.paymentAccountId).toBe('');
    expect(validateSettings(upgraded ?? saved, choices)).toHaveProperty('paymentAccountId');
  });

  it('suggests a purchase tax rate where none was saved, and leaves current settings alone', () => {
    expect(upgradeSettings({ ...current, purchaseTaxType: '' }, choices, accounts)?.purchaseTaxType).toBe('GSTONEXP');
    expect(upgradeSettings(current, choices, accounts)).toBeUndefined();
  });
});

describe('validateSettings', () => {
  const valid = suggestSettings(defaultSettings, choices, accounts);

  it('asks for every missing choice beside its field', () => {
    const errors = validateSettings(defaultSettings, choices);
    expect(Object.keys(errors).sort()).toEqual(
      [
        'nonTaxableTaxType',
        'paymentAccountId',
        'purchaseTaxType',
        'purchasesAccountCode',
        'salesAccountCode',
        'taxableTaxType',
      ].sort(),
    );
  });

  it('refuses DRAFT invoices while payments are synced, saying why', () => {
    expect(validateSettings({ ...valid, invoiceStatus: 'DRAFT' }, choices)).toEqual({
      invoiceStatus: draftWithPaymentsError,
    });
    expect(draftWithPaymentsError).toMatch(/AUTHORISED/);
    expect(validateSettings({ ...valid, invoiceStatus: 'DRAFT', disablePaymentSync: true }, choices)).toEqual({});
  });

  it('takes a purchase tax rate that applies to expenses, needed only with PO sync on', () => {
    expect(validateSettings({ ...valid, purchaseTaxType: 'OUTPUT' }, choices)).toHaveProperty('purchaseTaxType');
    expect(validateSettings({ ...valid, purchaseTaxType: 'OLD' }, choices)).toHaveProperty('purchaseTaxType');
    expect(validateSettings({ ...valid, purchaseTaxType: '', disablePurchaseOrderSync: true }, choices)).toEqual({});
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
    expect(
      validateSettings(
        { ...valid, purchasesAccountCode: '', purchaseTaxType: '', disablePurchaseOrderSync: true },
        choices,
      ),
    ).toEqual({});
  });

  it('needs a payment account unless payments go neither way', () => {
    const none = { ...valid, paymentAccountId: '' };
    expect(validateSettings(none, choices)).toHaveProperty('paymentAccountId');
    expect(validateSettings({ ...valid, paymentAccountId: id(9001) }, choices)).toEqual({});
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
