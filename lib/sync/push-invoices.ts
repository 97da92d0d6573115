// Syncro invoices → Xero ACCREC invoices (by InvoiceNumber), then their payments, in batches: contacts,
// items, invoices and payments each go in one call per 50 records. Idempotent: looks up before creating,
// sends Idempotency-Keys derived from the content, and skips no-op updates.

import { errorText, NeedsUserError } from '../errors.ts';
import { fingerprint } from '../fingerprint.ts';
import { parseCents } from '../money.ts';
import { audit } from '../storage/audit.ts';
import { getLink, linkKey, putLink } from '../storage/links.ts';
import type { SyncroInvoice, SyncroProduct } from '../syncro/wire.ts';
import { writeBatch } from '../xero/batch.ts';
import { type XeroInvoice, xeroPaymentWritten } from '../xero/wire.ts';
import { customerSource, ensureContacts } from './contacts.ts';
import type { SyncContext } from './context.ts';
import {
  existingInvoices,
  paymentOnInvoice,
  planFound,
  type Ready,
  writeInvoices,
  xeroInvoiceUrl,
} from './invoices-in-xero.ts';
import { ensureItems } from './items.ts';
import { numberKey } from './learned.ts';
import { invoicePayload } from './map/invoices.ts';
import { paymentPayload } from './map/payments.ts';
import type { Outcome } from './push-documents.ts';
import { invoiceDecision, PAYMENTS_OFF_REASON, paymentDecision } from './rules.ts';
import { appliedInvoiceIds, readSyncroPayment } from './syncro-payment.ts';

export async function pushInvoices(ctx: SyncContext, ids: number[], now: number): Promise<Map<number, Outcome>> {
  const outcomes = new Map<number, Outcome>();
  const fail = (id: number, error: unknown) => outcomes.set(id, { ok: false, error });

  const eligible: SyncroInvoice[] = [];
  for (const id of ids) {
    try {
      const invoice = await ctx.invoice(id);
      const inXero = Boolean((await getLink('invoice', id))?.xeroId);
      const decision = invoiceDecision(invoice, ctx.settings, { inXero });
      if (decision.action === 'skip') {
        await putLink(
          {
            kind: 'invoice',
            syncroId: id,
            state: 'skipped',
            reason: decision.reason,
            syncroUpdatedAt: invoice.updated_at,
          },
          now,
        );
        outcomes.set(id, { ok: true });
      } else eligible.push(invoice);
    } catch (error) {
      fail(id, error);
    }
  }

  const contacts = await ensureContacts(await customerSources(ctx, eligible), now, ctx.learned);
  const used = eligible.flatMap((invoice) => productsOf(ctx, invoice));
  const itemFailures = await ensureItems(used, ctx.settings, now);

  const ready: Ready[] = [];
  for (const invoice of eligible) {
    const contactId = contacts.get(linkKey('customer', invoice.customer_id));
    const itemFailure = productsOf(ctx, invoice)
      .map(({ product }) => itemFailures.get(product.id))
      .find(Boolean);
    if (typeof contactId !== 'string' || itemFailure) {
      fail(invoice.id, itemFailure ?? contactId ?? new NeedsUserError('No Xero contact for the customer'));
      continue;
    }
    try {
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
        outcomes.set(invoice.id, { ok: true }); // unchanged since the last push: no Xero call
      } else ready.push({ invoice, payload, print });
    } catch (error) {
      fail(invoice.id, error);
    }
  }
  if (ready.length === 0) return outcomes;

  const existing = await existingInvoices(
    ctx,
    ready.map(({ invoice }) => invoice.number),
    ids.length,
  );
  const writes: Ready[] = [];
  const settled = new Map<number, { xero: XeroInvoice; blocked: boolean; print: string }>();
  for (const entry of ready) {
    const found = existing.get(numberKey(entry.invoice.number));
    const link = await getLink('invoice', entry.invoice.id);
    const plan = found && planFound(found, entry, link);
    if (found && plan) settled.set(entry.invoice.id, { xero: found, blocked: plan === 'blocked', print: entry.print });
    else writes.push(found ? { ...entry, payload: { ...entry.payload, InvoiceID: found.InvoiceID } } : entry);
  }
  const { results: written, taken: takenOver } = await writeInvoices(writes);
  for (const [i, entry] of writes.entries()) {
    const result = written[i];
    const taken = takenOver.get(entry.invoice.id);
    if (taken) {
      settled.set(entry.invoice.id, { xero: taken, blocked: false, print: entry.print });
    } else if (result?.ok) {
      settled.set(entry.invoice.id, { xero: result.record, blocked: false, print: entry.print });
      await audit(`invoice:${entry.invoice.id}`, 'info', `Pushed invoice ${entry.invoice.number} to Xero`, now);
    } else fail(entry.invoice.id, new NeedsUserError(result?.message ?? 'Xero refused the invoice'));
  }

  for (const { invoice } of ready) {
    const done = settled.get(invoice.id);
    if (!done) continue;
    const link = await getLink('invoice', invoice.id);
    await putLink(
      {
        kind: 'invoice',
        syncroId: invoice.id,
        xeroId: done.xero.InvoiceID,
        state: 'synced',
        fingerprint: done.blocked ? link?.fingerprint : done.print,
        syncroUpdatedAt: invoice.updated_at,
        xeroUrl: xeroInvoiceUrl(done.xero.InvoiceID),
      },
      now,
    );
    outcomes.set(
      invoice.id,
      done.blocked
        ? {
            ok: false,
            error: new NeedsUserError(
              'Changed in Syncro, but the Xero invoice has a payment or credit note and cannot be edited there.',
            ),
          }
        : { ok: true },
    );
  }
  await pushPayments(
    ctx,
    ready.map(({ invoice }) => invoice).filter((invoice) => settled.has(invoice.id)),
    settled,
    outcomes,
    now,
  );
  return outcomes;
}

