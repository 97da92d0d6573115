// One watcher of the Syncro page for every feature: DOM changes (Syncro re-rendering parts of the page) and
// URL changes (client-side navigation with the history API) are batched into one call per microtask.
import type { FeatureContext } from './feature-context.ts';

export type PageListener = (change: { urlChanged: boolean }) => void;

export interface PageWatch {
  /** Calls `listener` now and after every batch of page changes. */
  subscribe(listener: PageListener): void;
}

export function startPageWatch(ctx: FeatureContext): PageWatch {
  const listeners = new Set<PageListener>();
  let url = location.href;
  let queued = false;
  const run = () => {
    queued = false;
    const urlChanged = location.href !== url;
    url = location.href;
    for (const listener of listeners) listener({ urlChanged });
  };
  const schedule = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(run);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener('popstate', schedule);
  ctx.onInvalidated(() => {
    observer.disconnect();
    window.removeEventListener('popstate', schedule);
    listeners.clear();
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      listener({ urlChanged: false });
    },
  };
}
