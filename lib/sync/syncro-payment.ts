// A Syncro payment's fields come only from `GET /payments/{id}` (syncro_swagger.json#/paths/~1payments~1{id}/get):
// the invoice detail lists its payments as `[{ id }]` and nothing more (#/paths/~1invoices~1{id}/get). Each
// answer is checked where it arrives, so a missing or odd amount or date fails the record by name, never as $0.
import type { SyncroConnection } from '../storage/db.ts';
import { syncroGet } from '../syncro/api.ts';
import { type SyncroInvoice, type SyncroPayment, syncroPayment, syncroRecord } from '../syncro/wire.ts';

type Connection = Pick<SyncroConnection, 'subdomain' | 'token'>;

const paymentAnswer = syncroRecord('payment', syncroPayment);

export async function readSyncroPayment(connection: Connection, id: number): Promise<SyncroPayment> {
  return syncroGet(connection, `/payments/${id}`, paymentAnswer);
}

/** Every payment the invoice detail lists, each read on its own. */
export async function readInvoicePayments(
  connection: Connection,
  invoice: Pick<SyncroInvoice, 'payments'>,
): Promise<SyncroPayment[]> {
  const payments: SyncroPayment[] = [];
  for (const { id } of invoice.payments) payments.push(await readSyncroPayment(connection, id));
  return payments;
}

/** The invoices a payment is applied to (the swagger's example shows `[null]` for none). */
export const appliedInvoiceIds = (payment: Pick<SyncroPayment, 'invoice_ids'>): number[] =>
  (payment.invoice_ids ?? []).filter((id): id is number => typeof id === 'number');
