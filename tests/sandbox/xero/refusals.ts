// Test-only refusals: the admin API can tell the fake to refuse every write of one document, named by its
// number, with a validation message of the test's choosing (e.g. a lock-date error), so a test can make exactly
// one record fail the way Xero fails it: the message in `ValidationErrors` — a 400 ValidationException for the
// whole request by default, or that record alone as `StatusAttributeString: ERROR` with summarizeErrors=false.
import { type ApiObject, str, type TenantData } from './state.ts';

/** The collections whose documents carry a number a refusal can name. */
export const REFUSABLE = ['Invoices', 'PurchaseOrders'] as const;
export type RefusableCollection = (typeof REFUSABLE)[number];

export interface Refusal {
  /** `Invoices` (sales invoices and bills, by InvoiceNumber) or `PurchaseOrders` (by PurchaseOrderNumber). */
  collection: RefusableCollection;
  number: string;
  message: string;
}

/** Refusals by `collection:number` (number trimmed, lower case). */
export type Refusals = Map<string, Refusal>;

export const refusalKey = (collection: string, number: string): string =>
  `${collection}:${number.trim().toLowerCase()}`;

/** The document number a write names: given in the body, else that of the record it updates. */
function documentNumber(
  collection: string,
  data: TenantData,
  input: ApiObject,
  pathId: string | undefined,
): string | undefined {
  if (collection === 'Invoices') {
    const id = (pathId ?? str(input.InvoiceID))?.toLowerCase();
    return str(input.InvoiceNumber) ?? (id ? data.invoices.get(id)?.InvoiceNumber : undefined);
  }
  if (collection === 'PurchaseOrders') {
    const id = (pathId ?? str(input.PurchaseOrderID))?.toLowerCase();
    return str(input.PurchaseOrderNumber) ?? (id ? data.purchaseOrders.get(id)?.PurchaseOrderNumber : undefined);
  }
  return undefined;
}

/** The validation errors to answer a write with, when a refusal names its document. */
export function refusalFor(
  refusals: Refusals,
  collection: string,
  data: TenantData,
  input: ApiObject,
  pathId: string | undefined,
): { errors: string[] } | undefined {
  if (refusals.size === 0) return undefined;
  const number = documentNumber(collection, data, input, pathId);
  const refusal = number === undefined ? undefined : refusals.get(refusalKey(collection, number));
  return refusal ? { errors: [refusal.message] } : undefined;
}
