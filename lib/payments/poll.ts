// The payment poll: Xero payments changed since the cursor, a page at a time — decided by the matcher,
// claimed against other installs, created in Syncro after checking Syncro itself for `XERO-<PaymentID>` —
// and the cursor moves only once every payment of the page has its outcome recorded. A killed worker re-reads
// the page; what was done is found done (imports store, Syncro's ref_num), so nothing is lost or repeated.
import type { PaymentImport } from '../db.ts';
import type { PreviewEntry } from '../messages.ts';
import { pairDatabase } from '../pair.ts';
import { RateLimitWait } from '../rate-window.ts';
import { readMeta, writeMeta } from '../store.ts';
import type { BaseContext } from '../sync/context.ts';
import { audit } from '../sync/links.ts';
import { readSyncroPayment } from '../sync/syncro-payment.ts';
import { isPassing, SyncroError, syncroGet, syncroRequest } from '../syncro/api.ts';
import { type SyncroPayment, syncroCreated, syncroInvoice, syncroRecord } from '../syncro/wire.ts';
import { xeroCall } from '../xero/client.ts';
import { xeroContactNumbers } from '../xero/wire.ts';
import { claimPayments } from './claim.ts';
import { getImports, importsIn, putImport } from './imports.ts';
import {
  isOtherCurrency,
  isPayableAmount,
  isPushedFromSyncro,
  matchPayments,
  type PaymentDecision,
  reconcileReasonText,
  type XeroPaymentFact,
} from './match.ts';
import {
  type InvoiceReader,
  invoiceReader,
  type ListedOpenInvoice,
  listOpenInvoices,
  readBalance,
} from './open-invoices.ts';
import { modifiedPayments, paymentFact, type XeroPayment, xeroDateMs } from './xero-payments.ts';

export const paymentCursor = 'payments.if_modified_since';
const firstLookBackDays = 30;
const maxAttempts = 5;
const otherInstallWaitMs = 10 * 60_000;
const retryBackoffMs = (attempts: number) => Math.min(6 * 3_600_000, 60_000 * 4 ** attempts);

export interface PollSummary {
  seen: number;
  applied: number;
  listed: number;
  retrying: number;
}

export const importRef = (paymentId: string) => `XERO-${paymentId}`;

/** One poll: due retries first, then every page of changes. */
export async function pollPayments(ctx: BaseContext, now: () => number): Promise<PollSummary> {
  const summary: PollSummary = { seen: 0, applied: 0, listed: 0, retrying: 0 };
  if (!ctx.settings.importPayments) return summary;
  const installId = await ensureInstallId();
  await retryDue(ctx, now(), summary);
  const since = (await getCursor()) ?? new Date(now() - firstLookBackDays * 86_400_000).toISOString();
  for await (const page of modifiedPayments(since)) {
    summary.seen += page.length;
    // Decided afresh per page: the previous page's imports changed Syncro's balances.
    const reader = invoiceReader(ctx.syncro);
    const decided = await pageDecider(ctx)(page, reader);
    await act(ctx, decided, installId, now(), summary, reader);
    const newest = Math.max(...page.map((payment) => xeroDateMs(payment.UpdatedDateUTC) ?? 0));
    if (newest > 0) await setCursor(new Date(newest).toISOString());
  }
  return summary;
}

/** "Preview import": what a poll over the last `days` days would do and why, without writing anything. */
export async function previewImport(ctx: BaseContext, now: number, days: number): Promise<PreviewEntry[]> {
  const since = new Date(now - days * 86_400_000).toISOString();
  const decider = pageDecider(ctx);
  const entries: PreviewEntry[] = [];
  for await (const page of modifiedPayments(since)) {
    for (const { payment, decision } of await decider(page)) {
      const base = summarise(payment);
      if (decision.action === 'apply') {
        entries.push({ ...base, outcome: 'apply', invoiceId: decision.invoiceId, reason: appliedBecause(decision) });
      } else if (decision.action === 'reconcile') {
        entries.push({ ...base, outcome: 'list', reason: reconcileReasonText[decision.reason] });
      } else entries.push({ ...base, outcome: 'skip', reason: skipText[decision.reason] });
    }
  }
  return entries;
}

