// Seed data: one or more organisations with the same chart of accounts, tax rates and contacts.
// Seeded IDs are fixed so tests (and the extension's e2e tests) can name them.
import { applyInvoice } from './invoices.ts';
import type { Account, Contact, TaxRate, Tenant, TenantData } from './state.ts';

/** `<prefix>-<tenant index>-4000-8000-<n>`: a valid v4-shaped UUID that is stable across runs. */
export function seededId(prefix: string, tenantIndex: number, n: number): string {
  return `${prefix}-${String(tenantIndex).padStart(4, '0')}-4000-8000-${String(n).padStart(12, '0')}`;
}

export const tenantIdFor = (tenantIndex: number): string => seededId('a0000000', tenantIndex, tenantIndex);
export const accountIdFor = (tenantIndex: number, code: string): string =>
  seededId('ac000000', tenantIndex, Number(code));
/** The seeded bank account that has no code. */
export const uncodedBankAccountIdFor = (tenantIndex: number): string => seededId('ac000000', tenantIndex, 9001);
export const contactIdFor = (tenantIndex: number, n: number): string => seededId('c0000000', tenantIndex, n);

export const DEFAULT_ORGANISATION_NAMES = ['Acme MSP Ltd', 'Acme MSP (NZ) Ltd'];

/** Names for `organisations: n` in the admin config. */
export function organisationNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => DEFAULT_ORGANISATION_NAMES[i] ?? `Acme MSP Ltd ${i + 1}`);
}

type AccountSeed = Omit<Account, 'AccountID' | 'updatedMs' | 'Status'> & { Status?: Account['Status'] };

const UNCODED_BANK: AccountSeed = {
  // A bank account added from the Bank Accounts screen has no code: it is "(Optional)" there, and "not all
  // accounts have a code value" (help.xero.com "Add a bank account"; xero_accounting.yaml Payment.Code).
  Name: 'Everyday Account',
  Type: 'BANK',
  Class: 'ASSET',
  TaxType: 'NONE',
  EnablePaymentsToAccount: false,
  BankAccountNumber: '121-000-4473',
};

const ACCOUNTS: AccountSeed[] = [
  {
    Code: '090',
    Name: 'Business Bank Account',
    Type: 'BANK',
    Class: 'ASSET',
    TaxType: 'NONE',
    EnablePaymentsToAccount: true,
    BankAccountNumber: '121-000-4471',
  },
  {
    Code: '091',
    Name: 'Business Savings Account',
    Type: 'BANK',
    Class: 'ASSET',
    TaxType: 'NONE',
    EnablePaymentsToAccount: false,
    BankAccountNumber: '121-000-4472',
  },
  { Code: '200', Name: 'Sales', Type: 'REVENUE', Class: 'REVENUE', TaxType: 'OUTPUT', EnablePaymentsToAccount: false },
  {
    Code: '260',
    Name: 'Other Revenue',
    Type: 'REVENUE',
    Class: 'REVENUE',
    TaxType: 'OUTPUT',
    EnablePaymentsToAccount: false,
  },
  {
    Code: '270',
    Name: 'Interest Income',
    Type: 'REVENUE',
    Class: 'REVENUE',
    TaxType: 'NONE',
    EnablePaymentsToAccount: false,
    Status: 'ARCHIVED',
  },
  {
    Code: '300',
    Name: 'Purchases',
    Type: 'DIRECTCOSTS',
    Class: 'EXPENSE',
    TaxType: 'INPUT',
    EnablePaymentsToAccount: false,
  },
  {
    Code: '310',
    Name: 'Cost of Goods Sold',
    Type: 'DIRECTCOSTS',
    Class: 'EXPENSE',
    TaxType: 'INPUT',
    EnablePaymentsToAccount: false,
  },
  {
    Code: '429',
    Name: 'General Expenses',
    Type: 'EXPENSE',
    Class: 'EXPENSE',
    TaxType: 'INPUT',
    EnablePaymentsToAccount: false,
  },
  UNCODED_BANK,
  // The asset account of tracked inventory items (Item.InventoryAssetAccountCode: "must be of type INVENTORY").
  {
    Code: '630',
    Name: 'Inventory',
    Type: 'INVENTORY',
    Class: 'ASSET',
    TaxType: 'NONE',
    EnablePaymentsToAccount: false,
  },
  {
    Code: '610',
    Name: 'Accounts Receivable',
    Type: 'CURRENT',
    Class: 'ASSET',
    TaxType: 'NONE',
    EnablePaymentsToAccount: false,
    SystemAccount: 'DEBTORS',
  },
  {
    Code: '800',
    Name: 'Accounts Payable',
    Type: 'CURRLIAB',
    Class: 'LIABILITY',
    TaxType: 'NONE',
    EnablePaymentsToAccount: false,
    SystemAccount: 'CREDITORS',
  },
  // A non-bank account that takes payments: "See the edit account screen of your Chart of Accounts in Xero if you
  // wish to enable payments for an account other than a bank account" (developer.xero.com …/accounting/payments).
  {
    Code: '855',
    Name: 'Card Payments Clearing',
    Type: 'CURRLIAB',
    Class: 'LIABILITY',
    TaxType: 'NONE',
    EnablePaymentsToAccount: true,
  },
  {
    Code: '880',
    Name: 'Owner A Drawings',
    Type: 'EQUITY',
    Class: 'EQUITY',
    TaxType: 'NONE',
    EnablePaymentsToAccount: false,
  },
];

