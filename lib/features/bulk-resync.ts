// Feature: on invoice and PO lists, "Re-Sync N selected to Xero" (rows ticked in Syncro's own checkboxes) or
// "Re-Sync N not synced to Xero" (rows shown whose status is NOT SYNCED or FAILED), with progress read from the
// status store as the port updates it.

import { type BulkBar, createBulkBar } from '../../components/bulk-bar.ts';
import type { FeatureRun, PageOf } from '../content/feature-runner.ts';
import type { Resync } from '../content/resync.ts';
import type { StatusStore } from '../content/status-store.ts';
import { type RecordRef, recordKey } from '../records.ts';
import type { SyncState } from '../sync-state.ts';
import { findListRows, type ListRow, listOf, rowCheckbox, type SyncroPage } from '../syncro/pages.ts';

export const bulkResyncRule = (page: SyncroPage): page is PageOf<'list'> => page.view === 'list';

const needsSync = new Set<SyncState | undefined>(['not-synced', 'failed']);

export function startBulkResync(run: FeatureRun<PageOf<'list'>>, statuses: StatusStore, resync: Resync): void {
  let bar: BulkBar | undefined;
  let running: RecordRef[] | undefined;
  let rows: ListRow[] = [];

  const stateOf = (row: ListRow) => statuses.get(row.record)?.state;
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
    const done = states.filter((state): state is SyncState => state !== undefined && state !== 'pending');
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
      const answer = await resync(records);
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

  run.onChange(() => {
    rows = findListRows(document, run.page.kind);
    const list = listOf(rows);
    if (!list) {
      bar?.host.remove();
      return;
    }
    if (!bar) {
      bar = createBulkBar();
      // Only a person's click queues work: a page script can reach the open shadow root and click the button.
      bar.button.addEventListener(
        'click',
        run.guard((event: Event) => (event.isTrusted ? start() : undefined)),
      );
    }
    if (bar.host.nextElementSibling !== list) list.before(bar.host);
    update();
  });
  statuses.subscribe(run.guard(update), run.signal);
  const onChange = run.guard((event: Event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'checkbox') update();
  });
  document.addEventListener('change', onChange);
  run.signal.addEventListener('abort', () => {
    document.removeEventListener('change', onChange);
    bar?.host.remove();
  });
}