const skipText = {
  'pushed-from-syncro': 'Sent from Syncro by this extension — never imported back',
  'already-in-syncro': 'Already in Syncro',
  deleted: 'Deleted in Xero',
} as const;

const appliedBecause = (decision: Extract<PaymentDecision, { action: 'apply' }>) =>
  decision.rule === 1
    ? 'On a Xero invoice that came from this Syncro invoice'
    : 'The only open invoice of the customer with this balance';

function summarise(payment: XeroPayment) {
  const fact = paymentFact(payment, '');
  return {
    paymentId: payment.PaymentID,
    amountCents: fact.amountCents,
    date: fact.date,
    customer: payment.Invoice.Contact?.Name ?? '',
    ...(payment.Invoice.InvoiceNumber ? { xeroInvoiceNumber: payment.Invoice.InvoiceNumber } : {}),
  };
}

interface Decided {
  payment: XeroPayment;
  decision: PaymentDecision;
}

/**
 * Decides pages of payments; Syncro's open invoices are listed at most once per decider, and only if needed.
 * `reader` keeps the invoice details and payments read for the page, for the checks before listing (act).
 */
function pageDecider(ctx: BaseContext) {
  let open: Promise<ListedOpenInvoice[]> | undefined;
  const baseCurrency = ctx.baseCurrency;
  return async (page: XeroPayment[], reader = invoiceReader(ctx.syncro)): Promise<Decided[]> => {
    const facts = page.map((payment) => paymentFact(payment, baseCurrency));
    const known = await getImports(facts.map((fact) => fact.paymentId));
    const alreadyInSyncro = new Set(
      [...known.values()]
        .filter((entry) => entry.state === 'applied' || entry.state === 'dismissed')
        .map((e) => e.paymentId),
    );
    const invoiceLinks = await linksByXeroId(
      facts.map((fact) => fact.invoiceId),
      'invoice',
    );
    const contactLinks = await linksByXeroId(
      facts.flatMap((fact) => fact.contactId ?? []),
      'customer',
    );
    // Contacts another install created carry our ContactNumber in Xero: read it for those not linked here.
    const unknownContacts = [
      ...new Set(
        facts.flatMap((fact) => (fact.contactId && !contactLinks.has(fact.contactId) ? [fact.contactId] : [])),
      ),
    ];
    if (unknownContacts.length > 0) {
      const numbers = await contactNumbers(unknownContacts);
      for (const fact of facts) {
        const number = fact.contactId ? numbers.get(fact.contactId) : undefined;
        if (number && !fact.contactNumber) fact.contactNumber = number;
      }
    }
    const needsPlace = (fact: XeroPaymentFact) =>
      !alreadyInSyncro.has(fact.paymentId) && !isPushedFromSyncro(fact.reference);
    const customerOf = (fact: XeroPaymentFact) =>
      (fact.contactId && contactLinks.get(fact.contactId)) || customerOfNumber(fact.contactNumber);
    const balanceOf = new Map<number, { customerId: number; balanceCents: number }>();
    const balanceUnknown = new Set<number>();
    const needsOpen = facts.some((fact) => !invoiceLinks.has(fact.invoiceId) && !alreadyInSyncro.has(fact.paymentId));
    if (needsOpen) open ??= listOpenInvoices(ctx.syncro);
    const openNow = needsOpen && open ? await open : [];
    // An invoice another install pushed is not linked here, but it carries the Syncro number and our customer's
    // ContactNumber in Xero: that is the same invoice.
    const byNumber = new Map(openNow.map((invoice) => [invoice.number, invoice]));
    for (const [i, fact] of facts.entries()) {
      const sameNumber = byNumber.get(page[i]?.Invoice.InvoiceNumber ?? '');
      if (!invoiceLinks.has(fact.invoiceId) && sameNumber && sameNumber.customerId === customerOf(fact)) {
        invoiceLinks.set(fact.invoiceId, sameNumber.id);
        const { customerId, balanceCents } = sameNumber;
        if (balanceCents !== undefined) balanceOf.set(sameNumber.id, { customerId, balanceCents });
      }
    }
    // Balances of the linked invoices a payment may go to (our own pushes and known imports need none), and of
    // the open invoices listed without one whose customer a payment may go to by the seed's rule.
    const byRule2 = (fact: XeroPaymentFact) =>
      needsPlace(fact) &&
      !invoiceLinks.has(fact.invoiceId) &&
      isPayableAmount(fact.amountCents) &&
      fact.status !== 'DELETED' &&
      fact.status !== 'VOIDED' &&
      !isOtherCurrency(fact.currency, baseCurrency);
    const concerned = new Set(facts.flatMap((fact) => (byRule2(fact) ? (customerOf(fact) ?? []) : [])));
    const linkedIds = facts.flatMap((fact) => (needsPlace(fact) ? (invoiceLinks.get(fact.invoiceId) ?? []) : []));
    const toRead = [
      ...linkedIds.filter((id) => !balanceOf.has(id)),
      ...openNow
        .filter((each) => each.balanceCents === undefined && concerned.has(each.customerId))
        .map((each) => each.id),
    ];
    for (const syncroId of new Set(toRead)) {
      const { customerId, balanceCents } = await readBalance(reader, syncroId);
      if (balanceCents === 'unknown') balanceUnknown.add(syncroId);
      else balanceOf.set(syncroId, { customerId, balanceCents });
    }
    const openInvoices = openNow.flatMap((invoice) => {
      const balanceCents = invoice.balanceCents ?? balanceOf.get(invoice.id)?.balanceCents;
      return balanceCents !== undefined && balanceCents > 0 ? [{ ...invoice, balanceCents }] : [];
    });
    // A payment that may go to an invoice whose balance is unknown is never placed by guess, there or elsewhere:
    // listed with those invoices (and any of the customer's with a balance equal to the amount).
    const unknownCandidates = (fact: XeroPaymentFact): number[] | undefined => {
      if (!needsPlace(fact)) return undefined;
      const linked = invoiceLinks.get(fact.invoiceId);
      if (linked !== undefined) return balanceUnknown.has(linked) ? [linked] : undefined;
      const customerId = byRule2(fact) ? customerOf(fact) : undefined;
      const unknown = openNow.filter((each) => each.customerId === customerId && balanceUnknown.has(each.id));
      if (unknown.length === 0) return undefined;
      const equal = openInvoices.filter(
        (each) => each.customerId === customerId && each.balanceCents === fact.amountCents,
      );
      return [...unknown, ...equal].map((each) => each.id).sort((a, b) => a - b);
    };
    const decisions = matchPayments(
      facts.filter((fact) => unknownCandidates(fact) === undefined),
      {
        currency: baseCurrency,
        invoiceOfXeroInvoice: invoiceLinks,
        customerOfXeroContact: contactLinks,
        openInvoices,
        balanceOf,
        alreadyInSyncro,
      },
    ).values();
    return page.map((payment, i) => {
      const fact = facts[i] as XeroPaymentFact;
      const candidates = unknownCandidates(fact);
      const customerId = customerOf(fact);
      const decision: PaymentDecision =
        candidates === undefined
          ? (decisions.next().value as PaymentDecision)
          : {
              paymentId: fact.paymentId,
              action: 'reconcile',
              reason: 'balance-unknown',
              candidates,
              ...(customerId === undefined ? {} : { customerId }),
            };
      return { payment, decision };
    });
  };
}

