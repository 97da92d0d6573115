// Carries out a page's decisions: claims the payments to apply against other installs (claim.ts), creates each
// won payment in Syncro after checking Syncro itself for the import's ref_num (lib/keys.ts), and records every
// outcome in the imports store as the state machine (import-state.ts) says.

import { errorText } from '../errors.ts';
import { importedPaymentRef } from '../keys.ts';
import { RateLimitWait } from '../rate-window.ts';
import { audit } from '../storage/audit.ts';
import type { PaymentImport } from '../storage/db.ts';
import type { BaseContext } from '../sync/context.ts';
import { importedPaymentBody } from '../sync/map/payments.ts';
import { readSyncroPayment } from '../sync/syncro-payment.ts';
import { isPassing, SyncroError, syncroGet, syncroRequest } from '../syncro/api.ts';
import { type SyncroPayment, syncroCreated, syncroInvoice, syncroRecord } from '../syncro/wire.ts';
import { claimPayments } from './claim.ts';
import type { Decided } from './decide.ts';
import {
  afterFailedCreate,
  afterOtherInstallWait,
  applied,
  dueRetry,
  entryBase,
  listedDeletedAfterImport,
  listedForReconcile,
  toCreate,
} from './import-state.ts';
import { getImports, importsIn, putImport } from './imports.ts';
import type { InvoiceReader } from './open-invoices.ts';

export interface PollSummary {
  seen: number;
  applied: number;
  listed: number;
  retrying: number;
}

/** Acts on one page's decisions; `reader` holds the Syncro reads the decisions were made from. */
export async function applyDecisions(
  ctx: BaseContext,
  decided: Decided[],
  installId: string,
  now: number,
  summary: PollSummary,
  reader: InvoiceReader,
): Promise<void> {
  const known = await getImports(decided.map(({ payment }) => payment.PaymentID));
  const byInvoice = new Map<string, string[]>();
  for (const { payment, decision } of decided) {
    if (decision.action !== 'apply') continue;
    const invoiceId = payment.Invoice.InvoiceID;
    byInvoice.set(invoiceId, [...(byInvoice.get(invoiceId) ?? []), payment.PaymentID]);
  }
  const won = byInvoice.size > 0 ? await claimPayments(byInvoice, installId) : new Set<string>();

  for (const { payment, decision } of decided) {
    const base = entryBase(payment, now, known.get(payment.PaymentID));
    if (decision.action === 'apply') {
      const entry = toCreate(base, decision);
      if (won.has(payment.PaymentID)) await createInSyncro(ctx, entry, now, summary);
      else await waitForOtherInstall(ctx, entry, now, summary);
    } else if (decision.action === 'reconcile') {
      // Not placeable here — unless another install placed it already on one of the invoices it could be on (its
      // import moved the balance): listed, a person might apply it a second time, and Syncro cannot delete one.
      const ref = importedPaymentRef(payment.PaymentID);
      const elsewhere = await findImportedPayment(ctx, ref, decision.candidates, reader);
      if (elsewhere) {
        await putImport(applied(base, elsewhere.id, 'Imported by another install', now));
        continue;
      }
      await putImport(listedForReconcile(base, decision));
      summary.listed++;
    } else if (decision.reason === 'deleted' && known.get(payment.PaymentID)?.state === 'applied') {
      await putImport(listedDeletedAfterImport(base));
      summary.listed++;
    }
  }
}

