// Stored records → Xero's JSON shapes (decimals as numbers, dates as /Date()/ strings).
import { dateString, msDate } from './format.ts';
import { centsToNumber, units4ToNumber } from './money.ts';
import type {
  Account,
  ApiObject,
  BatchPayment,
  Contact,
  Invoice,
  Item,
  LineItem,
  Payment,
  PurchaseOrder,
  TaxRate,
  TenantData,
  TradeDetails,
} from './state.ts';
import { isTracked } from './state.ts';

// Undocumented choice: a US organisation in USD (Xero's spec examples are an NZ demo org; tax codes are regional,
// research/xero.md §5.5).
export const BASE_CURRENCY = 'USD';

// Fields: xero_accounting.yaml#/paths/~1Organisation/get example.
export function renderOrganisation(data: TenantData): ApiObject {
  const org = data.organisation;
  return {
    OrganisationID: org.OrganisationID,
    APIKey: '',
    Name: org.Name,
    LegalName: org.Name,
    PaysTax: true,
    Version: 'US',
    OrganisationType: 'COMPANY',
    BaseCurrency: BASE_CURRENCY,
    CountryCode: 'US',
    IsDemoCompany: false,
    OrganisationStatus: 'ACTIVE',
    FinancialYearEndDay: 31,
    FinancialYearEndMonth: 12,
    SalesTaxBasis: 'ACCRUALS',
    SalesTaxPeriod: 'MONTHLY',
    DefaultSalesTax: 'Tax Exclusive',
    DefaultPurchasesTax: 'Tax Exclusive',
    CreatedDateUTC: msDate(org.createdMs),
    OrganisationEntityType: 'COMPANY',
    Timezone: 'EASTERNSTANDARDTIME',
    ShortCode: org.ShortCode,
    Edition: 'BUSINESS',
    Class: 'STANDARD',
  };
}

// Fields: xero_accounting.yaml#/paths/~1Accounts/get example (bank accounts add BankAccountNumber/Type, CurrencyCode).
export function renderAccount(account: Account): ApiObject {
  const { updatedMs, BankAccountNumber, SystemAccount, ...fields } = account;
  return {
    ...fields,
    ...(account.Type === 'BANK' ? { BankAccountNumber, BankAccountType: 'BANK', CurrencyCode: BASE_CURRENCY } : {}),
    ...(SystemAccount ? { SystemAccount } : {}),
    ShowInExpenseClaims: false,
    ReportingCode: account.Class,
    HasAttachments: false,
    UpdatedDateUTC: msDate(updatedMs),
    AddToWatchlist: false,
  };
}

// Fields: xero_accounting.yaml#/paths/~1TaxRates/get example.
export function renderTaxRate(rate: TaxRate): ApiObject {
  const percent = units4ToNumber(rate.rate4);
  return {
    Name: rate.Name,
    TaxType: rate.TaxType,
    ReportTaxType: rate.ReportTaxType,
    CanApplyToAssets: true,
    CanApplyToEquity: true,
    CanApplyToExpenses: rate.CanApplyToExpenses,
    CanApplyToLiabilities: true,
    CanApplyToRevenue: rate.CanApplyToRevenue,
    DisplayTaxRate: percent,
    EffectiveRate: percent,
    Status: rate.Status,
    TaxComponents: [{ Name: rate.Name, Rate: percent, IsCompound: false, IsNonRecoverable: false }],
  };
}

// Fields: xero_accounting.yaml#/components/schemas/Contact and the /Contacts examples.
export function renderContact(contact: Contact): ApiObject {
  return {
    ContactID: contact.ContactID,
    ...(contact.ContactNumber !== undefined ? { ContactNumber: contact.ContactNumber } : {}),
    ContactStatus: contact.ContactStatus,
    Name: contact.Name,
    ...contact.details,
    IsSupplier: contact.IsSupplier,
    IsCustomer: contact.IsCustomer,
    UpdatedDateUTC: msDate(contact.updatedMs),
    HasAttachments: false,
    HasValidationErrors: false,
  };
}

