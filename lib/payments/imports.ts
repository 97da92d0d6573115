// The record of what became of each Xero payment the poll saw, and the reconciliation list built from it.
import { recordsChanged } from '../change-feed.ts';
import { database, getByKeys, type PaymentImport } from '../db.ts';
import { parseCents } from '../money.ts';
import { isPaid } from '../sync/rules.ts';
import type { SyncroInvoice } from '../sync/syncro-types.ts';

export const getImports = (paymentIds: string[]): Promise<Map<string, PaymentImport>> =>
  getByKeys('imports', paymentIds);

export async function putImport(entry: PaymentImport): Promise<void> {
  await (await database()).put('imports', entry);
  recordsChanged([`payment-import:${entry.paymentId}`]);
}

export async function importsIn(state: PaymentImport['state']): Promise<PaymentImport[]> {
  return (await database()).getAllFromIndex('imports', 'byState', state);
}

/** An invoice's open balance: `balance_due` when Syncro gives it, else the total less the payments on it. */
export function balanceCents(invoice: SyncroInvoice): number {
  if (invoice.balance_due !== undefined && invoice.balance_due !== null) return parseCents(invoice.balance_due);
  if (isPaid(invoice)) return 0;
  const paid = (invoice.payments ?? []).reduce((sum, payment) => sum + parseCents(payment.payment_amount), 0);
  return parseCents(invoice.total) - paid;
}
