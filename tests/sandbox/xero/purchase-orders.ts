// Purchase orders: an existing contact, unique PurchaseOrderNumber (auto "PO-0001"), line items like
// bills, and the DRAFT → SUBMITTED → AUTHORISED → BILLED lifecycle. Sources: xero_accounting.yaml
// #/components/schemas/PurchaseOrder (statuses; number "when missing will auto-generate"; DeliveryInstructions
// "500 characters max") and the PUT /PurchaseOrders 400 example ("Order number must be unique").
import { randomUUID } from 'node:crypto';
import { NOT_FOUND, resolveContact, tooLong } from './contacts.ts';
import { parseXeroDate } from './format.ts';
import { buildLines, LINE_AMOUNT_TYPES } from './lines.ts';
import { documentTotals, type LineAmountTypes } from './money.ts';
import { BASE_CURRENCY } from './render.ts';
import {
  type ApiObject,
  type ApplyResult,
  type PurchaseOrder,
  type PurchaseOrderStatus,
  startOfDay,
  str,
  type TenantData,
} from './state.ts';

// Undocumented: which status changes Xero allows (BILLED → AUTHORISED, DELETED final are the fake's reading).
const TRANSITIONS: Record<PurchaseOrderStatus, PurchaseOrderStatus[]> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'BILLED', 'DELETED'],
  BILLED: ['BILLED', 'AUTHORISED'],
  DELETED: [],
};

/** A number Xero's by-number route does not find: digits only (a sign, decimals and spaces around included). */
const NUMERIC = /^\s*[-+]?\d+(\.\d+)?\s*$/;

/**
 * `GET /PurchaseOrders/{id}` takes a PurchaseOrderID or a PurchaseOrderNumber
 * (xero_accounting.yaml#/paths/~1PurchaseOrders~1{PurchaseOrderNumber}), but a purely numeric number answers 404
 * while "A19200" is found (XeroAPI/xero-php-oauth2#251).
 */
export function findPurchaseOrder(data: TenantData, idOrNumber: string): PurchaseOrder | undefined {
  const wanted = idOrNumber.toLowerCase();
  const byId = data.purchaseOrders.get(wanted);
  if (byId || NUMERIC.test(idOrNumber)) return byId;
  return [...data.purchaseOrders.values()].find((po) => po.PurchaseOrderNumber.toLowerCase() === wanted);
}

function numberTaken(data: TenantData, number: string, exceptId?: string): boolean {
  const wanted = number.trim().toLowerCase();
  return [...data.purchaseOrders.values()].some(
    (po) =>
      po.PurchaseOrderID !== exceptId &&
      po.Status !== 'DELETED' &&
      po.PurchaseOrderNumber.trim().toLowerCase() === wanted,
  );
}

function nextNumber(data: TenantData): string {
  for (;;) {
    const candidate = `PO-${String(data.nextPurchaseOrderNumber++).padStart(4, '0')}`;
    if (!numberTaken(data, candidate)) return candidate;
  }
}

function optionalDate(input: ApiObject, field: string, errors: string[]): number | undefined {
  const raw = input[field];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const ms = parseXeroDate(raw);
  if (ms === undefined) errors.push(`${field} '${String(raw)}' is not a valid date.`);
  return ms;
}

export function applyPurchaseOrder(
  data: TenantData,
  input: ApiObject,
  now: number,
  pathId?: string,
  unitdp4 = false,
): ApplyResult {
  const id = (pathId ?? str(input.PurchaseOrderID))?.toLowerCase();
  const existing = id ? data.purchaseOrders.get(id) : undefined;
  if (id && !existing) return { errors: [NOT_FOUND] };

  const errors: string[] = [];
  const status = (str(input.Status) ?? existing?.Status ?? 'DRAFT') as PurchaseOrderStatus;
  if (!(status in TRANSITIONS)) errors.push(`Status '${status}' is not valid for a purchase order.`);
  else if (existing && !TRANSITIONS[existing.Status].includes(status)) {
    errors.push(
      status === 'BILLED'
        ? 'Only an authorised purchase order can be marked as billed.'
        : 'Purchase order not of valid status for modification',
    );
  } else if (!existing && (status === 'BILLED' || status === 'DELETED')) {
    errors.push('Purchase order not of valid status for creation');
  }
  const contact = input.Contact === undefined && existing ? undefined : resolveContact(data, input.Contact, false);
  if (contact && 'errors' in contact) errors.push(...contact.errors);
  const types = (input.LineAmountTypes ?? existing?.LineAmountTypes ?? 'Exclusive') as LineAmountTypes;
  if (!LINE_AMOUNT_TYPES.includes(types)) errors.push(`LineAmountTypes '${String(types)}' is not valid.`);
  const built =
    input.LineItems === undefined && existing
      ? { lines: existing.lines }
      : buildLines(data, input.LineItems, types, { sales: false, unitdp4, allowDiscount: false });
  if ('errors' in built) errors.push(...built.errors);
  let number = str(input.PurchaseOrderNumber) ?? existing?.PurchaseOrderNumber;
  if (number?.trim() && numberTaken(data, number, existing?.PurchaseOrderID))
    errors.push('Order number must be unique');
  const instructions =
    input.DeliveryInstructions === undefined ? existing?.DeliveryInstructions : str(input.DeliveryInstructions);
  errors.push(
    ...tooLong('DeliveryInstructions', instructions, 500),
    ...tooLong('Reference', str(input.Reference), 255),
  );
  const dateMs = optionalDate(input, 'Date', errors) ?? existing?.dateMs ?? startOfDay(now);
  const deliveryDateMs = optionalDate(input, 'DeliveryDate', errors) ?? existing?.deliveryDateMs;
  if (errors.length > 0 || 'errors' in built) return { errors };

  if (!number?.trim()) number = nextNumber(data);
  const reference = str(input.Reference) ?? existing?.Reference;
  const order: PurchaseOrder = {
    PurchaseOrderID: existing?.PurchaseOrderID ?? randomUUID(),
    PurchaseOrderNumber: number,
    ContactID: contact && 'contact' in contact ? contact.contact.ContactID : (existing?.ContactID ?? ''),
    Status: status,
    ...(reference !== undefined ? { Reference: reference } : {}),
    ...(instructions !== undefined ? { DeliveryInstructions: instructions } : {}),
    DeliveryAddress: str(input.DeliveryAddress) ?? existing?.DeliveryAddress,
    AttentionTo: str(input.AttentionTo) ?? existing?.AttentionTo,
    Telephone: str(input.Telephone) ?? existing?.Telephone,
    LineAmountTypes: types,
    CurrencyCode: BASE_CURRENCY,
    dateMs,
    ...(deliveryDateMs !== undefined ? { deliveryDateMs } : {}),
    lines: built.lines,
    ...documentTotals(built.lines, types),
    updatedMs: now,
  };
  data.purchaseOrders.set(order.PurchaseOrderID, order);
  return { id: order.PurchaseOrderID };
}
