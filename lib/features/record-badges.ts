// Feature: a Xero badge in every invoice/PO row of a list page, and beside the title of a detail page.
// Idempotent (a row or title gets exactly one badge) and follows Syncro's re-renders. Badges only show what the
// status store holds: on a list still being parsed, each row's badge goes in drawn from the snapshot in the
// callback that saw the row (or, for rows parsed before the snapshot came, as it comes); once parsed, every record
// shown is named to the background in one message, and changes are drawn live.
import { badgeTag, createBadge, renderBadge } from '../../components/sync-badge.ts';
import type { FeatureRun, PageOf } from '../content/feature-runner.ts';
import type { StatusStore } from '../content/status-store.ts';
import type { PageRecord } from '../messages.ts';
import { type RecordRef, recordKey } from '../records.ts';
import {
  findDetailTitle,
  findListRows,
  followListRows,
  type ListRow,
  printedNumber,
  type SyncroPage,
} from '../syncro/pages.ts';

type BadgedPage = PageOf<'list'> | PageOf<'detail'>;

export const recordBadgesRule = (page: SyncroPage): page is BadgedPage =>
  page.view === 'list' || page.view === 'detail';

export function startRecordBadges(run: FeatureRun<BadgedPage>, statuses: StatusStore): void {
  const badges = new Map<HTMLElement, RecordRef>();
  const draw = (badge: HTMLElement, record: RecordRef) => {
    const status = statuses.get(record);
    if (status) renderBadge(badge, status);
  };
  /** The record's badge in `container`, placed by `place` unless already there. */
  const ensureBadge = (record: RecordRef, container: Element, place: (badge: HTMLElement) => void) => {
    const existing = container.querySelector<HTMLElement>(
      `${badgeTag}[data-syncro-kind="${record.kind}"][data-syncro-id="${record.id}"]`,
    );
    if (existing && badges.has(existing)) return;
    // A copy the page made of our badge (re-rendering from its own HTML) has no shadow root: replace it.
    existing?.remove();
    const badge = createBadge(record);
    place(badge);
    badges.set(badge, record);
    draw(badge, record); // known already: from the snapshot, or when Syncro re-rendered the row
  };

  /** Rows parsed before their status was known (the snapshot still on its way): badged as it arrives. */
  let waiting: ListRow[] = [];
  const badgeRow = ({ record, row, anchor }: ListRow) => ensureBadge(record, row, (badge) => anchor.after(badge));

  statuses.subscribe(
    run.guard((changed: ReadonlySet<string> | 'all') => {
      for (const [badge, record] of badges) {
        if (!badge.isConnected) badges.delete(badge);
        else if (changed === 'all' || changed.has(recordKey(record))) draw(badge, record);
      }
      if (changed !== 'all') return;
      const ready = waiting.filter(({ record }) => statuses.get(record));
      waiting = waiting.filter(({ record }) => !statuses.get(record));
      for (const row of ready) if (row.row.isConnected) badgeRow(row);
    }),
    run.signal,
  );

  const { page } = run;
  if (page.view === 'list') {
    const newRows = followListRows(document, page.kind);
    // A badge goes in with its state, never empty: the page's first frames are not laid out twice for it.
    run.onParsing(() => {
      for (const row of newRows()) {
        if (statuses.get(row.record)) badgeRow(row);
        else waiting.push(row);
      }
    });
  }

  run.onChange(() => {
    waiting = []; // every row is badged from here on, known or not
    const shown: PageRecord[] = [];
    for (const { record, container, place } of targets(page)) {
      ensureBadge(record, container, place);
      shown.push(record);
    }
    // Only records not followed yet travel, with the numbers now fully parsed: one message per page view.
    statuses.follow(shown);
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
