// One Syncro invoice → its Xero ACCREC invoice (by InvoiceNumber), then its payments. Idempotent: looks
// up before creating, sends an Idempotency-Key derived from the content, and skips no-op updates.

import { parseCents } from '../money.ts';
import { syncroGet } from '../syncro/api.ts';
import { xeroCall } from '../xero/client.ts';
import { ensureContact } from './contacts.ts';
import type { SyncContext } from './context.ts';
import { unwrap } from './context.ts';
import { NeedsUserError } from './errors.ts';
import { fingerprint } from './fingerprint.ts';
import { ensureItem } from './items.ts';
import { audit, getLink, putLink } from './links.ts';
import { contactName, customerContact, invoicePayload, isSyncroPaymentReference, paymentPayload } from './map.ts';
import { invoiceDecision, paymentDecision } from './rules.ts';
import type { SyncroInvoice } from './syncro-types.ts';

interface XeroInvoice {
  InvoiceID: string;
  InvoiceNumber: string;
  Status: string;
  AmountDue: number;
  AmountPaid: number;
  Payments?: Array<{ PaymentID: string; Reference?: string; Amount: number }>;
}

export const xeroInvoiceUrl = (id: string) => `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${id}`;

export async function pushInvoice(ctx: SyncContext, invoiceId: number, now: number): Promise<void> {
  const invoice = unwrap<SyncroInvoice>(await syncroGet(ctx.syncro, `/invoices/${invoiceId}`), 'invoice');
  const base = { kind: 'invoice' as const, syncroId: invoice.id, syncroUpdatedAt: invoice.updated_at };
  const decision = invoiceDecision(invoice, ctx.settings);
  if (decision.action === 'skip') {
    await putLink({ ...base, state: 'skipped', reason: decision.reason }, now);
    return;
  }

  const customer = await ctx.customer(invoice.customer_id);
  const name = contactName(customer);
  const { Name: _name, ContactNumber: _number, ...details } = customerContact(customer, name);
  const contactId = await ensureContact({ kind: 'customer', syncroId: customer.id, name, details }, now);
  for (const line of invoice.line_items ?? []) {
    const product = line.product_id ? ctx.products.get(line.product_id) : undefined;
    const code = line.product_id ? ctx.codes.get(line.product_id) : undefined;
    if (product && code) await ensureItem(product, code, ctx.settings, now);
  }
  const { payload } = invoicePayload(invoice, {
    contactId,
    itemCodeOf: (productId) => ctx.codes.get(productId),
    settings: ctx.settings,
    taxRatePercent: ctx.taxRatePercent,
  });
  const print = fingerprint(payload);
  const link = await getLink('invoice', invoice.id);
  if (link?.state === 'synced' && link.fingerprint === print && (await paymentsAllRecorded(ctx, invoice))) {
    await putLink({ ...link, syncroUpdatedAt: invoice.updated_at }, now);
    return; // nothing changed since the last push: no Xero call at all
  }

  let xeroInvoice = await findInvoice(invoice.number);
  const upToDate = xeroInvoice && link?.state === 'synced' && link.fingerprint === print;
  const locked = xeroInvoice && (xeroInvoice.AmountPaid > 0 || xeroInvoice.Status === 'PAID');
  // Xero refuses edits to an invoice with payments: a change is reported, never forced. One this install
  // has not pushed before (another install's, or a crash after creating it) is adopted as it is.
  const changeBlocked = !upToDate && locked && Boolean(link?.fingerprint);
  if (!upToDate && !locked) {
    const { Invoices } = await xeroCall<{ Invoices: XeroInvoice[] }>({
      method: xeroInvoice ? 'POST' : 'PUT',
      path: '/Invoices',
      body: { Invoices: [xeroInvoice ? { ...payload, InvoiceID: xeroInvoice.InvoiceID } : payload] },
      idempotencyKey: `invoice-${invoice.id}-${xeroInvoice ? 'update' : 'create'}-${print}`,
    });
    xeroInvoice = Invoices[0];
    await audit(`invoice:${invoice.id}`, 'info', `Pushed invoice ${invoice.number} to Xero`, now);
  }
  if (!xeroInvoice) throw new Error(`Xero returned no invoice for ${invoice.number}`);
  await putLink(
    {
      ...base,
      xeroId: xeroInvoice.InvoiceID,
      state: 'synced',
      fingerprint: changeBlocked ? link?.fingerprint : print,
      xeroUrl: xeroInvoiceUrl(xeroInvoice.InvoiceID),
    },
    now,
  );
  await pushPayments(ctx, invoice, xeroInvoice, now);
  if (changeBlocked) {
    throw new NeedsUserError('Changed in Syncro, but the Xero invoice has payments and cannot be edited there.');
  }
}

/** Whether no payment of the invoice is left to push (each pushed before, or not to be pushed now). */
async function paymentsAllRecorded(ctx: SyncContext, invoice: SyncroInvoice): Promise<boolean> {
  for (const payment of invoice.payments ?? []) {
    if (paymentDecision(payment, ctx.settings).action !== 'sync') continue;
    if ((await getLink('payment', payment.id))?.state !== 'synced') return false;
  }
  return true;
}

async function findInvoice(number: string): Promise<XeroInvoice | undefined> {
  const { Invoices } = await xeroCall<{ Invoices: XeroInvoice[] }>({
    method: 'GET',
    path: '/Invoices',
    query: { InvoiceNumbers: number, where: 'Type=="ACCREC"', page: '1' },
  });
  return Invoices.find(
    (candidate) =>
      candidate.InvoiceNumber === number && candidate.Status !== 'DELETED' && candidate.Status !== 'VOIDED',
  );
}

async function pushPayments(ctx: SyncContext, invoice: SyncroInvoice, xeroInvoice: XeroInvoice, now: number) {
  let amountDueCents = parseCents(xeroInvoice.AmountDue);
  const recorded = xeroInvoice.Payments ?? [];
  for (const payment of invoice.payments ?? []) {
    const decision = paymentDecision(payment, ctx.settings);
    if (decision.action !== 'sync') {
      await putLink(
        {
          kind: 'payment',
          syncroId: payment.id,
          state: decision.action === 'off' ? 'off' : 'skipped',
          reason: decision.reason,
        },
        now,
      );
      continue;
    }
    const existing = recorded.find((candidate) => isSyncroPaymentReference(candidate.Reference ?? '', payment.id));
    if (existing) {
      await putLink({ kind: 'payment', syncroId: payment.id, xeroId: existing.PaymentID, state: 'synced' }, now);
      continue;
    }
    // A payment split over several invoices carries its whole amount: apply at most what is due here.
    const paymentCents = parseCents(String(payment.payment_amount));
    const amountCents = (payment.invoice_ids?.length ?? 1) > 1 ? Math.min(paymentCents, amountDueCents) : paymentCents;
    if (amountCents <= 0) continue;
    const body = paymentPayload(
      { ...payment, payment_amount: amountCents / 100 },
      { xeroInvoiceId: xeroInvoice.InvoiceID, settings: ctx.settings },
    );
    const { Payments } = await xeroCall<{ Payments: Array<{ PaymentID: string }> }>({
      method: 'PUT',
      path: '/Payments',
      body: { Payments: [body] },
      idempotencyKey: `payment-${payment.id}`,
    });
    amountDueCents -= amountCents;
    await putLink({ kind: 'payment', syncroId: payment.id, xeroId: Payments[0]?.PaymentID, state: 'synced' }, now);
    await audit(`invoice:${invoice.id}`, 'info', `Pushed payment ${payment.id} to Xero`, now);
  }
}
