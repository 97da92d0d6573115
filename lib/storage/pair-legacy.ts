// Versions up to 4 kept the working state in the global database, for the one pair there was. The first pair
// opened after the upgrade takes it over. Records cannot move to another database inside an upgrade, so it
// happens here: copy by key (idempotent), clear, and a marker when done. A worker stopped half-way copies again
// on its next start, into the same pair (the marker names it), and nothing else reads that pair meanwhile: every
// opening waits for this to finish (lib/storage/pair.ts, openPair). With no pair complete yet, the state waits.
import { legacyDatabase, type PairDb } from './db.ts';

/** Global meta key: `{ movingTo }` while the move is under way, then `{ movedTo, at }`. */
export const legacyStateKey = 'legacy-state';

const legacyStores = ['jobs', 'links', 'cursors', 'imports', 'log'] as const;

/**
 * The global meta keys version 4 kept the pair's progress under (the full sync's size, the last payment poll, the
 * last problem of a job without a record), as they were named then.
 */
const legacyMetaKeys = ['backfill', 'last-poll', 'job-problem'];

interface Marker {
  movingTo?: string;
  movedTo?: string;
  at?: number;
}

export async function adoptLegacyState(target: PairDb, name: string): Promise<void> {
  const global = await legacyDatabase();
  const marker = (await global.get('meta', legacyStateKey)) as Marker | undefined;
  if (marker?.movedTo) return;
  // A move cut short finishes in the pair it started for, not in another.
  if (marker?.movingTo && marker.movingTo !== name) return;
  await global.put('meta', { movingTo: name } satisfies Marker, legacyStateKey);
  for (const store of legacyStores) {
    const records = await global.getAll(store);
    if (records.length > 0) {
      const tx = target.transaction(store, 'readwrite');
      // Every legacy store has an inline key (keyPath): each record goes in under the key it had.
      await Promise.all([
        ...records.map((record) => (tx.store.put as (value: unknown) => Promise<unknown>)(record)),
        tx.done,
      ]);
    }
    await global.clear(store);
  }
  for (const key of legacyMetaKeys) {
    const value = await global.get('meta', key);
    if (value !== undefined) await target.put('meta', value, key);
    await global.delete('meta', key);
  }
  await global.put('meta', { movedTo: name, at: Date.now() } satisfies Marker, legacyStateKey);
}
