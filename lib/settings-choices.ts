// Pure: what the settings may be chosen from, derived from Xero's Accounts and TaxRates and Syncro's payment
// methods; sensible first choices so a fresh connection is usable at once; and settings saved by earlier
// versions brought up to date.
import type { AccountChoice, Settings, SettingsChoices, TaxRateChoice } from './settings.ts';
import type { XeroAccount, XeroTaxRate } from './xero/wire.ts';

export type { XeroAccount, XeroTaxRate };

const revenueTypes = new Set(['REVENUE', 'SALES', 'OTHERINCOME']);
const purchaseTypes = new Set(['EXPENSE', 'DIRECTCOSTS', 'OVERHEADS']);

export function choicesFrom(
  accounts: XeroAccount[],
  taxRates: XeroTaxRate[],
  paymentMethods: string[],
): SettingsChoices {
  const active = accounts.filter((account) => (account.Status ?? 'ACTIVE') === 'ACTIVE');
  // Line items and items name their account by code, so sales and purchases accounts need one ("All normal
  // accounts must have a code. For bank accounts however, it is optional": integrators' notes, e.g. Webtize's
  // "Account Code Not Showing"); payments take the AccountID, so a bank account without a code is offered too.
  const coded = active.filter((account) => account.Code);
  const choice = (account: XeroAccount): AccountChoice => ({
    id: account.AccountID,
    ...(account.Code ? { code: account.Code } : {}),
    name: account.Name,
  });
  const rate = (taxRate: XeroTaxRate): TaxRateChoice => ({
    taxType: taxRate.TaxType,
    name: taxRate.Name,
    rate: taxRate.EffectiveRate ?? taxRate.DisplayTaxRate ?? 0,
  });
  const activeRates = taxRates.filter((taxRate) => (taxRate.Status ?? 'ACTIVE') === 'ACTIVE');
  return {
    salesAccounts: coded.filter((account) => revenueTypes.has(account.Type)).map(choice),
    purchasesAccounts: coded.filter((account) => purchaseTypes.has(account.Type)).map(choice),
    // Xero takes a payment into "either an account of type BANK or [one that has] enable payments to this
    // accounts switched on" (developer.xero.com/documentation/api/accounting/payments): only those are offered.
    paymentAccounts: active
      .filter((account) => account.Type === 'BANK' || account.EnablePaymentsToAccount === true)
      .map(choice),
    taxRates: activeRates.filter((taxRate) => taxRate.CanApplyToRevenue !== false).map(rate),
    purchaseTaxRates: activeRates.filter((taxRate) => taxRate.CanApplyToExpenses === true).map(rate),
    paymentMethods,
  };
}

/**
 * The organisation's own default for purchases: the tax type of the purchases account (what Xero applies to
 * a line on that account that names none), else an `INPUT` rate (GST/VAT on expenses), else the first.
 */
export function suggestedPurchaseTaxType(
  purchasesAccountCode: string,
  accounts: readonly XeroAccount[],
  choices: SettingsChoices,
): string {
  const usable = new Set(choices.purchaseTaxRates.map((rate) => rate.taxType));
  const accountDefault = accounts.find((account) => account.Code === purchasesAccountCode)?.TaxType;
  if (accountDefault && usable.has(accountDefault)) return accountDefault;
  return (
    choices.purchaseTaxRates.find((rate) => rate.taxType === 'INPUT')?.taxType ??
    choices.purchaseTaxRates[0]?.taxType ??
    ''
  );
}

/** Fills the settings left empty with the likeliest choice; chosen values are never changed. */
export function suggestSettings(
  settings: Settings,
  choices: SettingsChoices,
  accounts: readonly XeroAccount[] = [],
): Settings {
  const first = <T>(items: T[], prefer: (item: T) => boolean) => items.find(prefer) ?? items[0];
  const taxed = first(choices.taxRates, (rate) => rate.rate > 0);
  const untaxed = first(
    choices.taxRates.filter((rate) => rate.rate === 0),
    (rate) => rate.taxType === 'NONE',
  );
  const purchasesAccountCode =
    settings.purchasesAccountCode ||
    (first(choices.purchasesAccounts, (account) => /purchases|cost of goods/i.test(account.name))?.code ?? '');
  return {
    ...settings,
    salesAccountCode:
      settings.salesAccountCode || (first(choices.salesAccounts, (account) => /sales/i.test(account.name))?.code ?? ''),
    purchasesAccountCode,
    paymentAccountId: settings.paymentAccountId || (choices.paymentAccounts[0]?.id ?? ''),
    taxableTaxType: settings.taxableTaxType || (taxed?.taxType ?? ''),
    nonTaxableTaxType: settings.nonTaxableTaxType || (untaxed?.taxType ?? ''),
    purchaseTaxType: settings.purchaseTaxType || suggestedPurchaseTaxType(purchasesAccountCode, accounts, choices),
    importPaymentMethod:
      settings.importPaymentMethod ||
      (first(choices.paymentMethods, (method) => /bank|transfer|xero/i.test(method)) ?? ''),
  };
}

/**
 * Settings saved by an earlier version, brought up to date once the organisation's choices are loaded: the
 * payment account saved by its code becomes its AccountID (dropped if no payment account has that code any
 * more, so the popup asks for one), and a purchase tax rate that did not exist then is suggested.
 * Undefined when there is nothing to upgrade.
 */
export function upgradeSettings(
  settings: Settings,
  choices: SettingsChoices,
  accounts: readonly XeroAccount[],
): Settings | undefined {
  const legacyCode = settings.paymentAccountCode;
  if (legacyCode === undefined && settings.purchaseTaxType) return undefined;
  const { paymentAccountCode: _legacy, ...current } = settings;
  const byCode = choices.paymentAccounts.find((account) => legacyCode && account.code === legacyCode);
  const upgraded: Settings = {
    ...current,
    paymentAccountId: current.paymentAccountId || (byCode?.id ?? ''),
    purchaseTaxType:
      current.purchaseTaxType || suggestedPurchaseTaxType(current.purchasesAccountCode, accounts, choices),
  };
  return legacyCode === undefined && !upgraded.purchaseTaxType ? undefined : upgraded;
}
