// Sync settings: the seed's three switches plus what a real sync needs, chosen from the connected systems.
// Pure: validation takes the choices loaded from Xero and Syncro and says, per field, what is wrong.

export type InvoiceStatus = 'AUTHORISED' | 'DRAFT';

export interface Settings {
  disablePaymentSync: boolean;
  importPayments: boolean;
  disablePurchaseOrderSync: boolean;
  /** Line items and items name their account by code; only a bank account may lack one (see choicesFrom). */
  salesAccountCode: string;
  purchasesAccountCode: string;
  /**
   * By AccountID: Xero's Payment takes `Account: { AccountID }` or `{ Code }`, "not all accounts have a code
   * value" (developer.xero.com/documentation/api/payments), and bank accounts often have none.
   */
  paymentAccountId: string;
  /**
   * Only in settings saved before payment accounts were chosen by id: that account's code. Payments still go
   * to it (Xero takes `Account: { Code }` too) until the choices are next loaded, which turns it into
   * paymentAccountId (upgradeSettings).
   */
  paymentAccountCode?: string;
  taxableTaxType: string;
  nonTaxableTaxType: string;
  /** The tax rate of purchase order and bill lines: one that applies to expenses (GST/VAT on purchases…). */
  purchaseTaxType: string;
  invoiceStatus: InvoiceStatus;
  /** Syncro payment method name given to payments imported from Xero. */
  importPaymentMethod: string;
  pollIntervalHours: number;
  /** `YYYY-MM-DD`: invoices and POs dated before it are left out of the sync; '' = everything. */
  syncFromDate: string;
}

export const defaultSettings: Settings = {
  disablePaymentSync: false,
  importPayments: false,
  disablePurchaseOrderSync: false,
  salesAccountCode: '',
  purchasesAccountCode: '',
  paymentAccountId: '',
  taxableTaxType: '',
  nonTaxableTaxType: '',
  purchaseTaxType: '',
  invoiceStatus: 'AUTHORISED',
  importPaymentMethod: '',
  pollIntervalHours: 4,
  syncFromDate: '',
};

export interface AccountChoice {
  /** Xero's AccountID. */
  id: string;
  /** Absent for accounts without a code (often bank accounts). */
  code?: string;
  name: string;
}

export interface TaxRateChoice {
  taxType: string;
  name: string;
  /** Percent, e.g. 8.25. */
  rate: number;
}

/** What the settings may be chosen from, as loaded from the connected Xero organisation and Syncro account. */
export interface SettingsChoices {
  salesAccounts: AccountChoice[];
  purchasesAccounts: AccountChoice[];
  /** Only accounts that accept payments (bank accounts, or "Enable payments to this account"). */
  paymentAccounts: AccountChoice[];
  /** Active rates that apply to revenue (invoice lines). */
  taxRates: TaxRateChoice[];
  /** Active rates that apply to expenses (purchase order and bill lines). */
  purchaseTaxRates: TaxRateChoice[];
  paymentMethods: string[];
}

export type SettingsErrors = Partial<Record<keyof Settings, string>>;

/**
 * Xero applies payments "to approved AR and AP invoices" only (developer.xero.com/documentation/api/payments):
 * on a DRAFT it answers "Payments can only be made against Authorised documents", so every payment would fail.
 */
export const draftWithPaymentsError =
  'Xero takes payments only on AUTHORISED invoices: with payment syncing on, new invoices must be AUTHORISED (or disable syncing of payments).';

export function validateSettings(settings: Settings, choices: SettingsChoices): SettingsErrors {
  const errors: SettingsErrors = {};
  const pick = (field: keyof Settings, value: string, options: string[], what: string, required = true) => {
    if (!value) {
      if (required) errors[field] = `Choose the ${what}.`;
    } else if (!options.includes(value)) {
      // An AccountID means nothing to a person: the chosen account is named by its field alone.
      const shown = field === 'paymentAccountId' ? '' : ` "${value}"`;
      errors[field] = `The ${what}${shown} is not in the connected organisation any more: choose another.`;
    }
  };
  const codes = (accounts: AccountChoice[]) => accounts.flatMap((account) => (account.code ? [account.code] : []));
  const taxTypes = choices.taxRates.map((rate) => rate.taxType);
  pick('salesAccountCode', settings.salesAccountCode, codes(choices.salesAccounts), 'sales account');
  pick(
    'purchasesAccountCode',
    settings.purchasesAccountCode,
    codes(choices.purchasesAccounts),
    'purchases account',
    !settings.disablePurchaseOrderSync,
  );
  const paymentsUsed = !settings.disablePaymentSync || settings.importPayments;
  pick(
    'paymentAccountId',
    settings.paymentAccountId,
    choices.paymentAccounts.map((account) => account.id),
    'payment account',
    paymentsUsed,
  );
  pick('taxableTaxType', settings.taxableTaxType, taxTypes, 'tax rate for taxable lines');
  pick('nonTaxableTaxType', settings.nonTaxableTaxType, taxTypes, 'tax rate for non-taxable lines');
  pick(
    'purchaseTaxType',
    settings.purchaseTaxType,
    choices.purchaseTaxRates.map((rate) => rate.taxType),
    'tax rate for purchase orders and bills',
    !settings.disablePurchaseOrderSync,
  );
  pick(
    'importPaymentMethod',
    settings.importPaymentMethod,
    choices.paymentMethods,
    'Syncro payment method for imported payments',
    settings.importPayments,
  );
  if (settings.invoiceStatus !== 'AUTHORISED' && settings.invoiceStatus !== 'DRAFT') {
    errors.invoiceStatus = 'New invoices are either AUTHORISED or DRAFT.';
  } else if (settings.invoiceStatus === 'DRAFT' && !settings.disablePaymentSync) {
    errors.invoiceStatus = draftWithPaymentsError;
  }
  if (!Number.isInteger(settings.pollIntervalHours) || settings.pollIntervalHours < 1) {
    errors.pollIntervalHours = 'Poll every whole number of hours, at least 1.';
  } else if (settings.pollIntervalHours > 168) {
    errors.pollIntervalHours = 'Poll at least once a week (168 hours).';
  }
  if (settings.syncFromDate && !isCalendarDate(settings.syncFromDate)) {
    errors.syncFromDate = 'Give the start date as a calendar date (YYYY-MM-DD), or leave it empty to sync everything.';
  }
  return errors;
}

/** A real `YYYY-MM-DD` date (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
