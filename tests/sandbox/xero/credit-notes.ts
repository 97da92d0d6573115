// A credit note allocated to a sales invoice (`PUT /CreditNotes/{CreditNoteID}/Allocations`,
// xero_accounting.yaml#/paths/~1CreditNotes~1{CreditNoteID}~1Allocations), reduced to what the invoice shows:
// `AmountCredited` grows ("Sum of all credit notes, over-payments and pre-payments applied to invoice",
// #/components/schemas/Invoice), `AmountDue` falls, and the invoice can no longer be edited — Xero's words: "This
// document cannot be edited as it has a payment or credit note allocated to it" (see invoices.ts). The fake has
// no CreditNotes endpoint: only the admin API allocates, as a bookkeeper would in Xero.
import { json, type SandboxResponse } from '../http.ts';
import { validationException } from './format.ts';
import { findInvoice } from './invoices.ts';
import { renderInvoice } from './render.ts';
import { type ApiObject, str, type Tenant } from './state.ts';

/** Body of `POST /__admin/xero/credit-allocations`. */
export interface AdminCreditAllocationRequest {
  tenantId?: string;
  invoiceId?: string;
  invoiceNumber?: string;
  amountCents: number;
}

export function allocateCredit(tenant: Tenant | undefined, body: ApiObject, now: number): SandboxResponse {
  if (!tenant) return json(404, { error: 'Unknown tenant' });
  const wanted = str(body.invoiceId) ?? str(body.invoiceNumber);
  const invoice = wanted ? findInvoice(tenant.data, wanted) : undefined;
  if (!invoice) return json(404, { error: 'Unknown invoice' });
  const amount = body.amountCents;
  const due = invoice.total - invoice.amountPaid - (invoice.amountCredited ?? 0);
  const errors: string[] = [];
  if (invoice.Status !== 'AUTHORISED') errors.push('Credit notes can only be allocated to Authorised documents');
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) {
    errors.push('The allocation amount must be a whole number of cents greater than zero.');
  } else if (amount > due) errors.push('The allocation amount exceeds the amount outstanding on this document');
  if (errors.length > 0 || typeof amount !== 'number') {
    return json(400, validationException([{ ValidationErrors: errors.map((Message) => ({ Message })) }]));
  }
  invoice.amountCredited = (invoice.amountCredited ?? 0) + amount;
  invoice.updatedMs = now;
  if (amount === due) invoice.Status = 'PAID';
  return json(200, renderInvoice(tenant.data, invoice));
}
