// Every earlier schema version upgrades to the latest with its data intact.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../lib/settings.ts';
import { dbVersion, openDatabase } from '../../lib/storage/db.ts';

const storesAt: Record<number, string[]> = {
  1: ['meta', 'secrets', 'settings'],
  2: ['cursors', 'jobs', 'links', 'log', 'meta', 'reconcile', 'secrets', 'settings'],
  3: ['cursors', 'jobs', 'links', 'log', 'meta', 'reconcile', 'secrets', 'settings'],
  4: ['cursors', 'imports', 'jobs', 'links', 'log', 'meta', 'secrets', 'settings'],
  // The working state moved to one database per pair (tests/unit/pair-migration.test.ts); its old stores stay.
  5: ['cursors', 'imports', 'jobs', 'links', 'log', 'meta', 'secrets', 'settings'],
};

describe('IndexedDB schema', () => {
  it('knows the stores of every version', () => {
    expect(Object.keys(storesAt).map(Number)).toEqual(Array.from({ length: dbVersion }, (_, i) => i + 1));
  });

  it.each(Array.from({ length: dbVersion }, (_, i) => i + 1))('creates version %i from nothing', async (version) => {
    const db = await openDatabase(version, `fresh-${version}`);
    expect([...db.objectStoreNames].sort()).toEqual(storesAt[version]);
    db.close();
  });

  it.each(Array.from({ length: dbVersion - 1 }, (_, i) => i + 1))(
    'upgrades version %i to the latest, keeping settings and secrets',
    async (from) => {
      const name = `upgrade-from-${from}`;
      const old = await openDatabase(from, name);
      await old.put('settings', { ...defaultSettings, importPayments: true, version: 1 }, 'settings');
      await old.put('secrets', { subdomain: 'acme', token: 'demo-token' }, 'syncro');
      old.close();

      const db = await openDatabase(dbVersion, name);
      expect([...db.objectStoreNames].sort()).toEqual(storesAt[dbVersion]);
      expect((await db.get('settings', 'settings'))?.importPayments).toBe(true);
      expect(await db.get('secrets', 'syncro')).toEqual({ subdomain: 'acme', token: 'demo-token' });
      await db.add('jobs', {
        kind: 'sync-all',
        key: 'all',
        state: 'pending',
        attempts: 0,
        nextAttemptAt: 0,
        createdAt: 0,
      });
      expect(await db.countFromIndex('jobs', 'byState', 'pending')).toBe(1);
      db.close();
    },
  );
});
