// api.xero.com: bearer auth, /connections, and the Accounting API router (tenant header, scopes,
// Idempotency-Key replay, list queries and writes).

import { json, type SandboxRequest, type SandboxResponse } from '../http.ts';
import { runWrite } from './batch.ts';
import { authenticate, insufficientScope } from './bearer.ts';
import { apiError, envelope, problem, queryParseException, respond } from './format.ts';
import { invoiceHistory } from './history.ts';
import type { Grant, IdentityState } from './identity.ts';
import { listRecords } from './listing.ts';
import { type Refusals, refusalFor } from './refusals.ts';
import { type Resource, resourceFor } from './resources.ts';
import type { IdempotentReply, Tenant } from './state.ts';
import { WhereError } from './where.ts';

export interface ApiWorld {
  identity: IdentityState;
  tenants: Map<string, Tenant>;
  /** Documents the admin API told the fake to refuse (see refusals.ts). */
  refusals: Refusals;
}

const ACCOUNTING_PREFIX = '/api.xro/2.0/';

/** Xero's connection timestamps: ISO without a zone, 7 fractional digits (xero-identity.yaml `/connections`). */
const connectionDate = (ms: number): string => new Date(ms).toISOString().replace('Z', '0000');

// A tenant the token is not connected to: 403 problem body (dcblogdev/laravel-xero#40, XeroAPI/xero-php-oauth2#147,
// which show Detail "AuthenticationUnsuccessful"; the fake's Detail differs).
const forbidden = (): SandboxResponse => json(403, problem(403, 'Forbidden', 'AuthorizationUnsuccessful'));

// `GET /connections` (shape, `authEventId` filter) and `DELETE /connections/{id}` → 204: xero-identity.yaml.
// Undocumented: the 404 and 405 bodies.
function connections(world: ApiWorld, grant: Grant, req: SandboxRequest): SandboxResponse {
  const id = /^\/connections\/([^/]+)$/.exec(req.path)?.[1];
  if (req.method === 'DELETE' && id) {
    const before = grant.connections.length;
    grant.connections = grant.connections.filter((connection) => connection.id !== id);
    return grant.connections.length < before
      ? { status: 204, body: '' }
      : json(404, problem(404, 'Not Found', 'Connection not found'));
  }
  if (req.method !== 'GET' || id) return json(405, problem(405, 'Method Not Allowed', 'MethodNotAllowed'));
  const authEventId = req.query.get('authEventId');
  const list = grant.connections
    .filter((connection) => world.tenants.has(connection.tenantId))
    .filter(() => !authEventId || authEventId === grant.authEventId)
    .map((connection) => ({
      id: connection.id,
      authEventId: grant.authEventId,
      tenantId: connection.tenantId,
      tenantType: 'ORGANISATION',
      tenantName: world.tenants.get(connection.tenantId)?.data.organisation.Name,
      createdDateUtc: connectionDate(connection.createdMs),
      updatedDateUtc: connectionDate(connection.createdMs),
    }));
  return json(200, list);
}

// Scopes per operation: xero_accounting.yaml `security` (broad scopes); granular families and their `.read`
// variants: https://developer.xero.com/faq/granular-scopes (research/xero.md §1.6).
function hasScope(grant: Grant, resource: Resource, method: string): boolean {
  return resource.scopes.some(
    (scope) => grant.scopes.includes(scope) || (method === 'GET' && grant.scopes.includes(`${scope}.read`)),
  );
}

/**
 * Xero's Idempotency-Key: "128 character max." (xero_accounting.yaml#/components/parameters/idempotencyKey; Xero's
 * guide is https://developer.xero.com/documentation/guides/idempotent-requests/idempotency, cited in
 * freakboy3742/pyxero#328). How long a key is kept, what it is scoped to and whether errors are replayed are not
 * in the sources we hold, so the fake takes the least convenient reading: a key lives one minute, is shared by
 * every organisation the app (client id) writes to, replays the first answer (errors too), and is refused with
 * another request. A client must not rely on it to avoid duplicates.
 */
export const IDEMPOTENCY_WINDOW_MS = 60_000;
const MAX_KEY_LENGTH = 128;
/** Per identity state (so a reset forgets them), keyed by `client id + key`. */
const repliesByApp = new WeakMap<IdentityState, Map<string, IdempotentReply>>();