function renderTrade(details: TradeDetails | undefined): ApiObject | undefined {
  if (!details) return undefined;
  return {
    ...(details.unit4 !== undefined ? { UnitPrice: units4ToNumber(details.unit4) } : {}),
    ...(details.AccountCode ? { AccountCode: details.AccountCode } : {}),
    ...(details.COGSAccountCode ? { COGSAccountCode: details.COGSAccountCode } : {}),
    ...(details.TaxType ? { TaxType: details.TaxType } : {}),
  };
}

export function renderItem(item: Item): ApiObject {
  return {
    ItemID: item.ItemID,
    Code: item.Code,
    Name: item.Name,
    Description: item.Description,
    PurchaseDescription: item.PurchaseDescription,
    IsSold: item.IsSold,
    IsPurchased: item.IsPurchased,
    IsTrackedAsInventory: isTracked(item),
    ...(item.InventoryAssetAccountCode ? { InventoryAssetAccountCode: item.InventoryAssetAccountCode } : {}),
    SalesDetails: renderTrade(item.SalesDetails),
    PurchaseDetails: renderTrade(item.PurchaseDetails),
    UpdatedDateUTC: msDate(item.updatedMs),
  };
}

function renderLine(line: LineItem): ApiObject {
  return {
    LineItemID: line.LineItemID,
    Description: line.Description,
    Quantity: units4ToNumber(line.quantity4),
    UnitAmount: units4ToNumber(line.unit4),
    ...(line.ItemCode ? { ItemCode: line.ItemCode } : {}),
    ...(line.AccountCode ? { AccountCode: line.AccountCode } : {}),
    TaxType: line.TaxType,
    TaxAmount: centsToNumber(line.taxCents),
    LineAmount: centsToNumber(line.lineCents),
    ...(line.discount4 ? { DiscountRate: units4ToNumber(line.discount4) } : {}),
    Tracking: [],
  };
}

function contactRef(data: TenantData, contactId: string): ApiObject {
  const contact = data.contacts.get(contactId);
  return contact ? renderContact(contact) : { ContactID: contactId };
}

function paymentSummary(payment: Payment): ApiObject {
  return {
    PaymentID: payment.PaymentID,
    Date: msDate(payment.dateMs),
    Amount: centsToNumber(payment.amount),
    ...(payment.Reference !== undefined ? { Reference: payment.Reference } : {}),
    CurrencyRate: 1,
    HasAccount: false,
    HasValidationErrors: false,
  };
}

/**
 * `withLines: false` mimics multi-record GETs without `page`, which Xero returns without LineItems
 * (https://developer.xero.com/documentation/api/Invoices; xero_accounting.yaml `/Invoices` `page` description).
 * Fields: xero_accounting.yaml#/paths/~1Invoices~1{InvoiceID}/get example.
 */
export function renderInvoice(data: TenantData, invoice: Invoice, withLines = true): ApiObject {
  const payments = invoice.paymentIds
    .map((id) => data.payments.get(id))
    .filter((p): p is Payment => p?.Status === 'AUTHORISED');
  return {
    Type: invoice.Type,
    InvoiceID: invoice.InvoiceID,
    InvoiceNumber: invoice.InvoiceNumber,
    ...(invoice.Reference !== undefined ? { Reference: invoice.Reference } : {}),
    Payments: payments.map(paymentSummary),
    Prepayments: [],
    Overpayments: [],
    CreditNotes: [],
    AmountDue: centsToNumber(invoice.total - invoice.amountPaid - (invoice.amountCredited ?? 0)),
    AmountPaid: centsToNumber(invoice.amountPaid),
    AmountCredited: centsToNumber(invoice.amountCredited ?? 0),
    SentToContact: false,
    CurrencyRate: 1,
    IsDiscounted: invoice.lines.some((line) => Boolean(line.discount4)),
    HasAttachments: false,
    HasErrors: false,
    Contact: contactRef(data, invoice.ContactID),
    DateString: dateString(invoice.dateMs),
    Date: msDate(invoice.dateMs),
    ...(invoice.dueDateMs !== undefined
      ? { DueDateString: dateString(invoice.dueDateMs), DueDate: msDate(invoice.dueDateMs) }
      : {}),
    Status: invoice.Status,
    LineAmountTypes: invoice.LineAmountTypes,
    ...(withLines ? { LineItems: invoice.lines.map(renderLine) } : {}),
    SubTotal: centsToNumber(invoice.subTotal),
    TotalTax: centsToNumber(invoice.totalTax),
    Total: centsToNumber(invoice.total),
    UpdatedDateUTC: msDate(invoice.updatedMs),
    CurrencyCode: invoice.CurrencyCode,
    ...(invoice.Url !== undefined ? { Url: invoice.Url } : {}),
    ...(invoice.fullyPaidOnMs !== undefined ? { FullyPaidOnDate: msDate(invoice.fullyPaidOnMs) } : {}),
  };
}

