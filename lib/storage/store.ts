// Typed reads and writes of the background's global state: settings, secrets and install-wide meta. Secrets stay
// in this origin's IndexedDB. The connections decide the pair whose working state is in use (lib/storage/pair.ts).
import { recordsChanged } from '../change-feed.ts';
import { defaultSettings, type Settings } from '../settings.ts';
import type { XeroGrant } from '../xero/grant.ts';
import { database, type SyncroConnection } from './db.ts';
import { pairMayHaveChanged, readPaired } from './pair.ts';

const settingsVersion = 1;

export async function loadSettings(): Promise<Settings> {
  const stored = await (await database()).get('settings', 'settings');
  const { version: _version, ...settings } = stored ?? { ...defaultSettings, version: settingsVersion };
  return { ...defaultSettings, ...settings };
}

export async function saveSettings(settings: Settings): Promise<void> {
  await (await database()).put('settings', { ...settings, version: settingsVersion }, 'settings');
  recordsChanged('all'); // a switch such as PO syncing changes what every badge says
}

export async function loadSyncro(): Promise<SyncroConnection | undefined> {
  return (await (await database()).get('secrets', 'syncro')) as SyncroConnection | undefined;
}

export async function saveSyncro(connection: SyncroConnection): Promise<void> {
  await (await database()).put('secrets', connection, 'syncro');
  pairMayHaveChanged();
}

/** Forgets the Syncro token and subdomain; queued work stays and waits ("Syncro is not connected"). */
export async function forgetSyncro(): Promise<void> {
  await (await database()).delete('secrets', 'syncro');
  pairMayHaveChanged();
  recordsChanged('all'); // without a pair, no record has a status to show
}

export async function loadGrant(): Promise<XeroGrant | undefined> {
  return (await (await database()).get('secrets', 'xero')) as XeroGrant | undefined;
}

type GrantListener = (grant: XeroGrant | undefined) => void;
const grantListeners = new Set<GrantListener>();

/** Called after every change of the Xero grant in this context (the action icon shows the state). */
export function onGrantChange(listener: GrantListener): () => void {
  grantListeners.add(listener);
  return () => grantListeners.delete(listener);
}

export async function saveGrant(grant: XeroGrant): Promise<void> {
  await (await database()).put('secrets', grant, 'xero');
  pairMayHaveChanged();
  for (const listener of grantListeners) listener(grant);
}

export async function forgetGrant(): Promise<void> {
  await (await database()).delete('secrets', 'xero');
  pairMayHaveChanged();
  for (const listener of grantListeners) listener(undefined);
}

/**
 * Install-wide meta: the install's id, and the call budgets (rate windows, keyed by system and, for Xero, by
 * organisation; Xero's calls left today), which follow the systems called, not the pair. A pair's progress is in
 * its own meta (lib/storage/pair.ts, readPairMeta).
 */
export async function readMeta<T>(key: string): Promise<T | undefined> {
  return (await (await database()).get('meta', key)) as T | undefined;
}

export async function writeMeta(key: string, value: unknown): Promise<void> {
  await (await database()).put('meta', value, key);
}

/** The current pair's queue and problems; all zero while there is no pair. */
export function countRecords(): Promise<{ pending: number; failed: number; skipped: number }> {
  return readPaired(
    async (db) => {
      const [pendingJobs, runningJobs, failed, skipped] = await Promise.all([
        db.countFromIndex('jobs', 'byState', 'pending'),
        db.countFromIndex('jobs', 'byState', 'running'),
        db.countFromIndex('links', 'byState', 'failed'),
        db.countFromIndex('links', 'byState', 'skipped'),
      ]);
      return { pending: pendingJobs + runningJobs, failed, skipped };
    },
    { pending: 0, failed: 0, skipped: 0 },
  );
}
