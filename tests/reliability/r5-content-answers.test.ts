// R5: what a Syncro page can get from the background — through every content verb and the badge port, its
// snapshots included — never holds a secret: no Syncro token, no Xero access, refresh or id token, whatever it
// asks about.
import { expect, it } from 'vitest';
import { badgeIndex } from '../../lib/background/badge-index.ts';
import {
  answerResync,
  answerStatuses,
  answerViewed,
  snapshotFor,
  statusesFor,
} from '../../lib/background/content-api.ts';
import { pageBudget, tabAllowance } from '../../lib/background/tab-limits.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { loadGrant, loadSyncro } from '../../lib/storage/store.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from '../adapters/harness.ts';

useSandbox();
const locks = processLocks();

it('no content verb nor badge update carries a token, before or after a sync, for any record', {
  timeout: 60_000,
}, async () => {
  await connectedInstall();
  const grant = await loadGrant();
  const syncro = await loadSyncro();
  const secrets = [grant?.accessToken, grant?.refreshToken, syncro?.token].filter((secret): secret is string =>
    Boolean(secret && secret.length > 8),
  );
  expect(secrets).toHaveLength(3);
  const records = [
    { kind: 'invoice' as const, id: 48204, number: '1004' },
    { kind: 'invoice' as const, id: 48212, number: '1012' },
    { kind: 'purchase_order' as const, id: 903, number: 'PO-1003' },
    { kind: 'invoice' as const, id: 99999999 },
  ];
  const answers: unknown[] = [];
  const budget = pageBudget(tabAllowance(), 1);
  const index = badgeIndex();
  const ask = async () => {
    answers.push(await snapshotFor({ kind: 'invoice' }, undefined, index));
    answers.push(await snapshotFor({ kind: 'purchase_order', id: 903 }, undefined, index));
    answers.push(await statusesFor(records, undefined, budget, index));
    answers.push(await answerStatuses({ type: 'statuses', records }, undefined, budget));
    answers.push(await statusesFor(records, undefined, budget));
    answers.push(
      await answerViewed({ type: 'viewed', record: records[0] as (typeof records)[0] }, () => undefined, budget),
    );
    answers.push(await answerResync({ type: 'resync', records }, () => undefined, budget));
  };
  await ask();
  await enqueue('sync-all', 'all', Date.now());
  await runUntilIdle(locks);
  await ask();
  const text = JSON.stringify(answers);
  expect(text).toContain('synced'); // the answers are real: statuses after the sync
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/eyJ[\w-]+\./); // no JWT of any kind
});
