// Purchase order, customer and payment web pages.

import { escapeHtml, type SandboxResponse } from '../http.ts';
import { formatCurrency } from './money.ts';
import { amountInput, displayDate } from './pages-invoices.ts';
import { actionsDropdown, header, page, pageNumber, pagination } from './pages-layout.ts';
import {
  type Account,
  businessThenName,
  type Customer,
  type Payment,
  type PurchaseOrder,
  poTotalCents,
} from './store.ts';

const PER_PAGE = 50;

function statusLabel(po: PurchaseOrder): string {
  const kind = po.status === 'Finished' ? 'success' : po.status === 'Ordered' ? 'info' : 'default';
  return `<span class="label label-${kind} po-status">${escapeHtml(po.status)}</span>`;
}

/**
 * The purchase orders of list page `?page=N`: newest first, 50 per page. Undocumented (research/syncro.md Unknown
 * 8–9): the page's path, order and size; note the API list (api-billing.ts) takes oldest first.
 */
export function purchaseOrderListSlice(account: Account, query: URLSearchParams) {
  const newestFirst = [...account.purchaseOrders.rows].reverse();
  const current = pageNumber(query);
  const totalPages = Math.max(1, Math.ceil(newestFirst.length / PER_PAGE));
  return { purchaseOrders: newestFirst.slice((current - 1) * PER_PAGE, current * PER_PAGE), current, totalPages };
}

/** `/purchase_orders`: newest first, 50 per page. */
export function purchaseOrderListPage(account: Account, query: URLSearchParams): SandboxResponse {
  const { purchaseOrders, current, totalPages } = purchaseOrderListSlice(account, query);
  const rows = purchaseOrders
    .map(
      (
        po,
      ) => `<tr data-purchase-order-id="${po.id}"><td><input type="checkbox" class="bulk-select" value="${po.id}" aria-label="Select purchase order ${escapeHtml(po.number)}"></td>
<td><a href="/purchase_orders/${po.id}">${escapeHtml(po.number)}</a></td>
<td>${escapeHtml(account.vendors.get(po.vendorId)?.name ?? '')}</td><td>${statusLabel(po)}</td><td>${displayDate(po.createdAt)}</td>
<td class="text-right">${formatCurrency(poTotalCents(po))}</td></tr>`,
    )
    .join('\n');
  return page(
    'Purchase Orders',
    'purchase_orders',
    `${header('<h1>Purchase Orders</h1>', '<a class="btn btn-success btn-sm" href="/purchase_orders/new">+ New Purchase Order</a>')}
<div class="panel"><table class="table table-striped purchase-orders-table">
<thead><tr><th></th><th>Number</th><th>Vendor</th><th>Status</th><th>Created</th><th class="text-right">Total</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${pagination('/purchase_orders', current, totalPages)}`,
  );
}

export function purchaseOrderDetailPage(account: Account, po: PurchaseOrder): SandboxResponse {
  const vendor = account.vendors.get(po.vendorId);
  const finished = po.status === 'Finished';
  const finishButton = finished
    ? ''
    : `<form class="finish-po" method="post" action="/purchase_orders/${po.id}/finish" style="display:inline"><button class="btn btn-success btn-sm" type="submit">Mark as Finished</button></form>`;
  const lines = po.lineItems
    .map((line) => {
      const product = account.products.get(line.productId);
      return `<tr data-po-line-item-id="${line.id}"><td>${escapeHtml(product?.name ?? '')}</td><td class="text-right">${line.quantity}</td>
<td class="text-right">${formatCurrency(line.costCents)}</td><td class="text-right">${formatCurrency(line.costCents * line.quantity)}</td>
<td>${line.received ? 'Received' : 'Pending'}</td></tr>`;
    })
    .join('\n');
  return page(
    `Purchase Order #${po.number}`,
    'purchase_orders',
    `${header(
      `<h1>Purchase Order #${escapeHtml(po.number)}</h1> ${statusLabel(po)}`,
      finishButton +
        actionsDropdown([
          ['Receive All', '#receive-all'],
          ['Print', `/purchase_orders/${po.id}/print`],
          ['Email Vendor', '#email'],
          ['Clone', '#clone'],
        ]),
    )}