async function customerSources(ctx: SyncContext, invoices: SyncroInvoice[]) {
  const ids = [...new Set(invoices.map((invoice) => invoice.customer_id))];
  return (await Promise.all(ids.map((id) => ctx.customer(id)))).map(customerSource);
}

function productsOf(ctx: SyncContext, invoice: SyncroInvoice): Array<{ product: SyncroProduct; code: string }> {
  return invoice.line_items.flatMap((line) => {
    const product = line.product_id ? ctx.products.get(line.product_id) : undefined;
    const code = line.product_id ? ctx.codes.get(line.product_id) : undefined;
    return product && code ? [{ product, code }] : [];
  });
}

/**
 * Whether no payment of the invoice is left to push, from the links alone: the invoice detail lists payments by
 * id only, and reading each one here would cost a Syncro call per payment on every quiet sync.
 */
async function paymentsAllRecorded(ctx: SyncContext, invoice: SyncroInvoice): Promise<boolean> {
  if (ctx.settings.disablePaymentSync) return true;
  for (const { id } of invoice.payments) {
    const state = (await getLink('payment', id))?.state;
    if (state !== 'synced' && state !== 'skipped') return false;
  }
  return true;
}

/**
 * Each payment the invoice detail lists (by id only) is read with `GET /payments/{id}` unless the Xero invoice
 * carries it already or an earlier read found it is not to be sent (Syncro's API cannot edit a payment: the
 * swagger has no PUT for /payments/{id}, so that finding stands). An unusable payment fails its invoice by name.
 */
async function pushPayments(
  ctx: SyncContext,
  invoices: SyncroInvoice[],
  settled: Map<number, { xero: XeroInvoice }>,
  outcomes: Map<number, Outcome>,
  now: number,
) {
  const planned: Array<{ invoiceId: number; paymentId: number; body: ReturnType<typeof paymentPayload> }> = [];
  const failPayment = async (invoiceId: number, paymentId: number, error: unknown) => {
    const message = errorText(error);
    await putLink({ kind: 'payment', syncroId: paymentId, state: 'failed', reason: message }, now);
    outcomes.set(invoiceId, { ok: false, error });
  };
  for (const invoice of invoices) {
    const xero = settled.get(invoice.id)?.xero as XeroInvoice;
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
        const payment = await readSyncroPayment(ctx.syncro, id);
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
        planned.push({ invoiceId: invoice.id, paymentId: id, body });
      } catch (error) {
        await failPayment(invoice.id, id, error);
      }
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
