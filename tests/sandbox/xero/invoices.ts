// Invoices (ACCREC sales invoices and ACCPAY bills): create and update rules, numbering and totals.
import { randomUUID } from 'node:crypto';
import { applyContact, NOT_FOUND, resolveContact, tooLong } from './contacts.ts';
import { parseXeroDate } from './format.ts';
import { buildLines, LINE_AMOUNT_TYPES } from './lines.ts';
import { documentTotals, type LineAmountTypes } from './money.ts';
import { BASE_CURRENCY } from './render.ts';
import {
  type ApiObject,
  type ApplyResult,
  type Invoice,
  type InvoiceStatus,
  type InvoiceType,
  startOfDay,
  str,
  type TenantData,
} from './state.ts';

// Wording as integrators quote it (research/xero.md §2.3, §5.8).
const NOT_MODIFIABLE = 'Invoice not of valid status for modification';
// Xero's refusal to edit an invoice with a payment or a credit note allocated, as integrators quote it
// (https://actionstep.atlassian.net/wiki/pages/diffpages.action?originalId=61243649&pageId=1082589200).
const HAS_PAYMENTS = 'This document cannot be edited as it has a payment or credit note allocated to it.';

/**
 * Status changes Xero allows through PUT/POST; PAID only ever comes from payments. "Delete draft … Void approved":
 * https://developer.xero.com/documentation/api/Invoices; https://support.databuzz.com.au/article/236 (research/xero.md
 * §2.3). Undocumented: SUBMITTED → DRAFT and AUTHORISED → AUTHORISED edits.
 */
const TRANSITIONS: Record<InvoiceStatus, InvoiceStatus[]> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'VOIDED'],
  PAID: [],
  VOIDED: [],
  DELETED: [],
};

export interface InvoiceOptions {
  pathId?: string;
  unitdp4: boolean;
}

/**
 * `GET /Invoices/{id}` takes an InvoiceID or an InvoiceNumber. xero_accounting.yaml#/paths/~1Invoices~1{InvoiceID}
 * documents the InvoiceID only; Undocumented in the stored copies that a number works too.
 */
export function findInvoice(data: TenantData, idOrNumber: string): Invoice | undefined {
  const byId = data.invoices.get(idOrNumber.toLowerCase());
  if (byId) return byId;
  const wanted = idOrNumber.toLowerCase();
  return [...data.invoices.values()].find((invoice) => invoice.InvoiceNumber.toLowerCase() === wanted);
}

// ACCREC numbers are unique, ACCPAY ones not (xero_accounting.yaml#/components/schemas/Invoice InvoiceNumber;
// "Invoice # must be unique." in the PUT /Invoices 400 example). Undocumented: trimmed, case-insensitive compare.
function numberTaken(data: TenantData, number: string, exceptId?: string): boolean {
  const wanted = number.trim().toLowerCase();
  return [...data.invoices.values()].some(
    (invoice) =>
      invoice.Type === 'ACCREC' &&
      invoice.Status !== 'DELETED' &&
      invoice.InvoiceID !== exceptId &&
      invoice.InvoiceNumber.trim().toLowerCase() === wanted,
  );
}

/**
 * The org's next free `INV-0001`-style number, as Xero auto-numbers sales invoices ("when missing will auto-generate
 * from your Organisation Invoice Settings": Invoice.InvoiceNumber).
 */
function nextInvoiceNumber(data: TenantData): string {
  for (;;) {
    const candidate = `INV-${String(data.nextInvoiceNumber++).padStart(4, '0')}`;
    if (!numberTaken(data, candidate)) return candidate;
  }
}

function dateField(input: ApiObject, field: string, errors: string[]): number | undefined {
  const raw = input[field];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const ms = parseXeroDate(raw);
  if (ms === undefined) errors.push(`${field} '${String(raw)}' is not a valid date.`);
  return ms;
}

function statusErrors(existing: Invoice | undefined, status: string): string[] {
  if (!existing) {
    return ['DRAFT', 'SUBMITTED', 'AUTHORISED'].includes(status) ? [] : [`Invoice not of valid status for creation`];
  }
  if (existing.amountPaid > 0 || (existing.amountCredited ?? 0) > 0) return [HAS_PAYMENTS];
  return TRANSITIONS[existing.Status].includes(status as InvoiceStatus) ? [] : [NOT_MODIFIABLE];
}

