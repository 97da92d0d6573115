// The Xero fake's data model. Records keep Xero's PascalCase names where they are plain values and
// integer cents / ten-thousandths / epoch ms where Xero would render decimals or /Date()/ strings.
import type { SandboxResponse } from '../http.ts';
import type { LineAmountTypes } from './money.ts';

export type ApiObject = Record<string, unknown>;

export interface Organisation {
  OrganisationID: string;
  Name: string;
  ShortCode: string;
  createdMs: number;
}

export interface Account {
  AccountID: string;
  /** Optional for bank accounts (help.xero.com "Add a bank account": "(Optional) … add an account code"). */
  Code?: string;
  Name: string;
  Type: string;
  Class: string;
  Status: 'ACTIVE' | 'ARCHIVED';
  TaxType: string;
  EnablePaymentsToAccount: boolean;
  SystemAccount?: string;
  BankAccountNumber?: string;
  updatedMs: number;
}

export interface TaxRate {
  Name: string;
  TaxType: string;
  ReportTaxType: string;
  /** Percent in ten-thousandths (8.25% → 82500). */
  rate4: number;
  CanApplyToRevenue: boolean;
  CanApplyToExpenses: boolean;
  Status: 'ACTIVE' | 'DELETED';
}

export interface Contact {
  ContactID: string;
  Name: string;
  ContactNumber?: string;
  ContactStatus: 'ACTIVE' | 'ARCHIVED';
  IsCustomer: boolean;
  IsSupplier: boolean;
  /** Pass-through fields the fake stores but has no rules for (EmailAddress, Phones, Addresses…). */
  details: ApiObject;
  updatedMs: number;
}

export interface TradeDetails {
  unit4?: number;
  AccountCode?: string;
  /** Purchase details of a tracked inventory item only. */
  COGSAccountCode?: string;
  TaxType?: string;
}

export interface Item {
  ItemID: string;
  Code: string;
  Name?: string;
  Description?: string;
  PurchaseDescription?: string;
  IsSold: boolean;
  IsPurchased: boolean;
  /** Set (with PurchaseDetails.COGSAccountCode) on a tracked inventory item. */
  InventoryAssetAccountCode?: string;
  SalesDetails?: TradeDetails;
  PurchaseDetails?: TradeDetails;
  updatedMs: number;
}

export interface LineItem {
  LineItemID: string;
  Description: string;
  quantity4: number;
  unit4: number;
  ItemCode?: string;
  AccountCode?: string;
  TaxType: string;
  discount4?: number;
  lineCents: number;
  taxCents: number;
}

/** What invoices and purchase orders share: lines and their totals. */
export interface LineDocument {
  ContactID: string;
  LineAmountTypes: LineAmountTypes;
  CurrencyCode: string;
  Reference?: string;
  dateMs: number;
  lines: LineItem[];
  subTotal: number;
  totalTax: number;
  total: number;
  updatedMs: number;
}

export type InvoiceType = 'ACCREC' | 'ACCPAY';
export type InvoiceStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';

export interface Invoice extends LineDocument {
  InvoiceID: string;
  Type: InvoiceType;
  InvoiceNumber: string;
  Status: InvoiceStatus;
  Url?: string;
  dueDateMs?: number;
  amountPaid: number;
  /** Cents of credit notes allocated to it (credit-notes.ts). */
  amountCredited?: number;
  fullyPaidOnMs?: number;
  paymentIds: string[];
}

export type PurchaseOrderStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'BILLED' | 'DELETED';

export interface PurchaseOrder extends LineDocument {
  PurchaseOrderID: string;
  PurchaseOrderNumber: string;
  Status: PurchaseOrderStatus;
  deliveryDateMs?: number;
  DeliveryInstructions?: string;
  DeliveryAddress?: string;
  AttentionTo?: string;
  Telephone?: string;
}

export interface Payment {
  PaymentID: string;
  InvoiceID: string;
  AccountID: string;
  dateMs: number;
  amount: number;
  Reference?: string;
  Status: 'AUTHORISED' | 'DELETED';
  PaymentType: 'ACCRECPAYMENT' | 'ACCPAYPAYMENT';
  BatchPaymentID?: string;
  updatedMs: number;
}

export interface BatchPayment {
  BatchPaymentID: string;
  AccountID: string;
  dateMs: number;
  Reference?: string;
  Type: 'RECBATCH' | 'PAYBATCH';
  paymentIds: string[];
  total: number;
  updatedMs: number;
}

/** Everything one organisation owns; cloned whole for all-or-nothing batch writes. */
export interface TenantData {
  organisation: Organisation;
  accounts: Map<string, Account>;
  taxRates: Map<string, TaxRate>;
  contacts: Map<string, Contact>;
  items: Map<string, Item>;
  invoices: Map<string, Invoice>;
  payments: Map<string, Payment>;
  purchaseOrders: Map<string, PurchaseOrder>;
  batchPayments: Map<string, BatchPayment>;
  nextInvoiceNumber: number;
  nextPurchaseOrderNumber: number;
}

/** A write's first answer, replayed for a repeated Idempotency-Key (kept per app: api.ts). */
export interface IdempotentReply {
  fingerprint: string;
  atMs: number;
  response: SandboxResponse;
}

export interface Tenant {
  tenantId: string;
  data: TenantData;
}

/** Result of applying one record of a write: the saved record's id, or Xero's validation messages. */
export type ApplyResult = { id: string } | { errors: string[] };

export const DAY_MS = 86_400_000;

/**
 * Midnight UTC of the day containing `ms` (Xero document dates have no time part). Xero defaults a missing Date to
 * today "based on the timezone setting of the organisation" (Invoice.Date); the fake uses UTC (Undocumented choice).
 */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** "tracked as inventory if the InventoryAssetAccountCode and COGSAccountCode are set" (Item schema). */
export function isTracked(item: Item): boolean {
  return Boolean(item.InventoryAssetAccountCode && item.PurchaseDetails?.COGSAccountCode);
}

export function isObject(value: unknown): value is ApiObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
