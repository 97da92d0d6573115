// A connected install of the extension in Node (IndexedDB from fake-indexeddb), for adapter tests and
// benchmarks: sign-in against the sandbox, a Web Locks stand-in, and draining the outbox as the alarms would.
import 'fake-indexeddb/auto';
import { buildAuthorizationRequest, type ConnectTokens, exchangeCallback } from '../../lib/xero/auth.ts';
import { accountIdFor } from '../sandbox/xero/seed.ts';

/**
 * Web Locks for the code under test, as the browser gives them (Node 20 has none): one lock manager per
 * process, shared by the outbox and the token refresh, like the worker's.
 */
export function installLocks(): void {
  const scope = globalThis as { navigator?: { locks?: unknown } };
  if (scope.navigator?.locks) return;
  const locks = processLocks();
  if (scope.navigator) Object.defineProperty(scope.navigator, 'locks', { value: locks, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true });
}

export const redirectUri = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
export const clientId = 'demo-client-id';

/** What the browser's sign-in window does: follow the authorize URL to the redirect. */
export async function signInWindow(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`authorize answered ${response.status}`);
  return location;
}

export async function signIn(): Promise<ConnectTokens> {
  const request = await buildAuthorizationRequest(clientId, redirectUri);
  return exchangeCallback(clientId, redirectUri, request, await signInWindow(request.url), Date.now());
}

/** A Web Locks stand-in for Node 20 (which has none): serialises callbacks per name, in this process. */
export function processLocks(): Pick<LockManager, 'request'> {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request: ((name: string, ...args: unknown[]) => {
      const callback = args.at(-1) as (lock: unknown) => Promise<unknown>;
      const take = () => callback({ name });
      const run = (tails.get(name) ?? Promise.resolve()).then(take, take);
      tails.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    }) as LockManager['request'],
  };
}

/** Runs the outbox as the alarms would, until no job is left pending (or `limitMs` passes). */
export async function runUntilIdle(locks: Pick<LockManager, 'request'>, limitMs = 120_000): Promise<void> {
  const { runOutbox } = await import('../../lib/sync/runner.ts');
  const { nextDueAt } = await import('../../lib/storage/outbox.ts');
  // What the background registers at start (entrypoints/background.ts): the jobs the engine runs without knowing.
  const { registerJobHandlers } = await import('../../lib/jobs/handlers.ts');
  const { paymentPollJob } = await import('../../lib/payments/job.ts');
  const { driftCheckJob } = await import('../../lib/sync/drift.ts');
  registerJobHandlers([paymentPollJob, driftCheckJob]);
  const deadline = Date.now() + limitMs;
  for (;;) {
    await runOutbox(Date.now, locks);
    const next = await nextDueAt();
    if (next === undefined) return;
    if (Date.now() > deadline) throw new Error('the outbox did not drain in time');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now()) + 50));
  }
}

/**
 * Forgets what the install stored: every store of the global database (those versions up to 4 kept the working
 * state in too) and of every pair's database. A pair's database is emptied, not deleted: the code under test keeps
 * its connection open.
 */
export async function forgetInstallState(): Promise<void> {
  const { legacyDatabase, openPairDatabase } = await import('../../lib/storage/db.ts');
  const { pairMayHaveChanged } = await import('../../lib/storage/pair.ts');
  const global = await legacyDatabase();
  await Promise.all([...global.objectStoreNames].map((store) => global.clear(store)));
  pairMayHaveChanged(); // the secrets went without the store's knowing
  for (const { name } of await indexedDB.databases()) {
    if (!name?.startsWith('syncro-xero@')) continue;
    const pair = await openPairDatabase(name);
    await Promise.all([...pair.objectStoreNames].map((store) => pair.clear(store)));
    pair.close();
  }
}

/** A connected install: Xero grant, Syncro token and the usual settings, in a fresh database. */
export async function connectedInstall(settings: Partial<import('../../lib/settings.ts').Settings> = {}) {
  const { defaultSettings } = await import('../../lib/settings.ts');
  const { saveGrant, saveSettings, saveSyncro } = await import('../../lib/storage/store.ts');
  const { refreshTokenLifetimeMs } = await import('../../lib/xero/grant.ts');
  await forgetInstallState();
  const tokens = await signIn();
  const tenantId = 'a0000000-0001-4000-8000-000000000001';
  await saveGrant({
    clientId,
    ...tokens,
    refreshExpiresAt: Date.now() + refreshTokenLifetimeMs,
    organisations: [{ tenantId, name: 'Acme MSP Ltd' }],
    tenantId,
    baseCurrency: 'USD',
    state: 'connected',
  });
  await saveSyncro({ subdomain: 'acme', token: 'demo-token' });
  await saveSettings({
    ...defaultSettings,
    salesAccountCode: '200',
    purchasesAccountCode: '300',
    paymentAccountId: accountIdFor(1, '090'),
    taxableTaxType: 'OUTPUT',
    nonTaxableTaxType: 'NONE',
    purchaseTaxType: 'NONE',
    ...settings,
  });
  return tenantId;
}
