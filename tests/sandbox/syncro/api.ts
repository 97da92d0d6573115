// `/api/v1` of one Syncro account: token auth, per-endpoint permissions, then the route handlers.

import { json, parseBody, type SandboxRequest, type SandboxResponse } from '../http.ts';
import { notFound } from './api-kit.ts';
import { routes } from './api-routes.ts';
import type { Account, ApiToken } from './store.ts';

/**
 * Syncro accepts `Authorization: Bearer T` (syncro_swagger.json#/components/securitySchemes/bearerAuth), a raw
 * `Authorization: T` or `?api_key=T` (both in working scripts: research/syncro.md §1.1, e.g.
 * CBShawn/Syncro-Stripe-S700-Integration backend/services/syncroService.js).
 */
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
  // 401 for a bad or expired key: research/syncro.md §1.2 (advenimus/syncromsp-mcp src/api-client.ts, live-tested).
  // The body is Undocumented: the fake uses Syncro's usual `{"error": …}` shape, with words that do not speak of
  // permissions (a missing permission is also a 401: below).
  if (!token || token.expired) return json(401, { error: 'Unauthorized' });
  for (const route of routes) {
    const match = route.path.exec(path);
    if (!match || route.method !== req.method) continue;
    if (!hasPermission(token, route.permission)) {
      // Status and body: syncro_swagger.json#/paths/~1contacts/get/responses/401 ("Requires permission: Customers -
      // View Detail"), the only permission refusal the swagger documents. The body names no permission.
      return json(401, { error: 'Not authorized. Please ask account admin to update your group permissions.' });
    }
    let body: unknown;
    try {
      body = parseBody(req);
    } catch {
      // Undocumented: the reply to a malformed body is the fake's own.
      return json(400, { error: 'Invalid JSON body' });
    }
    return route.handle({ req, account, token, params: match.slice(1), body, now });
  }
  return notFound();
}
