// The invoice and purchase-order pages in the "grid" markup (see pages-grid-layout.ts): the same records as
// the Bootstrap pages (same slices, ids, numbers, names, totals), with the detail pages' actions (Edit, Take
// Payment, Mark as Finished, …) in the Actions menu. Every piece of data is escaped.

import { escapeHtml } from '../http.ts';
import { formatCurrency, numberToDecimal } from './money.ts';
import {
  type GridMenuItem,
  type GridView,
  gridActionsButton,
  gridPagination,
  gridRow,
  gridTable,
} from './pages-grid-layout.ts';
import { amountInput, customerName, displayDate, invoiceListSlice } from './pages-invoices.ts';
import { purchaseOrderListSlice } from './pages-records.ts';
import {
  type Account,
  balanceDueCents,
  type Invoice,
  isPaid,
  lineTotalCents,
  type PurchaseOrder,
  poTotalCents,
} from './store.ts';

const chip = (text: string) =>
  `<span class="gx-chip gx-chip-${text.toLowerCase().replace(/[^a-z0-9]+/g, '-')}">${escapeHtml(text)}</span>`;
const invoiceChip = (invoice: Invoice) => chip(isPaid(invoice) ? 'Paid' : 'Unpaid');
/** A list row's selection checkbox, named after the record as the row shows it. */
const selectBox = (id: number, label: string) =>
  `<input type="checkbox" value="${id}" aria-label="${escapeHtml(label)}">`;

export function gridInvoiceList(account: Account, query: URLSearchParams): GridView {
  const { invoices, current, totalPages } = invoiceListSlice(account, query);
  const rows = invoices.map((invoice) =>
    gridRow(
      [
        selectBox(invoice.id, `Select invoice ${invoice.number}`),
        `<a href="/invoices/${invoice.id}">${escapeHtml(invoice.number)}</a>`,
        `<a href="/customers/${invoice.customerId}">${escapeHtml(customerName(account, invoice))}</a>`,
        displayDate(invoice.date),
        formatCurrency(invoice.totalCents),
        formatCurrency(balanceDueCents(invoice)),
        invoiceChip(invoice),
      ],
      [4, 5],
    ),
  );
  return {
    title: 'Invoices',
    section: 'invoices',
    view: 'invoice-list',
    titleRegion: `<div role="heading" aria-level="1" class="gx-title">Invoices</div>
<div class="gx-toolbar"><a class="gx-button gx-primary" href="/invoices/new">New invoice</a></div>`,
    contentRegion: `<form class="gx-search" role="search" method="get" action="/invoices"><input type="search" name="search" aria-label="Search invoices" placeholder="Search invoices"></form>
${gridTable('Invoices', 'gx-cols-invoices', ['', 'Number', 'Customer', 'Date', 'Total', 'Balance', 'Status'], rows)}
${gridPagination('/invoices', current, totalPages)}`,
  };
}

export function gridInvoiceDetail(account: Account, invoice: Invoice): GridView {
  const id = invoice.id;
  const customer = account.customers.get(invoice.customerId);
  const menu: GridMenuItem[] = [
    { label: 'Edit', href: `/invoices/${id}/edit` },
    ...(isPaid(invoice) ? [] : [{ label: 'Take Payment', href: `/invoices/${id}/payment_form` }]),
    { label: 'Print', href: `/invoices/${id}/print` },
    { label: 'Refund', href: '#refund' },
    { label: 'Email', href: '#email' },
    { label: 'Snail Mail', href: '#snail-mail' },
    { label: 'Add Attachment', href: '#attachment' },
    { label: 'Make Recurring', href: '#recurring' },
    { label: 'Clone', href: '#clone' },
  ];
  const lines = invoice.lineItems.map((line) =>
    gridRow(
      [
        escapeHtml(line.item),
        escapeHtml(line.name),
        numberToDecimal(line.quantity),
        formatCurrency(line.priceCents),
        `${line.discountPercent ? `${line.discountPercent}%` : ''}${line.discountDollarsCents ? ` ${formatCurrency(line.discountDollarsCents)}` : ''}`,
        line.taxable ? 'Yes' : 'No',
        formatCurrency(lineTotalCents(line)),
      ],
      [2, 3, 4, 6],
      ` data-line-item-id="${line.id}"`,
    ),
  );
  const payments = invoice.paymentIds.flatMap((paymentId) => {
    const payment = account.payments.get(paymentId);
    if (!payment) return [];
    const applied = payment.applications.find((application) => application.invoiceId === id)?.amountCents ?? 0;
    return [
      gridRow(
        [
          `<a href="/payments/${payment.id}">#${payment.id}</a>`,
          displayDate(payment.appliedAt),
          escapeHtml(payment.paymentMethod),
          escapeHtml(payment.refNum ?? ''),
          formatCurrency(applied),
        ],
        [4],
      ),
    ];
  });
  const balance = balanceDueCents(invoice);
  return {
    title: `Invoice #${invoice.number}`,
    section: 'invoices',
    view: 'invoice-detail',
    titleRegion: `<div class="gx-title-group"><div role="heading" aria-level="1" class="gx-title">Invoice #${escapeHtml(invoice.number)}</div>${invoiceChip(invoice)}</div>
<div class="gx-toolbar">${gridActionsButton(menu)}</div>`,
    contentRegion: `<div class="gx-cards">
<section class="gx-card" aria-label="Bill to"><div class="gx-card-label">Bill to</div><a href="/customers/${invoice.customerId}">${escapeHtml(customerName(account, invoice))}</a><div>${escapeHtml(customer?.email ?? '')}</div></section>
<section class="gx-card" aria-label="Details"><div class="gx-card-label">Details</div><dl><dt>Date</dt><dd>${displayDate(invoice.date)}</dd><dt>Due</dt><dd>${displayDate(invoice.dueDate)}</dd><dt>PO Number</dt><dd>${escapeHtml(invoice.poNumber ?? '')}</dd><dt>Note</dt><dd>${escapeHtml(invoice.note ?? '')}</dd></dl></section>
</div>
${gridTable('Line items', 'gx-cols-lines', ['Item', 'Description', 'Qty', 'Price', 'Discount', 'Taxable', 'Total'], lines)}
<dl class="gx-totals"><dt>Subtotal</dt><dd>${formatCurrency(invoice.subtotalCents)}</dd><dt>Tax</dt><dd>${formatCurrency(invoice.taxCents)}</dd><dt>Total</dt><dd>${formatCurrency(invoice.totalCents)}</dd><dt>Balance Due</dt><dd data-balance-due="${amountInput(balance)}">${formatCurrency(balance)}</dd></dl>
${payments.length ? gridTable('Payments', 'gx-cols-payments', ['Payment', 'Date', 'Method', 'Reference', 'Amount'], payments) : '<p class="gx-empty">No payments yet.</p>'}`,
  };
}

