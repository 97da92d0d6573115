// Invoice web pages (list, detail, edit form, take-payment form), rendered from the same store as the API.

import { escapeHtml, type SandboxResponse } from '../http.ts';
import { formatCurrency, numberToDecimal } from './money.ts';
import { actionsDropdown, header, page, pageNumber, pagination } from './pages-layout.ts';
import { type Account, balanceDueCents, businessThenName, type Invoice, isPaid, lineTotalCents } from './store.ts';

const PER_PAGE = 50;
/** `?per_page=N` (benchmarks: a list of 100 or 1,000 rows on one page), at most this many. */
const MAX_PER_PAGE = 1000;

function perPage(query: URLSearchParams): number {
  const asked = Number.parseInt(query.get('per_page') ?? '', 10);
  return Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_PER_PAGE) : PER_PAGE;
}

/** US-style date as Syncro shows it, in UTC so pages don't depend on the machine's zone. */
export function displayDate(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()}`;
}

/** Cents as an editable amount ("440.71"). */
export const amountInput = (cents: number): string => (cents / 100).toFixed(2);

export function customerName(account: Account, invoice: Invoice): string {
  const customer = account.customers.get(invoice.customerId);
  return customer ? businessThenName(customer) : '';
}

function statusLabel(invoice: Invoice): string {
  return isPaid(invoice)
    ? '<span class="label label-success">Paid</span>'
    : '<span class="label label-danger">Unpaid</span>';
}

/**
 * The invoices of list page `?page=N`: newest first (same order as the API), 50 per page (or `?per_page=N`).
 * Undocumented (research/syncro.md §2.1, Unknown 8–9): the list page's order, size and markup are the fake's.
 */
export function invoiceListSlice(account: Account, query: URLSearchParams) {
  const rows = account.invoices.rows;
  const size = perPage(query);
  const totalPages = Math.max(1, Math.ceil(rows.length / size));
  const current = pageNumber(query);
  const start = rows.length - (current - 1) * size;
  const invoices: Invoice[] = [];
  for (let i = start - 1; i >= Math.max(0, start - size); i--) {
    const invoice = rows[i];
    if (invoice) invoices.push(invoice);
  }
  return { invoices, current, totalPages };
}

/**
 * `/invoices`: newest first (same order as the API), 50 per page unless `?per_page=N` (up to 1,000). Search box and
 * Open/Overdue/Paid buttons: https://community.syncromsp.com/t/invoices/2222/2; the rest is Undocumented.
 */
export function invoiceListPage(account: Account, query: URLSearchParams): SandboxResponse {
  const { invoices, current, totalPages } = invoiceListSlice(account, query);
  const body: string[] = [];
  for (const invoice of invoices) {
    body.push(`<tr data-invoice-id="${invoice.id}">
<td><input type="checkbox" class="bulk-select" value="${invoice.id}" aria-label="Select invoice ${escapeHtml(invoice.number)}"></td>
<td><a href="/invoices/${invoice.id}">${escapeHtml(invoice.number)}</a></td>
<td><a href="/customers/${invoice.customerId}">${escapeHtml(customerName(account, invoice))}</a></td>
<td>${displayDate(invoice.date)}</td>
<td class="text-right">${formatCurrency(invoice.totalCents)}</td>
<td class="text-right">${formatCurrency(balanceDueCents(invoice))}</td>
<td>${statusLabel(invoice)}</td>
</tr>`);
  }
  return page(
    'Invoices',
    'invoices',
    `${header('<h1>Invoices</h1>', '<a class="btn btn-success btn-sm" href="/invoices/new">+ New Invoice</a>')}
<form class="form-inline invoice-search" method="get" action="/invoices"><input class="form-control" type="search" name="search" placeholder="Search invoices"> <button class="btn btn-default btn-sm" type="submit">Search</button></form>
<div class="filter-buttons"><a class="btn btn-warning btn-sm" href="/invoices?status=open">Open</a><a class="btn btn-danger btn-sm" href="/invoices?status=overdue">Overdue</a><a class="btn btn-success btn-sm" href="/invoices?status=paid">Paid</a></div>
<div class="panel"><table class="table table-striped invoices-table">
<thead><tr><th></th><th>Number</th><th>Customer</th><th>Date</th><th class="text-right">Total</th><th class="text-right">Balance</th><th>Status</th></tr></thead>
<tbody>${body.join('\n')}</tbody></table></div>
${pagination('/invoices', current, totalPages)}`,
  );
}

function lineRows(invoice: Invoice): string {
  return invoice.lineItems
    .map(
      (line) => `<tr data-line-item-id="${line.id}"><td>${escapeHtml(line.item)}</td><td>${escapeHtml(line.name)}</td>
