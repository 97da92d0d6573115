// What the background keeps, record by record: the shapes of the stored state. Pure types (the core reads
// them: a badge's status comes from a Link); lib/storage/db.ts stores them.
import type { InvoiceDrift } from '../drift.ts';
import type { RecordKind } from '../records.ts';
import type { SyncState } from '../sync-state.ts';

export interface SyncroConnection {
  subdomain: string;
  token: string;
  userName?: string;
}

export interface Job {
  id?: number;
  /** What to do, e.g. `sync-all`, `push-invoice`. */
  kind: string;
  /** The record or scope it is about, e.g. `invoice:48212`; one live job per kind + key. */
  key: string;
  state: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  /** While running: when the lease lapses and another run may take the job (a killed worker's job). */
  leaseUntil?: number;
  lastError?: string;
  /**
   * The record as an earlier try read it from Syncro: a retry (after a rate-limit pause, a lost batch, a killed
   * worker) reuses it instead of reading again. Cleared when the record is queued anew (it may have changed).
   */
  stagedRead?: unknown;
  /** When `stagedRead` was read: an old read is not reused (lib/storage/outbox.ts, freshStagedRead). */
  stagedAt?: number;
}

export interface LogEntry {
  id?: number;
  at: number;
  level: 'info' | 'warn' | 'error';
  /** e.g. `invoice:48212` */
  subject: string;
  message: string;
  /** The money the entry is about, when it is about money (an imported payment, a drifted balance). */
  amountCents?: number;
  /** The currency of `amountCents` (an ISO 4217 code); absent: the organisation's. */
  currency?: string;
}

export interface Link {
  /** `kind:syncroId` */
  key: string;
  kind: RecordKind | 'customer' | 'vendor' | 'product' | 'payment';
  syncroId: number;
  xeroId?: string;
  state: SyncState;
  reason?: string;
  fingerprint?: string;
  /** Syncro's updated_at when last pushed: a cheap "changed?" test. */
  syncroUpdatedAt?: string;
  xeroUrl?: string;
  /**
   * Products only: true when this extension created the Xero item. Only such items (and `SYNCRO-P-` ones,
   * ours by their code) are ever written; an item the organisation already had under the code is linked as is.
   */
  createdItem?: boolean;
  /**
   * Products only: the item code this extension was creating, set before the create is sent. Found under that code
   * after the answer was lost, the item is ours (createdItem), not the organisation's.
   */
  creatingItemCode?: string;
  /**
   * Synced invoices only: the total or balance differs from Xero's, as the last drift check found it
   * (lib/sync/drift.ts). A push may write the link afresh without it; the next check finds it again if it remains.
   */
  drift?: InvoiceDrift;
  updatedAt: number;
}

export interface PaymentImport {
  /** Xero PaymentID. */
  paymentId: string;
  /**
   * applied: created in Syncro (or found there); listed: waits for a person (reconciliation list); retry: a
   * Syncro write failed and is tried again on a later poll; dismissed: a person said it is handled; skipped.
   */
  state: 'applied' | 'listed' | 'retry' | 'dismissed' | 'skipped';
  amountCents: number;
  /** `YYYY-MM-DD` */
  date: string;
  customerName: string;
  customerId?: number;
  /** The Xero invoice's CurrencyCode (entries recorded before it was kept have none). */
  currency?: string;
  xeroInvoiceNumber?: string;
  /** Reason code and the text shown. */
  reasonCode?: string;
  reason?: string;
  candidates?: number[];
  invoiceId?: number;
  syncroPaymentId?: number;
  attempts: number;
  nextAttemptAt?: number;
  updatedAt: number;
}

/** The global database: what belongs to the install, whichever pair it syncs. */
