// Feature: a Xero badge in every invoice/PO row of a list page, and beside the title of a detail page.
// Idempotent (a row or title gets exactly one badge), follows re-renders and client-side navigation through
// the page watch, asks for all new badges' statuses in one message, and follows their changes live.
import { badgeTag, createBadge, renderBadge } from '../../components/sync-badge.ts';
import type { BadgeChannel } from '../content/badge-channel.ts';
import type { FeatureContext } from '../content/feature-context.ts';
import type { PageWatch } from '../content/page-watch.ts';
import type { PageRecord } from '../messages.ts';
import { recordKey } from '../records.ts';
import type { RecordStatus } from '../sync-state.ts';
import { classifyPage, findDetailTitle, findListRows, printedNumber, type SyncroPage } from '../syncro/pages.ts';

export const recordBadgesRule = (page: SyncroPage) => page.view === 'list' || page.view === 'detail';

export function startRecordBadges(ctx: FeatureContext, watch: PageWatch, channel: BadgeChannel): void {
  const badges = new Set<HTMLElement>();
  const statuses = new Map<string, RecordStatus>();
  // While the page is still being parsed, badges are placed as rows arrive and their statuses asked for once,
  // when the document is complete: one round trip per page view.
  let unasked: PageRecord[] = [];
  const ask = (records: PageRecord[]) => {
    unasked.push(...records);
    if (document.readyState === 'loading' || unasked.length === 0) return;
    channel.watch(unasked);
    unasked = [];
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => ask([]), { once: true });

  channel.onStatuses((changed) => {
    for (const [key, status] of Object.entries(changed)) statuses.set(key, status);
    for (const badge of badges) {
      if (!badge.isConnected) badges.delete(badge);
      else {
        const status = changed[badgeKey(badge)];
        if (status) renderBadge(badge, status);
      }
    }
  });

  watch.subscribe(({ urlChanged }) => {
    const page = classifyPage(new URL(location.href));
    if (urlChanged) {
      statuses.clear();
      unasked = [];
      channel.watch([], true);
    }
    if (!recordBadgesRule(page)) return;
    const placed: PageRecord[] = [];
    for (const { record, container, place } of targets(page)) {
      const existing = container.querySelector<HTMLElement>(
        `${badgeTag}[data-syncro-kind="${record.kind}"][data-syncro-id="${record.id}"]`,
      );
      if (existing && badges.has(existing)) continue;
      // A copy the page made of our badge (re-rendering from its own HTML) has no shadow root: replace it.
      existing?.remove();
      const badge = createBadge(record);
      place(badge);
      badges.add(badge);
      const known = statuses.get(recordKey(record));
      if (known)
        renderBadge(badge, known); // re-rendered by Syncro: the status is known already
      else placed.push(record);
    }
    ask(placed);
  });

  ctx.onInvalidated(() => {
    for (const badge of badges) badge.remove();
  });
}

const badgeKey = (badge: HTMLElement) => `${badge.dataset.syncroKind}:${badge.dataset.syncroId}`;

interface BadgeTarget {
  record: PageRecord;
  /** Where an existing badge for the record would be: the row, or the title. */
  container: Element;
  place(badge: HTMLElement): void;
}

function targets(page: SyncroPage): BadgeTarget[] {
  if (page.view === 'list') {
    return findListRows(document, page.kind).map(({ record, row, anchor }) => ({
      record: withNumber(record, printedNumber(anchor.textContent, record.kind)),
      container: row,
      place: (badge) => anchor.after(badge),
    }));
  }
  if (page.view === 'detail') {
    const title = findDetailTitle(document, page.record.kind);
    if (title) {
      const record = withNumber(page.record, printedNumber(title.textContent, page.record.kind));
      return [{ record, container: title, place: (badge) => title.append(badge) }];
    }
  }
  return [];
}

const withNumber = (record: PageRecord, number: string | undefined): PageRecord =>
  number ? { ...record, number } : record;
