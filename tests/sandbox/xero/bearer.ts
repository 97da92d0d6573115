// Bearer-token checks for api.xero.com: Xero's 401 bodies for unknown, revoked and expired tokens, and for a
// token without the scope a call needs.
import { randomUUID } from 'node:crypto';
import { json, type SandboxRequest, type SandboxResponse } from '../http.ts';
import type { Grant, IdentityState } from './identity.ts';

// Body as quoted in freakboy3742/pyxero#337 (`"Detail":"TokenExpired: token expired at 04/09/2023 05:16:59"`; the fake
// writes the time as ISO). Undocumented: the `www-authenticate` header and the AuthenticationUnsuccessful Detail
// for an unknown token.
function unauthorized(detail: string, description: string): SandboxResponse {
  return json(
    401,
    { Type: null, Title: 'Unauthorized', Status: 401, Detail: detail, Instance: randomUUID(), Extensions: {} },
    { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` },
  );
}

/**
 * A valid token whose grant lacks the call's scope: 401 (not 403) with Detail `AuthorizationUnsuccessful`, as
 * Xero answers GET /Accounts without accounting.settings (XeroAPI/Xero-NetStandard#178) and the Assets API
 * without its scope (XeroAPI/Xero-NetStandard#298, XeroAPI/xero-ruby-oauth2-app#82). No `www-authenticate`
 * hint is documented, so the fake sends none: the Detail is the only thing telling it from a dead token.
 */
export function insufficientScope(): SandboxResponse {
  return json(401, {
    Type: null,
    Title: 'Unauthorized',
    Status: 401,
    Detail: 'AuthorizationUnsuccessful',
    Instance: randomUUID(),
    Extensions: {},
  });
}

/** The grant behind `Authorization: Bearer …`, or Xero's 401. */
export function authenticate(state: IdentityState, req: SandboxRequest, now: number): Grant | SandboxResponse {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const access = bearer ? state.accessTokens.get(bearer) : undefined;
  const grant = access ? state.grants.get(access.grantId) : undefined;
  if (!access || !grant || grant.revoked) return unauthorized('AuthenticationUnsuccessful', 'The token is invalid');
  if (access.expiresMs <= now) {
    const at = new Date(access.expiresMs).toISOString();
    return unauthorized(`TokenExpired: token expired at ${at}`, `The token expired at '${at}'`);
  }
  return grant;
}
