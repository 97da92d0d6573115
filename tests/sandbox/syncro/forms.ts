// The web UI's form posts (Rails style: POST, then 302 back to the record's page; errors re-render with 422).
// Undocumented: the fake's Rails-convention reading; no source shows Syncro's form posts.

import { redirect, type SandboxResponse } from '../http.ts';
import { addLineItem, type Fields, PAID_INVOICE_ERROR, updateInvoiceFields, updateLineItem } from './invoices.ts';
import { dollarsToCents } from './money.ts';
import { invoiceEditPage, paymentFormPage } from './pages-invoices.ts';
import { createPayment } from './payments.ts';
import { type Account, finishPurchaseOrder, type Invoice, isPaid, type PurchaseOrder } from './store.ts';

/** `line_items[42][quantity]=2` → Map(42 → {quantity: "2"}). */
function lineChanges(form: Record<string, string>): Map<number, Fields> {
  const changes = new Map<number, Fields>();
  for (const [key, value] of Object.entries(form)) {
    const match = /^line_items\[(\d+)\]\[(quantity|price)\]$/.exec(key);
    if (!match) continue;
    const id = Number(match[1]);
    changes.set(id, { ...changes.get(id), [match[2] as string]: value });
  }
  return changes;
}

/** Only fields whose value differs, so re-saving an untouched form doesn't count as a line edit. */
function changedLineFields(invoice: Invoice, lineId: number, fields: Fields): Fields {
  const line = invoice.lineItems.find((candidate) => candidate.id === lineId);
  if (!line) return fields;
  const changed: Fields = {};
  if (fields.quantity !== undefined && Number(fields.quantity) !== line.quantity) changed.quantity = fields.quantity;
  if (fields.price !== undefined && dollarsToCents(fields.price) !== line.priceCents) changed.price = fields.price;
  return changed;
}

/** `POST /invoices/:id` from the edit form. */
export function submitInvoiceEdit(
  account: Account,
  invoice: Invoice,
  form: Record<string, string>,
  now: number,
): SandboxResponse {
  const edits = [...lineChanges(form)]
    .map(([lineId, fields]) => [lineId, changedLineFields(invoice, lineId, fields)] as const)
    .filter(([, fields]) => Object.keys(fields).length > 0);
  const productId = form['new_line_item[product_id]'];
  if ((edits.length > 0 || productId) && isPaid(invoice))
    return invoiceEditPage(account, invoice, PAID_INVOICE_ERROR, 422);
  for (const [lineId, fields] of edits) {
    const outcome = updateLineItem(account, invoice, lineId, fields, now);
    if (!outcome.ok) return invoiceEditPage(account, invoice, outcome.error, 422);
  }
  if (productId) {
    const outcome = addLineItem(
      account,
      invoice,
      { product_id: productId, quantity: form['new_line_item[quantity]'] || '1' },
      now,
    );
    if (!outcome.ok) return invoiceEditPage(account, invoice, outcome.error, 422);
  }
  const header: Fields = {};
  if ('invoice[po_number]' in form) header.po_number = form['invoice[po_number]'];
  if ('invoice[note]' in form) header.note = form['invoice[note]'];
  const outcome = updateInvoiceFields(account, invoice, header, now);
  if (!outcome.ok) return invoiceEditPage(account, invoice, outcome.error, 422);
  return redirect(`/invoices/${invoice.id}`);
}

/** `POST /invoices/:id/payments` from the Take Payment form: the same code path as `POST /api/v1/payments`. */
export function submitPayment(
  account: Account,
  invoice: Invoice,
  form: Record<string, string>,
  now: number,
): SandboxResponse {
  const amountCents = dollarsToCents(form['payment[amount]']);
  if (amountCents === undefined) return paymentFormPage(account, invoice, 'Amount is not a number', 422);
  const outcome = createPayment(
    account,
    {
      customer_id: invoice.customerId,
      invoice_id: invoice.id,
      amount_cents: amountCents,
      payment_method: form['payment[payment_method]'],
      ref_num: form['payment[ref_num]'],
    },
    now,
  );
  if (!outcome.ok) return paymentFormPage(account, invoice, outcome.error, 422);
  return redirect(`/invoices/${invoice.id}`);
}

/** `POST /purchase_orders/:id/finish`. */
export function submitFinishPurchaseOrder(po: PurchaseOrder, now: number): SandboxResponse {
  finishPurchaseOrder(po, now);
  return redirect(`/purchase_orders/${po.id}`);
}
