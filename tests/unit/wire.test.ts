// The schemas of what the product reads (lib/syncro/wire.ts, lib/xero/wire.ts): they take the shapes the fakes
// serve, and a missing or malformed field is an error naming the record and the field. The official specs'
// examples and field lists are checked in wire-spec.test.ts.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { NeedsUserError } from '../../lib/errors.ts';
import * as syncro from '../../lib/syncro/wire.ts';
import { checkEach, type Rejected, ResponseShapeError, readChecked } from '../../lib/wire-check.ts';
import * as xero from '../../lib/xero/wire.ts';
import type { SandboxRequest } from '../sandbox/http.ts';
import { seedAccount } from '../sandbox/syncro/seed.ts';
import {
  customerJson,
  invoiceDetailJson,
  invoiceSummaryJson,
  paymentJson,
  paymentMethodJson,
  productJson,
  purchaseOrderJson,
  vendorJson,
} from '../sandbox/syncro/serialize.ts';
import { invoiceHistory } from '../sandbox/xero/history.ts';
import { applyPayment } from '../sandbox/xero/payments.ts';
import { applyPurchaseOrder } from '../sandbox/xero/purchase-orders.ts';
import {
  renderAccount,
  renderContact,
  renderInvoice,
  renderOrganisation,
  renderPayment,
  renderPurchaseOrder,
  renderTaxRate,
} from '../sandbox/xero/render.ts';
import { contactIdFor, seedInvoices, seedTenant } from '../sandbox/xero/seed.ts';

// A fixed clock: the shapes do not depend on the day the suite runs.
const now = Date.UTC(2026, 10, 25, 12);

/** The error `read` throws, for its message. */
function shapeErrorOf(read: () => unknown): ResponseShapeError {
  try {
    read();
  } catch (error) {
    if (error instanceof ResponseShapeError) return error;
    throw error;
  }
  throw new Error('expected a ResponseShapeError, but the body was accepted');
}

const checkedOrThrow = <S extends v.GenericSchema>(schema: S, body: unknown, system: 'Syncro' | 'Xero') => {
  const result = v.safeParse(schema, body);
  if (!result.success) throw new Error(`${system} shape refused: ${v.summarize(result.issues)}`);
  return result.output;
};

describe('Syncro schemas take what the Syncro fake serves', () => {
  const account = seedAccount(now);

  it('customers, vendors, products and payment methods', () => {
    expect(account.customers.rows.length).toBeGreaterThan(0);
    for (const customer of account.customers.rows) {
      checkedOrThrow(syncro.syncroCustomer, customerJson(account, customer), 'Syncro');
      checkedOrThrow(
        syncro.syncroRecord('customer', syncro.syncroCustomer),
        { customer: customerJson(account, customer) },
        'Syncro',
      );
    }
    for (const vendor of account.vendors.rows) checkedOrThrow(syncro.syncroVendor, vendorJson(vendor), 'Syncro');
    for (const product of account.products.rows) checkedOrThrow(syncro.syncroProduct, productJson(product), 'Syncro');
    checkedOrThrow(
      syncro.syncroPaymentMethods,
      { payment_methods: account.paymentMethods.rows.map(paymentMethodJson) },
      'Syncro',
    );
  });

  it('invoices as listed and as detailed, wrapped or flat, and their payments', () => {
    expect(account.invoices.rows.length).toBeGreaterThan(0);
    for (const invoice of account.invoices.rows) {
      checkedOrThrow(syncro.syncroInvoiceSummary, invoiceSummaryJson(account, invoice), 'Syncro');
      const detail = invoiceDetailJson(account, invoice);
      const read = checkedOrThrow(syncro.syncroRecord('invoice', syncro.syncroInvoice), { invoice: detail }, 'Syncro');
      expect(read.id).toBe(invoice.id);
      expect(checkedOrThrow(syncro.syncroRecord('invoice', syncro.syncroInvoice), detail, 'Syncro').id).toBe(
        invoice.id,
      );
    }
    expect(account.payments.rows.length).toBeGreaterThan(0);
    for (const payment of account.payments.rows) {
      checkedOrThrow(
        syncro.syncroRecord('payment', syncro.syncroPayment),
        { payment: paymentJson(account, payment) },
        'Syncro',
      );
    }
  });

  it('purchase orders as listed and as detailed', () => {
    expect(account.purchaseOrders.rows.length).toBeGreaterThan(0);
    for (const po of account.purchaseOrders.rows) {
      const body = purchaseOrderJson(account, po);
      checkedOrThrow(syncro.syncroPurchaseOrderSummary, body, 'Syncro');
      checkedOrThrow(
        syncro.syncroRecord('purchase_order', syncro.syncroPurchaseOrder),
        { purchase_order: body },
        'Syncro',
      );
    }
  });
});

