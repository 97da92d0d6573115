// What the product sends to Xero: the spec's records (lib/xero/types.ts, generated from Xero's OpenAPI
// description), with the fields each mapper always sets made required, so a mapper that forgets its natural key or
// contact does not compile. JSON field names as the API takes them (xero-node's camelCase classes are not).
import type * as Xero from './types.ts';

export type XeroPhone = Xero.Phone;
export type XeroAddress = Xero.Address;
export type XeroContactPayload = Xero.Sent<Xero.Contact, 'Name' | 'ContactNumber'>;
export type XeroItemPayload = Xero.Sent<Xero.Item, 'Code' | 'Name' | 'SalesDetails' | 'PurchaseDetails'>;
/** Quantity and UnitAmount are left out only on a description-only line (see map/lines.ts, linePricing). */
export type XeroLineItemPayload = Xero.Sent<Xero.LineItem, 'Description'>;
export type XeroInvoicePayload = Xero.Sent<
  Xero.Invoice,
  'Type' | 'InvoiceNumber' | 'Contact' | 'Status' | 'LineAmountTypes' | 'LineItems'
> & { LineItems: XeroLineItemPayload[] };
export type XeroPurchaseOrderPayload = Xero.Sent<
  Xero.PurchaseOrder,
  'PurchaseOrderNumber' | 'Contact' | 'Status' | 'LineAmountTypes' | 'LineItems'
> & { LineItems: XeroLineItemPayload[] };
export type XeroPaymentPayload = Xero.Sent<Xero.Payment, 'Invoice' | 'Account' | 'Date' | 'Amount' | 'Reference'>;
