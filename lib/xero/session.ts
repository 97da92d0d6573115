// The Xero session: hands out a valid access token, refreshing it when it nears expiry. Refresh tokens
// rotate, so exactly one refresh may run at a time across the worker and every extension page: a Web Lock
// serialises them, and whoever gets the lock re-reads the grant first (another context may have refreshed).
// The new refresh token is stored before anything uses it. Every other write of the grant takes the same lock
// (underGrantLock). A refused grant puts the extension into "reconnect needed" and keeps everything else (queued
// work included).
import { loadGrant, saveGrant } from '../storage/store.ts';
import { refreshTokens, XeroGrantError } from './auth.ts';
import { refreshTokenLifetimeMs, type XeroGrant } from './grant.ts';

export const refreshLockName = 'syncro-xero:xero-refresh';
/** Refresh this long before the access token expires, so a call never starts with a dying token. */
const expiryMarginMs = 120_000;

export class ReconnectNeeded extends Error {}

export interface Session {
  accessToken: string;
  tenantId: string;
}

export interface SessionOptions {
  /** Refresh even if the access token looks valid (Xero just answered 401). */
  forceRefresh?: boolean;
  /** The lock manager: the browser's Web Locks, unless a test in Node 20 (which has none) brings one. */
  locks?: Pick<LockManager, 'request'>;
}

export async function xeroSession(options: SessionOptions = {}): Promise<Session> {
  return sessionOf(await freshGrant(options));
}

/**
 * The grant with an access token that is not about to expire, refreshed if need be; unlike xeroSession it needs
 * no organisation chosen (choosing one calls Xero with it).
 */
export async function freshGrant(options: SessionOptions = {}): Promise<XeroGrant> {
  const current = await usableGrant();
  if (!options.forceRefresh && current.accessExpiresAt - Date.now() > expiryMarginMs) return current;
  const staleToken = current.accessToken;
  return underGrantLock(async () => {
    const grant = await usableGrant();
    const refreshedMeanwhile = grant.accessToken !== staleToken;
    if (refreshedMeanwhile && grant.accessExpiresAt - Date.now() > expiryMarginMs) return grant;
    try {
      const tokens = await refreshTokens(grant.clientId, grant.refreshToken, Date.now());
      const renewed: XeroGrant = { ...grant, ...tokens, refreshExpiresAt: Date.now() + refreshTokenLifetimeMs };
      await saveGrant(renewed);
      return renewed;
    } catch (error) {
      if (!(error instanceof XeroGrantError)) throw error; // network trouble: retry later, grant intact
      const lapsed: XeroGrant = {
        ...grant,
        state: 'reconnect-needed',
        reconnectReason: `Xero ended the connection (${error.message}) Connect to Xero again; queued work is kept.`,
      };
      await saveGrant(lapsed);
      throw new ReconnectNeeded(lapsed.reconnectReason);
    }
  }, options.locks);
}

/**
 * Every write of the grant (a refresh, connecting, choosing an organisation, disconnecting) runs here: under the
 * refresh lock, from the grant as stored once the lock is held. So no write overwrites another's, and a refresh
 * in flight can neither undo a change nor bring back a disconnected grant. Never call xeroSession inside `work`:
 * Web Locks are not re-entrant.
 */
export function underGrantLock<T>(
  work: (grant: XeroGrant | undefined) => Promise<T>,
  locks: Pick<LockManager, 'request'> = navigator.locks,
): Promise<T> {
  return locks.request(refreshLockName, async () => work(await loadGrant())) as Promise<T>;
}

async function usableGrant(): Promise<XeroGrant> {
  const grant = await loadGrant();
  if (!grant) throw new ReconnectNeeded('Xero is not connected.');
  if (grant.state !== 'connected') throw new ReconnectNeeded(grant.reconnectReason ?? 'Reconnect to Xero needed.');
  return grant;
}

function sessionOf(grant: XeroGrant): Session {
  if (!grant.tenantId) throw new ReconnectNeeded('Choose a Xero organisation.');
  return { accessToken: grant.accessToken, tenantId: grant.tenantId };
}
