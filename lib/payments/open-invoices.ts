// Syncro's open invoices as the payment poll matches against them. The swagger's invoice list has no
// `balance_due` (syncro_swagger.json#/paths/~1invoices/get), so a listed invoice's balance may be unknown until
// its detail and payments are read: that is done only for the invoices a payment of the page may go to, and
// each detail and payment is read at most once per page.

import { parseCents } from '../money.ts';
import { readOnce } from '../read-once.ts';
import type { SyncroConnection } from '../storage/db.ts';
import { isPaid } from '../sync/rules.ts';
import { readSyncroPayment } from '../sync/syncro-payment.ts';
import { syncroGet, syncroPages } from '../syncro/api.ts';
import {
  type SyncroInvoice,
  type SyncroPayment,
  syncroInvoice,
  syncroInvoiceSummary,
  syncroRecord,
} from '../syncro/wire.ts';
import { BalanceUnknownError, balanceCents } from './imports.ts';

type Connection = Pick<SyncroConnection, 'subdomain' | 'token'>;

export interface ListedOpenInvoice {
  id: number;
  number: string;
  customerId: number;
  /** Undefined when the list gave no `balance_due`: read the detail (readBalance) before matching on it. */
  balanceCents?: number;
}

/**
 * Every unpaid invoice Syncro lists with a balance that may be above zero. One Syncro sends unusable fails the
 * poll, naming it, rather than a payment going to another invoice that only looked like the sole match without it.
 */
export async function listOpenInvoices(connection: Connection): Promise<ListedOpenInvoice[]> {
  const open: ListedOpenInvoice[] = [];
  for await (const page of syncroPages(connection, '/invoices?unpaid=true', 'invoices', syncroInvoiceSummary)) {
    for (const invoice of page) {
      const listed = { id: invoice.id, number: invoice.number, customerId: invoice.customer_id };
      if (isPaid(invoice)) continue;
      if (invoice.balance_due === undefined || invoice.balance_due === null) {
        // Payments only lower a balance: an invoice whose total is not above zero has nothing open.
        if (parseCents(invoice.total) > 0) open.push(listed);
        continue;
      }
      const balance = balanceCents(invoice);
      if (balance > 0) open.push({ ...listed, balanceCents: balance });
    }
  }
  return open;
}

/** Syncro invoice details and payments read while handling one page of Xero payments, each read once. */
export interface InvoiceReader {
  detail(syncroId: number): Promise<SyncroInvoice>;
  payments(invoice: Pick<SyncroInvoice, 'payments'>): Promise<SyncroPayment[]>;
}

export function invoiceReader(connection: Connection): InvoiceReader {
  const detail = readOnce((syncroId: number) =>
    syncroGet(connection, `/invoices/${syncroId}`, syncroRecord('invoice', syncroInvoice)),
  );
  const payment = readOnce((id: number) => readSyncroPayment(connection, id));
  return {
    detail,
    async payments(invoice) {
      const read: SyncroPayment[] = [];
      for (const { id } of invoice.payments) {
        read.push(await payment(id));
      }
      return read;
    },
  };
}

/**
 * An invoice's customer and balance from its detail (and its payments when the detail gives no balance); the
 * balance is 'unknown' when a payment on it is split over several invoices (BalanceUnknownError).
 */
export async function readBalance(
  reader: InvoiceReader,
  syncroId: number,
): Promise<{ customerId: number; balanceCents: number | 'unknown' }> {
  const invoice = await reader.detail(syncroId);
  const given = invoice.balance_due !== undefined && invoice.balance_due !== null;
  try {
    const payments = given || isPaid(invoice) ? [] : await reader.payments(invoice);
    return { customerId: invoice.customer_id, balanceCents: balanceCents(invoice, payments) };
  } catch (error) {
    if (!(error instanceof BalanceUnknownError)) throw error;
    return { customerId: invoice.customer_id, balanceCents: 'unknown' };
  }
}
