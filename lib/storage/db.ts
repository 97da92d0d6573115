// IndexedDB of the extension origin (background and extension pages only; content scripts never open it:
// there it would belong to the Syncro page's origin). Two kinds of database, each with a versioned schema (each
// migration upgrades from the version before it, so a profile created by any earlier release opens cleanly):
// - the global one (`syncro-xero`): settings, secrets and install-wide meta;
// - one per pair of a Syncro subdomain and a Xero organisation (lib/storage/pair.ts): that pair's working state — queue,
//   links, cursors, payment imports, audit log and progress — so that nothing one pair learnt is applied to another.
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { Settings } from '../settings.ts';
import type { XeroGrant } from '../xero/grant.ts';
import type { Job, Link, LogEntry, PaymentImport, SyncroConnection } from './stored.ts';

export const dbName = 'syncro-xero';

export type { Job, Link, LogEntry, PaymentImport, SyncroConnection } from './stored.ts';

export interface Schema extends DBSchema {
  settings: { key: 'settings'; value: Settings & { version: number } };
  secrets: {
    key: 'syncro' | 'xero';
    value: SyncroConnection | XeroGrant;
  };
  meta: { key: string; value: unknown };
}

/** One pair's database (lib/storage/pair.ts): the sync's working state between that Syncro account and that organisation. */
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
 * first pair's database takes over (lib/storage/pair.ts, adoptLegacyState). They stay, empty, in every later version.
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
  // moved to another database inside an upgrade, so the first pair opened takes them (lib/storage/pair.ts). The version
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

/** Opens a pair's database (lib/storage/pair.ts names it and keeps the connection). */
export function openPairDatabase(name: string, version = pairDbVersion): Promise<PairDb> {
  return open(name, version, pairMigrations);
}

let shared: Promise<LegacyDb> | undefined;

/** The one connection to the global database this context uses. */
export function database(): Promise<Db> {
  return legacyDatabase() as unknown as Promise<Db>;
}

/** The same connection, with the stores of versions 2–4 (only lib/storage/pair.ts reads them, to move what they hold). */
export function legacyDatabase(): Promise<LegacyDb> {
  shared ??= openDatabase();
  return shared;
}
