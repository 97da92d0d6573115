export interface Organisation {
  tenantId: string;
  name: string;
}

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
  /** The Xero user who connected, from the id token's claims at connect time (absent for older grants). */
  connectedBy?: XeroUser;
  state: 'connected' | 'reconnect-needed';
  reconnectReason?: string;
}

/** Who signed in to Xero: `profile` gives the name, `email` the address (each absent when Xero sent none). */
export interface XeroUser {
  name?: string;
  email?: string;
}

/**
 * The user from an id token's claims: `name`, else `given_name` and `family_name` (the OIDC claims Xero's
 * `profile` scope carries: first and last name), and `email`. Claims that are not non-empty strings are left out.
 */
export function xeroUserFromClaims(claims: Record<string, unknown> | undefined): XeroUser {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const name =
    text(claims?.name) ?? text([text(claims?.given_name), text(claims?.family_name)].filter(Boolean).join(' '));
  const email = text(claims?.email);
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** "Jane Doe <jane@example.com>", or what Xero did not say. */
export function describeXeroUser(user: XeroUser | undefined): string {
  if (!user) return 'a Xero user not recorded (connect again to see who)';
  if (user.name && user.email) return `${user.name} <${user.email}>`;
  if (user.name) return `${user.name} (Xero sent no email address)`;
  if (user.email) return `${user.email} (Xero sent no name)`;
  return 'a Xero user whose name and email Xero did not send';
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