describe('Xero schemas take what the Xero fake serves', () => {
  const tenant = seedTenant(1, 'Acme MSP Ltd', now);
  const { data } = tenant;
  seedInvoices(tenant, 3, now);
  const [invoice] = [...data.invoices.values()];
  if (!invoice) throw new Error('the seed made no invoice');
  const paid = applyPayment(
    data,
    { Invoice: { InvoiceID: invoice.InvoiceID }, Account: { Code: '090' }, Amount: 10, Reference: 'SYNCRO-PAY-1' },
    now,
  );
  const ordered = applyPurchaseOrder(
    data,
    {
      PurchaseOrderNumber: 'PO-1',
      Contact: { ContactID: contactIdFor(1, 1) },
      LineItems: [{ Description: 'Cable', Quantity: 2, UnitAmount: 5, AccountCode: '300' }],
    },
    now,
  );

  it('the organisation, accounts, tax rates and contacts', () => {
    checkedOrThrow(xero.xeroOrganisations, { Organisations: [renderOrganisation(data)] }, 'Xero');
    checkedOrThrow(xero.xeroAccounts, { Accounts: [...data.accounts.values()].map(renderAccount) }, 'Xero');
    checkedOrThrow(xero.xeroTaxRates, { TaxRates: [...data.taxRates.values()].map(renderTaxRate) }, 'Xero');
    const contacts = { Contacts: [...data.contacts.values()].map(renderContact) };
    checkedOrThrow(xero.xeroContacts, contacts, 'Xero');
    checkedOrThrow(xero.xeroContactsFull, contacts, 'Xero');
    checkedOrThrow(xero.xeroContactNumbers, contacts, 'Xero');
  });

  it('invoices (full, summary, as bills), payments and purchase orders', () => {
    expect(paid).toHaveProperty('id');
    expect(ordered).toHaveProperty('id');
    const invoices = { Invoices: [...data.invoices.values()].map((each) => renderInvoice(data, each)) };
    const read = checkedOrThrow(xero.xeroInvoices, invoices, 'Xero');
    expect(read.Invoices.some((each) => (each.Payments ?? []).length > 0)).toBe(true);
    checkedOrThrow(xero.xeroInvoiceSummaries, invoices, 'Xero');
    checkedOrThrow(xero.xeroBills, invoices, 'Xero');
    const payments = { Payments: [...data.payments.values()].map((each) => renderPayment(data, each)) };
    expect(checkedOrThrow(xero.xeroPayments, payments, 'Xero').Payments).toHaveLength(1);
    checkedOrThrow(xero.xeroPaymentWritten, payments.Payments[0], 'Xero');
    const orders = { PurchaseOrders: [...data.purchaseOrders.values()].map((each) => renderPurchaseOrder(data, each)) };
    expect(checkedOrThrow(xero.xeroPurchaseOrders, orders, 'Xero').PurchaseOrders).toHaveLength(1);
  });

  it("an invoice's history", () => {
    const request = (method: string, rawBody = ''): SandboxRequest => ({
      method,
      host: 'api.xero.com',
      path: `/api.xro/2.0/Invoices/${invoice.InvoiceID}/History`,
      query: new URLSearchParams(),
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      rawBody,
    });
    invoiceHistory(
      request('PUT', JSON.stringify({ HistoryRecords: [{ Details: 'A note' }] })),
      tenant,
      invoice.InvoiceID,
      now,
    );
    const answer = invoiceHistory(request('GET'), tenant, invoice.InvoiceID, now);
    const body = typeof answer.body === 'string' ? JSON.parse(answer.body) : answer.body;
    expect(checkedOrThrow(xero.xeroHistoryRecords, body, 'Xero').HistoryRecords).toHaveLength(1);
  });
});

