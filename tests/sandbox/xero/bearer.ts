// Bearer-token checks for api.xero.com: Xero's 401 bodies for unknown, revoked and expired tokens.
import { randomUUID } from 'node:crypto';
import { json, type SandboxRequest, type SandboxResponse } from '../http.ts';
import type { Grant, IdentityState } from './identity.ts';

function unauthorized(detail: string, description: string): SandboxResponse {
  return json(
    401,
    { Type: null, Title: 'Unauthorized', Status: 401, Detail: detail, Instance: randomUUID(), Extensions: {} },
    { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` },
  );
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
