// What the product reads from Xero's Accounting API and its connections endpoint, and nothing more: each
// answer is checked against these schemas where it arrives (lib/xero/client.ts, batch.ts, http.ts), and their
// types are the ones the sync uses. Sources: xero_accounting.yaml#/components/schemas/<Name> as named below,
// and xero-identity.yaml#/components/schemas/Connection. The spec marks no response field as required: those
// required here are the ones the product cannot do without. xeroCall and writeBatch compile only with a schema
// that reads what the generated types (lib/xero/types.ts) say the call's answer holds.
import * as v from 'valibot';
import { flag, named, text } from '../wire-check.ts';
import { amount, collection, date, id, optional } from './wire-base.ts';

export { xeroDateMs, xeroIgnored } from './wire-base.ts';

// ---- connections and organisation ----

/** xero-identity.yaml#/components/schemas/Connection, as `GET https://api.xero.com/connections` lists them. */
export const xeroConnection = named(
  'organisation connection',
  ['tenantName', 'tenantId'],
  v.object({ tenantId: id, tenantName: text }),
);
export const xeroConnectionList = named('organisation list', [], v.array(xeroConnection));

/** xero_accounting.yaml#/components/schemas/Organisation */
export const xeroOrganisations = collection(
  'Organisations',
  named('organisation', ['Name'], v.object({ Name: text, BaseCurrency: text })),
);

// ---- settings: accounts and tax rates ----

/** xero_accounting.yaml#/components/schemas/Account: bank accounts often have no Code, so AccountID names one. */
export const xeroAccount = named(
  'account',
  ['Code', 'Name', 'AccountID'],
  v.object({
    AccountID: id,
    Code: optional(text),
    Name: text,
    Type: text,
    Class: optional(text),
    Status: optional(text),
    EnablePaymentsToAccount: optional(flag),
    /** The account's default tax rate: a suggestion for the purchase tax rate (lib/settings-choices.ts). */
    TaxType: optional(text),
  }),
);
export const xeroAccounts = collection('Accounts', xeroAccount);

/** xero_accounting.yaml#/components/schemas/TaxRate */
export const xeroTaxRate = named(
  'tax rate',
  ['Name', 'TaxType'],
  v.object({
    Name: text,
    TaxType: text,
    /** The rate the product computes with ("12.5000"): without it a rate would read as 0%. */
    EffectiveRate: amount,
    DisplayTaxRate: optional(amount),
    Status: optional(text),
    CanApplyToRevenue: optional(flag),
    CanApplyToExpenses: optional(flag),
  }),
);
export const xeroTaxRates = collection('TaxRates', xeroTaxRate);

// ---- contacts ----

/** xero_accounting.yaml#/components/schemas/Contact: what the look-ups and writes read. */
export const xeroContact = named(
  'contact',
  ['ContactNumber', 'Name', 'ContactID'],
  v.object({
    ContactID: id,
    Name: text,
    ContactNumber: optional(text),
    ContactStatus: optional(text),
    UpdatedDateUTC: optional(date),
  }),
);
export const xeroContacts = collection('Contacts', xeroContact);

/** The same, with what "Import Xero contacts" shows and decides by. */
export const xeroContactFull = named(
  'contact',
  ['ContactNumber', 'Name', 'ContactID'],
  v.object({
    ...xeroContact.entries,
    EmailAddress: optional(text),
    IsCustomer: optional(flag),
    IsSupplier: optional(flag),
  }),
);
export const xeroContactsFull = collection('Contacts', xeroContactFull);

/** Only the ContactNumber, by ContactID (`GET /Contacts?IDs=`). */
export const xeroContactNumbers = collection(
  'Contacts',
  named('contact', ['ContactID'], v.object({ ContactID: id, ContactNumber: optional(text) })),
);

// ---- items ----

/** xero_accounting.yaml#/components/schemas/Item: what decides whether an item is ours to write, and its id. */
export const xeroItem = named(
  'item',
  ['Code', 'ItemID'],
  v.object({ ItemID: id, Code: text, IsTrackedAsInventory: optional(flag), UpdatedDateUTC: optional(date) }),
);
export const xeroItems = collection('Items', xeroItem);

// ---- invoices ----

/** xero_accounting.yaml#/components/schemas/Payment as an invoice lists it. */
const invoicePayment = named(
  'payment',
  ['PaymentID'],
  v.object({ PaymentID: id, Reference: optional(text), Amount: amount }),
);

const invoiceEntries = {
  InvoiceID: id,
  InvoiceNumber: text,
  Status: text,
  AmountDue: amount,
  AmountPaid: amount,
  Payments: v.optional(v.array(invoicePayment)),
  UpdatedDateUTC: optional(date),
};

/**
 * `Payments` is the only record of which SYNCRO-PAY- payments Xero has already: an invoice with AmountPaid but
 * no payments listed is unusable, never read as having none (that would send a payment twice).
 */
const paymentsListed = <T extends { AmountPaid: number; Payments?: unknown[] | undefined }>() =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed || !(dataset.value.AmountPaid > 0) || (dataset.value.Payments?.length ?? 0) > 0) return;
    const input = dataset.value;
    addIssue({
      received: input.Payments === undefined ? 'undefined' : 'an empty list',
      path: [{ type: 'object', origin: 'value', input, key: 'Payments', value: input.Payments }],
    });
  });

/**
 * xero_accounting.yaml#/components/schemas/Invoice: a sales invoice as the push writes it (the answer to
 * `POST /Invoices`, whose example has no AmountCredited: it is not read there).
 */
export const xeroInvoice = named(
  'invoice',
  ['InvoiceNumber', 'InvoiceID'],
  v.pipe(v.object({ ...invoiceEntries, AmountCredited: optional(amount) }), paymentsListed()),
);

