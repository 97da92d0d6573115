// What a Syncro page is told as it opens (lib/background/content-api.ts, snapshotFor, over the worker's badge index)
// says what the statuses read from IndexedDB say, record by record — after the index was built as well, as links,
// jobs and settings change — and stays within its bound for a tenant with more records than it covers.
import { describe, expect, it } from 'vitest';
import { badgeIndex, coveredRecords } from '../../lib/background/badge-index.ts';
import { snapshotFor, statusesFor } from '../../lib/background/content-api.ts';
import { pageBudget, tabAllowance } from '../../lib/background/tab-limits.ts';
import { decodeSnapshot } from '../../lib/badge-snapshot.ts';
import type { PageView } from '../../lib/messages.ts';
import { type RecordKind, recordKey } from '../../lib/records.ts';
import { putLink } from '../../lib/storage/links.ts';
import { complete, enqueue } from '../../lib/storage/outbox.ts';
import { loadSettings, saveSettings } from '../../lib/storage/store.ts';
import { connectedInstall, useSandbox } from './harness.ts';

useSandbox();

const budget = () => pageBudget(tabAllowance(), 1);
const url = (id: number) => `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=00000000-0000-4000-8000-${id}`;

/** For every id in `ids`: the snapshot's status where it covers the id, and it equals the one read from IndexedDB. */
async function expectAgreement(index: ReturnType<typeof badgeIndex>, page: PageView, ids: number[]) {
  const view = decodeSnapshot(await snapshotFor(page, undefined, index));
  const records = ids.map((id) => ({ kind: page.kind, id }));
  const read = await statusesFor(records, undefined, budget());
  const covered = records.filter((record) => view.status(record.id) !== undefined);
  for (const record of covered) expect(view.status(record.id), recordKey(record)).toEqual(read[recordKey(record)]);
  // And the statuses a parsed page is answered with, through the index, are those read from IndexedDB.
  expect(await statusesFor(records, undefined, budget(), index)).toEqual(read);
  return { view, covered: covered.map((record) => record.id) };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('a page view snapshot', () => {
  it('agrees with every record’s status, before and after links, jobs and settings change', {
    timeout: 30_000,
  }, async () => {
    await connectedInstall();
    const now = Date.now();
    const index = badgeIndex();
    await putLink({ kind: 'invoice', syncroId: 48204, state: 'synced', xeroUrl: url(48204) }, now);
    await putLink({ kind: 'invoice', syncroId: 48203, state: 'skipped', reason: 'Refund' }, now);
    await putLink({ kind: 'invoice', syncroId: 48207, state: 'failed', reason: 'Xero said no' }, now);
    await putLink({ kind: 'invoice', syncroId: 48208, state: 'not-synced' }, now);
    await putLink({ kind: 'customer', syncroId: 48210, state: 'synced' }, now); // another kind, the same id
    const job = await enqueue('invoice', '48209', now);
    const ids = range(48195, 48235);

    const before = await expectAgreement(index, { kind: 'invoice' }, ids);
    expect(before.covered).toEqual(ids); // a small tenant: every id
    expect(before.view.status(48209)).toEqual({ state: 'pending' });
    expect(before.view.status(48210)).toEqual({ state: 'not-synced' });

    // After the index was built: the changes reach the next snapshot.
    await complete(job);
    await putLink({ kind: 'invoice', syncroId: 48209, state: 'synced', xeroUrl: url(48209) }, now + 1);
    await enqueue('invoice', '48204', now);
    await putLink({ kind: 'invoice', syncroId: 48207, state: 'synced', xeroUrl: url(48207) }, now + 2);
    await enqueue('invoice', '48300', now); // a new record, above the rest
    const after = await expectAgreement(index, { kind: 'invoice' }, [...ids, 48300]);
    expect(after.view.status(48209)).toMatchObject({ state: 'synced', xeroUrl: url(48209) });
    expect(after.view.status(48204)).toEqual({ state: 'pending' });
    expect(after.view.status(48300)).toEqual({ state: 'pending' });

    await saveSettings({ ...(await loadSettings()), disablePurchaseOrderSync: true });
    await putLink({ kind: 'purchase_order', syncroId: 903, state: 'synced' }, now);
    const off = await expectAgreement(index, { kind: 'purchase_order' }, [901, 903, 905]);
    expect(off.view.status(903)).toEqual({ state: 'off', reason: expect.stringMatching(/disabled/) });
  });

  it(`covers the newest ${coveredRecords} records of a bigger tenant, and a detail page's own record below them`, {
    timeout: 120_000,
  }, async () => {
    await connectedInstall();
    const now = Date.now();
    const kind: RecordKind = 'invoice';
    const total = coveredRecords + 5;
    for (const id of range(1, total)) {
      await putLink(
        { kind, syncroId: id, state: id % 7 ? 'synced' : 'failed', xeroUrl: url(id), reason: 'x' },
        now + id,
      );
    }
    const index = badgeIndex();
    const list = await expectAgreement(index, { kind }, range(1, total));
    expect(list.covered).toEqual(range(total - coveredRecords + 1, total));

    const detail = await expectAgreement(index, { kind, id: 3 }, [3, 4]);
    expect(detail.covered).toContain(3);
    expect(detail.covered).not.toContain(4);

    // A newer record: the oldest covered one is let go.
    await enqueue(kind, String(total + 10), now);
    const grown = await expectAgreement(index, { kind }, range(1, total + 10));
    expect(grown.covered[0]).toBe(total - coveredRecords + 2);
    expect(grown.covered.at(-1)).toBe(total + 10);
  });
});
