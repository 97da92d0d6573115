// Taking a payment: one implementation for `POST /api/v1/payments` and the web "Take Payment" form.

import { type Fields, fail, type Outcome, ok } from './invoices.ts';
import { dollarsToCents } from './money.ts';
import {
  type Account,
  balanceDueCents,
  findInvoice,
  type Invoice,
  type Payment,
  type PaymentApplication,
  recalculate,
} from './store.ts';

/**
 * `apply_payments` values: integers are cents (as [TEST] documents), strings with a decimal point are dollars
 * (as the S700 middleware sends them); the units are contested (research/syncro.md §1.10, Unknown 1), so accept
 * both. The swagger says only "payment amount" (syncro_swagger.json#/paths/~1payments/post requestBody).
 */
function applyAmountCents(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && value.includes('.')) return dollarsToCents(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function resolveInvoice(account: Account, fields: Fields): Outcome<Invoice | undefined> {
  const key = fields.invoice_id ?? fields.invoice_number;
  if (key === undefined || key === null || key === '') return ok(undefined);
  const invoice =
    fields.invoice_id !== undefined ? account.invoices.get(Number(key)) : account.invoicesByNumber.get(String(key));
  return invoice ? ok(invoice) : fail(422, 'Invoice not found');
}

/**
 * Body fields top-level (as syncro_swagger.json#/paths/~1payments/post documents) or Rails-wrapped in
 * `{payment: {…}}` (as CBShawn/Syncro-Stripe-S700-Integration sends, research/syncro.md §1.10).
 */
export function paymentFields(body: unknown): Fields {
  const fields = (body && typeof body === 'object' ? body : {}) as Fields;
  const wrapped = fields.payment;
  return wrapped && typeof wrapped === 'object' ? { ...fields, ...(wrapped as Fields) } : fields;
}

/**
 * Validates and records a payment. Amounts beyond an invoice's balance stay on the payment as account credit
 * (inference: Syncro shows overpayments as customer credit); without any invoice the whole payment is credit
 * (live test 24, research/syncro.md §1.10). Fields: syncro_swagger.json#/paths/~1payments/post (all optional
 * there); `payment_method` is a method's name (live test 24). Undocumented: which fields Syncro requires and the
 * wording of its refusals; the fake requires a customer, a positive integer `amount_cents` and a known method.
 */
export function createPayment(account: Account, fields: Fields, now: number): Outcome<Payment> {
  const invoiceOutcome = resolveInvoice(account, fields);
  if (!invoiceOutcome.ok) return invoiceOutcome;
  const invoice = invoiceOutcome.value;
  const customerId =
    fields.customer_id === undefined || fields.customer_id === '' ? invoice?.customerId : Number(fields.customer_id);
  const customer = customerId === undefined ? undefined : account.customers.get(customerId);
  if (!customer) return fail(422, 'Customer not found');
  const amountCents = fields.amount_cents;
  if (typeof amountCents !== 'number' || !Number.isInteger(amountCents) || amountCents <= 0) {
    return fail(422, 'Amount cents must be a positive integer');
  }
  const methodName = String(fields.payment_method ?? '');
  const method = account.paymentMethods.rows.find((candidate) => candidate.name === methodName);
  if (!method) return fail(422, `Payment method "${methodName}" does not exist`);

  const applications: PaymentApplication[] = [];
  if (invoice) {
    applications.push({
      invoiceId: invoice.id,
      amountCents: Math.min(amountCents, Math.max(0, balanceDueCents(invoice))),
    });
  }
  const applyPayments = fields.apply_payments;
  if (applyPayments && typeof applyPayments === 'object') {
    for (const [invoiceId, value] of Object.entries(applyPayments as Fields)) {
      const target = findInvoice(account, invoiceId);
      if (!target) return fail(422, `Invoice ${invoiceId} not found`);
      const cents = applyAmountCents(value);
      if (cents === undefined || cents <= 0) return fail(422, `Invalid amount for invoice ${invoiceId}`);
      applications.push({ invoiceId: target.id, amountCents: cents });
    }
  }
  for (const application of applications) {
    if (account.invoices.get(application.invoiceId)?.customerId !== customer.id) {
      return fail(422, 'Invoice does not belong to this customer');
    }
  }
  const appliedTotal = applications.reduce((sum, application) => sum + application.amountCents, 0);
  if (appliedTotal > amountCents) return fail(422, 'Applied amounts exceed the payment amount');

  const payment = account.payments.add({
    id: account.payments.nextId(),
    customerId: customer.id,
    amountCents,
    paymentMethod: method.name,
    refNum: fields.ref_num === undefined || fields.ref_num === '' ? null : String(fields.ref_num),
    applications: applications.filter((application) => application.amountCents > 0),
    appliedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  for (const application of payment.applications) {
    const target = account.invoices.get(application.invoiceId);
    if (!target) continue;
    target.paymentIds.push(payment.id);
    target.updatedAt = now;
    recalculate(account, target);
  }
  return ok(payment);
}