function withIdempotency(
  req: SandboxRequest,
  world: ApiWorld,
  grant: Grant,
  now: number,
  run: () => SandboxResponse,
): SandboxResponse {
  const key = req.headers['idempotency-key'];
  if (!key) return run();
  if (key.length > MAX_KEY_LENGTH)
    return apiError(
      req,
      400,
      problem(400, 'Bad Request', 'The Idempotency-Key header must be 128 characters or fewer.'),
    );
  const replies = repliesByApp.get(world.identity) ?? new Map<string, IdempotentReply>();
  repliesByApp.set(world.identity, replies);
  for (const [stored, reply] of replies) if (now - reply.atMs >= IDEMPOTENCY_WINDOW_MS) replies.delete(stored);
  const scoped = `${grant.clientId}\n${key}`;
  // The organisation is not part of the request's identity: the same key and body from another one replays.
  const fingerprint = `${req.method} ${req.path.toLowerCase()}?${req.query.toString()}\n${req.rawBody}`;
  const previous = replies.get(scoped);
  if (previous) {
    if (previous.fingerprint !== fingerprint) {
      return apiError(
        req,
        400,
        problem(400, 'Bad Request', 'The Idempotency-Key has already been used with a different request payload.'),
      );
    }
    return structuredClone(previous.response);
  }
  const response = run();
  replies.set(scoped, { fingerprint, atMs: now, response: structuredClone(response) });
  return response;
}

function read(
  req: SandboxRequest,
  tenant: Tenant,
  resource: Resource,
  id: string | undefined,
  now: number,
): SandboxResponse {
  if (id) {
    const record = resource.find(tenant.data, decodeURIComponent(id));
    // Undocumented: the 404 body's wording.
    if (!record)
      return apiError(req, 404, problem(404, 'Not Found', "The resource you're looking for cannot be found"));
    return respond(req, 200, envelope(now, resource.collection, [record]));
  }
  const result = listRecords(req, resource.list(tenant.data, req), {
    paged: resource.paged,
    listParams: resource.listParams,
  });
  const extra = result.pagination ? { pagination: result.pagination } : {};
  return respond(req, 200, envelope(now, resource.collection, result.records, extra));
}

function accounting(world: ApiWorld, grant: Grant, req: SandboxRequest, now: number): SandboxResponse {
  // Every Accounting call names its organisation: xero_accounting.yaml#/components/parameters/requiredHeader.
  const tenantId = req.headers['xero-tenant-id']?.toLowerCase();
  const tenant = tenantId ? world.tenants.get(tenantId) : undefined;
  if (!tenant || !grant.connections.some((connection) => connection.tenantId === tenantId)) return forbidden();
  const [segment = '', id, ...rest] = req.path.slice(ACCOUNTING_PREFIX.length).split('/');
  if (segment.toLowerCase() === 'invoices' && id && rest.length === 1 && rest[0]?.toLowerCase() === 'history') {
    const invoices = resourceFor('Invoices');
    if (!invoices || !hasScope(grant, invoices, req.method)) return insufficientScope();
    const history = () => invoiceHistory(req, tenant, decodeURIComponent(id), now);
    // A history note is a write like any other: the Idempotency-Key rules apply to it too.
    return req.method === 'PUT' ? withIdempotency(req, world, grant, now, history) : history();
  }
  const resource = resourceFor(segment);
  if (!resource || rest.length > 0)
    return apiError(req, 404, problem(404, 'Not Found', "The resource you're looking for cannot be found"));
  if (!hasScope(grant, resource, req.method)) return insufficientScope();
  try {
    if (req.method === 'GET') return read(req, tenant, resource, id, now);
    const write = resource.write;
    const render = resource.render;
    // Xero has no PUT on a single record; POST /{id} updates it (xero_accounting.yaml operationIds: PUT createX, POST
    // updateOrCreateX, POST /{id} updateX). Undocumented: the 405 body.
    if ((req.method !== 'PUT' && req.method !== 'POST') || !write || !render || (req.method === 'PUT' && id)) {
      return apiError(req, 405, problem(405, 'Method Not Allowed', 'MethodNotAllowed'));
    }
    const pathId = id ? decodeURIComponent(id) : undefined;
    return withIdempotency(req, world, grant, now, () =>
      runWrite(req, tenant, now, {
        collection: resource.collection,
        apply: (data, input) =>
          refusalFor(world.refusals, resource.collection, data, input, pathId) ??
          write(data, input, { req, now, pathId }),
        render,
      }),
    );
  } catch (error) {
    if (error instanceof WhereError) return apiError(req, 400, queryParseException(error.message));
    throw error;
  }
}

export function handleApi(world: ApiWorld, req: SandboxRequest, now: number): SandboxResponse {
  const grant = authenticate(world.identity, req, now);
  if (!('grantId' in grant)) return grant;
  if (req.path === '/connections' || req.path.startsWith('/connections/')) return connections(world, grant, req);
  if (req.path.startsWith(ACCOUNTING_PREFIX)) return accounting(world, grant, req, now);
  return json(404, problem(404, 'Not Found', "The resource you're looking for cannot be found"));
}
