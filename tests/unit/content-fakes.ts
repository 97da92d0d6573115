// Stand-ins for what the content script gets from the browser: the page watch (parsed, navigated and changed by
// hand instead of by observers), WXT's context, and the badge port's channel.
import { encodeSnapshot, type Snapshot } from '../../lib/badge-snapshot.ts';
import type { BadgeChannel, SnapshotListener, StatusesListener } from '../../lib/content/badge-channel.ts';
import type { FeatureContext } from '../../lib/content/feature-context.ts';
import type { PageListener, PageWatch } from '../../lib/content/page-watch.ts';
import type { PageRecord, PageView } from '../../lib/messages.ts';
import type { RecordStatus } from '../../lib/sync-state.ts';

const origin = 'https://acme.syncromsp.com';

/** `parsing`: the page starts still being parsed (subscribers hear nothing until `parsed()`). */
export function fakePage(path: string, { parsing = false } = {}) {
  let url = new URL(path, origin);
  let loading = parsing;
  const listeners: PageListener[] = [];
  const parsingListeners: Array<() => void> = [];
  const invalidated: Array<() => void> = [];
  const watch: PageWatch = {
    subscribe(listener) {
      listeners.push(listener);
      if (!loading) listener({ pageChanged: false });
    },
    onParsing: (listener) => parsingListeners.push(listener),
  };
  const ctx: FeatureContext = { onInvalidated: (callback) => invalidated.push(callback) };
  return {
    watch,
    ctx,
    currentUrl: () => url,
    /** While parsing: the parser added to the page. */
    parsing: () => {
      for (const listener of parsingListeners) listener();
    },
    /** The document is parsed: subscribers hear of it. */
    parsed: () => {
      loading = false;
      for (const listener of listeners) listener({ pageChanged: false });
    },
    /** The page's DOM changed (no navigation). */
    change: () => {
      for (const listener of listeners) listener({ pageChanged: false });
    },
    navigate: (to: string) => {
      url = new URL(to, origin);
      for (const listener of listeners) listener({ pageChanged: true });
    },
    invalidate: () => {
      for (const callback of invalidated) callback();
    },
  };
}

/** The page's side of the badge port: the views opened, what was asked for, and snapshots and statuses pushed. */
export function fakeChannel() {
  const opened: Array<PageView | undefined> = [];
  const asked: PageRecord[][] = [];
  const statusListeners: StatusesListener[] = [];
  const snapshotListeners: SnapshotListener[] = [];
  const channel: BadgeChannel = {
    open: (page) => opened.push(page),
    watch: (records) => asked.push(records),
    onStatuses: (listener) => statusListeners.push(listener),
    onSnapshot: (listener) => snapshotListeners.push(listener),
  };
  return {
    channel,
    opened,
    asked,
    push: (statuses: Record<string, RecordStatus>) => {
      for (const listener of statusListeners) listener(statuses);
    },
    snapshot: (snapshot: Snapshot) => {
      for (const listener of snapshotListeners) listener(encodeSnapshot(snapshot));
    },
  };
}
