// The scope migration: a profile of version 4 kept the working state of its one pair in the global database; the
// first pair opened after the upgrade takes all of it, and no other pair ever sees it.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job, LegacyDb, Link, LogEntry, PaymentImport } from '../../lib/storage/db.ts';
import type { XeroGrant } from '../../lib/xero/grant.ts';

const acme = { subdomain: 'acme', token: 'acme-token', userName: 'Demo Tech' };
const tenantId = 'a0000000-0001-4000-8000-000000000001';
const grant: XeroGrant = {
  clientId: 'client',
  accessToken: 'access',
  accessExpiresAt: 1,
  refreshToken: 'refresh',
  refreshExpiresAt: 2,
  scope: 'offline_access',
  organisations: [{ tenantId, name: 'Demo Company (NZ)' }],
  tenantId,
  organisationName: 'Demo Company (NZ)',
  state: 'connected',
};

const jobs: Job[] = [
  { id: 3, kind: 'invoice', key: '48201', state: 'pending', attempts: 0, nextAttemptAt: 10, createdAt: 10 },
  { id: 7, kind: 'payment-poll', key: 'all', state: 'failed', attempts: 8, nextAttemptAt: 20, createdAt: 5 },
];
const links: Link[] = [
  { key: 'invoice:48201', kind: 'invoice', syncroId: 48201, xeroId: 'x-1', state: 'synced', updatedAt: 1 },
  { key: 'customer:2001', kind: 'customer', syncroId: 2001, xeroId: 'c-1', state: 'synced', updatedAt: 1 },
];
const cursors = [{ key: 'invoices.since_updated_at', value: '2024-05-01T00:00:00Z' }];
const imports: PaymentImport[] = [
  {
    paymentId: 'p-1',
    state: 'listed',
    amountCents: 5000,
    date: '2024-05-02',
    customerName: 'Acme Ltd',
    attempts: 0,
    updatedAt: 1,
  },
];
const log: LogEntry[] = [{ id: 1, at: 1, level: 'info', subject: 'invoice:48201', message: 'pushed' }];
/** What version 4 kept in the global meta: the pair's progress, and what belongs to the install. */
const pairMeta = { backfill: { total: 30, startedAt: 1 }, 'last-poll': 99, 'job-problem': { job: 'changes' } };
const installMeta = { installId: 'install-1', 'rate-window:syncro': { calls: [1], pausedUntil: 0 } };

/** A profile as version 4 left it: both connections, and the working state in the global database. */
async function version4Profile(connections: { syncro?: boolean; xero?: boolean } = { syncro: true, xero: true }) {
  const { openDatabase } = await import('../../lib/storage/db.ts');
  const old = await openDatabase(4);
  if (connections.syncro) await old.put('secrets', acme, 'syncro');
  if (connections.xero) await old.put('secrets', grant, 'xero');
  for (const job of jobs) await old.put('jobs', job);
  for (const link of links) await old.put('links', link);
  for (const cursor of cursors) await old.put('cursors', cursor);
  for (const entry of imports) await old.put('imports', entry);
  for (const entry of log) await old.put('log', entry);
  for (const [key, value] of Object.entries({ ...pairMeta, ...installMeta })) await old.put('meta', value, key);
  old.close();
}

const workingStores = ['jobs', 'links', 'cursors', 'imports', 'log'] as const;

async function legacyCounts(global: LegacyDb): Promise<number[]> {
  return Promise.all(workingStores.map((store) => global.count(store)));
}

beforeEach(() => {
  // A new browser profile for each test, and modules that have opened nothing in it yet.
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
});