const poChip = (po: PurchaseOrder) => chip(po.status);

export function gridPurchaseOrderList(account: Account, query: URLSearchParams): GridView {
  const { purchaseOrders, current, totalPages } = purchaseOrderListSlice(account, query);
  const rows = purchaseOrders.map((po) =>
    gridRow(
      [
        selectBox(po.id, `Select purchase order ${po.number}`),
        `<a href="/purchase_orders/${po.id}">${escapeHtml(po.number)}</a>`,
        escapeHtml(account.vendors.get(po.vendorId)?.name ?? ''),
        poChip(po),
        displayDate(po.createdAt),
        formatCurrency(poTotalCents(po)),
      ],
      [5],
    ),
  );
  return {
    title: 'Purchase Orders',
    section: 'purchase_orders',
    view: 'purchase-order-list',
    titleRegion: `<h2 class="gx-title">Purchase Orders</h2>
<div class="gx-toolbar"><a class="gx-button gx-primary" href="/purchase_orders/new">New purchase order</a></div>`,
    contentRegion: `${gridTable('Purchase orders', 'gx-cols-pos', ['', 'Number', 'Vendor', 'Status', 'Created', 'Total'], rows)}
${gridPagination('/purchase_orders', current, totalPages)}`,
  };
}

export function gridPurchaseOrderDetail(account: Account, po: PurchaseOrder): GridView {
  const vendor = account.vendors.get(po.vendorId);
  const finished = po.status === 'Finished';
  const menu: GridMenuItem[] = [
    ...(finished ? [] : [{ label: 'Mark as Finished', submit: 'gx-finish-po' }]),
    { label: 'Receive All', href: '#receive-all' },
    { label: 'Print', href: `/purchase_orders/${po.id}/print` },
    { label: 'Email Vendor', href: '#email' },
    { label: 'Clone', href: '#clone' },
  ];
  const lines = po.lineItems.map((line) =>
    gridRow(
      [
        escapeHtml(account.products.get(line.productId)?.name ?? ''),
        String(line.quantity),
        formatCurrency(line.costCents),
        formatCurrency(line.costCents * line.quantity),
        line.received ? 'Received' : 'Pending',
      ],
      [1, 2, 3],
      ` data-po-line-item-id="${line.id}"`,
    ),
  );
  const finishForm = finished
    ? ''
    : `<form id="gx-finish-po" method="post" action="/purchase_orders/${po.id}/finish" hidden></form>`;
  return {
    title: `Purchase Order #${po.number}`,
    section: 'purchase_orders',
    view: 'purchase-order-detail',
    titleRegion: `<div class="gx-title-group"><h2 class="gx-title"><span>Purchase Order</span> #${escapeHtml(po.number)}</h2>${poChip(po)}</div>
<div class="gx-toolbar">${gridActionsButton(menu)}</div>`,
    contentRegion: `${finishForm}<div class="gx-cards"><section class="gx-card" aria-label="Vendor"><div class="gx-card-label">Vendor</div>${escapeHtml(vendor?.name ?? '')}<div>${escapeHtml(vendor?.email ?? '')}</div></section></div>
${gridTable('Line items', 'gx-cols-po-lines', ['Product', 'Qty', 'Cost', 'Total', 'Status'], lines)}
<dl class="gx-totals"><dt>Shipping</dt><dd>${formatCurrency(po.shippingCents)}</dd><dt>Total</dt><dd>${formatCurrency(poTotalCents(po))}</dd></dl>`,
  };
}