describe('a missing or malformed field is an error naming the record and the field', () => {
  const account = seedAccount(now);
  const invoice = account.invoices.rows[0];
  if (!invoice) throw new Error('the seed made no invoice');
  const detail = () => invoiceDetailJson(account, invoice) as Record<string, unknown>;
  const readInvoice = (body: unknown) =>
    readChecked(syncro.syncroRecord('invoice', syncro.syncroInvoice), body, 'Syncro');

  it('an invoice without a total: shown to the user, not retried, never read as $0', () => {
    const { total: _total, ...body } = detail();
    const error = shapeErrorOf(() => readInvoice({ invoice: body }));
    expect(error.message).toBe(
      `Syncro sent invoice ${invoice.id} without a usable "total" (expected a decimal amount)`,
    );
    expect(error).toBeInstanceOf(NeedsUserError);
    expect(error).toMatchObject({ system: 'Syncro', record: `invoice ${invoice.id}`, field: 'total' });
  });

  it.each([
    ['decimal comma', '12,50', '"12,50"'],
    ['empty text', '', '""'],
    ['null', null, 'null'],
    ['not a number', 'NaN', '"NaN"'],
  ])('a total that is not a decimal amount (%s) says what came', (_what, total, shown) => {
    const error = shapeErrorOf(() => readInvoice({ ...detail(), total }));
    expect(error.message).toBe(
      `Syncro sent invoice ${invoice.id} without a usable "total" (expected a decimal amount; it sent ${shown})`,
    );
  });

  it('a line without a price names the line and its invoice', () => {
    const body = detail();
    const lines = body.line_items as Array<Record<string, unknown>>;
    const { price: _price, ...line } = lines[0] ?? {};
    const error = shapeErrorOf(() => readInvoice({ ...body, line_items: [line, ...lines.slice(1)] }));
    expect(error.message).toBe(
      `Syncro sent line item ${String(line.id)} of invoice ${invoice.id} without a usable "price" (expected a decimal amount)`,
    );
  });

  it.each([
    ['missing', undefined, ''],
    ['null', null, '; it sent null'],
    ['empty text', '', '; it sent ""'],
    ['not a number', 'twelve', '; it sent "twelve"'],
  ])('a payment whose amount is %s: named, never read as $0', (_what, amount, sent) => {
    const payment = account.payments.rows[0];
    if (!payment) throw new Error('the seed made no payment');
    const body = { ...(paymentJson(account, payment) as Record<string, unknown>), payment_amount: amount };
    const error = shapeErrorOf(() =>
      readChecked(syncro.syncroRecord('payment', syncro.syncroPayment), { payment: body }, 'Syncro'),
    );
    expect(error.message).toBe(
      `Syncro sent payment ${payment.id} without a usable "payment_amount" (expected a decimal amount${sent})`,
    );
  });

  it('a payment the invoice lists without an id', () => {
    const error = shapeErrorOf(() => readInvoice({ ...detail(), payments: [{}] }));
    expect(error.message).toBe(
      `Syncro sent a payment of invoice ${invoice.id} without a usable "id" (expected a whole number)`,
    );
  });

  it('a list item checked on its own: the others go on, the bad one is named by its id', () => {
    const rows = account.invoices.rows.slice(0, 3).map((each) => invoiceSummaryJson(account, each));
    const [first, second, third] = rows;
    if (!first || !second || !third) throw new Error('the seed has fewer than 3 invoices');
    const { records, rejected } = checkEach(
      syncro.syncroInvoiceSummary,
      [first, { ...second, updated_at: 12 }, third],
      'Syncro',
    );
    expect(records.map((record) => record.id)).toEqual([first.id, third.id]);
    expect(rejected.map((entry: Rejected) => [entry.id, entry.error.message])).toEqual([
      [second.id, `Syncro sent invoice ${second.id} without a usable "updated_at" (expected a date; it sent 12)`],
    ]);
  });

  it('a list page without its list is not read as an empty list', () => {
    const error = shapeErrorOf(() => readChecked(syncro.syncroListPage('invoices'), { meta: {} }, 'Syncro'));
    expect(error.message).toBe('Syncro sent the invoice list without a usable "invoices" (expected a list)');
  });

  it('a Xero payment without an amount, or without the invoice it pays', () => {
    const payment = {
      PaymentID: 'p-1',
      Date: '/Date(1732492800000+0000)/',
      Status: 'AUTHORISED',
      UpdatedDateUTC: '/Date(1732492800000+0000)/',
      Invoice: { InvoiceID: 'i-1' },
    };
    expect(shapeErrorOf(() => readChecked(xero.xeroPayments, { Payments: [payment] }, 'Xero')).message).toBe(
      'Xero sent payment p-1 without a usable "Amount" (expected an amount)',
    );
    const noInvoice = { ...payment, Amount: 10, Invoice: { InvoiceNumber: 'INV-1' } };
    expect(shapeErrorOf(() => readChecked(xero.xeroPayments, { Payments: [noInvoice] }, 'Xero')).message).toBe(
      'Xero sent payment p-1 without a usable "Invoice.InvoiceID" (expected an id)',
    );
    const badDate = { ...payment, Amount: 10, Date: '25/11/2026' };
    expect(shapeErrorOf(() => readChecked(xero.xeroPayments, { Payments: [badDate] }, 'Xero')).message).toBe(
      'Xero sent payment p-1 without a usable "Date" (expected a date; it sent "25/11/2026")',
    );
  });

  it('a Xero invoice is named by its number; a record that is not an object says so', () => {
    const found = { InvoiceID: 'i-1', InvoiceNumber: '1004', Status: 'AUTHORISED', AmountPaid: 0 };
    expect(shapeErrorOf(() => readChecked(xero.xeroInvoices, { Invoices: [found] }, 'Xero')).message).toBe(
      'Xero sent invoice 1004 without a usable "AmountDue" (expected an amount)',
    );
    expect(shapeErrorOf(() => readChecked(xero.xeroInvoices, { Invoices: [null] }, 'Xero')).message).toBe(
      'Xero sent an invoice in a form that cannot be used (expected an invoice; it sent null)',
    );
  });

  it('a Xero invoice with payments must list them, and one found by number must say what is credited', () => {
    const found = { InvoiceID: 'i-1', InvoiceNumber: '1005', Status: 'PAID', AmountDue: 0, AmountCredited: 0 };
    const paid = { ...found, AmountPaid: 450 };
    for (const schema of [xero.xeroInvoices, v.object({ Invoices: v.array(xero.xeroInvoice) })]) {
      const error = shapeErrorOf(() => readChecked(schema, { Invoices: [paid] }, 'Xero'));
      expect([error.record, error.field]).toEqual(['invoice 1005', 'Payments']);
      expect(error.message).toBe('Xero sent invoice 1005 without a usable "Payments" (expected a list)');
      expect(shapeErrorOf(() => readChecked(schema, { Invoices: [{ ...paid, Payments: [] }] }, 'Xero')).field).toBe(
        'Payments',
      );
    }
    const listed = { ...paid, Payments: [{ PaymentID: 'p-1', Reference: 'SYNCRO-PAY-7001', Amount: 450 }] };
    expect(readChecked(xero.xeroInvoices, { Invoices: [listed] }, 'Xero').Invoices[0]?.Payments).toHaveLength(1);
    expect(readChecked(xero.xeroInvoices, { Invoices: [{ ...found, AmountPaid: 0 }] }, 'Xero').Invoices).toHaveLength(
      1,
    );

    const { AmountCredited: _absent, ...uncredited } = { ...found, AmountPaid: 0 };
    expect(shapeErrorOf(() => readChecked(xero.xeroInvoices, { Invoices: [uncredited] }, 'Xero')).message).toBe(
      'Xero sent invoice 1005 without a usable "AmountCredited" (expected an amount)',
    );
    // The answer to a write is not read for it (POST /Invoices' example has none).
    expect(readChecked(xero.xeroInvoice, uncredited, 'Xero').InvoiceID).toBe('i-1');
  });
});
