// Feature: a Xero badge in every invoice/PO row of a list page, and beside the title of a detail page.
// Idempotent (a processed row or title gets exactly one badge), follows client-side re-renders with a
// MutationObserver, and removes itself when the content script is invalidated.
import { badgeTag, createBadge, renderBadge } from '../../components/sync-badge.ts';
import type { ContentResponses } from '../messages.ts';
import { type RecordRef, recordKey } from '../records.ts';
import { classifyPage, findDetailTitle, findListRows, type SyncroPage } from '../syncro/pages.ts';

export interface FeatureContext {
  onInvalidated(callback: () => void): void;
}

type AskStatuses = (records: RecordRef[]) => Promise<ContentResponses['statuses']>;

export const recordBadgesRule = (page: SyncroPage) => page.view === 'list' || page.view === 'detail';

export function startRecordBadges(ctx: FeatureContext, askStatuses: AskStatuses): void {
  const page = classifyPage(new URL(location.href));
  if (!recordBadgesRule(page)) return;
  const badges = new Map<string, HTMLElement>();

  const placeBadges = async () => {
    const placed: Array<{ record: RecordRef; badge: HTMLElement }> = [];
    for (const { record, container, place } of targets(page)) {
      if (container.querySelector(`${badgeTag}[data-syncro-id="${record.id}"]`)) continue;
      const badge = createBadge(record);
      place(badge);
      badges.set(recordKey(record), badge);
      placed.push({ record, badge });
    }
    if (placed.length === 0) return;
    const { statuses } = await askStatuses(placed.map(({ record }) => record));
    for (const { record, badge } of placed) {
      const status = statuses[recordKey(record)];
      if (status) renderBadge(badge, status);
    }
  };

  const observer = new MutationObserver(() => void placeBadges());
  observer.observe(document.body, { childList: true, subtree: true });
  void placeBadges();
  ctx.onInvalidated(() => {
    observer.disconnect();
    for (const badge of badges.values()) badge.remove();
  });
}

interface BadgeTarget {
  record: RecordRef;
  /** Where an existing badge for the record would be: the row, or the title. */
  container: Element;
  place(badge: HTMLElement): void;
}

function targets(page: SyncroPage): BadgeTarget[] {
  if (page.view === 'list') {
    return findListRows(document, page.kind).map(({ record, row, anchor }) => ({
      record,
      container: row,
      place: (badge) => anchor.after(badge),
    }));
  }
  if (page.view === 'detail') {
    const title = findDetailTitle(document, page.record.kind);
    if (title) return [{ record: page.record, container: title, place: (badge) => title.append(badge) }];
  }
  return [];
}
