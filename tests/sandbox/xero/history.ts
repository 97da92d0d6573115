// History and notes of an invoice (`GET`/`PUT /Invoices/{InvoiceID}/History`): records with the server's
// DateUTC in milliseconds, oldest first. Notes added through the API show User "System Generated" in Xero; the
// fake does the same. Sources: xero_accounting.yaml#/paths/~1Invoices~1{InvoiceID}~1History and the
// #/components/responses/HistoryRetrieved example, https://developer.xero.com/documentation/api/history-and-notes
// (only notes can be written: waynerobinson/xeroizer#532). The order is not stated, and that example lists the
// newest record first, unlike the fake. Undocumented: the empty-Details refusal and its wording.
import { parseBody, type SandboxRequest, type SandboxResponse } from '../http.ts';
import { apiError, envelope, msDate, problem, respond, validationException } from './format.ts';
import type { Tenant } from './state.ts';

export interface HistoryRecord {
  Details: string;
  Changes: string;
  User: string;
  atMs: number;
}

/** Keyed by lower-case InvoiceID; kept beside the tenant so it is reset with it. */
const histories = new WeakMap<Tenant, Map<string, HistoryRecord[]>>();

export function invoiceHistory(req: SandboxRequest, tenant: Tenant, invoiceId: string, now: number): SandboxResponse {
  const invoice = tenant.data.invoices.get(invoiceId.toLowerCase()) ?? tenant.data.invoices.get(invoiceId);
  if (!invoice) return apiError(req, 404, problem(404, 'Not Found', "The resource you're looking for cannot be found"));
  const byInvoice = histories.get(tenant) ?? new Map<string, HistoryRecord[]>();
  histories.set(tenant, byInvoice);
  const records = byInvoice.get(invoice.InvoiceID) ?? [];
  byInvoice.set(invoice.InvoiceID, records);
  const render = (record: HistoryRecord) => ({
    Details: record.Details,
    Changes: record.Changes,
    User: record.User,
    DateUTC: msDate(record.atMs),
  });
  if (req.method === 'GET') return respond(req, 200, envelope(now, 'HistoryRecords', records.map(render)));
  if (req.method !== 'PUT') return apiError(req, 405, problem(405, 'Method Not Allowed', 'MethodNotAllowed'));
  const body = parseBody(req) as { HistoryRecords?: Array<{ Details?: unknown }> } | undefined;
  const input = body?.HistoryRecords ?? [];
  const missing = input.some((record) => typeof record.Details !== 'string' || record.Details.length === 0);
  if (input.length === 0 || missing) {
    return apiError(req, 400, validationException([{ ValidationErrors: [{ Message: 'Details cannot be empty' }] }]));
  }
  const added = input.map((record) => ({
    Details: String(record.Details),
    Changes: 'Note',
    User: 'System Generated',
    atMs: now,
  }));
  records.push(...added);
  return respond(req, 200, envelope(now, 'HistoryRecords', added.map(render)));
}
