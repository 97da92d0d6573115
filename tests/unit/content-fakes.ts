// Stand-ins for what the content script gets from the browser: the page watch (navigated and changed by hand
// instead of by observers), WXT's context, and the badge port's channel.
import type { BadgeChannel, StatusesListener } from '../../lib/content/badge-channel.ts';
import type { FeatureContext } from '../../lib/content/feature-context.ts';
import type { PageListener, PageWatch } from '../../lib/content/page-watch.ts';
import type { PageRecord } from '../../lib/messages.ts';
import type { RecordStatus } from '../../lib/sync-state.ts';

const origin = 'https://acme.syncromsp.com';

export function fakePage(path: string) {
  let url = new URL(path, origin);
  const listeners: PageListener[] = [];
  const invalidated: Array<() => void> = [];
  const watch: PageWatch = {
    subscribe(listener) {
      listeners.push(listener);
      listener({ pageChanged: false });
    },
  };
  const ctx: FeatureContext = { onInvalidated: (callback) => invalidated.push(callback) };
  return {
    watch,
    ctx,
    currentUrl: () => url,
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

/** The page's side of the badge port: what was asked for, and statuses pushed as the background would. */
export function fakeChannel() {
  const asked: Array<{ records: PageRecord[]; reset: boolean }> = [];
  const listeners: StatusesListener[] = [];
  const channel: BadgeChannel = {
    watch: (records, reset = false) => asked.push({ records, reset }),
    onStatuses: (listener) => listeners.push(listener),
  };
  return {
    channel,
    asked,
    push: (statuses: Record<string, RecordStatus>) => {
      for (const listener of listeners) listener(statuses);
    },
  };
}
