// Syncro invoices → Xero ACCREC invoices (by InvoiceNumber), then their payments, in batches: contacts,
// items, invoices and payments each go in one call per 50 records. Idempotent: looks up before creating,
// sends Idempotency-Keys derived from the content, and skips no-op updates.

import { NeedsUserError } from '../errors.ts';
import { fingerprint } from '../fingerprint.ts';
import { audit } from '../storage/audit.ts';
import { getLink, getLinks, linkKey, putLink } from '../storage/links.ts';
import type { SyncroInvoice, SyncroProduct } from '../syncro/wire.ts';
import { customerSource, ensureContacts } from './contacts.ts';
import type { SyncContext } from './context.ts';
import { existingInvoices, planFound, type Ready, writeInvoices, xeroInvoiceUrl } from './invoices-in-xero.ts';
import { ensureItems } from './items.ts';
import { numberKey } from './learned.ts';
import { invoicePayload } from './map/invoices.ts';
import type { Outcome } from './push-documents.ts';
import { pushPayments, type Settled, syncroPaymentsOf } from './push-payments.ts';
import { invoiceDecision } from './rules.ts';

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

  const payments = await syncroPaymentsOf(ctx, eligible);
  const contacts = await customerContacts(ctx, eligible, now);
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
        currency: ctx.baseCurrency,
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

  const { found: existing, fresh } = await existingInvoices(
    ctx,
    ready.map(({ invoice }) => invoice.number),
    ids.length,
  );
  const writes: Ready[] = [];
  const settled = new Map<number, Settled & { blocked: boolean; print: string }>();
  for (const entry of ready) {
    const found = existing.get(numberKey(entry.invoice.number));
    const link = await getLink('invoice', entry.invoice.id);
    const plan = found && planFound(found, entry, link);
    if (found && plan) {
      settled.set(entry.invoice.id, { xero: found, fresh, blocked: plan === 'blocked', print: entry.print });
    } else writes.push(found ? { ...entry, payload: { ...entry.payload, InvoiceID: found.InvoiceID } } : entry);
  }
  const { results: written, taken: takenOver } = await writeInvoices(writes);
  for (const [i, entry] of writes.entries()) {
    const result = written[i];
    const taken = takenOver.get(entry.invoice.id);
    if (taken) {
      settled.set(entry.invoice.id, { xero: taken, fresh: true, blocked: false, print: entry.print });
    } else if (result?.ok) {
      settled.set(entry.invoice.id, { xero: result.record, fresh: true, blocked: false, print: entry.print });
      const { AmountCredited } = result.record;
      if (AmountCredited !== undefined) ctx.learned.remember({ invoice: { ...result.record, AmountCredited } });
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
    payments,
  );
  return outcomes;
}

/**
 * The Xero contact of each invoice's customer: a linked customer as linked, unread (its own edits reach Xero through
 * its own job, on the change tick that finds them); the others read from Syncro and brought to Xero.
 */
async function customerContacts(ctx: SyncContext, invoices: SyncroInvoice[], now: number) {
  const ids = [...new Set(invoices.map((invoice) => invoice.customer_id))];
  const links = await getLinks(ids.map((id) => linkKey('customer', id)));
  const contacts = new Map<string, string | Error>();
  const unlinked: number[] = [];
  for (const id of ids) {
    const link = links.get(linkKey('customer', id));
    if (link?.state === 'synced' && link.xeroId) contacts.set(link.key, link.xeroId);
    else unlinked.push(id);
  }
  const sources = (await Promise.all(unlinked.map((id) => ctx.customer(id)))).map(customerSource);
  for (const [key, contact] of await ensureContacts(sources, now, ctx.learned)) contacts.set(key, contact);
  return contacts;
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
