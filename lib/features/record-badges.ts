// Feature: a Xero badge in every invoice/PO row of a list page, and beside the title of a detail page.
// Idempotent (a row or title gets exactly one badge) and follows Syncro's re-renders. Badges only show what the
// status store holds: all new badges' statuses are asked for in one message, and their changes drawn live.
import { badgeTag, createBadge, renderBadge } from '../../components/sync-badge.ts';
import type { FeatureRun, PageOf } from '../content/feature-runner.ts';
import type { StatusStore } from '../content/status-store.ts';
import type { PageRecord } from '../messages.ts';
import { recordKey } from '../records.ts';
import { findDetailTitle, findListRows, printedNumber, type SyncroPage } from '../syncro/pages.ts';

type BadgedPage = PageOf<'list'> | PageOf<'detail'>;

export const recordBadgesRule = (page: SyncroPage): page is BadgedPage =>
  page.view === 'list' || page.view === 'detail';

export function startRecordBadges(run: FeatureRun<BadgedPage>, statuses: StatusStore): void {
  const badges = new Map<HTMLElement, PageRecord>();
  const draw = (badge: HTMLElement, record: PageRecord) => {
    const status = statuses.get(record);
    if (status) renderBadge(badge, status);
  };

  statuses.subscribe(
    run.guard((changed: ReadonlySet<string>) => {
      for (const [badge, record] of badges) {
        if (!badge.isConnected) badges.delete(badge);
        else if (changed.has(recordKey(record))) draw(badge, record);
      }
    }),
    run.signal,
  );

  run.onChange(() => {
    const placed: PageRecord[] = [];
    for (const { record, container, place } of targets(run.page)) {
      const existing = container.querySelector<HTMLElement>(
        `${badgeTag}[data-syncro-kind="${record.kind}"][data-syncro-id="${record.id}"]`,
      );
      if (existing && badges.has(existing)) continue;
      // A copy the page made of our badge (re-rendering from its own HTML) has no shadow root: replace it.
      existing?.remove();
      const badge = createBadge(record);
      place(badge);
      badges.set(badge, record);
      draw(badge, record); // known already when Syncro re-rendered the row
      placed.push(record);
    }
    statuses.follow(placed); // asks only for records not followed yet
  });

  run.signal.addEventListener('abort', () => {
    for (const badge of badges.keys()) badge.remove();
  });
}

interface BadgeTarget {
  record: PageRecord;
  /** Where an existing badge for the record would be: the row, or the title. */
  container: Element;
  place(badge: HTMLElement): void;
}

function targets(page: BadgedPage): BadgeTarget[] {
  if (page.view === 'list') {
    return findListRows(document, page.kind).map(({ record, row, anchor }) => ({
      record: withNumber(record, printedNumber(anchor.textContent, record.kind)),
      container: row,
      place: (badge) => anchor.after(badge),
    }));
  }
  const title = findDetailTitle(document, page.record.kind);
  if (!title) return [];
  const record = withNumber(page.record, printedNumber(title.textContent, page.record.kind));
  return [{ record, container: title, place: (badge) => title.append(badge) }];
}

const withNumber = (record: PageRecord, number: string | undefined): PageRecord =>
  number ? { ...record, number } : record;
