// Feature: on invoice and PO lists, "Re-Sync N selected to Xero" (rows ticked in Syncro's own checkboxes) or
// "Re-Sync N not synced to Xero" (rows shown whose badge says NOT SYNCED or FAILED), with progress read from
// the rows' badges as the port updates them.

import { type BulkBar, createBulkBar } from '../../components/bulk-bar.ts';
import { badgeTag } from '../../components/sync-badge.ts';
import type { BadgeChannel } from '../content/badge-channel.ts';
import type { FeatureContext } from '../content/feature-context.ts';
import type { PageWatch } from '../content/page-watch.ts';
import { type AskResync, requestResync } from '../content/resync.ts';
import { type RecordRef, recordKey } from '../records.ts';
import type { SyncState } from '../sync-state.ts';
import { classifyPage, findListRows, type ListRow, listOf, rowCheckbox, type SyncroPage } from '../syncro/pages.ts';

export const bulkResyncRule = (page: SyncroPage) => page.view === 'list';

const needsSync = new Set<SyncState | undefined>(['not-synced', 'failed']);

export function startBulkResync(ctx: FeatureContext, watch: PageWatch, channel: BadgeChannel, ask: AskResync): void {
  let bar: BulkBar | undefined;
  let running: RecordRef[] | undefined;
  let rows: ListRow[] = [];

  const stateOf = (row: ListRow) => row.row.querySelector<HTMLElement>(badgeTag)?.dataset.xeroSync as SyncState;
  const chosen = () => {
    const selected = rows.filter((row) => rowCheckbox(row.row)?.checked);
    return selected.length > 0
      ? { rows: selected, label: 'selected' }
      : { rows: rows.filter((row) => needsSync.has(stateOf(row))), label: 'not synced' };
  };

  const update = () => {
    if (!bar) return;
    const { rows: targets, label } = chosen();
    bar.button.textContent = `Re-Sync ${targets.length} ${label} to Xero`;
    bar.button.disabled = targets.length === 0 || running !== undefined;
    if (!running) return;
    const keys = new Set(running.map(recordKey));
    const states = rows.filter((row) => keys.has(recordKey(row.record))).map(stateOf);
    const done = states.filter((state) => state !== 'pending');
    if (done.length < running.length) {
      bar.status.textContent = `Re-syncing: ${done.length} of ${running.length} done`;
      return;
    }
    const counts = new Map<string, number>();
    for (const state of done) counts.set(state, (counts.get(state) ?? 0) + 1);
    const summary = [...counts].map(([state, count]) => `${count} ${state.replace('-', ' ')}`).join(', ');
    bar.status.textContent = `Re-synced ${running.length}: ${summary}`;
    running = undefined;
    bar.button.disabled = chosen().rows.length === 0;
  };

  const start = async () => {
    if (!bar || running) return;
    const records = chosen().rows.map((row) => row.record);
    if (records.length === 0) return;
    running = records;
    bar.button.disabled = true;
    bar.status.textContent = `Re-syncing: 0 of ${records.length} done`;
    try {
      const answer = await requestResync(records, ask, channel);
      if (answer.queued === 0) {
        running = undefined;
        bar.status.textContent = answer.reason ?? 'Nothing was queued.';
      }
    } catch {
      running = undefined;
      bar.status.textContent = 'The extension did not answer: reload the page and try again.';
    }
    update();
  };

  watch.subscribe(() => {
    const page = classifyPage(new URL(location.href));
    rows = bulkResyncRule(page) && page.view === 'list' ? findListRows(document, page.kind) : [];
    const list = listOf(rows);
    if (!list) {
      bar?.host.remove();
      return;
    }
    if (!bar) {
      bar = createBulkBar();
      // Only a person's click queues work: a page script can reach the open shadow root and click the button.
      bar.button.addEventListener('click', (event) => {
        if (event.isTrusted) void start();
      });
    }
    if (bar.host.nextElementSibling !== list) list.before(bar.host);
    update();
  });
  channel.onStatuses(() => queueMicrotask(update)); // after the badges have rendered the new statuses
  const onChange = (event: Event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'checkbox') update();
  };
  document.addEventListener('change', onChange);
  ctx.onInvalidated(() => {
    document.removeEventListener('change', onChange);
    bar?.host.remove();
  });
}
