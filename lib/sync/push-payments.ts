// A pushed invoice's payments: each one the Syncro invoice lists (by id only) is read with `GET /payments/{id}`
// unless Xero has it already or an earlier read found it is not to be sent, and the rest are written 50 to a call.

import { chunksOf } from '../chunks.ts';
import { errorText, NeedsUserError, RetryableError } from '../errors.ts';
import { parseCents } from '../money.ts';
import { readOnce } from '../read-once.ts';
import { getLink, getLinks, linkKey, putLink } from '../storage/links.ts';
import { isPassing, SyncroError } from '../syncro/api.ts';
import type { SyncroInvoice, SyncroPayment } from '../syncro/wire.ts';
import { writeBatch } from '../xero/batch.ts';
import { xeroCall } from '../xero/client.ts';
import { type XeroInvoice, xeroInvoices, xeroPaymentWritten } from '../xero/wire.ts';
import type { SyncContext } from './context.ts';
import { paymentOnInvoice } from './invoices-in-xero.ts';
import { paymentPayload } from './map/payments.ts';
import type { Outcome } from './push-documents.ts';
import { PAYMENTS_OFF_REASON, paymentDecision } from './rules.ts';
import { appliedInvoiceIds, readSyncroPayment } from './syncro-payment.ts';

/** A pushed invoice as Xero has it: `fresh` when read or written by this push, not learnt earlier. */
export interface Settled {
  xero: XeroInvoice;
  fresh: boolean;
}

interface Planned {
  invoiceId: number;
  paymentId: number;
  body: ReturnType<typeof paymentPayload>;
  /** For what the run learnt of the organisation: where it goes, and how much. */
  xeroInvoiceId: string;
  amountCents: number;
}

/**
 * The Syncro payments a batch of invoices may have to send, read before anything of the batch is written to
 * Xero: should Syncro's rate limit stop the batch, it stops before a Xero call, not between an invoice and its
 * payments (which would cost the invoice's write again, and a fresh look at it). Those already in Xero or found
 * not to be sent are not read.
 */
export async function syncroPaymentsOf(ctx: SyncContext, invoices: SyncroInvoice[]) {
  const read = readOnce((id: number) => readSyncroPayment(ctx.syncro, id));
  if (ctx.settings.disablePaymentSync) return read;
  const ids = invoices.flatMap((invoice) => invoice.payments.map(({ id }) => id));
  const links = await getLinks(ids.map((id) => linkKey('payment', id)));
  for (const id of ids) {
    const state = links.get(linkKey('payment', id))?.state;
    if (state === 'synced' || state === 'skipped') continue;
    await read(id).catch((error: unknown) => {
      // A wait for the rate limit, or passing trouble, stops the batch here; a payment Syncro sends unusable
      // fails later, by name, where it is planned.
      const passing = error instanceof SyncroError && isPassing(error);
      if (passing || error instanceof RetryableError) throw error; // RateLimitWait is one
    });
  }
  return read;
}

/**
 * Each payment the invoice detail lists (by id only) is read with `GET /payments/{id}` unless the Xero invoice
 * carries it already or an earlier read found it is not to be sent (Syncro's API cannot edit a payment: the
 * swagger has no PUT for /payments/{id}, so that finding stands). An unusable payment fails its invoice by name.
 */
