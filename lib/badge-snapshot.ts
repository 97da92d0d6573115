// What a Syncro page is told as it opens, before its rows arrive: the badge status of the records of the page's
// kind, compact. Most records share one status (the common one: NOT SYNCED, or OFF for all when syncing is off);
// the others go as runs of consecutive ids sharing a state and reason, with each record's own Xero link and sync
// time beside them. Ids from `from` up that are not listed have the common status; below `from` only the listed
// ids are known (older records, which the page names after the parse and the worker answers then).
import type { DriftFigures } from './drift.ts';
import type { RecordKind } from './records.ts';
import type { RecordStatus, SyncState } from './sync-state.ts';

export interface Snapshot {
  kind: RecordKind;
  /** Every id from here up is covered: in `entries`, or in the common status. */
  from: number;
  common: RecordStatus;
  /** Statuses by id (one per id). */
  entries: Iterable<readonly [id: number, status: RecordStatus]>;
}

/** A status without what is each record's own: what the records of a run share. */
interface Shape {
  state: SyncState;
  reason?: string;
  foundInXero?: boolean;
  /** A drifted invoice's figures: rare, so each drifted record has a shape of its own. */
  drift?: DriftFigures;
  /** Each record of the shape has a Xero link (in `urls`) / a sync time (in `times`). */
  url?: true;
  time?: true;
}

export interface EncodedSnapshot {
  kind: RecordKind;
  from: number;
  common: RecordStatus;
  shapes: Shape[];
  /** Per run of consecutive listed ids of one shape: the gap from the last id before it (0 at first), its length, its shape. */
  runs: number[];
  /** What every listed Xero link starts with; `urls` hold the rest, one per record whose shape has a link, by id. */
  urlPrefix: string;
  urls: string[];
  /** The sync time of each record whose shape has one, by id: the first as it is, each next as the difference. */
  times: number[];
}

export interface SnapshotView {
  readonly kind: RecordKind;
  /** The record's status, or undefined where the snapshot does not cover it. */
  status(id: number): RecordStatus | undefined;
}

export function encodeSnapshot({ kind, from, common, entries }: Snapshot): EncodedSnapshot {
  const sorted = [...new Map(entries)].sort(([a], [b]) => a - b);
  const urlPrefix = commonPrefix(sorted.flatMap(([, status]) => status.xeroUrl ?? []));
  const shapes: Shape[] = [];
  const shapeIndex = new Map<string, number>();
  const runs: number[] = [];
  const urls: string[] = [];
  const times: number[] = [];
  let lastId = 0;
  let lastShape = -1;
  let lastTime = 0;
  for (const [id, status] of sorted) {
    const shape = shapeOf(status);
    const key = JSON.stringify([shape.state, shape.reason, shape.foundInXero, shape.url, shape.time, shape.drift]);
    let index = shapeIndex.get(key);
    if (index === undefined) {
      index = shapes.push(shape) - 1;
      shapeIndex.set(key, index);
    }
    if (runs.length > 0 && id === lastId + 1 && index === lastShape) runs[runs.length - 2] = (runs.at(-2) ?? 0) + 1;
    else runs.push(id - lastId, 1, index);
    lastId = id;
    lastShape = index;
    if (status.xeroUrl !== undefined) urls.push(status.xeroUrl.slice(urlPrefix.length));
    if (status.syncedAt !== undefined) {
      times.push(status.syncedAt - lastTime);
      lastTime = status.syncedAt;
    }
  }
  return { kind, from, common, shapes, runs, urlPrefix, urls, times };
}

export function decodeSnapshot(encoded: EncodedSnapshot): SnapshotView {
  const { kind, from, common, shapes, runs, urlPrefix, urls } = encoded;
  const count = Math.floor(runs.length / 3);
  const starts = new Array<number>(count);
  const firstUrl = new Array<number>(count);
  const firstTime = new Array<number>(count);
  const times = new Array<number>(encoded.times.length);
  encoded.times.reduce((time, delta, i) => {
    times[i] = time + delta;
    return time + delta;
  }, 0);
  let lastId = 0;
  let url = 0;
  let time = 0;
  for (let run = 0; run < count; run++) {
    const length = runs[run * 3 + 1] ?? 0;
    const shape = shapes[runs[run * 3 + 2] ?? -1];
    starts[run] = lastId + (runs[run * 3] ?? 0);
    firstUrl[run] = url;
    firstTime[run] = time;
    if (shape?.url) url += length;
    if (shape?.time) time += length;
    lastId = (starts[run] ?? 0) + length - 1;
  }

  const listed = (id: number): RecordStatus | undefined => {
    // The last run starting at or before `id`.
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((starts[middle] ?? 0) <= id) low = middle + 1;
      else high = middle - 1;
    }
    const run = high;
    if (run < 0) return undefined;
    const offset = id - (starts[run] ?? 0);
    const shape = shapes[runs[run * 3 + 2] ?? -1];
    if (!shape || offset >= (runs[run * 3 + 1] ?? 0)) return undefined;
    const status: RecordStatus = { state: shape.state };
    if (shape.reason !== undefined) status.reason = shape.reason;
    if (shape.url) status.xeroUrl = urlPrefix + (urls[(firstUrl[run] ?? 0) + offset] ?? '');
    if (shape.time) status.syncedAt = times[(firstTime[run] ?? 0) + offset] ?? 0;
    if (shape.foundInXero !== undefined) status.foundInXero = shape.foundInXero;
    if (shape.drift !== undefined) status.drift = { ...shape.drift };
    return status;
  };

  return {
    kind,
    status: (id) => listed(id) ?? (id >= from ? { ...common } : undefined),
  };
}

/** Whether two statuses say the same (what a badge shows). */
export function sameStatus(a: RecordStatus, b: RecordStatus): boolean {
  return (
    a.state === b.state &&
    a.reason === b.reason &&
    a.xeroUrl === b.xeroUrl &&
    a.syncedAt === b.syncedAt &&
    a.foundInXero === b.foundInXero &&
    sameDrift(a.drift, b.drift)
  );
}

function sameDrift(a: DriftFigures | undefined, b: DriftFigures | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.kind === b.kind && a.xeroCents === b.xeroCents && a.syncroCents === b.syncroCents && a.currency === b.currency
  );
}

/** The newest `limit` of these ids (distinct, newest first), and the id from which every one of `ids` is among them. */
export function newestIds(ids: Iterable<number>, limit: number): { ids: number[]; from: number } {
  const distinct = [...new Set(ids)].sort((a, b) => b - a);
  if (distinct.length <= limit) return { ids: distinct, from: 0 };
  const kept = distinct.slice(0, Math.max(0, limit));
  // With nothing kept, nothing is covered: `from` lies above every id.
  return { ids: kept, from: kept.at(-1) ?? (distinct[0] ?? 0) + 1 };
}

function shapeOf(status: RecordStatus): Shape {
  const shape: Shape = { state: status.state };
  if (status.reason !== undefined) shape.reason = status.reason;
  if (status.foundInXero !== undefined) shape.foundInXero = status.foundInXero;
  if (status.drift !== undefined) shape.drift = status.drift;
  if (status.xeroUrl !== undefined) shape.url = true;
  if (status.syncedAt !== undefined) shape.time = true;
  return shape;
}

function commonPrefix(texts: string[]): string {
  const [first, ...rest] = texts;
  if (first === undefined) return '';
  let length = first.length;
  for (const text of rest) {
    let same = 0;
    while (same < length && text.charCodeAt(same) === first.charCodeAt(same)) same++;
    length = same;
  }
  return first.slice(0, length);
}
