// IndexedDB of the extension origin (background and extension pages only; content scripts never open it:
// there it would belong to the Syncro page's origin). Two kinds of database, each with a versioned schema (each
// migration upgrades from the version before it, so a profile created by any earlier release opens cleanly):
// - the global one (`syncro-xero`): settings, secrets and install-wide meta;
// - one per pair of a Syncro subdomain and a Xero organisation (lib/pair.ts): that pair's working state — queue,
//   links, cursors, payment imports, audit log and progress — so that nothing one pair learnt is applied to another.
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

/** The global database: what belongs to the install, whichever pair it syncs. */
export interface Schema extends DBSchema {
  settings: { key: 'settings'; value: Settings & { version: number } };
  secrets: {
    key: 'syncro' | 'xero';
    value: SyncroConnection | XeroGrant;
  };
  meta: { key: string; value: unknown };
}

/** One pair's database (lib/pair.ts): the sync's working state between that Syncro account and that organisation. */
export interface PairSchema extends DBSchema {
  jobs: {
    key: number;
    value: Job;
    indexes: { byState: string; byKindKey: [string, string]; byStateDue: [string, number] };
  };
  links: { key: string; value: Link; indexes: { byState: string; byXeroId: string } };
  cursors: { key: string; value: { key: string; value: string } };
  /** What became of each Xero payment the poll saw (applied, listed for reconciliation, retrying…). */
  imports: { key: string; value: PaymentImport; indexes: { byState: string } };
  /** Audit log: append-only, trimmed to a retention window. */
  log: { key: number; value: LogEntry; indexes: { byAt: number } };
  /** The pair's progress: the full sync's size, the last poll, the last problem of a job without a record. */
  meta: { key: string; value: unknown };
}

/**
 * The global database as versions 2–4 left it: the working state of the one pair there was, in stores that the
 * first pair's database takes over (lib/pair.ts, adoptLegacyState). They stay, empty, in every later version.
 */
export interface LegacySchema extends DBSchema {
  settings: Schema['settings'];
  secrets: Schema['secrets'];
  meta: Schema['meta'];
  jobs: PairSchema['jobs'];
  links: PairSchema['links'];
  cursors: PairSchema['cursors'];
  imports: PairSchema['imports'];
  log: PairSchema['log'];
}

type UpgradeTransaction<S extends DBSchema> = IDBPTransaction<S, StoreNames<S>[], 'versionchange'>;
type Migration<S extends DBSchema> = (db: IDBPDatabase<S>, tx: UpgradeTransaction<S>) => void;

/** Stores that existed in earlier versions only are outside today's typed schema. */
const retired = (db: IDBPDatabase<LegacySchema>) => db as unknown as IDBPDatabase;

/** migrations[i] upgrades the global database from version i to i + 1. Append only: never edit a released step. */
export const migrations: Migration<LegacySchema>[] = [
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
  // 5: the working state moves to one database per pair (PairSchema). Nothing changes here: records cannot be
  // moved to another database inside an upgrade, so the first pair opened takes them (lib/pair.ts). The version
  // still changes, so that an older release, which would write to these stores again, cannot open the database.
  () => undefined,
];

export const dbVersion = migrations.length;

/** pairMigrations[i] upgrades a pair's database from version i to i + 1. Append only. */
export const pairMigrations: Migration<PairSchema>[] = [
  // 1: the stores of the global database's version 4, and the pair's own meta
  (db) => {
    const jobs = db.createObjectStore('jobs', { keyPath: 'id', autoIncrement: true });
    jobs.createIndex('byState', 'state');
    jobs.createIndex('byKindKey', ['kind', 'key']);
    jobs.createIndex('byStateDue', ['state', 'nextAttemptAt']);
    const links = db.createObjectStore('links', { keyPath: 'key' });
    links.createIndex('byState', 'state');
    links.createIndex('byXeroId', 'xeroId');
    db.createObjectStore('cursors', { keyPath: 'key' });
    db.createObjectStore('imports', { keyPath: 'paymentId' }).createIndex('byState', 'state');
    db.createObjectStore('log', { keyPath: 'id', autoIncrement: true }).createIndex('byAt', 'at');
    db.createObjectStore('meta');
  },
];

export const pairDbVersion = pairMigrations.length;

/** The global database, typed as what today's code uses. */
export type Db = IDBPDatabase<Schema>;
/** The global database with the stores earlier versions kept the working state in. */
export type LegacyDb = IDBPDatabase<LegacySchema>;
export type PairDb = IDBPDatabase<PairSchema>;

function open<S extends DBSchema>(name: string, version: number, steps: Migration<S>[]): Promise<IDBPDatabase<S>> {
  return openDB<S>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let step = oldVersion; step < (newVersion ?? version); step++) steps[step]?.(db, tx);
    },
  });
}

/** Opens the global database at `version` (the latest by default; tests open earlier ones to test upgrades). */
export function openDatabase(version = dbVersion, name = dbName): Promise<LegacyDb> {
  return open(name, version, migrations);
}

/** Opens a pair's database (lib/pair.ts names it and keeps the connection). */
export function openPairDatabase(name: string, version = pairDbVersion): Promise<PairDb> {
  return open(name, version, pairMigrations);
}

let shared: Promise<LegacyDb> | undefined;

/** The one connection to the global database this context uses. */
export function database(): Promise<Db> {
  return legacyDatabase() as unknown as Promise<Db>;
}

/** The same connection, with the stores of versions 2–4 (only lib/pair.ts reads them, to move what they hold). */
export function legacyDatabase(): Promise<LegacyDb> {
  shared ??= openDatabase();
  return shared;
}
