// The pair the extension syncs: one Syncro subdomain with one Xero organisation. Each pair's working state
// (queue, links, cursors, payment imports, audit log, progress) is a database of its own, so nothing learnt
// between one Syncro account and one organisation is ever applied to another. The current pair is the saved
// Syncro connection's subdomain with the Xero grant's chosen organisation; while either is missing there is no
// pair: readers answer "nothing", writers refuse (NotPairedError), and every pair's state waits, intact, until
// that same pair is complete again (a revoked grant, reconnected to the same organisation, finds its queue).

import { recordsChanged } from '../change-feed.ts';
import { NotConfiguredError } from '../errors.ts';
import type { XeroGrant } from '../xero/grant.ts';
import { database, openPairDatabase, type PairDb, type PairSchema, type SyncroConnection } from './db.ts';
import { adoptLegacyState } from './pair-legacy.ts';

export interface Pair {
  /** Lower case, as normaliseSubdomain gives it. */
  subdomain: string;
  tenantId: string;
  /** For people: the organisation's name when the pair was last complete. */
  organisationName?: string;
}

/** There is no complete pair: the message says what the person must do. */
export class NotPairedError extends NotConfiguredError {}

/** Global meta key of the last complete pair (popup confirmations compare a change with it). */
export const lastPairKey = 'pair';

export const pairDbName = (pair: Pick<Pair, 'subdomain' | 'tenantId'>) =>
  `syncro-xero@${pair.subdomain}/${pair.tenantId}`;

/** "acme.syncromsp.com with Demo Company (NZ)" */
export const describePair = (pair: Pair) =>
  `${pair.subdomain}.syncromsp.com with ${pair.organisationName ?? `the Xero organisation ${pair.tenantId}`}`;

type Resolved = { pair: Pair } | { missing: string };

let resolved: Promise<Resolved> | undefined;

/**
 * Called after every write of a connection (lib/storage/store.ts). The pair is read once and kept: every queue, link and
 * cursor access asks for it, and connections change only through the store, in this context. It is read again at
 * once, so that a pair that was complete, however briefly, is remembered as the last one.
 */
export function pairMayHaveChanged(): void {
  resolved = undefined;
  void currentPair().catch(() => undefined);
}

/** The complete current pair, or what is missing. */
export function currentPair(): Promise<Resolved> {
  if (!resolved) {
    const reading = resolvePair();
    resolved = reading;
    reading.catch(() => {
      if (resolved === reading) resolved = undefined;
    });
  }
  return resolved;
}

/** Reads the connections; a complete pair is also remembered as the last one (global meta `pair`). */
async function resolvePair(): Promise<Resolved> {
  const tx = (await database()).transaction(['secrets', 'meta'], 'readwrite');
  const [syncro, grant, last] = await Promise.all([
    tx.objectStore('secrets').get('syncro') as Promise<SyncroConnection | undefined>,
    tx.objectStore('secrets').get('xero') as Promise<XeroGrant | undefined>,
    tx.objectStore('meta').get(lastPairKey) as Promise<Pair | undefined>,
  ]);
  const missing = missingSide(syncro, grant);
  if (missing || !syncro || !grant?.tenantId) {
    await tx.done;
    return { missing: missing ?? 'Syncro and Xero are not connected.' };
  }
  const organisationName = organisationNameOf(grant);
  const pair: Pair = {
    subdomain: syncro.subdomain,
    tenantId: grant.tenantId,
    ...(organisationName ? { organisationName } : {}),
  };
  if (
    last?.subdomain !== pair.subdomain ||
    last.tenantId !== pair.tenantId ||
    last.organisationName !== pair.organisationName
  ) {
    await tx.objectStore('meta').put(pair, lastPairKey);
    recordsChanged('all'); // every badge's status comes from another scope now
  }
  await tx.done;
  return { pair };
}

/** The chosen organisation's name: from Xero's Organisation, else as the connection listed it. */
export function organisationNameOf(grant: Pick<XeroGrant, 'tenantId' | 'organisationName' | 'organisations'>) {
  return grant.organisationName ?? grant.organisations.find((each) => each.tenantId === grant.tenantId)?.name;
}

function missingSide(syncro: SyncroConnection | undefined, grant: XeroGrant | undefined): string | undefined {
  if (!syncro && !grant) return 'Syncro and Xero are not connected.';
  if (!syncro) return 'Syncro is not connected.';
  if (!grant) return 'Xero is not connected.';
  if (!grant.tenantId) return 'Xero is not connected to an organisation: choose one in the popup.';
  return undefined;
}

/** The last complete pair, after taking the current one into account. */
export async function lastPair(): Promise<Pair | undefined> {
  await currentPair();
  return (await (await database()).get('meta', lastPairKey)) as Pair | undefined;
}

const opened = new Map<string, Promise<PairDb>>();

/** One connection per pair, kept; the first opening of any pair takes over an earlier version's state. */
function openPair(pair: Pair): Promise<PairDb> {
  const name = pairDbName(pair);
  let db = opened.get(name);
  if (!db) {
    const opening = openPairDatabase(name).then(async (connection) => {
      await adoptLegacyState(connection, name);
      return connection;
    });
    opening.catch(() => opened.delete(name));
    opened.set(name, opening);
    db = opening;
  }
  return db;
}

/** The current pair's database, for writing: without a pair, NotPairedError (the message says what is missing). */
export async function pairDatabase(): Promise<PairDb> {
  const current = await currentPair();
  if ('missing' in current) throw new NotPairedError(current.missing);
  return openPair(current.pair);
}

/** For readers that only report (badges, counts, lists): without a pair, `unpaired`. */
export async function readPaired<T>(read: (db: PairDb) => Promise<T>, unpaired: T): Promise<T> {
  const current = await currentPair();
  return 'missing' in current ? unpaired : read(await openPair(current.pair));
}

/** The records of `store` with these keys, in one read transaction, by key (absent keys, or no pair: left out). */
export function getByKeys<S extends 'links' | 'imports'>(
  store: S,
  keys: string[],
): Promise<Map<string, PairSchema[S]['value']>> {
  return readPaired(async (db) => {
    const tx = db.transaction(store);
    const found = await Promise.all(keys.map((key) => tx.store.get(key)));
    await tx.done;
    return new Map(keys.flatMap((key, i) => (found[i] ? [[key, found[i] as PairSchema[S]['value']] as const] : [])));
  }, new Map());
}

/** The pair's progress and problems (the global meta holds what belongs to the install: lib/storage/store.ts readMeta). */
export function readPairMeta<T>(key: string): Promise<T | undefined> {
  return readPaired(async (db) => (await db.get('meta', key)) as T | undefined, undefined);
}

export async function writePairMeta(key: string, value: unknown): Promise<void> {
  await (await pairDatabase()).put('meta', value, key);
}

/**
 * This pair's stored state, as a name: what is kept in memory about the pair (what a backfill learnt of the
 * organisation) belongs to it, and is learnt again once the state is gone.
 */
export async function pairStateId(): Promise<string> {
  const key = 'state-id';
  const db = await pairDatabase();
  const known = (await db.get('meta', key)) as string | undefined;
  if (known) return known;
  const made = crypto.randomUUID();
  await db.put('meta', made, key);
  return made;
}

/** A cursor of the pair's (where a list was read up to, e.g. Syncro's `since_updated_at`). */
export async function readCursor(key: string): Promise<string | undefined> {
  return (await (await pairDatabase()).get('cursors', key))?.value;
}

export async function writeCursor(key: string, value: string): Promise<void> {
  await (await pairDatabase()).put('cursors', { key, value });
}
