// The worker's memory of what the newest records' badges depend on (their links and queued jobs), per record kind,
// so that a page opening is answered at once (lib/badge-snapshot.ts) instead of after reading IndexedDB for each
// of its rows. Built from IndexedDB when first asked (once per worker start, and again after a change of setting,
// connection or pair), then kept current from the change feed: the keys that changed are read again before the
// next answer. Bounded: the newest `coveredRecords` records of a kind that have a link or a job, and every id
// above the oldest of them; older records are read from IndexedDB when a page names them.
import { newestIds } from '../badge-snapshot.ts';
import { onRecordsChanged } from '../change-feed.ts';
import { type RecordKind, type RecordRef, recordKey, recordKinds } from '../records.ts';
import { linkedIds, liveJobIds } from '../storage/badge-reads.ts';
import type { Link } from '../storage/db.ts';
import { getLinks } from '../storage/links.ts';
import { queuedAmong } from '../storage/outbox.ts';

/**
 * Records covered per kind. Syncro's lists show at most 100 rows a page, newest first: this covers the first ten
 * pages of the longest list, and keeps a page's snapshot under about 60 kB when every one of them is synced (each
 * with its own Xero link and sync time), a few hundred bytes when they share their states.
 */
export const coveredRecords = 1_000;

/** Links and live jobs by record key (`kind:id`). */
export interface KnownState {
  links: Map<string, Link>;
  queued: Set<string>;
}

export interface BadgeIndex {
  /** What is known of the newest records of `kind`: any id from `from` up without a link or a job has neither. */
  covered(kind: RecordKind): Promise<KnownState & { from: number }>;
  /** The links and live jobs of these records: from memory where covered, from IndexedDB for the rest. */
  known(records: RecordRef[]): Promise<KnownState>;
}

interface KindIndex {
  from: number;
  links: Map<number, Link>;
  queued: Set<number>;
}

export const storageReads = {
  linkedIds,
  liveJobIds,
  known: async (records: RecordRef[]): Promise<KnownState> => {
    const [links, queued] = await Promise.all([
      getLinks(records.map(recordKey)),
      queuedAmong(records.map((record) => [record.kind, String(record.id)])),
    ]);
    return { links, queued };
  },
};

export function badgeIndex(reads: typeof storageReads = storageReads): BadgeIndex {
  const kinds = new Map<RecordKind, KindIndex>();
  const changed = new Set<string>();
  /** Bumped when every status may have changed: what was being read then is not kept. */
  let generation = 0;
  let queue: Promise<unknown> = Promise.resolve();
  /** One read or update at a time, in order: an answer always follows the changes noticed before it. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  onRecordsChanged((keys) => {
    if (keys === 'all') {
      generation += 1;
      kinds.clear();
      changed.clear();
    } else for (const key of keys) changed.add(key);
  });

  const build = async (kind: RecordKind): Promise<KindIndex> => {
    for (let tries = 0; ; tries++) {
      const at = generation;
      const [linked, live] = await Promise.all([reads.linkedIds(kind), reads.liveJobIds(kind)]);
      const { ids, from } = newestIds([...linked, ...live], coveredRecords);
      const withLink = new Set(linked);
      const liveIds = new Set(live);
      const records = ids.filter((id) => withLink.has(id)).map((id) => ({ kind, id }));
      const { links } = await reads.known(records);
      const index: KindIndex = {
        from,
        links: new Map(
          records.flatMap(({ id }) => {
            const link = links.get(recordKey({ kind, id }));
            return link ? [[id, link] as const] : [];
          }),
        ),
        queued: new Set(ids.filter((id) => liveIds.has(id))),
      };
      if (at === generation) kinds.set(kind, index);
      if (at === generation || tries >= 2) return index;
    }
  };

  /** Reads again the covered records that changed since the last answer. */
  const catchUp = async () => {
    if (changed.size === 0) return;
    const at = generation;
    const records = [...changed].flatMap((key) => {
      const record = recordOf(key);
      const index = record && kinds.get(record.kind);
      return index && record.id >= index.from ? [record] : [];
    });
    changed.clear();
    if (records.length === 0) return;
    const state = await reads.known(records);
    if (at !== generation) return;
    for (const record of records) {
      const index = kinds.get(record.kind);
      if (!index) continue;
      const key = recordKey(record);
      const link = state.links.get(key);
      if (link) index.links.set(record.id, link);
      else index.links.delete(record.id);
      if (state.queued.has(key)) index.queued.add(record.id);
      else index.queued.delete(record.id);
    }
    for (const index of kinds.values()) trim(index);
  };

  return {
    covered: (kind) =>
      serial(async () => {
        const index = kinds.get(kind) ?? (await build(kind));
        await catchUp();
        return { from: index.from, ...stateOf(kind, index) };
      }),
    known: (records) =>
      serial(async () => {
        await catchUp();
        const isCovered = (record: RecordRef) =>
          (kinds.get(record.kind)?.from ?? Number.POSITIVE_INFINITY) <= record.id;
        const rest = records.filter((record) => !isCovered(record));
        const read =
          rest.length > 0 ? await reads.known(rest) : { links: new Map<string, Link>(), queued: new Set<string>() };
        for (const record of records.filter(isCovered)) {
          const index = kinds.get(record.kind);
          const link = index?.links.get(record.id);
          if (link) read.links.set(recordKey(record), link);
          if (index?.queued.has(record.id)) read.queued.add(recordKey(record));
        }
        return read;
      }),
  };
}

/** Past the bound, the oldest records are let go and `from` rises above them. */
function trim(index: KindIndex): void {
  const ids = new Set([...index.links.keys(), ...index.queued]);
  if (ids.size <= coveredRecords) return;
  const kept = newestIds(ids, coveredRecords);
  const keep = new Set(kept.ids);
  for (const id of ids) {
    if (keep.has(id)) continue;
    index.links.delete(id);
    index.queued.delete(id);
  }
  index.from = Math.max(index.from, kept.from);
}

function stateOf(kind: RecordKind, index: KindIndex): KnownState {
  return {
    links: new Map([...index.links].map(([id, link]) => [recordKey({ kind, id }), link])),
    queued: new Set([...index.queued].map((id) => recordKey({ kind, id }))),
  };
}

function recordOf(key: string): RecordRef | undefined {
  const [kind, id] = key.split(':');
  const number = Number(id);
  return recordKinds.includes(kind as RecordKind) && Number.isSafeInteger(number) && number > 0
    ? { kind: kind as RecordKind, id: number }
    : undefined;
}
