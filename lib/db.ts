// IndexedDB of the extension origin (background and extension pages only; content scripts never open it:
// there it would belong to the Syncro page's origin). A versioned schema: each migration upgrades from the
// version before it, so a profile created by any earlier release opens cleanly.
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { RecordKind } from './records.ts';
import type { Settings } from './settings.ts';
import type { SyncState } from './sync-state.ts';
import type { XeroGrant } from './xero/grant.ts';

export const dbName = 'syncro-xero';

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
  /** When `stagedRead` was read: an old read is not reused (lib/jobs/outbox.ts, freshStagedRead). */
  stagedAt?: number;
}

export interface LogEntry {
  id?: number;
  at: number;
  level: 'info' | 'warn' | 'error';
  /** e.g. `invoice:48212` */
  subject: string;
  message: string;
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

export interface Schema extends DBSchema {
  settings: { key: 'settings'; value: Settings & { version: number } };
  secrets: {
    key: 'syncro' | 'xero';
    value: SyncroConnection | XeroGrant;
  };
  meta: { key: string; value: unknown };
  jobs: {
    key: number;
    value: Job;
    indexes: { byState: string; byKindKey: [string, string]; byStateDue: [string, number] };
  };
  links: { key: string; value: Link; indexes: { byState: string; byXeroId: string } };
  /** Audit log: append-only, trimmed to a retention window. */
  cursors: { key: string; value: { key: string; value: string } };
  /** What became of each Xero payment the poll saw (applied, listed for reconciliation, retrying…). */
  imports: { key: string; value: PaymentImport; indexes: { byState: string } };
  log: { key: number; value: LogEntry; indexes: { byAt: number } };
}

type UpgradeTransaction = IDBPTransaction<Schema, StoreNames<Schema>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<Schema>, tx: UpgradeTransaction) => void;

/** Stores that existed in earlier versions only are outside today's typed schema. */
const retired = (db: IDBPDatabase<Schema>) => db as unknown as IDBPDatabase;

/** migrations[i] upgrades version i to i + 1. Append only: never edit a released step. */
export const migrations: Migration[] = [
  // 1: connections and settings
  (db) => {
    db.createObjectStore('settings');
    db.createObjectStore('secrets');
    db.createObjectStore('meta');
  },
  // 2: the sync's working state
  (db) => {
    const jobs = db.createObjectStore('jobs', { keyPath: 'id', autoIncrement: true });
    jobs.createIndex('byState', 'state');
    jobs.createIndex('byKindKey', ['kind', 'key']);
    const links = db.createObjectStore('links', { keyPath: 'key' });
    links.createIndex('byState', 'state');
    links.createIndex('byXeroId', 'xeroId');
    db.createObjectStore('cursors', { keyPath: 'key' });
    retired(db).createObjectStore('reconcile', { keyPath: 'xeroPaymentId' });
    db.createObjectStore('log', { keyPath: 'at' });
  },
  // 3: the outbox takes the next due job by index; the audit log gets its own ids (two entries may share a time)
  (db, tx) => {
    tx.objectStore('jobs').createIndex('byStateDue', ['state', 'nextAttemptAt']);
    db.deleteObjectStore('log');
    db.createObjectStore('log', { keyPath: 'id', autoIncrement: true }).createIndex('byAt', 'at');
  },
  // 4: payment import outcomes replace the never-used reconcile store (the list is the imports waiting for a person)
  (db) => {
    retired(db).deleteObjectStore('reconcile');
    db.createObjectStore('imports', { keyPath: 'paymentId' }).createIndex('byState', 'state');
  },
];

export const dbVersion = migrations.length;

export type Db = IDBPDatabase<Schema>;

/** Opens the database at `version` (the latest by default; tests open earlier ones to test upgrades). */
export function openDatabase(version = dbVersion, name = dbName): Promise<Db> {
  return openDB<Schema>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let step = oldVersion; step < (newVersion ?? version); step++) migrations[step]?.(db, tx);
    },
  });
}

let shared: Promise<Db> | undefined;

/** The one connection this context uses. */
export function database(): Promise<Db> {
  shared ??= openDatabase();
  return shared;
}

/** The records of `store` with these keys, in one read transaction, by key (absent keys are left out). */
export async function getByKeys<S extends 'links' | 'imports'>(
  store: S,
  keys: string[],
): Promise<Map<string, Schema[S]['value']>> {
  const tx = (await database()).transaction(store);
  const found = await Promise.all(keys.map((key) => tx.store.get(key)));
  await tx.done;
  return new Map(keys.flatMap((key, i) => (found[i] ? [[key, found[i] as Schema[S]['value']] as const] : [])));
}
