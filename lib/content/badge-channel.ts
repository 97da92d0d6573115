// The page's side of the badge port: says which page view this is as the page starts loading (a snapshot of its
// kind's statuses comes back), names the records shown once it is parsed, and receives their statuses and every
// later change. A port dies with the service worker (MV3 stops idle workers): it is opened again and all re-sent.
import type { EncodedSnapshot } from '../badge-snapshot.ts';
import type { BadgePortMessage, BadgePortUpdate, PageRecord, PageView } from '../messages.ts';
import { recordKey } from '../records.ts';
import type { RecordStatus } from '../sync-state.ts';
import type { FeatureContext } from './feature-context.ts';

/** The part of runtime.Port used here. */
export interface ContentPort {
  postMessage(message: BadgePortMessage): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export type StatusesListener = (statuses: Record<string, RecordStatus>) => void;
export type SnapshotListener = (snapshot: EncodedSnapshot) => void;

export interface BadgeChannel {
  /** A new page view (undefined: one without badges): forgets the records followed; a snapshot comes back. */
  open(page: PageView | undefined): void;
  /** Follows these records too; their statuses come back where they differ from the snapshot. */
  watch(records: PageRecord[]): void;
  onStatuses(listener: StatusesListener): void;
  onSnapshot(listener: SnapshotListener): void;
}

const reconnectMs = 1_000;

export function openBadgeChannel(ctx: FeatureContext, connect: () => ContentPort): BadgeChannel {
  const watched = new Map<string, PageRecord>();
  const statusListeners = new Set<StatusesListener>();
  const snapshotListeners = new Set<SnapshotListener>();
  let view: PageView | undefined;
  let port: ContentPort | undefined;
  let closed = false;

  const opened = (): ContentPort | undefined => {
    if (port || closed) return port;
    try {
      const fresh = connect();
      fresh.onMessage.addListener((message) => {
        const update = message as BadgePortUpdate;
        if (update?.type === 'statuses') for (const listener of statusListeners) listener(update.statuses);
        if (update?.type === 'snapshot') for (const listener of snapshotListeners) listener(update.snapshot);
      });
      fresh.onDisconnect.addListener(() => {
        port = undefined;
        if (!closed && (view || watched.size > 0)) setTimeout(reopen, reconnectMs);
      });
      port = fresh;
    } catch {
      closed = true; // the extension was reloaded: this page's script is orphaned
    }
    return port;
  };
  const reopen = () => {
    const again = opened();
    if (view) again?.postMessage({ type: 'open', ...view });
    if (watched.size > 0) again?.postMessage({ type: 'watch', records: [...watched.values()], reset: !view });
  };

  ctx.onInvalidated(() => {
    closed = true;
    port?.disconnect();
  });
  return {
    open(page) {
      watched.clear();
      view = page;
      if (page) opened()?.postMessage({ type: 'open', ...page });
      else port?.postMessage({ type: 'watch', records: [], reset: true }); // the background forgets the last view
    },
    watch(records) {
      for (const record of records) watched.set(recordKey(record), record);
      if (records.length > 0) opened()?.postMessage({ type: 'watch', records, reset: false });
    },
    onStatuses(listener) {
      statusListeners.add(listener);
    },
    onSnapshot(listener) {
      snapshotListeners.add(listener);
    },
  };
}
