// Pure: what the settings may be chosen from, derived from Xero's Accounts and TaxRates and Syncro's payment
// methods; and sensible first choices so a fresh connection is usable at once.
import type { Settings, SettingsChoices } from './settings.ts';

export interface XeroAccount {
  Code?: string;
  Name: string;
  Type: string;
  Class?: string;
  Status?: string;
  EnablePaymentsToAccount?: boolean;
}

export interface XeroTaxRate {
  Name: string;
  TaxType: string;
  EffectiveRate?: number;
  DisplayTaxRate?: number;
  Status?: string;
  CanApplyToRevenue?: boolean;
}

const revenueTypes = new Set(['REVENUE', 'SALES', 'OTHERINCOME']);
const purchaseTypes = new Set(['EXPENSE', 'DIRECTCOSTS', 'OVERHEADS']);

export function choicesFrom(
  accounts: XeroAccount[],
  taxRates: XeroTaxRate[],
  paymentMethods: string[],
): SettingsChoices {
  const active = accounts.filter((account) => account.Code && (account.Status ?? 'ACTIVE') === 'ACTIVE');
  const choice = (account: XeroAccount) => ({ code: account.Code as string, name: account.Name });
  return {
    salesAccounts: active.filter((account) => revenueTypes.has(account.Type)).map(choice),
    purchasesAccounts: active.filter((account) => purchaseTypes.has(account.Type)).map(choice),
    paymentAccounts: active
      .filter((account) => account.Type === 'BANK' || account.EnablePaymentsToAccount === true)
      .map(choice),
    taxRates: taxRates
      .filter((rate) => (rate.Status ?? 'ACTIVE') === 'ACTIVE' && rate.CanApplyToRevenue !== false)
      .map((rate) => ({
        taxType: rate.TaxType,
        name: rate.Name,
        rate: rate.EffectiveRate ?? rate.DisplayTaxRate ?? 0,
      })),
    paymentMethods,
  };
}

/** Fills the settings left empty with the likeliest choice; chosen values are never changed. */
export function suggestSettings(settings: Settings, choices: SettingsChoices): Settings {
  const first = <T>(items: T[], prefer: (item: T) => boolean) => items.find(prefer) ?? items[0];
  const taxed = first(choices.taxRates, (rate) => rate.rate > 0);
  const untaxed = first(
    choices.taxRates.filter((rate) => rate.rate === 0),
    (rate) => rate.taxType === 'NONE',
  );
  return {
    ...settings,
    salesAccountCode:
      settings.salesAccountCode || (first(choices.salesAccounts, (account) => /sales/i.test(account.name))?.code ?? ''),
    purchasesAccountCode:
      settings.purchasesAccountCode ||
      (first(choices.purchasesAccounts, (account) => /purchases|cost of goods/i.test(account.name))?.code ?? ''),
    paymentAccountCode: settings.paymentAccountCode || (choices.paymentAccounts[0]?.code ?? ''),
    taxableTaxType: settings.taxableTaxType || (taxed?.taxType ?? ''),
    nonTaxableTaxType: settings.nonTaxableTaxType || (untaxed?.taxType ?? ''),
    importPaymentMethod:
      settings.importPaymentMethod ||
      (first(choices.paymentMethods, (method) => /bank|transfer|xero/i.test(method)) ?? ''),
  };
}
