// lib/xero/openapi.d.ts is what `npm run xero-types` generates from ../shared/specs/xero_accounting.yaml (checked
// when the specs are there, skipped and said so when not), and xeroCall and writeBatch refuse, at compile time,
// calls the spec does not describe: the @ts-expect-error lines below fail `tsc` the day a check stops working.
import { existsSync, readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { AnySchema } from '../../lib/wire-check.ts';
import { writeBatch } from '../../lib/xero/batch.ts';
import { xeroCall } from '../../lib/xero/client.ts';
import type * as Xero from '../../lib/xero/types.ts';
import type { Fits } from '../../lib/xero/types.ts';
import { xeroContact, xeroIgnored, xeroInvoices, xeroPaymentWritten, xeroRecordStatus } from '../../lib/xero/wire.ts';
import { generateXeroTypes, specFile, typesFile } from '../../scripts/xero-types.ts';

const present = existsSync(specFile);
if (!present) console.info(`xero-types: skipped: no ${specFile}`);

describe.skipIf(!present)('the committed Xero types', () => {
  it('are what xero_accounting.yaml generates (run `npm run xero-types`)', async () => {
    expect(readFileSync(typesFile, 'utf8') === (await generateXeroTypes())).toBe(true);
  }, 60_000);
});

/** Compiles only with a schema that reads what `Spec` holds. */
const fits =
  <Spec>() =>
  <S extends AnySchema>(schema: S & Fits<Spec, v.InferOutput<S>>) =>
    schema;

// Never called: only compiled.
export function refusedAtCompileTime(id: string) {
  // @ts-expect-error not a path of the spec
  void xeroCall({ method: 'GET', path: '/Invoice' }, xeroIgnored);
  // @ts-expect-error /Invoices/{InvoiceID}/Email takes no GET (though /Invoices/{InvoiceID} does)
  void xeroCall({ method: 'GET', path: `/Invoices/${id}/Email` }, xeroIgnored);
  // @ts-expect-error not a query parameter of GET /Invoices (it is InvoiceNumbers)
  void xeroCall({ method: 'GET', path: '/Invoices', query: { InvoiceNumber: 'INV-1' } }, xeroInvoices);
  // @ts-expect-error a GET takes no body
  void xeroCall({ method: 'GET', path: '/Invoices', body: { Invoices: [] } }, xeroInvoices);
  // @ts-expect-error GET /TaxRates has no If-Modified-Since
  void xeroCall({ method: 'GET', path: '/TaxRates', ifModifiedSince: '2024-01-01' }, xeroIgnored);
  // @ts-expect-error an invoice has no Amount (the body is checked)
  void xeroCall({ method: 'PUT', path: '/Invoices', body: { Invoices: [{ Amount: 1 }] } }, xeroIgnored);
  void xeroCall(
    { method: 'GET', path: '/Invoices', query: { page: '1' } },
    // @ts-expect-error the answer of GET /Invoices has no Contacts: the schema reads what is not there
    v.object({ Contacts: v.array(v.unknown()) }),
  );
  void xeroCall(
    { method: 'GET', path: '/Invoices' },
    // @ts-expect-error AmountDue is a number in the spec: a schema reading it as text would refuse every invoice
    v.object({ Invoices: v.array(v.object({ AmountDue: v.string() })) }),
  );
  // @ts-expect-error a payment is not a contact
  void writeBatch('POST', 'Contacts', [{ Invoice: { InvoiceID: id }, Amount: 1 }], xeroContact);
  // @ts-expect-error the answer's contacts have no PaymentID
  void writeBatch('POST', 'Contacts', [{ Name: 'A' }], xeroPaymentWritten);
  // @ts-expect-error a history record has no StatusAttributeString
  fits<Xero.HistoryRecord>()(xeroRecordStatus);
}

export function acceptedAtCompileTime(id: string) {
  // Each record of a batch's answer is read for its status first (lib/xero/batch.ts).
  fits<Xero.Contact>()(xeroRecordStatus);
  fits<Xero.Item>()(xeroRecordStatus);
  fits<Xero.Invoice>()(xeroRecordStatus);
  fits<Xero.Payment>()(xeroRecordStatus);
  fits<Xero.PurchaseOrder>()(xeroRecordStatus);
  void xeroCall({ method: 'GET', path: `/Invoices/${id}/History` }, xeroIgnored);
  void xeroCall(
    { method: 'PUT', path: '/Payments', body: { Payments: [{ Invoice: { InvoiceID: id }, Amount: 1 }] } },
    xeroIgnored,
  );
  void writeBatch(
    'PUT',
    'Payments',
    [{ Invoice: { InvoiceID: id }, Account: { Code: '090' }, Amount: 1 }],
    xeroPaymentWritten,
  );
}