/** Creates the payment in Syncro unless Syncro has it already; a passing failure is retried on later polls. */
export async function createInSyncro(ctx: BaseContext, entry: PaymentImport, now: number, summary?: PollSummary) {
  const ref = importedPaymentRef(entry.paymentId);
  try {
    if (entry.invoiceId === undefined) throw new Error(`No Syncro invoice chosen for Xero payment ${entry.paymentId}`);
    const existing = await findImportedPayment(ctx, ref, [entry.invoiceId]);
    let syncroPaymentId = existing?.id;
    if (!existing) {
      const created = await syncroRequest(
        ctx.syncro,
        'POST',
        '/payments',
        syncroRecord('payment', syncroCreated('payment')),
        importedPaymentBody({ ...entry, invoiceId: entry.invoiceId }, ctx.settings.importPaymentMethod),
      );
      syncroPaymentId = created.id;
      await audit(`payment-import:${entry.paymentId}`, 'info', `Imported to Syncro invoice ${entry.invoiceId}`, now);
    }
    await putImport(applied(entry, syncroPaymentId, existing ? 'Already in Syncro' : undefined, now));
    if (summary) summary.applied++;
  } catch (error) {
    // Nothing was sent (the limiter refused before the call): the whole poll waits for the window instead of
    // putting this payment off to a later poll. The cursor has not moved, so the page is decided again.
    if (error instanceof RateLimitWait) throw error;
    const message = errorText(error);
    const passing = !(error instanceof SyncroError) || isPassing(error);
    const after = afterFailedCreate(entry, message, passing, now);
    await putImport(after);
    if (summary) {
      if (after.state === 'retry') summary.retrying++;
      else summary.listed++;
    }
    await audit(`payment-import:${entry.paymentId}`, 'warn', message, now);
  }
}

/** Another install won the claim: it imports the payment; we only look again later that it did. */
async function waitForOtherInstall(ctx: BaseContext, entry: PaymentImport, now: number, summary: PollSummary) {
  const existing =
    entry.invoiceId === undefined
      ? undefined
      : await findImportedPayment(ctx, importedPaymentRef(entry.paymentId), [entry.invoiceId]);
  if (existing) {
    await putImport(applied(entry, existing.id, 'Imported by another install', now));
    return;
  }
  const after = afterOtherInstallWait(entry, now);
  await putImport(after);
  if (after.state === 'retry') summary.retrying++;
  else summary.listed++;
}

/** The retries due now, each as it waits: on another install's claim, or on Syncro. */
export async function retryDue(ctx: BaseContext, now: number, summary: PollSummary) {
  for (const entry of await importsIn('retry')) {
    const due = dueRetry(entry, now);
    if (due === 'other-install') await waitForOtherInstall(ctx, entry, now, summary);
    else if (due === 'create') await createInSyncro(ctx, entry, now, summary);
  }
}

/**
 * Syncro itself, right before creating: the payment with exactly this ref_num among the payments of the
 * invoices it could be on (several installs may poll). Read from each invoice's detail and `GET /payments/{id}`:
 * the swagger documents `GET /payments?query=` only as "Search query" (#/paths/~1payments/get), not as a
 * search of `ref_num`. With `reader`, the details this page read already serve (the check before listing).
 */
export async function findImportedPayment(
  ctx: BaseContext,
  ref: string,
  invoiceIds: readonly number[],
  reader?: InvoiceReader,
): Promise<SyncroPayment | undefined> {
  // A Syncro payment never changes (no PUT or DELETE on /payments/{id}): one read per run serves every check,
  // so forty payments on one invoice cost forty reads, not forty squared.
  const known = paymentsReadThisRun.get(ctx) ?? new Map<number, SyncroPayment>();
  paymentsReadThisRun.set(ctx, known);
  for (const invoiceId of new Set(invoiceIds)) {
    if (reader) {
      const payments = await reader.payments(await reader.detail(invoiceId));
      const found = payments.find((payment) => (payment.ref_num ?? '').trim().toUpperCase() === ref.toUpperCase());
      if (found) return found;
      continue;
    }
    const invoice = await syncroGet(ctx.syncro, `/invoices/${invoiceId}`, syncroRecord('invoice', syncroInvoice));
    for (const { id } of invoice.payments) {
      const payment = known.get(id) ?? (await readSyncroPayment(ctx.syncro, id));
      known.set(id, payment);
      if ((payment.ref_num ?? '').trim().toUpperCase() === ref.toUpperCase()) return payment;
    }
  }
  return undefined;
}

/** Syncro payments read during one run (one context), by id. */
const paymentsReadThisRun = new WeakMap<BaseContext, Map<number, SyncroPayment>>();
