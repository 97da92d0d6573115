// The page's one record of sync statuses for this page view: the snapshot of the page kind's statuses the
// background sends as the page starts loading (so each row is drawn as it is parsed), overridden by what the port
// says later about the records followed. Badges, the bulk bar and the Re-Sync action all read from here; only the
// port and a queued re-sync write to it.
import { decodeSnapshot, type SnapshotView } from '../badge-snapshot.ts';
import type { PageRecord, PageView } from '../messages.ts';
import { type RecordRef, recordKey } from '../records.ts';
import type { RecordStatus } from '../sync-state.ts';
import { classifyPage } from '../syncro/pages.ts';
import type { BadgeChannel } from './badge-channel.ts';
import type { FeatureContext } from './feature-context.ts';
import type { PageWatch } from './page-watch.ts';

/** Called with the keys (`recordKey`) of the records whose status changed, or 'all' (a new snapshot). */
export type StatusListener = (changed: ReadonlySet<string> | 'all') => void;

export interface StatusStore {
  get(record: RecordRef): RecordStatus | undefined;
  /** Follows these records: the background hears of them once per page view, and every change arrives after. */
  follow(records: PageRecord[]): void;
  /** A re-sync was queued: PENDING at once (unless syncing is off for it), then asked again for the outcome. */
  markQueued(records: RecordRef[]): void;
  /** Until `signal` aborts, `listener` hears of every change. */
  subscribe(listener: StatusListener, signal: AbortSignal): void;
}

/**
 * Create it before the feature runner: it opens the page view on the port at once (the snapshot is on its way
 * while the page is parsed), and both hear of a new page view from the watch in the order they subscribed: the
 * store must have forgotten the old page's records before the new page's features follow theirs.
 */
export function createStatusStore(
  ctx: FeatureContext,
  watch: PageWatch,
  channel: BadgeChannel,
  currentUrl: () => URL = () => new URL(location.href),
): StatusStore {
  const statuses = new Map<string, RecordStatus>();
  const followed = new Set<string>();
  const listeners = new Set<StatusListener>();
  let snapshot: SnapshotView | undefined;
  let view: PageView | undefined;

  const notify = (changed: ReadonlySet<string> | 'all') => {
    for (const listener of listeners) listener(changed);
  };
  const update = (changed: Record<string, RecordStatus>) => {
    const keys = new Set<string>();
    for (const [key, status] of Object.entries(changed)) {
      if (!followed.has(key)) continue; // an answer about the previous page view, arriving late
      statuses.set(key, status);
      keys.add(key);
    }
    if (keys.size > 0) notify(keys);
  };
  channel.onStatuses(update);
  channel.onSnapshot((encoded) => {
    if (encoded.kind !== view?.kind) return; // about the previous page view
    snapshot = decodeSnapshot(encoded);
    // Newer than every answer before it; the background tells what differs from it next.
    statuses.clear();
    notify('all');
  });

  const openView = () => {
    const page = classifyPage(currentUrl());
    view =
      page.view === 'list'
        ? { kind: page.kind }
        : page.view === 'detail'
          ? { kind: page.record.kind, id: page.record.id }
          : undefined;
    channel.open(view);
  };
  openView();
  watch.subscribe(({ pageChanged }) => {
    if (!pageChanged) return;
    // The background forgets the old page's records as the new view opens; they are forgotten here too.
    statuses.clear();
    followed.clear();
    snapshot = undefined;
    openView();
  });
  ctx.onInvalidated(() => listeners.clear());

  const get = (record: RecordRef) =>
    statuses.get(recordKey(record)) ?? (snapshot?.kind === record.kind ? snapshot.status(record.id) : undefined);
  return {
    get,
    follow(records) {
      const fresh = records.filter((record) => !followed.has(recordKey(record)));
      for (const record of fresh) followed.add(recordKey(record));
      if (fresh.length > 0) channel.watch(fresh);
    },
    markQueued(records) {
      const pending: Record<string, RecordStatus> = {};
      for (const record of records) {
        const key = recordKey(record);
        followed.add(key);
        if (get(record)?.state !== 'off') pending[key] = { state: 'pending' };
      }
      update(pending);
      channel.watch(records);
    },
    subscribe(listener, signal) {
      if (signal.aborted) return;
      listeners.add(listener);
      signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
    },
  };
}
