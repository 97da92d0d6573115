import type { Organisation } from '../messages.ts';

/** A Xero authorisation as stored in the background's IndexedDB (never sent to a page). */
export interface XeroGrant {
  clientId: string;
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string;
  /** Xero refresh tokens lapse 60 days after issue unless used (each use issues a new one). */
  refreshExpiresAt: number;
  scope: string;
  organisations: Organisation[];
  tenantId?: string;
  organisationName?: string;
  baseCurrency?: string;
  state: 'connected' | 'reconnect-needed';
  reconnectReason?: string;
}

export const refreshTokenLifetimeMs = 60 * 86_400_000;
/** Warn this long before the refresh token lapses. */
export const refreshWarningMs = 7 * 86_400_000;

export function grantWarning(grant: XeroGrant, now: number): string | undefined {
  if (grant.state === 'reconnect-needed') return grant.reconnectReason ?? 'Xero needs you to connect again.';
  const left = grant.refreshExpiresAt - now;
  if (left < refreshWarningMs) {
    const days = Math.max(0, Math.floor(left / 86_400_000));
    return `The Xero connection lapses in ${days} day${days === 1 ? '' : 's'} unless the extension syncs before then: open Syncro or press "Sync now".`;
  }
  return undefined;
}