/**
 * Invoices found by number (`GET /Invoices?InvoiceNumbers=`), which the push may adopt or update: whether Xero
 * still lets it be edited is read from AmountPaid and AmountCredited, both on every invoice of
 * xero_accounting.yaml#/paths/~1Invoices/get's example — a missing one is an error, never "nothing credited".
 */
export const xeroInvoices = collection(
  'Invoices',
  named(
    'invoice',
    ['InvoiceNumber', 'InvoiceID'],
    v.pipe(v.object({ ...invoiceEntries, AmountCredited: amount }), paymentsListed()),
  ),
);

/** Sales invoices as a backfill lists them (`summaryOnly=true`): no payments taken for granted (lib/sync/learned.ts). */
export const xeroInvoiceListed = collection(
  'Invoices',
  named('invoice', ['InvoiceNumber', 'InvoiceID'], v.object({ ...invoiceEntries, AmountCredited: amount })),
);

/**
 * What the drift check compares (`GET /Invoices?IDs=` or changed since, `summaryOnly=true`): `Total` and
 * `AmountDue` are on every invoice of xero_accounting.yaml#/paths/~1Invoices/get's example; a missing one is an
 * error, never read as 0.
 */
export const xeroInvoiceFigures = collection(
  'Invoices',
  named(
    'invoice',
    ['InvoiceNumber', 'InvoiceID'],
    v.object({
      InvoiceID: id,
      InvoiceNumber: optional(text),
      Type: text,
      Total: amount,
      AmountDue: amount,
      CurrencyCode: optional(text),
    }),
  ),
);

/** Invoices found by number for a page's badges (`summaryOnly=true`). */
export const xeroInvoiceSummaries = collection(
  'Invoices',
  named(
    'invoice',
    ['InvoiceNumber', 'InvoiceID'],
    v.object({ InvoiceID: id, InvoiceNumber: text, Type: text, Status: text }),
  ),
);

/** A bill (ACCPAY) with a PO's number: which contact it belongs to. */
export const xeroBill = named(
  'bill',
  ['InvoiceNumber', 'InvoiceID'],
  v.object({ InvoiceID: id, InvoiceNumber: text, Status: text, Contact: v.object({ ContactID: id }) }),
);
export const xeroBills = collection('Invoices', xeroBill);

// ---- purchase orders ----

/** xero_accounting.yaml#/components/schemas/PurchaseOrder */
export const xeroPurchaseOrder = named(
  'purchase order',
  ['PurchaseOrderNumber', 'PurchaseOrderID'],
  v.object({ PurchaseOrderID: id, PurchaseOrderNumber: text, Status: text, UpdatedDateUTC: optional(date) }),
);
export const xeroPurchaseOrders = collection('PurchaseOrders', xeroPurchaseOrder);

// ---- payments (the import poll) ----

/**
 * xero_accounting.yaml#/components/schemas/Payment as `GET /Payments` lists it, with its Invoice
 * (…/schemas/Invoice) and that invoice's Contact (…/schemas/Contact).
 */
export const xeroPayment = named(
  'payment',
  ['PaymentID'],
  v.object({
    PaymentID: id,
    Date: date,
    Amount: amount,
    Reference: optional(text),
    Status: text,
    UpdatedDateUTC: date,
    Invoice: v.object({
      InvoiceID: id,
      InvoiceNumber: optional(text),
      CurrencyCode: optional(text),
      Contact: optional(v.object({ ContactID: optional(id), Name: optional(text), ContactNumber: optional(text) })),
    }),
  }),
);
export const xeroPayments = collection('Payments', xeroPayment);

/** A written payment's id (`PUT /Payments`). */
export const xeroPaymentWritten = named('payment', ['PaymentID'], v.object({ PaymentID: id }));

// ---- history (claims on a payment import) ----

/** xero_accounting.yaml#/components/schemas/HistoryRecord */
export const xeroHistoryRecord = named('history record', [], v.object({ Details: optional(text), DateUTC: date }));
export const xeroHistoryRecords = collection('HistoryRecords', xeroHistoryRecord);

// ---- batch writes ----

const writtenRecords = optional(v.array(v.unknown()));
/**
 * A batch write's answer: its records, each read on its own (see writeBatch). Without the collection, no record
 * has a result, and each says so.
 */
export const xeroWriteAnswer = <K extends string>(key: K) =>
  named(`${key} answer`, [], v.object({ [key]: writtenRecords } as { [P in K]: typeof writtenRecords }));

/** How each record of a `summarizeErrors=false` write came back (…/schemas/Invoice#StatusAttributeString). */
export const xeroRecordStatus = v.object({
  StatusAttributeString: optional(text),
  ValidationErrors: optional(v.array(v.object({ Message: optional(text) }))),
});

export type XeroConnection = v.InferOutput<typeof xeroConnection>;
export type XeroAccount = v.InferOutput<typeof xeroAccount>;
export type XeroTaxRate = v.InferOutput<typeof xeroTaxRate>;
export type XeroContact = v.InferOutput<typeof xeroContact>;
export type XeroContactFull = v.InferOutput<typeof xeroContactFull>;
export type XeroItem = v.InferOutput<typeof xeroItem>;
export type XeroInvoice = v.InferOutput<typeof xeroInvoice>;
export type XeroFoundInvoice = v.InferOutput<typeof xeroInvoices>['Invoices'][number];
export type XeroPurchaseOrder = v.InferOutput<typeof xeroPurchaseOrder>;
export type XeroBill = v.InferOutput<typeof xeroBill>;
export type XeroPayment = v.InferOutput<typeof xeroPayment>;
export type XeroHistoryRecord = v.InferOutput<typeof xeroHistoryRecord>;