export async function pushPayments(
  ctx: SyncContext,
  invoices: SyncroInvoice[],
  settled: Map<number, Settled>,
  outcomes: Map<number, Outcome>,
  now: number,
  read: (id: number) => Promise<SyncroPayment>,
) {
  const planned: Planned[] = [];
  const failPayment = async (invoiceId: number, paymentId: number, error: unknown) => {
    const message = errorText(error);
    await putLink({ kind: 'payment', syncroId: paymentId, state: 'failed', reason: message }, now);
    outcomes.set(invoiceId, { ok: false, error });
  };
  const plan = (invoice: SyncroInvoice, xero: XeroInvoice) => planPayments(ctx, invoice, xero, read, failPayment, now);
  // A payment is written only after a fresh look at its invoice's payments (an answer of this push, a look-up of
  // this batch): an invoice known from what a backfill learnt earlier is read again first, as Xero has no unique
  // key that would refuse a second copy of a payment.
  const stale: Array<{ invoice: SyncroInvoice; xeroId: string }> = [];
  for (const invoice of invoices) {
    const done = settled.get(invoice.id);
    if (!done) continue;
    const mine = await plan(invoice, done.xero);
    if (mine.length > 0 && !done.fresh) stale.push({ invoice, xeroId: done.xero.InvoiceID });
    else planned.push(...mine);
  }
  for (const chunk of chunksOf(stale, 50)) {
    const { Invoices } = await xeroCall(
      { method: 'GET', path: '/Invoices', query: { IDs: chunk.map(({ xeroId }) => xeroId).join(',') } },
      xeroInvoices,
    );
    for (const { invoice, xeroId } of chunk) {
      const xero = Invoices.find((candidate) => candidate.InvoiceID === xeroId);
      if (xero) planned.push(...(await plan(invoice, xero)));
      else outcomes.set(invoice.id, { ok: false, error: new NeedsUserError('The Xero invoice was not found again') });
    }
  }
  const results = await writeBatch(
    'PUT',
    'Payments',
    planned.map((entry) => entry.body),
    xeroPaymentWritten,
  );
  for (const [i, entry] of planned.entries()) {
    const result = results[i];
    if (result?.ok) {
      const { PaymentID } = result.record;
      const { Reference } = entry.body;
      const Amount = entry.amountCents / 100;
      ctx.learned.remember({ payment: { InvoiceID: entry.xeroInvoiceId, PaymentID, Reference, Amount } });
      await putLink(
        { kind: 'payment', syncroId: entry.paymentId, xeroId: result.record.PaymentID, state: 'synced' },
        now,
      );
    } else {
      const message = `Payment ${entry.paymentId}: ${result?.message ?? 'refused by Xero'}`;
      await failPayment(entry.invoiceId, entry.paymentId, new NeedsUserError(message));
    }
  }
}

/** The payments of one invoice still to write to Xero; those found there, off or skipped are linked as such. */
async function planPayments(
  ctx: SyncContext,
  invoice: SyncroInvoice,
  xero: XeroInvoice,
  read: (id: number) => Promise<SyncroPayment>,
  failPayment: (invoiceId: number, paymentId: number, error: unknown) => Promise<void>,
  now: number,
): Promise<Planned[]> {
  const planned: Planned[] = [];
  let amountDueCents = parseCents(xero.AmountDue);
  for (const { id } of invoice.payments) {
    if (ctx.settings.disablePaymentSync) {
      await putLink({ kind: 'payment', syncroId: id, state: 'off', reason: PAYMENTS_OFF_REASON }, now);
      continue;
    }
    const existing = paymentOnInvoice(xero, id);
    if (existing) {
      await putLink({ kind: 'payment', syncroId: id, xeroId: existing.PaymentID, state: 'synced' }, now);
      continue;
    }
    if ((await getLink('payment', id))?.state === 'skipped') continue;
    try {
      const payment = await read(id);
      const decision = paymentDecision(payment, ctx.settings);
      if (decision.action !== 'sync') {
        const state = decision.action === 'off' ? 'off' : 'skipped';
        await putLink({ kind: 'payment', syncroId: id, state, reason: decision.reason }, now);
        continue;
      }
      // A payment split over several invoices carries its whole amount (Syncro does not say how much is on
      // each): apply at most what is still due here; nothing due here means nothing of it belongs here.
      const wholeCents = parseCents(payment.payment_amount);
      const amountCents = appliedInvoiceIds(payment).length > 1 ? Math.min(wholeCents, amountDueCents) : wholeCents;
      if (amountCents <= 0) continue;
      amountDueCents -= amountCents;
      const body = paymentPayload(
        { ...payment, payment_amount: amountCents / 100 },
        { xeroInvoiceId: xero.InvoiceID, settings: ctx.settings },
      );
      planned.push({ invoiceId: invoice.id, paymentId: id, body, xeroInvoiceId: xero.InvoiceID, amountCents });
    } catch (error) {
      await failPayment(invoice.id, id, error);
    }
  }
  return planned;
}
