// Sales invoices in Xero: found by number (50 to a call, or from what a backfill learnt of them all), left as they
// are when current or locked, written 50 to a call, and a number Xero says is taken found and taken over.

import { chunksOf } from '../chunks.ts';
import { isSyncroPaymentReference } from '../keys.ts';
import type { Link } from '../storage/db.ts';
import type { SyncroInvoice } from '../syncro/wire.ts';
import { type RecordResult, writeBatch } from '../xero/batch.ts';
import { xeroCall } from '../xero/client.ts';
import type { XeroInvoicePayload } from '../xero/payloads.ts';
import { type XeroFoundInvoice, type XeroInvoice, xeroInvoice, xeroInvoices } from '../xero/wire.ts';
import type { SyncContext } from './context.ts';
import { learnFrom, numberKey } from './learned.ts';
import { isCurrentInXero } from './rules.ts';

export const xeroInvoiceUrl = (id: string) => `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${id}`;

/** An invoice on its way to Xero. */
export interface Ready {
  invoice: SyncroInvoice;
  payload: XeroInvoicePayload & { InvoiceID?: string };
  print: string;
}

/**
 * Whether an invoice found in Xero is left as it is: `adopt` — unchanged since this install pushed it, or not
 * pushed by it but saved in Xero since Syncro's last edit (another install's, or this one's before a crash);
 * `blocked` — changed in Syncro, but Xero refuses edits once a payment or a credit note is allocated ("This
 * document cannot be edited as it has a payment or credit note allocated to it"): reported, never forced.
 * Undefined: written.
 */
export function planFound(
  found: XeroFoundInvoice,
  entry: Ready,
  link: Link | undefined,
): 'adopt' | 'blocked' | undefined {
  const locked = found.AmountPaid > 0 || found.AmountCredited > 0 || found.Status === 'PAID';
  const changed = !(link?.state === 'synced' && link.fingerprint === entry.print);
  if (locked) return changed && link?.fingerprint ? 'blocked' : 'adopt';
  if (!changed) return 'adopt';
  return !link?.xeroId && isCurrentInXero(found.UpdatedDateUTC, entry.invoice.updated_at) ? 'adopt' : undefined;
}

/**
 * The invoices Xero has of these numbers: from what a backfill learnt of them all (not `fresh`: payments written
 * from it are checked again first, lib/sync/push-payments.ts), else looked up now.
 */
export async function existingInvoices(
  ctx: SyncContext,
  numbers: string[],
  batchSize: number,
): Promise<{ found: Map<string, XeroFoundInvoice>; fresh: boolean }> {
  if (batchSize < learnFrom && !ctx.learned.has('invoices')) return { found: await findInvoices(numbers), fresh: true };
  const all = await ctx.learned.invoices();
  const found = new Map(
    numbers.flatMap((number) => {
      const invoice = all.get(numberKey(number));
      return invoice ? [[numberKey(number), invoice] as const] : [];
    }),
  );
  return { found, fresh: false };
}

/**
 * Creates and updates; a create Xero refuses because the number is taken ("Invoice # must be unique.", the PUT
 * /Invoices 400 example) is an invoice created meanwhile (another install's): found by number, it is `taken` as it
 * is, or updated when Xero still lets it be edited.
 */
export async function writeInvoices(
  writes: Ready[],
): Promise<{ results: Array<RecordResult<XeroInvoice>>; taken: Map<number, XeroFoundInvoice> }> {
  const results = await writeBatch(
    'POST',
    'Invoices',
    writes.map((entry) => entry.payload),
    xeroInvoice,
  );
  const taken = new Map<number, XeroFoundInvoice>();
  for (const [i, entry] of writes.entries()) {
    const result = results[i];
    if (!result || result.ok || entry.payload.InvoiceID || !/must be unique/i.test(result.message)) continue;
    const found = (await findInvoices([entry.invoice.number])).get(numberKey(entry.invoice.number));
    if (!found) continue;
    if (planFound(found, entry, undefined)) taken.set(entry.invoice.id, found);
    else {
      const [updated] = await writeBatch(
        'POST',
        'Invoices',
        [{ ...entry.payload, InvoiceID: found.InvoiceID }],
        xeroInvoice,
      );
      if (updated) results[i] = updated;
    }
  }
  return { results, taken };
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
      if (invoice.Status !== 'DELETED' && invoice.Status !== 'VOIDED')
        found.set(numberKey(invoice.InvoiceNumber), invoice);
    }
  }
  return found;
}

/** A Syncro payment already on its Xero invoice, by its Reference (the invoice's Payments, as Xero lists them). */
export const paymentOnInvoice = (xero: Pick<XeroInvoice, 'Payments'>, paymentId: number) =>
  // No Payments only on an invoice with nothing paid: the schema refuses one with AmountPaid but no list.
  (xero.Payments ?? []).find((candidate) => isSyncroPaymentReference(candidate.Reference, paymentId));