// Fields: xero_accounting.yaml#/paths/~1PurchaseOrders~1{PurchaseOrderID}/get example.
export function renderPurchaseOrder(data: TenantData, order: PurchaseOrder): ApiObject {
  return {
    PurchaseOrderID: order.PurchaseOrderID,
    PurchaseOrderNumber: order.PurchaseOrderNumber,
    ...(order.Reference !== undefined ? { Reference: order.Reference } : {}),
    Contact: contactRef(data, order.ContactID),
    DateString: dateString(order.dateMs),
    Date: msDate(order.dateMs),
    ...(order.deliveryDateMs !== undefined
      ? { DeliveryDateString: dateString(order.deliveryDateMs), DeliveryDate: msDate(order.deliveryDateMs) }
      : {}),
    DeliveryAddress: order.DeliveryAddress,
    AttentionTo: order.AttentionTo,
    Telephone: order.Telephone,
    DeliveryInstructions: order.DeliveryInstructions,
    Status: order.Status,
    LineAmountTypes: order.LineAmountTypes,
    LineItems: order.lines.map(renderLine),
    SubTotal: centsToNumber(order.subTotal),
    TotalTax: centsToNumber(order.totalTax),
    Total: centsToNumber(order.total),
    CurrencyCode: order.CurrencyCode,
    CurrencyRate: 1,
    SentToContact: false,
    HasAttachments: false,
    IsDiscounted: false,
    UpdatedDateUTC: msDate(order.updatedMs),
  };
}

// Fields: xero_accounting.yaml#/paths/~1Payments~1{PaymentID}/get example.
export function renderPayment(data: TenantData, payment: Payment): ApiObject {
  const invoice = data.invoices.get(payment.InvoiceID);
  const account = data.accounts.get(payment.AccountID);
  return {
    PaymentID: payment.PaymentID,
    Date: msDate(payment.dateMs),
    Amount: centsToNumber(payment.amount),
    BankAmount: centsToNumber(payment.amount),
    ...(payment.Reference !== undefined ? { Reference: payment.Reference } : {}),
    CurrencyRate: 1,
    PaymentType: payment.PaymentType,
    Status: payment.Status,
    IsReconciled: false,
    HasAccount: true,
    HasValidationErrors: false,
    UpdatedDateUTC: msDate(payment.updatedMs),
    ...(payment.BatchPaymentID ? { BatchPaymentID: payment.BatchPaymentID } : {}),
    Account: { AccountID: payment.AccountID, Code: account?.Code },
    Invoice: invoice
      ? {
          InvoiceID: invoice.InvoiceID,
          InvoiceNumber: invoice.InvoiceNumber,
          Type: invoice.Type,
          CurrencyCode: invoice.CurrencyCode,
          Contact: { ContactID: invoice.ContactID, Name: data.contacts.get(invoice.ContactID)?.Name },
        }
      : { InvoiceID: payment.InvoiceID },
  };
}

// Fields: xero_accounting.yaml#/paths/~1BatchPayments/get example.
export function renderBatchPayment(data: TenantData, batch: BatchPayment): ApiObject {
  return {
    BatchPaymentID: batch.BatchPaymentID,
    Account: { AccountID: batch.AccountID },
    ...(batch.Reference !== undefined ? { Reference: batch.Reference } : {}),
    DateString: dateString(batch.dateMs),
    Date: msDate(batch.dateMs),
    Type: batch.Type,
    Status: 'AUTHORISED',
    TotalAmount: centsToNumber(batch.total),
    IsReconciled: false,
    UpdatedDateUTC: msDate(batch.updatedMs),
    Payments: batch.paymentIds.flatMap((id) => {
      const payment = data.payments.get(id);
      if (!payment) return [];
      const { Invoice, PaymentID, Amount } = renderPayment(data, payment);
      return [{ PaymentID, Invoice, Amount }];
    }),
  };
}