<td class="text-right">${numberToDecimal(line.quantity)}</td><td class="text-right">${formatCurrency(line.priceCents)}</td>
<td class="text-right">${line.discountPercent ? `${line.discountPercent}%` : ''}${line.discountDollarsCents ? ` ${formatCurrency(line.discountDollarsCents)}` : ''}</td>
<td>${line.taxable ? 'Yes' : 'No'}</td><td class="text-right">${formatCurrency(lineTotalCents(line))}</td></tr>`,
    )
    .join('\n');
}

// `/invoices/{id}` with the API id; Take Payment is `a.btn-teal[href*="/payment_form"]` (both from
// CBShawn/Syncro-Stripe-S700-Integration extension/content.js); the Actions items from
// https://community.syncromsp.com/t/how-does-the-invoice-system-work/2226; the "Bill to Customer" and "Invoice
// Details" sections from https://docs.syncromsp.com/invoices/about-the-invoice-details-page. Undocumented: the rest.
export function invoiceDetailPage(account: Account, invoice: Invoice): SandboxResponse {
  const id = invoice.id;
  const customer = account.customers.get(invoice.customerId);
  const paid = isPaid(invoice);
  const actions = [
    `<a class="btn btn-default btn-sm" href="/invoices/${id}/edit">Edit</a>`,
    paid ? '' : `<a class="btn btn-teal btn-sm" href="/invoices/${id}/payment_form">Take Payment</a>`,
    `<a class="btn btn-default btn-sm" href="/invoices/${id}/print">Print</a>`,
    actionsDropdown([
      ['Refund', '#refund'],
      ['Email', '#email'],
      ['Snail Mail', '#snail-mail'],
      ['Add Attachment', '#attachment'],
      ['Make Recurring', '#recurring'],
      ['Clone', '#clone'],
    ]),
  ].join('');
  const payments = invoice.paymentIds
    .map((paymentId) => account.payments.get(paymentId))
    .map((payment) =>
      payment
        ? `<tr><td><a href="/payments/${payment.id}">#${payment.id}</a></td><td>${displayDate(payment.appliedAt)}</td><td>${escapeHtml(payment.paymentMethod)}</td><td>${escapeHtml(payment.refNum ?? '')}</td><td class="text-right">${formatCurrency(payment.applications.find((a) => a.invoiceId === id)?.amountCents ?? 0)}</td></tr>`
        : '',
    )
    .join('');
  return page(
    `Invoice #${invoice.number}`,
    'invoices',
    `${header(`<h1>Invoice #${escapeHtml(invoice.number)}</h1> ${statusLabel(invoice)}`, actions)}
<div class="row"><div class="panel col-sm-6 bill-to"><div class="panel-heading">Bill to Customer</div><div class="panel-body">
<a href="/customers/${invoice.customerId}">${escapeHtml(customer ? businessThenName(customer) : '')}</a><br>${escapeHtml(customer?.email ?? '')}
</div></div>
<div class="panel col-sm-6 invoice-details"><div class="panel-heading">Invoice Details</div><div class="panel-body">
Date: ${displayDate(invoice.date)}<br>Due: ${displayDate(invoice.dueDate)}<br>PO Number: ${escapeHtml(invoice.poNumber ?? '')}<br>Note: ${escapeHtml(invoice.note ?? '')}
</div></div></div>
<div class="panel"><table class="table table-striped invoice-line-items">
<thead><tr><th>Item</th><th>Description</th><th class="text-right">Qty</th><th class="text-right">Price</th><th class="text-right">Discount</th><th>Taxable</th><th class="text-right">Total</th></tr></thead>
<tbody>${lineRows(invoice)}</tbody>
<tfoot class="totals">
<tr><td colspan="6" class="text-right">Subtotal</td><td class="text-right invoice-subtotal">${formatCurrency(invoice.subtotalCents)}</td></tr>
<tr><td colspan="6" class="text-right">Tax</td><td class="text-right invoice-tax">${formatCurrency(invoice.taxCents)}</td></tr>
<tr><td colspan="6" class="text-right">Total</td><td class="text-right invoice-total">${formatCurrency(invoice.totalCents)}</td></tr>
<tr><td colspan="6" class="text-right">Balance Due</td><td class="text-right balance-due" data-balance-due="${amountInput(balanceDueCents(invoice))}">${formatCurrency(balanceDueCents(invoice))}</td></tr>
</tfoot></table></div>
<div class="panel"><div class="panel-heading">Payments</div><table class="table invoice-payments"><tbody>${payments || '<tr><td>No payments yet.</td></tr>'}</tbody></table></div>`,
  );
}

function errorAlert(error: string | undefined): string {
  return error ? `<div class="alert alert-danger">${escapeHtml(error)}</div>` : '';
}

// Undocumented: the edit form's markup and field names (Rails conventions).
export function invoiceEditPage(account: Account, invoice: Invoice, error?: string, status = 200): SandboxResponse {
  const locked = isPaid(invoice) ? ' disabled' : '';
  const lines = invoice.lineItems
    .map(
      (line) => `<tr><td>${escapeHtml(line.item)}</td>
<td><input class="form-control" name="line_items[${line.id}][quantity]" value="${numberToDecimal(line.quantity)}"${locked}></td>
<td><input class="form-control" name="line_items[${line.id}][price]" value="${amountInput(line.priceCents)}"${locked}></td></tr>`,
    )
    .join('\n');
  const products = account.products.rows
    .filter((product) => !product.disabled)
    .map((product) => `<option value="${product.id}">${escapeHtml(product.name)}</option>`)
    .join('');
  return page(
    `Edit Invoice #${invoice.number}`,
    'invoices',
    `${header(`<h1>Edit Invoice #${escapeHtml(invoice.number)}</h1>`)}${errorAlert(error)}
<form class="edit_invoice" id="edit_invoice_${invoice.id}" method="post" action="/invoices/${invoice.id}">
<div class="form-group"><label for="invoice_po_number">PO Number</label><input class="form-control" id="invoice_po_number" name="invoice[po_number]" value="${escapeHtml(invoice.poNumber ?? '')}"></div>
<div class="form-group"><label for="invoice_note">Tech Notes</label><textarea class="form-control" id="invoice_note" name="invoice[note]">${escapeHtml(invoice.note ?? '')}</textarea></div>
<div class="panel"><table class="table"><thead><tr><th>Item</th><th>Quantity</th><th>Price</th></tr></thead><tbody>${lines}</tbody></table></div>
<div class="form-group"><label for="new_line_item_product_id">Add line item</label><select class="form-control" id="new_line_item_product_id" name="new_line_item[product_id]"${locked}><option value="">— none —</option>${products}</select>
<input class="form-control" name="new_line_item[quantity]" value="1"${locked}></div>
<button class="btn btn-primary" type="submit">Save</button> <a class="btn btn-default" href="/invoices/${invoice.id}">Cancel</a>
</form>`,
    status,
  );
}

// Undocumented: the take-payment form's path beyond `/payment_form` and its markup (research/syncro.md Unknown 8).
export function paymentFormPage(account: Account, invoice: Invoice, error?: string, status = 200): SandboxResponse {
  const methods = account.paymentMethods.rows
    .map((method) => `<option value="${escapeHtml(method.name)}">${escapeHtml(method.name)}</option>`)
    .join('');
  return page(
    `Take Payment - Invoice #${invoice.number}`,
    'invoices',
    `${header(`<h1>Take Payment: Invoice #${escapeHtml(invoice.number)}</h1>`)}${errorAlert(error)}
<form class="new_payment" id="new_payment" method="post" action="/invoices/${invoice.id}/payments">
<div class="form-group"><label for="payment_amount">Amount</label><input class="form-control" id="payment_amount" name="payment[amount]" value="${amountInput(balanceDueCents(invoice))}"></div>
<div class="form-group"><label for="payment_payment_method">Payment Method</label><select class="form-control" id="payment_payment_method" name="payment[payment_method]">${methods}</select></div>
<div class="form-group"><label for="payment_ref_num">Reference #</label><input class="form-control" id="payment_ref_num" name="payment[ref_num]"></div>
<button class="btn btn-teal" type="submit">Take Payment</button> <a class="btn btn-default" href="/invoices/${invoice.id}">Cancel</a>
</form>`,
    status,
  );
}
