// The page's side of the badge port: names the records shown, receives their statuses and every later change.
// A port dies with the service worker (MV3 stops idle workers): it is opened again and the records re-sent.
import type { BadgePortMessage, BadgePortUpdate, PageRecord } from '../messages.ts';
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

export interface BadgeChannel {
  /** Follows these records (`reset`: instead of all followed so far); their current statuses come back. */
  watch(records: PageRecord[], reset?: boolean): void;
  onStatuses(listener: StatusesListener): void;
}

const reconnectMs = 1_000;

export function openBadgeChannel(ctx: FeatureContext, connect: () => ContentPort): BadgeChannel {
  const watched = new Map<string, PageRecord>();
  const listeners = new Set<StatusesListener>();
  let port: ContentPort | undefined;
  let closed = false;

  const open = (): ContentPort | undefined => {
    if (port || closed) return port;
    try {
      const opened = connect();
      opened.onMessage.addListener((message) => {
        const update = message as BadgePortUpdate;
        if (update?.type === 'statuses') for (const listener of listeners) listener(update.statuses);
      });
      opened.onDisconnect.addListener(() => {
        port = undefined;
        if (!closed && watched.size > 0) setTimeout(reopen, reconnectMs);
      });
      port = opened;
    } catch {
      closed = true; // the extension was reloaded: this page's script is orphaned
    }
    return port;
  };
  const reopen = () => open()?.postMessage({ type: 'watch', records: [...watched.values()], reset: true });

  ctx.onInvalidated(() => {
    closed = true;
    port?.disconnect();
  });
  return {
    watch(records, reset = false) {
      if (reset) watched.clear();
      for (const record of records) watched.set(recordKey(record), record);
      if (records.length > 0 || reset) open()?.postMessage({ type: 'watch', records, reset });
    },
    onStatuses(listener) {
      listeners.add(listener);
    },
  };
}