const TAX_RATES: TaxRate[] = [
  {
    Name: 'Tax on Sales',
    TaxType: 'OUTPUT',
    ReportTaxType: 'OUTPUT',
    rate4: 82_500,
    CanApplyToRevenue: true,
    CanApplyToExpenses: false,
    Status: 'ACTIVE',
  },
  {
    Name: 'Tax on Purchases',
    TaxType: 'INPUT',
    ReportTaxType: 'INPUT',
    rate4: 82_500,
    CanApplyToRevenue: false,
    CanApplyToExpenses: true,
    Status: 'ACTIVE',
  },
  {
    Name: 'Tax Exempt',
    TaxType: 'NONE',
    ReportTaxType: 'NONE',
    rate4: 0,
    CanApplyToRevenue: true,
    CanApplyToExpenses: true,
    Status: 'ACTIVE',
  },
  {
    Name: 'Tax Exempt Sales',
    TaxType: 'EXEMPTOUTPUT',
    ReportTaxType: 'EXEMPTOUTPUT',
    rate4: 0,
    CanApplyToRevenue: true,
    CanApplyToExpenses: false,
    Status: 'ACTIVE',
  },
];

function contact(tenantIndex: number, n: number, fields: Partial<Contact> & { Name: string }, now: number): Contact {
  return {
    ContactID: contactIdFor(tenantIndex, n),
    ContactStatus: 'ACTIVE',
    IsCustomer: false,
    IsSupplier: false,
    details: {},
    updatedMs: now,
    ...fields,
  };
}

/** A fresh organisation (tenant) with the standard chart, tax rates and the three seeded contacts. */
export function seedTenant(tenantIndex: number, name: string, now: number): Tenant {
  const tenantId = tenantIdFor(tenantIndex);
  const accounts = ACCOUNTS.map<Account>((seed) => ({
    AccountID: seed.Code ? accountIdFor(tenantIndex, seed.Code) : uncodedBankAccountIdFor(tenantIndex),
    Status: 'ACTIVE',
    updatedMs: now,
    ...seed,
  }));
  const contacts = [
    // Shares its name with a seeded Syncro customer but has no ContactNumber: the extension must link it.
    contact(
      tenantIndex,
      1,
      { Name: 'Northwind Traders', details: { EmailAddress: 'accounts@northwind.example' } },
      now,
    ),
    contact(tenantIndex, 2, { Name: 'Old Customer Co', ContactStatus: 'ARCHIVED' }, now),
    // Already linked to a different Syncro customer.
    contact(tenantIndex, 3, { Name: 'Globex Corporation', ContactNumber: 'SYNCRO-C-999999', IsCustomer: true }, now),
  ];
  const data: TenantData = {
    organisation: { OrganisationID: tenantId, Name: name, ShortCode: `!acme${tenantIndex}`, createdMs: now },
    accounts: new Map(accounts.map((account) => [account.AccountID, account])),
    taxRates: new Map(TAX_RATES.map((rate) => [rate.TaxType, { ...rate }])),
    contacts: new Map(contacts.map((c) => [c.ContactID, c])),
    items: new Map(),
    invoices: new Map(),
    payments: new Map(),
    purchaseOrders: new Map(),
    batchPayments: new Map(),
    nextInvoiceNumber: 1,
    nextPurchaseOrderNumber: 1,
  };
  return { tenantId, data };
}

/** Benchmark data: `count` authorised sales invoices for Globex, numbered XI-00001… */
export function seedInvoices(tenant: Tenant, count: number, now: number): void {
  const globex = contactIdFor(1, 3);
  for (let n = 1; n <= count; n++) {
    applyInvoice(
      tenant.data,
      {
        Type: 'ACCREC',
        Contact: { ContactID: globex },
        InvoiceNumber: `XI-${String(n).padStart(5, '0')}`,
        Status: 'AUTHORISED',
        LineItems: [
          { Description: `Managed services ${n}`, Quantity: 1, UnitAmount: 100 + (n % 50), AccountCode: '200' },
        ],
      },
      now,
      { unitdp4: false },
    );
  }
}
