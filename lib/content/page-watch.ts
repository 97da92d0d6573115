// One watcher of the Syncro page for every feature: DOM changes (Syncro re-rendering parts of the page) and
// URL changes (client-side navigation with the history API) are batched into one call per microtask. While the
// document is parsed, features hear of each parser step instead, to take what it added.
import type { FeatureContext } from './feature-context.ts';

/** `pageChanged`: the address changed since the last call, fragment aside (a menu link to "#" is no new page). */
export type PageListener = (change: { pageChanged: boolean }) => void;

export interface PageWatch {
  /** Calls `listener` now and after every batch of page changes (from the end of parsing on). */
  subscribe(listener: PageListener): void;
  /**
   * While the document is parsed: calls `listener` in each MutationObserver callback as the parser adds to the page
   * (the callback runs before the next frame is drawn), to take what arrived (e.g. lib/syncro/pages.ts,
   * followListRows). Cheap by design: a long list is parsed in many steps.
   */
  onParsing(listener: () => void): void;
}

const ourTags = new Set(['syncro-xero-badge', 'syncro-xero-bulk', 'syncro-xero-notice', 'syncro-xero-resync']);
const pageAddress = () => location.href.replace(/#.*$/, '');
const isOurNode = (node: Node) => ourTags.has(node.nodeName.toLowerCase());
const isOurs = (mutation: MutationRecord) =>
  [...mutation.addedNodes, ...mutation.removedNodes].every(isOurNode) &&
  mutation.addedNodes.length + mutation.removedNodes.length > 0;

export function startPageWatch(ctx: FeatureContext): PageWatch {
  const listeners = new Set<PageListener>();
  const parsingListeners = new Set<() => void>();
  let address = pageAddress();
  let queued = false;
  /** Until the first batch after parsing, parsing listeners hear of each step (onParsing). */
  let parsed = document.readyState !== 'loading';
  const run = () => {
    parsed = true;
    queued = false;
    const pageChanged = pageAddress() !== address;
    address = pageAddress();
    for (const listener of listeners) listener({ pageChanged });
  };
  const schedule = () => {
    // While the document is being parsed, one run when it is complete: scanning the whole page after every parsed
    // chunk of a long list would be quadratic. Meanwhile features take each chunk's new rows (onParsing).
    if (queued || document.readyState === 'loading') return;
    queued = true;
    queueMicrotask(run);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', schedule, { once: true });
  // Our own badges and bars coming and going are not news: only the page's changes (and navigation) are.
  const observer = new MutationObserver((mutations) => {
    // The records are not looked at while parsing: each would cost a wrapper in this world, and the parser adds
    // thousands of nodes to a long list.
    if (!parsed) for (const listener of parsingListeners) listener();
    if (queued || document.readyState === 'loading') return; // nothing to schedule (see schedule)
    if (mutations.some((mutation) => !isOurs(mutation))) schedule();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener('popstate', schedule);
  ctx.onInvalidated(() => {
    observer.disconnect();
    window.removeEventListener('popstate', schedule);
    listeners.clear();
    parsingListeners.clear();
  });
  return {
    onParsing(listener) {
      parsingListeners.add(listener);
    },
    subscribe(listener) {
      listeners.add(listener);
      if (document.readyState !== 'loading') listener({ pageChanged: false });
    },
  };
}
