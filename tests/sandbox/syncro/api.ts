// `/api/v1` of one Syncro account: token auth, per-endpoint permissions, then the route handlers.

import { json, parseBody, type SandboxRequest, type SandboxResponse } from '../http.ts';
import { notFound } from './api-kit.ts';
import { routes } from './api-routes.ts';
import type { Account, ApiToken } from './store.ts';

/** Syncro accepts `Authorization: Bearer T`, a raw `Authorization: T`, or `?api_key=T` (research §1.1). */
function presentedToken(req: SandboxRequest): string | undefined {
  const header = req.headers.authorization?.trim();
  if (header) return header.replace(/^bearer\s+/i, '');
  return req.query.get('api_key') ?? undefined;
}

function hasPermission(token: ApiToken, permission: string | null): boolean {
  return permission === null || token.permissions === 'all' || token.permissions.has(permission);
}

export function handleApi(
  req: SandboxRequest,
  account: Account | undefined,
  path: string,
  now: number,
): SandboxResponse {
  if (!account) return notFound();
  const token = account.tokens.get(presentedToken(req) ?? '');
  if (!token || token.expired) return json(401, { error: 'Unauthorized' });
  for (const route of routes) {
    const match = route.path.exec(path);
    if (!match || route.method !== req.method) continue;
    if (!hasPermission(token, route.permission)) {
      // The wording of the swagger's permission error example; the status is the 403 clients see ([TEST]).
      return json(403, { error: 'Not authorized. Please ask account admin to update your group permissions.' });
    }
    let body: unknown;
    try {
      body = parseBody(req);
    } catch {
      return json(400, { error: 'Invalid JSON body' });
    }
    return route.handle({ req, account, token, params: match.slice(1), body, now });
  }
  return notFound();
}
