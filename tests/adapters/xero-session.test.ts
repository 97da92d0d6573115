// The token lifecycle as the extension lives it: stored grant, refresh near expiry, one refresh for many
// callers, reconnect-needed on a revoked grant with queued work kept.
import { beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../lib/storage/outbox.ts';
import { countRecords, loadGrant, onGrantChange, saveGrant, saveSyncro } from '../../lib/storage/store.ts';
import type { XeroGrant } from '../../lib/xero/grant.ts';
import { refreshTokenLifetimeMs } from '../../lib/xero/grant.ts';
import { ReconnectNeeded, refreshLockName, xeroSession } from '../../lib/xero/session.ts';
import { clientId, processLocks, signIn, testPopup, useSandbox } from './harness.ts';
import { forgetInstallState } from './install.ts';

const { admin } = useSandbox();
const locks = processLocks();

async function connect(overrides: Partial<XeroGrant> = {}): Promise<XeroGrant> {
  const tokens = await signIn();
  const grant: XeroGrant = {
    clientId,
    ...tokens,
    refreshExpiresAt: Date.now() + refreshTokenLifetimeMs,
    organisations: [{ tenantId: 'a0000000-0001-4000-8000-000000000001', name: 'Acme MSP Ltd' }],
    tenantId: 'a0000000-0001-4000-8000-000000000001',
    state: 'connected',
    ...overrides,
  };
  await saveGrant(grant);
  return grant;
}

const refreshCalls = async () =>
  (await admin().requests({ host: 'identity.xero.com', pathIncludes: '/connect/token' })).filter((request) =>
    request.body.includes('grant_type=refresh_token'),
  );

beforeEach(forgetInstallState);

describe('xeroSession', () => {
  it('hands out the stored token while it is fresh, without calling Xero', async () => {
    const grant = await connect();
    const session = await xeroSession({ locks });
    expect(session).toEqual({ accessToken: grant.accessToken, tenantId: grant.tenantId });
    expect(await refreshCalls()).toHaveLength(0);
  });

  it('refreshes near expiry and stores the rotated refresh token', async () => {
    const grant = await connect({ accessExpiresAt: Date.now() + 30_000 });
    const session = await xeroSession({ locks });
    expect(session.accessToken).not.toBe(grant.accessToken);
    const stored = await loadGrant();
    expect(stored?.refreshToken).not.toBe(grant.refreshToken);
    expect(stored?.accessToken).toBe(session.accessToken);
  });

  it('refreshes once for many simultaneous callers', async () => {
    await connect({ accessExpiresAt: Date.now() - 1000 });
    const sessions = await Promise.all(Array.from({ length: 8 }, () => xeroSession({ locks })));
    expect(new Set(sessions.map((session) => session.accessToken)).size).toBe(1);
    expect(await refreshCalls()).toHaveLength(1);
  });

  it('puts a revoked grant into reconnect-needed and keeps queued work', async () => {
    await connect({ accessExpiresAt: Date.now() - 1000 });
    await saveSyncro({ subdomain: 'acme', token: 'demo-token' }); // the queue is the pair's
    await enqueue('sync-all', 'all', Date.now());
    await admin().admin('POST', '/xero/revoke-all');
    await expect(xeroSession({ locks })).rejects.toThrow(ReconnectNeeded);
    const stored = await loadGrant();
    expect(stored?.state).toBe('reconnect-needed');
    expect(stored?.reconnectReason).toMatch(/Connect to Xero again/);
    expect((await countRecords()).pending).toBe(1);
    await expect(xeroSession({ locks })).rejects.toThrow(ReconnectNeeded); // no retry storm: no new call
    expect(await refreshCalls()).toHaveLength(1);
  });

  it('keeps the grant when the refresh fails for a passing reason', async () => {
    const grant = await connect({ accessExpiresAt: Date.now() - 1000 });
    await admin().fault({ target: 'identity', status: 503 });
    await expect(xeroSession({ locks })).rejects.toThrow();
    expect(await loadGrant()).toMatchObject({ state: 'connected', refreshToken: grant.refreshToken });
    await expect(xeroSession({ locks })).resolves.toBeTruthy();
  });

  it('says Xero is not connected when there is no grant', async () => {
    await expect(xeroSession({ locks })).rejects.toThrow(/not connected/);
  });
});

describe('writes of the grant', () => {
  // The browser's one lock manager, shared by the session and the popup's verbs, telling when the lock is taken.
  const taken: string[] = [];
  const shared = processLocks();
  const recording: Pick<LockManager, 'request'> = {
    request: ((name: string, ...args: unknown[]) => {
      const callback = args.at(-1) as (lock: unknown) => Promise<unknown>;
      return shared.request(name, (lock) => {
        taken.push(name);
        return callback(lock);
      });
    }) as LockManager['request'],
  };
  Object.defineProperty(globalThis, 'navigator', { value: { locks: recording }, configurable: true });
  const popup = testPopup({ defaultClientId: clientId });

  it('a refresh racing a disconnect ends disconnected, and the rotated refresh token is the one revoked', async () => {
    await connect({ accessExpiresAt: Date.now() - 1000 });
    const saved: string[] = [];
    const stop = onGrantChange((grant) => saved.push(grant?.refreshToken ?? 'forgotten'));
    // The refresh is slow to answer, so the disconnect arrives while it is in flight.
    await admin().fault({ target: 'identity', pathIncludes: '/connect/token', latencyMs: 400 });
    taken.length = 0;
    const refreshing = xeroSession();
    while (!taken.includes(refreshLockName)) await new Promise((resolve) => setTimeout(resolve, 5));
    const disconnected = await popup['xero.disconnect']({ type: 'xero.disconnect' });
    await refreshing.catch(() => undefined);
    stop();

    expect(disconnected).toMatchObject({ ok: true, message: 'Disconnected from Xero.' });
    expect(await loadGrant()).toBeUndefined();
    expect(saved.at(-1)).toBe('forgotten');
    const rotated = saved[0] as string;
    const revoked = await admin().requests({ host: 'identity.xero.com', pathIncludes: '/connect/revocation' });
    expect(revoked.map((request) => new URLSearchParams(request.body).get('token'))).toEqual([rotated]);
    await expect(xeroSession()).rejects.toThrow(/not connected/);
  });

  it('a refresh waiting behind a disconnect finds no grant and brings none back', async () => {
    await connect({ accessExpiresAt: Date.now() - 1000 });
    const [disconnected, refreshed] = await Promise.allSettled([
      popup['xero.disconnect']({ type: 'xero.disconnect' }),
      xeroSession({ forceRefresh: true }),
    ]);
    expect(disconnected).toMatchObject({ status: 'fulfilled', value: { ok: true } });
    expect(refreshed.status).toBe('rejected');
    expect(await loadGrant()).toBeUndefined();
  });

  it('choosing an organisation right after a refresh stores the choice with the live refresh token (the lock is not taken twice)', async () => {
    await connect({ accessExpiresAt: Date.now() - 1000 });
    await admin().fault({ target: 'identity', pathIncludes: '/connect/token', latencyMs: 200 });
    const chosen = await popup['xero.chooseOrganisation']({
      type: 'xero.chooseOrganisation',
      tenantId: 'a0000000-0001-4000-8000-000000000001',
    });
    expect(chosen).toMatchObject({ ok: true });
    const stored = await loadGrant();
    expect(stored).toMatchObject({ state: 'connected', organisationName: expect.any(String) });
    // The stored refresh token is the live one: the next refresh succeeds.
    await expect(xeroSession({ forceRefresh: true })).resolves.toMatchObject({ tenantId: stored?.tenantId });
  });
});