const customerOfNumber = (contactNumber: string | undefined) => {
  const id = /^SYNCRO-C-(\d+)$/.exec(contactNumber ?? '')?.[1];
  return id === undefined ? undefined : Number(id);
};

async function act(
  ctx: BaseContext,
  decided: Decided[],
  installId: string,
  now: number,
  summary: PollSummary,
  reader: InvoiceReader,
) {
  const known = await getImports(decided.map(({ payment }) => payment.PaymentID));
  const toApply = decided.flatMap(({ payment, decision }) =>
    decision.action === 'apply' ? [{ payment, decision }] : [],
  );
  const byInvoice = new Map<string, string[]>();
  for (const { payment } of toApply) {
    const invoiceId = payment.Invoice.InvoiceID;
    byInvoice.set(invoiceId, [...(byInvoice.get(invoiceId) ?? []), payment.PaymentID]);
  }
  const won = byInvoice.size > 0 ? await claimPayments(byInvoice, installId) : new Set<string>();

  for (const { payment, decision } of decided) {
    const base = entryBase(payment, now, known.get(payment.PaymentID));
    if (decision.action === 'apply') {
      const entry: PaymentImport = {
        ...base,
        customerId: decision.customerId,
        invoiceId: decision.invoiceId,
        amountCents: decision.amountCents,
      };
      if (won.has(payment.PaymentID)) await createInSyncro(ctx, entry, now, summary);
      else await waitForOtherInstall(ctx, entry, now, summary);
    } else if (decision.action === 'reconcile') {
      // Not placeable here — unless another install placed it already on one of the invoices it could be on (its
      // import moved the balance): listed, a person might apply it a second time, and Syncro cannot delete one.
      const elsewhere = await findImportedPayment(ctx, importRef(payment.PaymentID), decision.candidates, reader);
      if (elsewhere) {
        await putImport({
          ...base,
          state: 'applied',
          syncroPaymentId: elsewhere.id,
          reason: 'Imported by another install',
        });
        continue;
      }
      await putImport({
        ...base,
        state: 'listed',
        reasonCode: decision.reason,
        reason: reconcileReasonText[decision.reason],
        candidates: decision.candidates,
        ...(decision.customerId === undefined ? {} : { customerId: decision.customerId }),
      });
      summary.listed++;
    } else if (decision.reason === 'deleted' && known.get(payment.PaymentID)?.state === 'applied') {
      // Never voided automatically: a person decides what to do in Syncro.
      await putImport({
        ...base,
        state: 'listed',
        reasonCode: 'deleted-in-xero',
        reason: 'Deleted in Xero after it was imported: void the Syncro payment by hand if it should go',
      });
      summary.listed++;
    }
  }
}

