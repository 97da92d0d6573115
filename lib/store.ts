// Typed reads and writes of the background's state. Secrets stay in this origin's IndexedDB.
import { recordsChanged } from './change-feed.ts';
import { database, type SyncroConnection } from './db.ts';
import { defaultSettings, type Settings } from './settings.ts';
import type { XeroGrant } from './xero/grant.ts';

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
}

/** Forgets the Syncro token and subdomain; queued work stays and waits ("Syncro is not connected"). */
export async function forgetSyncro(): Promise<void> {
  await (await database()).delete('secrets', 'syncro');
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
  for (const listener of grantListeners) listener(grant);
}

export async function forgetGrant(): Promise<void> {
  await (await database()).delete('secrets', 'xero');
  for (const listener of grantListeners) listener(undefined);
}

export async function readMeta<T>(key: string): Promise<T | undefined> {
  return (await (await database()).get('meta', key)) as T | undefined;
}

export async function writeMeta(key: string, value: unknown): Promise<void> {
  await (await database()).put('meta', value, key);
}

export async function countRecords(): Promise<{ pending: number; failed: number; skipped: number }> {
  const db = await database();
  const [pendingJobs, runningJobs, failed, skipped] = await Promise.all([
    db.countFromIndex('jobs', 'byState', 'pending'),
    db.countFromIndex('jobs', 'byState', 'running'),
    db.countFromIndex('links', 'byState', 'failed'),
    db.countFromIndex('links', 'byState', 'skipped'),
  ]);
  return { pending: pendingJobs + runningJobs, failed, skipped };
}