describe('moving the working state of version 4 into the pair', () => {
  it('puts every record into the current pair, leaves none behind, and shows none to another pair', async () => {
    await version4Profile();
    const { legacyDatabase, dbVersion } = await import('../../lib/storage/db.ts');
    const { pairDatabase, lastPair, pairDbName } = await import('../../lib/storage/pair.ts');
    const { readMeta, saveSyncro, countRecords } = await import('../../lib/storage/store.ts');

    const pair = await pairDatabase();
    expect(pair.name).toBe(pairDbName({ subdomain: 'acme', tenantId }));
    expect(await pair.getAll('jobs')).toEqual(jobs);
    expect(await pair.getAll('links')).toEqual([...links].sort((a, b) => a.key.localeCompare(b.key)));
    expect(await pair.getAll('cursors')).toEqual(cursors);
    expect(await pair.getAll('imports')).toEqual(imports);
    expect(await pair.getAll('log')).toEqual(log);
    for (const [key, value] of Object.entries(pairMeta)) expect(await pair.get('meta', key)).toEqual(value);
    // The queue goes on numbering after the jobs it took over.
    const { complete, enqueue } = await import('../../lib/storage/outbox.ts');
    const queued = await enqueue('customer', '2001', 30);
    expect(queued.id).toBe(8);
    await complete(queued);

    const global = await legacyDatabase();
    expect(global.version).toBe(dbVersion);
    expect(await legacyCounts(global)).toEqual([0, 0, 0, 0, 0]);
    for (const key of Object.keys(pairMeta)) expect(await readMeta(key)).toBeUndefined();
    for (const [key, value] of Object.entries(installMeta)) expect(await readMeta(key)).toEqual(value);
    expect(await global.get('secrets', 'syncro')).toEqual(acme);
    expect(await lastPair()).toEqual({ subdomain: 'acme', tenantId, organisationName: 'Demo Company (NZ)' });

    // Another Syncro account with the same organisation: a pair of its own, with nothing of acme's.
    await saveSyncro({ subdomain: 'beta', token: 'beta-token' });
    const beta = await pairDatabase();
    expect(beta.name).toBe(pairDbName({ subdomain: 'beta', tenantId }));
    expect(await Promise.all(workingStores.map((store) => beta.count(store)))).toEqual([0, 0, 0, 0, 0]);
    expect(await beta.getAllKeys('meta')).toEqual([]);
    expect(await countRecords()).toEqual({ pending: 0, failed: 0, skipped: 0 });

    // Back to acme: all of it is there.
    await saveSyncro(acme);
    expect(await countRecords()).toEqual({ pending: 1, failed: 0, skipped: 0 }); // the pending job (the other failed)
    expect(await (await pairDatabase()).count('links')).toBe(links.length);
  });

  it('waits while no pair is complete, then goes to the first pair that forms', async () => {
    await version4Profile({ syncro: true });
    const { legacyDatabase } = await import('../../lib/storage/db.ts');
    const { pairDatabase, NotPairedError } = await import('../../lib/storage/pair.ts');
    const { countRecords, saveGrant } = await import('../../lib/storage/store.ts');
    const { getLinks } = await import('../../lib/storage/links.ts');
    const { enqueue } = await import('../../lib/storage/outbox.ts');

    // Readers answer "nothing", writers refuse, saying what is missing; the old records stay where they are.
    expect(await countRecords()).toEqual({ pending: 0, failed: 0, skipped: 0 });
    expect(await getLinks(['invoice:48201'])).toEqual(new Map());
    await expect(enqueue('invoice', '1', 0)).rejects.toThrow(NotPairedError);
    await expect(pairDatabase()).rejects.toThrow('Xero is not connected.');
    expect(await legacyCounts(await legacyDatabase())).toEqual([2, 2, 1, 1, 1]);

    await saveGrant(grant);
    expect((await getLinks(['invoice:48201'])).get('invoice:48201')?.xeroId).toBe('x-1');
    expect(await legacyCounts(await legacyDatabase())).toEqual([0, 0, 0, 0, 0]);
  });

  it('finishes a move cut short in the pair it started for, not in another', async () => {
    await version4Profile();
    const { legacyDatabase } = await import('../../lib/storage/db.ts');
    const { pairDatabase, pairDbName } = await import('../../lib/storage/pair.ts');
    const { legacyStateKey } = await import('../../lib/storage/pair-legacy.ts');
    const { saveSyncro } = await import('../../lib/storage/store.ts');
    // A worker stopped after copying the jobs to acme's pair and clearing them here, then beta was connected.
    const global = await legacyDatabase();
    await global.put('meta', { movingTo: pairDbName({ subdomain: 'acme', tenantId }) }, legacyStateKey);
    await global.clear('jobs');
    await saveSyncro({ subdomain: 'beta', token: 'beta-token' });

    expect(await (await pairDatabase()).count('links')).toBe(0);
    expect(await legacyCounts(global)).toEqual([0, 2, 1, 1, 1]);

    await saveSyncro(acme);
    const pair = await pairDatabase();
    expect(await pair.getAll('links')).toHaveLength(links.length);
    expect(await legacyCounts(global)).toEqual([0, 0, 0, 0, 0]);
    expect(await global.get('meta', legacyStateKey)).toMatchObject({ movedTo: pair.name });
  });
});
