// Syncro invoices → Xero ACCREC invoices (by InvoiceNumber), then their payments, in batches: contacts,
// items, invoices and payments each go in one call per 50 records. Idempotent: looks up before creating,
// sends Idempotency-Keys derived from the content, and skips no-op updates.

import { chunksOf } from '../chunks.ts';
import { errorText, NeedsUserError } from '../errors.ts';
import { fingerprint } from '../fingerprint.ts';
import { isSyncroPaymentReference } from '../keys.ts';
import { parseCents } from '../money.ts';
import { audit } from '../storage/audit.ts';
import { getLink, linkKey, putLink } from '../storage/links.ts';
import type { SyncroInvoice, SyncroProduct } from '../syncro/wire.ts';
import { writeBatch } from '../xero/batch.ts';
import { xeroCall } from '../xero/client.ts';
import type { XeroInvoicePayload } from '../xero/payloads.ts';
import {
  type XeroFoundInvoice,
  type XeroInvoice,
  xeroInvoice,
  xeroInvoices,
  xeroPaymentWritten,
} from '../xero/wire.ts';
import { customerSource, ensureContacts } from './contacts.ts';
import type { SyncContext } from './context.ts';
import { ensureItems } from './items.ts';
import { invoicePayload } from './map/invoices.ts';
import { paymentPayload } from './map/payments.ts';
import type { Outcome } from './push-documents.ts';
import { invoiceDecision, PAYMENTS_OFF_REASON, paymentDecision } from './rules.ts';
import { appliedInvoiceIds, readSyncroPayment } from './syncro-payment.ts';

export const xeroInvoiceUrl = (id: string) => `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${id}`;

interface Ready {
  invoice: SyncroInvoice;
  payload: XeroInvoicePayload & { InvoiceID?: string };
  print: string;
}

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

  const contacts = await ensureContacts(await customerSources(ctx, eligible), now);
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

  const existing = await findInvoices(ready.map(({ invoice }) => invoice.number));
  const writes: Ready[] = [];
  const settled = new Map<number, { xero: XeroInvoice; blocked: boolean; print: string }>();
  for (const entry of ready) {
    const found = existing.get(entry.invoice.number);
    const link = await getLink('invoice', entry.invoice.id);
    // Xero refuses edits once a payment or a credit note is allocated ("This document cannot be edited as it has
    // a payment or credit note allocated to it").
    const locked = found && (found.AmountPaid > 0 || found.AmountCredited > 0 || found.Status === 'PAID');
    const changed = !(link?.state === 'synced' && link.fingerprint === entry.print);
    if (found && (locked || !changed)) {
      // Xero refuses edits to an invoice with payments: a change is reported, never forced. One this install
      // has not pushed before (another install's, or a crash after creating it) is adopted as it is.
      settled.set(entry.invoice.id, {
        xero: found,
        blocked: Boolean(locked && changed && link?.fingerprint),
        print: entry.print,
      });
    } else {
      writes.push(found ? { ...entry, payload: { ...entry.payload, InvoiceID: found.InvoiceID } } : entry);
    }
  }
  const written = await writeBatch(
    'POST',
    'Invoices',
    writes.map((entry) => entry.payload),
    xeroInvoice,
  );
  for (const [i, entry] of writes.entries()) {
    const result = written[i];
    if (result?.ok) {
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

/** Xero's ACCREC invoices (not deleted or voided) with these numbers, 50 numbers to a call. */
export async function findInvoices(numbers: string[]): Promise<Map<string, XeroFoundInvoice>> {
  const found = new Map<string, XeroFoundInvoice>();
  for (const chunk of chunksOf(numbers, 50)) {
    const { Invoices } = await xeroCall(
      {
        method: 'GET',
        path: '/Invoices',
        query: { InvoiceNumbers: chunk.join(','), where: 'Type=="ACCREC"' },
      },
      xeroInvoices,
    );
    for (const invoice of Invoices) {
      if (invoice.Status !== 'DELETED' && invoice.Status !== 'VOIDED') found.set(invoice.InvoiceNumber, invoice);
    }
  }
  return found;
}

/** A Syncro payment already on its Xero invoice, by its Reference (the invoice's Payments, as Xero lists them). */
export const paymentOnInvoice = (xero: Pick<XeroInvoice, 'Payments'>, paymentId: number) =>
  // No Payments only on an invoice with nothing paid: the schema refuses one with AmountPaid but no list.
  (xero.Payments ?? []).find((candidate) => isSyncroPaymentReference(candidate.Reference, paymentId));

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