<div class="panel"><div class="panel-heading">Vendor</div><div class="panel-body vendor">${escapeHtml(vendor?.name ?? '')}<br>${escapeHtml(vendor?.email ?? '')}</div></div>
<div class="panel"><table class="table table-striped po-line-items">
<thead><tr><th>Product</th><th class="text-right">Qty</th><th class="text-right">Cost</th><th class="text-right">Total</th><th>Status</th></tr></thead>
<tbody>${lines}</tbody>
<tfoot class="totals"><tr><td colspan="3" class="text-right">Shipping</td><td class="text-right">${formatCurrency(po.shippingCents)}</td><td></td></tr>
<tr><td colspan="3" class="text-right">Total</td><td class="text-right po-total">${formatCurrency(poTotalCents(po))}</td><td></td></tr></tfoot>
</table></div>`,
  );
}

// Undocumented: customer and payment page markup; `/customers/{id}` and `/payments/{id}` paths from
// CBShawn/Syncro-Stripe-S700-Integration (research/syncro.md §2.1).
export function customerListPage(account: Account): SandboxResponse {
  const rows = account.customers.rows
    .slice(0, 200)
    .map(
      (c) =>
        `<tr><td><a href="/customers/${c.id}">${escapeHtml(businessThenName(c))}</a></td><td>${escapeHtml(c.email ?? '')}</td><td>${escapeHtml(c.phone ?? '')}</td></tr>`,
    )
    .join('\n');
  return page(
    'Customers',
    'customers',
    `${header('<h1>Customers</h1>')}<div class="panel"><table class="table table-striped"><thead><tr><th>Name</th><th>Email</th><th>Phone</th></tr></thead><tbody>${rows}</tbody></table></div>`,
  );
}

export function customerDetailPage(account: Account, customer: Customer): SandboxResponse {
  const invoices = account.invoices.rows
    .filter((invoice) => invoice.customerId === customer.id)
    .map(
      (invoice) =>
        `<tr><td><a href="/invoices/${invoice.id}">${escapeHtml(invoice.number)}</a></td><td class="text-right">${formatCurrency(invoice.totalCents)}</td></tr>`,
    )
    .join('');
  return page(
    businessThenName(customer),
    'customers',
    `${header(`<h1>${escapeHtml(businessThenName(customer))}</h1>`)}
<div class="panel"><div class="panel-body">${escapeHtml(`${customer.firstname} ${customer.lastname}`)}<br>${escapeHtml(customer.email ?? '')}<br>${escapeHtml(customer.phone ?? '')}</div></div>
<div class="panel"><div class="panel-heading">Invoices</div><table class="table table-striped"><tbody>${invoices}</tbody></table></div>`,
  );
}

export function paymentDetailPage(account: Account, payment: Payment): SandboxResponse {
  const customer = account.customers.get(payment.customerId);
  const applied = payment.applications
    .map((a) => {
      const invoice = account.invoices.get(a.invoiceId);
      return `<tr><td><a href="/invoices/${a.invoiceId}">${escapeHtml(invoice?.number ?? '')}</a></td><td class="text-right">${formatCurrency(a.amountCents)}</td></tr>`;
    })
    .join('');
  return page(
    `Payment #${payment.id}`,
    'payments',
    `${header(`<h1>Payment #${payment.id}</h1>`)}
<div class="panel"><div class="panel-body">Customer: <a href="/customers/${payment.customerId}">${escapeHtml(customer ? businessThenName(customer) : '')}</a><br>
Amount: <span class="payment-amount" data-amount="${amountInput(payment.amountCents)}">${formatCurrency(payment.amountCents)}</span><br>
Method: ${escapeHtml(payment.paymentMethod)}<br>Reference: ${escapeHtml(payment.refNum ?? '')}<br>Date: ${displayDate(payment.appliedAt)}</div></div>
<div class="panel"><div class="panel-heading">Applied to</div><table class="table"><tbody>${applied}</tbody></table></div>`,
  );
}