/** Create (no InvoiceID) or update one invoice; validates everything before touching `data`. */
export function applyInvoice(data: TenantData, input: ApiObject, now: number, options: InvoiceOptions): ApplyResult {
  const id = (options.pathId ?? str(input.InvoiceID))?.toLowerCase();
  const existing = id ? data.invoices.get(id) : undefined;
  if (id && !existing) return { errors: [NOT_FOUND] };

  const errors: string[] = [];
  const type = (existing?.Type ?? input.Type) as InvoiceType | undefined;
  if (type !== 'ACCREC' && type !== 'ACCPAY') {
    return {
      errors: [
        input.Type === undefined
          ? 'Invoice Type must be specified'
          : `Invoice Type '${String(input.Type)}' is not supported`,
      ],
    };
  }
  const status = str(input.Status) ?? existing?.Status ?? 'DRAFT';
  errors.push(...statusErrors(existing, status));

  const contact = input.Contact === undefined && existing ? undefined : resolveContact(data, input.Contact, true);
  if (contact && 'errors' in contact) errors.push(...contact.errors);

  const types = (input.LineAmountTypes ?? existing?.LineAmountTypes ?? 'Exclusive') as LineAmountTypes;
  if (!LINE_AMOUNT_TYPES.includes(types)) errors.push(`LineAmountTypes '${String(types)}' is not valid.`);
  const built =
    input.LineItems === undefined && existing
      ? { lines: existing.lines }
      : buildLines(data, input.LineItems, types, {
          sales: type === 'ACCREC',
          unitdp4: options.unitdp4,
          allowDiscount: type === 'ACCREC',
        });
  if ('errors' in built) errors.push(...built.errors);
  else if (built.lines.length === 0 && (status === 'SUBMITTED' || status === 'AUTHORISED')) {
    // Undocumented: an approved invoice without lines is refused (the fake's wording).
    errors.push('Invoice must contain at least one line item.');
  }

  let invoiceNumber = str(input.InvoiceNumber) ?? existing?.InvoiceNumber;
  errors.push(...tooLong('InvoiceNumber', invoiceNumber, 255));
  if (type === 'ACCREC' && invoiceNumber?.trim() && numberTaken(data, invoiceNumber, existing?.InvoiceID)) {
    errors.push('Invoice # must be unique.');
  }
  const currency = str(input.CurrencyCode) ?? existing?.CurrencyCode ?? BASE_CURRENCY;
  // Multi-currency not modelled: a foreign currency is refused ("Currency Not Subscribed", research/xero.md §5.9).
  if (currency !== BASE_CURRENCY) errors.push(`The currency ${currency} is not subscribed for this organisation.`);
  const url = str(input.Url) ?? existing?.Url;
  // Invoice.Url: "URL link to a source document"; Undocumented: the check and its wording.
  if (url !== undefined && url !== '' && !/^https?:\/\/[^\s]+$/.test(url))
    errors.push('Url must be a valid absolute URL.');
  const dateMs = dateField(input, 'Date', errors) ?? existing?.dateMs ?? startOfDay(now);
  const dueDateMs = dateField(input, 'DueDate', errors) ?? existing?.dueDateMs;
  if (errors.length > 0 || 'errors' in built) return { errors };

  if (type === 'ACCREC' && !invoiceNumber?.trim()) invoiceNumber = nextInvoiceNumber(data);
  let contactId = existing?.ContactID ?? '';
  if (contact && 'contact' in contact) contactId = contact.contact.ContactID;
  if (contact && 'create' in contact) {
    const created = applyContact(data, contact.create, now);
    if ('errors' in created) return created;
    contactId = created.id;
  }
  // Reference is ACCREC-only (Invoice.Reference: "ACCREC only"); Xero drops it on bills (the supplier reference is
  // the InvoiceNumber). Undocumented: dropped rather than refused.
  const reference = type === 'ACCREC' ? (str(input.Reference) ?? existing?.Reference) : undefined;
  const invoice: Invoice = {
    InvoiceID: existing?.InvoiceID ?? randomUUID(),
    Type: type,
    ContactID: contactId,
    InvoiceNumber: invoiceNumber ?? '',
    ...(reference !== undefined ? { Reference: reference } : {}),
    ...(url ? { Url: url } : {}),
    Status: status as InvoiceStatus,
    LineAmountTypes: types,
    CurrencyCode: currency,
    dateMs,
    ...(dueDateMs !== undefined ? { dueDateMs } : {}),
    lines: built.lines,
    ...documentTotals(built.lines, types),
    amountPaid: existing?.amountPaid ?? 0,
    paymentIds: existing?.paymentIds ?? [],
    updatedMs: now,
  };
  data.invoices.set(invoice.InvoiceID, invoice);
  // IsCustomer / IsSupplier are "automatically set when an accounts receivable [payable] invoice is generated against
  // this contact" (xero_accounting.yaml#/components/schemas/Contact).
  const owner = data.contacts.get(contactId);
  if (owner) {
    if (type === 'ACCREC') owner.IsCustomer = true;
    else owner.IsSupplier = true;
  }
  return { id: invoice.InvoiceID };
}
