// The payment import's storage in the pair's database: what became of each Xero payment the poll saw (and the
// reconciliation list built from it), the poll's cursor, and the links it reads; and the balance rule of Syncro
// invoices that the import and the reconciliation share.
import { recordsChanged } from '../change-feed.ts';
import { NeedsUserError } from '../errors.ts';
import { parseCents } from '../money.ts';
import type { Link, PaymentImport, SyncroConnection } from '../storage/db.ts';
import { getByKeys, pairDatabase, readCursor, readPaired, writeCursor } from '../storage/pair.ts';
import { isPaid } from '../sync/rules.ts';
import { appliedInvoiceIds, readInvoicePayments } from '../sync/syncro-payment.ts';
import type { SyncroInvoice, SyncroInvoiceSummary, SyncroPayment } from '../syncro/wire.ts';

export const getImports = (paymentIds: string[]): Promise<Map<string, PaymentImport>> =>
  getByKeys('imports', paymentIds);

export async function putImport(entry: PaymentImport): Promise<void> {
  await (await pairDatabase()).put('imports', entry);
  recordsChanged([`payment-import:${entry.paymentId}`]);
}

/** The current pair's imports in `state` (the reconciliation list: `listed`); none without a pair. */
export function importsIn(state: PaymentImport['state']): Promise<PaymentImport[]> {
  return readPaired((db) => db.getAllFromIndex('imports', 'byState', state), []);
}

/** The pair's cursor of the payment poll: Xero's `If-Modified-Since` for the next poll. */
export const paymentCursor = 'payments.if_modified_since';

export async function readPaymentCursor(): Promise<string | undefined> {
  return readCursor(paymentCursor);
}

export async function writePaymentCursor(value: string): Promise<void> {
  await writeCursor(paymentCursor, value);
}

/** Xero id → Syncro id of the pair's links of `kind` to these Xero records, in one read transaction. */
export async function linksByXeroId(xeroIds: string[], kind: Link['kind']): Promise<Map<string, number>> {
  const db = await pairDatabase();
  const tx = db.transaction('links');
  const index = tx.store.index('byXeroId');
  const found = await Promise.all([...new Set(xeroIds)].map((id) => index.getAll(id)));
  await tx.done;
  const result = new Map<string, number>();
  for (const link of found.flat()) if (link.kind === kind && link.xeroId) result.set(link.xeroId, link.syncroId);
  return result;
}

/** What the balance is read from: an invoice as listed, or in detail with its payments' ids. */
export type BalanceFields = Pick<
  SyncroInvoiceSummary,
  'id' | 'number' | 'total' | 'balance_due' | 'is_paid' | 'verified_paid' | 'tech_marked_paid'
> &
  Partial<Pick<SyncroInvoice, 'payments'>>;

/**
 * An invoice's open balance (CONTRACT "Meanings"): `balance_due` when Syncro gives it, else the total less the
 * payments applied to it. Syncro's documented invoice answers carry no `balance_due`, and the detail lists its
 * payments by id only: `payments` are those payments as `GET /payments/{id}` gives them (readInvoiceBalance).
 * A list item has no `payments`: without `balance_due` its balance is not known.
 */
export function balanceCents(
  invoice: BalanceFields,
  payments: ReadonlyArray<Pick<SyncroPayment, 'id' | 'payment_amount' | 'invoice_ids'>> = [],
): number {
  if (invoice.balance_due !== undefined && invoice.balance_due !== null) return parseCents(invoice.balance_due);
  if (isPaid(invoice)) return 0;
  const listed = invoice.payments;
  if (!listed) throw new NeedsUserError(`Syncro invoice ${invoice.number}: balance_due is missing`);
  let applied = 0;
  for (const { id } of listed) {
    const payment = payments.find((candidate) => candidate.id === id);
    if (!payment) throw new Error(`Syncro payment ${id} of invoice ${invoice.number} was not read`);
    const elsewhere = appliedInvoiceIds(payment).filter((invoiceId) => invoiceId !== invoice.id);
    // Syncro gives a split payment's whole amount only, not how much of it is on each invoice.
    if (elsewhere.length > 0) throw new BalanceUnknownError(invoice, payment.id);
    applied += parseCents(payment.payment_amount);
  }
  return parseCents(invoice.total) - applied;
}

export class BalanceUnknownError extends NeedsUserError {
  constructor(invoice: Pick<SyncroInvoice, 'number'>, paymentId: number) {
    super(
      `Syncro payment ${paymentId} is split over several invoices and Syncro does not say how much of it is on invoice ${invoice.number}, so its balance is unknown`,
    );
  }
}

/** The balance of an invoice read from the detail GET, reading its payments only when Syncro gives no balance. */
export async function readInvoiceBalance(
  connection: Pick<SyncroConnection, 'subdomain' | 'token'>,
  invoice: SyncroInvoice,
): Promise<number> {
  const given = invoice.balance_due !== undefined && invoice.balance_due !== null;
  return balanceCents(invoice, given || isPaid(invoice) ? [] : await readInvoicePayments(connection, invoice));
}
