// "Disconnect Syncro": the token is forgotten, queued work is kept and waits, and nothing reaches Syncro until a
// token is saved again.
import { describe, expect, it } from 'vitest';
import { enqueue } from '../../lib/storage/outbox.ts';
import { countRecords, loadSyncro, saveSyncro } from '../../lib/storage/store.ts';
import { runOutbox } from '../../lib/sync/runner.ts';
import { connectedInstall, processLocks, testPopup, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

function popup(onSyncroForgotten?: () => Promise<void>) {
  return testPopup(onSyncroForgotten ? { onSyncroForgotten } : {});
}

describe('"Disconnect Syncro"', () => {
  it('forgets the token, keeps the queued work, which waits: no call reaches Syncro', async () => {
    await connectedInstall();
    await enqueue('invoice', '48201', Date.now());
    let forgotten = 0;
    const answer = await popup(async () => {
      forgotten++;
    })['syncro.disconnect']({ type: 'syncro.disconnect' });

    expect(answer).toEqual({
      ok: true,
      message:
        'Disconnected from acme.syncromsp.com: the API token is forgotten. 1 queued record waits until Syncro is connected again.',
    });
    expect(await loadSyncro()).toBeUndefined();
    expect(forgotten).toBe(1);
    const status = await popup().status({ type: 'status' });
    expect(status.syncro).toEqual({ connected: false });

    const before = await admin().requests({ host: 'acme.syncromsp.com' });
    const run = await runOutbox(Date.now, locks);
    expect(run.stoppedBecause).toBe('Syncro is not connected.');
    expect(await admin().requests({ host: 'acme.syncromsp.com', sinceSeq: before.at(-1)?.seq ?? 0 })).toEqual([]);
    // Without Syncro there is no pair, so nothing is counted; the same account connected again finds its queue.
    expect((await countRecords()).pending).toBe(0);
    await saveSyncro({ subdomain: 'acme', token: 'demo-token' });
    expect((await countRecords()).pending).toBe(1);
  });

  it('says so when Syncro was not connected', async () => {
    await connectedInstall();
    await popup()['syncro.disconnect']({ type: 'syncro.disconnect' });
    expect(await popup()['syncro.disconnect']({ type: 'syncro.disconnect' })).toEqual({
      ok: true,
      message: 'Syncro was not connected.',
    });
  });
});
