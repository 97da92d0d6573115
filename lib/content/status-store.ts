// The page's one record of sync statuses: the latest status of each record followed on this page view, fed by the
// badge port. Badges, the bulk bar and the Re-Sync action all read from here; only the port and a queued
// re-sync write to it.
import type { PageRecord } from '../messages.ts';
import { type RecordRef, recordKey } from '../records.ts';
import type { RecordStatus } from '../sync-state.ts';
import type { BadgeChannel } from './badge-channel.ts';
import type { FeatureContext } from './feature-context.ts';
import type { PageWatch } from './page-watch.ts';

/** Called with the keys (`recordKey`) of the records whose status changed. */
export type StatusListener = (changed: ReadonlySet<string>) => void;

export interface StatusStore {
  get(record: RecordRef): RecordStatus | undefined;
  /** Follows these records: their statuses are asked for once per page view, and every change arrives after. */
  follow(records: PageRecord[]): void;
  /** A re-sync was queued: PENDING at once (unless syncing is off for it), then asked again for the outcome. */
  markQueued(records: RecordRef[]): void;
  /** Until `signal` aborts, `listener` hears of every change. */
  subscribe(listener: StatusListener, signal: AbortSignal): void;
}

/**
 * Create it before the feature runner: both hear of a new page view from the watch in the order they subscribed,
 * and the store must have forgotten the old page's records before the new page's features follow theirs.
 */
export function createStatusStore(ctx: FeatureContext, watch: PageWatch, channel: BadgeChannel): StatusStore {
  const statuses = new Map<string, RecordStatus>();
  const followed = new Set<string>();
  const listeners = new Set<StatusListener>();

  const update = (changed: Record<string, RecordStatus>) => {
    const keys = new Set<string>();
    for (const [key, status] of Object.entries(changed)) {
      if (!followed.has(key)) continue; // an answer about the previous page view, arriving late
      statuses.set(key, status);
      keys.add(key);
    }
    if (keys.size === 0) return;
    for (const listener of listeners) listener(keys);
  };
  channel.onStatuses(update);

  watch.subscribe(({ pageChanged }) => {
    if (!pageChanged) return;
    // The background stops following the old page's records; they are forgotten here too.
    statuses.clear();
    followed.clear();
    channel.watch([], true);
  });
  ctx.onInvalidated(() => listeners.clear());

  return {
    get: (record) => statuses.get(recordKey(record)),
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
        if (statuses.get(key)?.state !== 'off') pending[key] = { state: 'pending' };
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