function entryBase(payment: XeroPayment, now: number, previous: PaymentImport | undefined): PaymentImport {
  const described = summarise(payment);
  return {
    ...previous,
    paymentId: payment.PaymentID,
    state: previous?.state ?? 'retry',
    amountCents: described.amountCents,
    date: described.date,
    customerName: described.customer,
    ...(payment.Invoice.CurrencyCode ? { currency: payment.Invoice.CurrencyCode } : {}),
    ...(described.xeroInvoiceNumber ? { xeroInvoiceNumber: described.xeroInvoiceNumber } : {}),
    attempts: previous?.attempts ?? 0,
    updatedAt: now,
  };
}

/** Creates the payment in Syncro unless Syncro has it already; a passing failure is retried on later polls. */
export async function createInSyncro(ctx: BaseContext, entry: PaymentImport, now: number, summary?: PollSummary) {
  const ref = importRef(entry.paymentId);
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
        {
          customer_id: entry.customerId,
          invoice_id: entry.invoiceId,
          amount_cents: entry.amountCents,
          payment_method: ctx.settings.importPaymentMethod,
          ref_num: ref,
        },
      );
      syncroPaymentId = created.id;
      await audit(`payment-import:${entry.paymentId}`, 'info', `Imported to Syncro invoice ${entry.invoiceId}`, now);
    }
    await putImport({
      ...entry,
      state: 'applied',
      ...(syncroPaymentId ? { syncroPaymentId } : {}),
      reason: existing ? 'Already in Syncro' : undefined,
      updatedAt: now,
    });
    if (summary) summary.applied++;
  } catch (error) {
    // Nothing was sent (the limiter refused before the call): the whole poll waits for the window instead of
    // putting this payment off to a later poll. The cursor has not moved, so the page is decided again.
    if (error instanceof RateLimitWait) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const attempts = entry.attempts + 1;
    const passing = !(error instanceof SyncroError) || isPassing(error);
    if (passing && attempts < maxAttempts) {
      await putImport({
        ...entry,
        state: 'retry',
        attempts,
        reason: message,
        nextAttemptAt: now + retryBackoffMs(attempts),
        updatedAt: now,
      });
      if (summary) summary.retrying++;
    } else {
      await putImport({
        ...entry,
        state: 'listed',
        attempts,
        reasonCode: 'syncro-refused',
        reason: message,
        updatedAt: now,
      });
      if (summary) summary.listed++;
    }
    await audit(`payment-import:${entry.paymentId}`, 'warn', message, now);
  }
}

