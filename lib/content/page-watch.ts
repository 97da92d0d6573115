// One watcher of the Syncro page for every feature: DOM changes (Syncro re-rendering parts of the page) and
// URL changes (client-side navigation with the history API) are batched into one call per microtask.
import type { FeatureContext } from './feature-context.ts';

/** `pageChanged`: the address changed since the last call, fragment aside (a menu link to "#" is no new page). */
export type PageListener = (change: { pageChanged: boolean }) => void;

export interface PageWatch {
  /** Calls `listener` now and after every batch of page changes. */
  subscribe(listener: PageListener): void;
}

const ourTags = new Set(['syncro-xero-badge', 'syncro-xero-bulk', 'syncro-xero-notice', 'syncro-xero-resync']);
const pageAddress = () => location.href.replace(/#.*$/, '');
const isOurNode = (node: Node) => ourTags.has(node.nodeName.toLowerCase());
const isOurs = (mutation: MutationRecord) =>
  [...mutation.addedNodes, ...mutation.removedNodes].every(isOurNode) &&
  mutation.addedNodes.length + mutation.removedNodes.length > 0;

export function startPageWatch(ctx: FeatureContext): PageWatch {
  const listeners = new Set<PageListener>();
  let address = pageAddress();
  let queued = false;
  const run = () => {
    queued = false;
    const pageChanged = pageAddress() !== address;
    address = pageAddress();
    for (const listener of listeners) listener({ pageChanged });
  };
  const schedule = () => {
    // While the document is being parsed, one run when it is complete: scanning after every parsed chunk of a
    // long list would be quadratic, and the statuses are asked for at that moment anyway.
    if (queued || document.readyState === 'loading') return;
    queued = true;
    queueMicrotask(run);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', schedule, { once: true });
  // Our own badges and bars coming and going are not news: only the page's changes (and navigation) are.
  const observer = new MutationObserver((mutations) => {
    if (mutations.some((mutation) => !isOurs(mutation))) schedule();
  });
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
      if (document.readyState !== 'loading') listener({ pageChanged: false });
    },
  };
}
