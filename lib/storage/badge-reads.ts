// What the badge index (lib/background/badge-index.ts) reads when it is built: which records of a kind have a
// link, and which have a job pending or running, in the current pair's scope. The links' keys only: a big
// tenant's links are not read whole to find its newest records.
import type { RecordKind } from '../records.ts';
import { readPaired } from './pair.ts';

const positive = (id: number) => Number.isSafeInteger(id) && id > 0;

/** Ids of the records of `kind` with a link (any state). */
export function linkedIds(kind: RecordKind): Promise<number[]> {
  return readPaired(async (db) => {
    // Link keys are `kind:id`: ';' is the character after ':', so the range holds exactly this kind's keys.
    const keys = await db.getAllKeys('links', IDBKeyRange.bound(`${kind}:`, `${kind};`, false, true));
    return keys.map((key) => Number(key.slice(kind.length + 1))).filter(positive);
  }, []);
}

/** Ids of the records of `kind` with a job pending or running. */
export function liveJobIds(kind: RecordKind): Promise<number[]> {
  return readPaired(async (db) => {
    // Every [kind, key] pair of this kind: an array sorts after any string, so [kind, []] closes the range.
    const jobs = await db.getAllFromIndex('jobs', 'byKindKey', IDBKeyRange.bound([kind], [kind, []]));
    return jobs
      .filter((job) => job.state === 'pending' || job.state === 'running')
      .map((job) => Number(job.key))
      .filter(positive);
  }, []);
}