/** Another install won the claim: it imports the payment; we only look again later that it did. */
async function waitForOtherInstall(ctx: BaseContext, entry: PaymentImport, now: number, summary: PollSummary) {
  const existing =
    entry.invoiceId === undefined
      ? undefined
      : await findImportedPayment(ctx, importRef(entry.paymentId), [entry.invoiceId]);
  if (existing) {
    await putImport({
      ...entry,
      state: 'applied',
      syncroPaymentId: existing.id,
      reason: 'Imported by another install',
      updatedAt: now,
    });
    return;
  }
  const attempts = entry.attempts + 1;
  if (attempts >= maxAttempts) {
    await putImport({
      ...entry,
      state: 'listed',
      attempts,
      reasonCode: 'claimed-elsewhere',
      reason: 'Another install claimed it but it never reached Syncro: apply it by hand',
      updatedAt: now,
    });
    summary.listed++;
    return;
  }
  await putImport({
    ...entry,
    state: 'retry',
    attempts,
    reasonCode: 'claimed-elsewhere',
    reason: 'Being imported by another install',
    nextAttemptAt: now + otherInstallWaitMs,
    updatedAt: now,
  });
  summary.retrying++;
}

async function retryDue(ctx: BaseContext, now: number, summary: PollSummary) {
  for (const entry of await importsIn('retry')) {
    if ((entry.nextAttemptAt ?? 0) > now || entry.invoiceId === undefined) continue;
    if (entry.reasonCode === 'claimed-elsewhere') await waitForOtherInstall(ctx, entry, now, summary);
    else await createInSyncro(ctx, entry, now, summary);
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

async function linksByXeroId(xeroIds: string[], kind: 'invoice' | 'customer'): Promise<Map<string, number>> {
  const db = await pairDatabase();
  const tx = db.transaction('links');
  const index = tx.store.index('byXeroId');
  const found = await Promise.all([...new Set(xeroIds)].map((id) => index.getAll(id)));
  await tx.done;
  const result = new Map<string, number>();
  for (const link of found.flat()) if (link.kind === kind && link.xeroId) result.set(link.xeroId, link.syncroId);
  return result;
}

async function contactNumbers(contactIds: string[]): Promise<Map<string, string>> {
  const numbers = new Map<string, string>();
  for (let i = 0; i < contactIds.length; i += 50) {
    const { Contacts } = await xeroCall(
      {
        method: 'GET',
        path: '/Contacts',
        query: { IDs: contactIds.slice(i, i + 50).join(','), includeArchived: 'true' },
      },
      xeroContactNumbers,
    );
    for (const contact of Contacts) if (contact.ContactNumber) numbers.set(contact.ContactID, contact.ContactNumber);
  }
  return numbers;
}

async function ensureInstallId(): Promise<string> {
  const existing = await readMeta<string>('installId');
  if (existing) return existing;
  const id = crypto.randomUUID();
  await writeMeta('installId', id);
  return id;
}

async function getCursor(): Promise<string | undefined> {
  return (await (await pairDatabase()).get('cursors', paymentCursor))?.value;
}

async function setCursor(value: string): Promise<void> {
  await (await pairDatabase()).put('cursors', { key: paymentCursor, value });
}
