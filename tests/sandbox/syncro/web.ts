// Routes of the Syncro web UI (HTML). No login: the fake assumes a technician is signed in. Record pages use API
// ids (`/invoices/{id}`, `/payments/{id}`, `/customers/{id}`: research/syncro.md §2.1,
// CBShawn/Syncro-Stripe-S700-Integration); the `/invoices` and `/purchase_orders` list and PO detail paths are
// Undocumented (research/syncro.md Unknown 8).

import { parseBody, redirect, type SandboxRequest, type SandboxResponse } from '../http.ts';
import { submitFinishPurchaseOrder, submitInvoiceEdit, submitPayment } from './forms.ts';
import { gridInvoiceDetail, gridInvoiceList, gridPurchaseOrderDetail, gridPurchaseOrderList } from './pages-grid.ts';
import { type GridView, gridPage } from './pages-grid-layout.ts';
import { invoiceDetailPage, invoiceEditPage, invoiceListPage, paymentFormPage } from './pages-invoices.ts';
import { notFoundPage, page } from './pages-layout.ts';
import {
  customerDetailPage,
  customerListPage,
  paymentDetailPage,
  purchaseOrderDetailPage,
  purchaseOrderListPage,
} from './pages-records.ts';
import type { Account } from './store.ts';

function formFields(req: SandboxRequest): Record<string, string> | undefined {
  try {
    const body = parseBody(req);
    if (body === undefined) return {};
    if (!body || typeof body !== 'object') return undefined;
    return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, String(value ?? '')]));
  } catch {
    return undefined;
  }
}

export function handleWeb(req: SandboxRequest, account: Account | undefined, now: number): SandboxResponse {
  if (!account) return notFoundPage();
  const path = req.path.replace(/\/+$/, '') || '/';
  const [, resource = '', idText = '', action = ''] = path.split('/');
  const id = /^\d+$/.test(idText) ? Number(idText) : undefined;
  const get = req.method === 'GET' || req.method === 'HEAD';
  // The account's markup picks the renderer of the invoice and PO pages; `?fragment=1` is the grid UI's
  // client-side navigation asking for just the view.
  const grid = account.markup === 'grid';
  const show = (view: GridView) => gridPage(view, req.query.get('fragment') === '1');

  if (path === '/' && get) return redirect('/invoices');
  if (resource === 'invoices') {
    if (!idText && get) return grid ? show(gridInvoiceList(account, req.query)) : invoiceListPage(account, req.query);
    const invoice = id === undefined ? undefined : account.invoices.get(id);
    if (!invoice) return notFoundPage();
    if (get && !action) return grid ? show(gridInvoiceDetail(account, invoice)) : invoiceDetailPage(account, invoice);
    if (get && action === 'edit') return invoiceEditPage(account, invoice);
    if (get && action === 'payment_form') return paymentFormPage(account, invoice);
    if (req.method === 'POST') {
      const form = formFields(req);
      if (!form) return page('Bad Request', 'invoices', '<h1>Bad Request</h1>', 400);
      if (!action || action === 'update') return submitInvoiceEdit(account, invoice, form, now);
      if (action === 'payments') return submitPayment(account, invoice, form, now);
    }
  }
  if (resource === 'purchase_orders') {
    if (!idText && get) {
      return grid ? show(gridPurchaseOrderList(account, req.query)) : purchaseOrderListPage(account, req.query);
    }
    const po = id === undefined ? undefined : account.purchaseOrders.get(id);
    if (!po) return notFoundPage();
    if (get && !action) return grid ? show(gridPurchaseOrderDetail(account, po)) : purchaseOrderDetailPage(account, po);
    if (req.method === 'POST' && action === 'finish') return submitFinishPurchaseOrder(po, now);
  }
  if (resource === 'customers' && get) {
    if (!idText) return customerListPage(account);
    const customer = id === undefined ? undefined : account.customers.get(id);
    if (customer && !action) return customerDetailPage(account, customer);
  }
  if (resource === 'payments' && get && !action) {
    const payment = id === undefined ? undefined : account.payments.get(id);
    if (payment) return paymentDetailPage(account, payment);
  }
  return notFoundPage();
}
