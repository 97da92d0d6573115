// api.xero.com: bearer auth, /connections, and the Accounting API router (tenant header, scopes,
// Idempotency-Key replay, list queries and writes).

import { json, type SandboxRequest, type SandboxResponse } from '../http.ts';
import { runWrite } from './batch.ts';
import { authenticate } from './bearer.ts';
import { apiError, envelope, problem, queryParseException, respond } from './format.ts';
import { invoiceHistory } from './history.ts';
import type { Grant, IdentityState } from './identity.ts';
import { listRecords } from './listing.ts';
import { type Refusals, refusalFor } from './refusals.ts';
import { type Resource, resourceFor } from './resources.ts';
import { DAY_MS, type Tenant } from './state.ts';
import { WhereError } from './where.ts';

export interface ApiWorld {
  identity: IdentityState;
  tenants: Map<string, Tenant>;
  /** Documents the admin API told the fake to refuse (see refusals.ts). */
  refusals: Refusals;
}

const ACCOUNTING_PREFIX = '/api.xro/2.0/';

/** Xero's connection timestamps: ISO without a zone, 7 fractional digits. */
const connectionDate = (ms: number): string => new Date(ms).toISOString().replace('Z', '0000');

const forbidden = (): SandboxResponse => json(403, problem(403, 'Forbidden', 'AuthorizationUnsuccessful'));

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

function hasScope(grant: Grant, resource: Resource, method: string): boolean {
  return resource.scopes.some(
    (scope) => grant.scopes.includes(scope) || (method === 'GET' && grant.scopes.includes(`${scope}.read`)),
  );
}

/** Replays the first response to a repeated Idempotency-Key (24 h, per tenant); refuses a changed body. */
function withIdempotency(
  req: SandboxRequest,
  tenant: Tenant,
  now: number,
  run: () => SandboxResponse,
): SandboxResponse {
  const key = req.headers['idempotency-key'];
  if (!key) return run();
  if (key.length > 128)
    return apiError(
      req,
      400,
      problem(400, 'Bad Request', 'The Idempotency-Key header must be 128 characters or fewer.'),
    );
  const fingerprint = `${req.method} ${req.path.toLowerCase()}?${req.query.toString()}\n${req.rawBody}`;
  const previous = tenant.idempotency.get(key);
  if (previous && now - previous.atMs < DAY_MS) {
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
  tenant.idempotency.set(key, { fingerprint, atMs: now, response: structuredClone(response) });
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
  const tenantId = req.headers['xero-tenant-id']?.toLowerCase();
  const tenant = tenantId ? world.tenants.get(tenantId) : undefined;
  if (!tenant || !grant.connections.some((connection) => connection.tenantId === tenantId)) return forbidden();
  const [segment = '', id, ...rest] = req.path.slice(ACCOUNTING_PREFIX.length).split('/');
  if (segment.toLowerCase() === 'invoices' && id && rest.length === 1 && rest[0]?.toLowerCase() === 'history') {
    const invoices = resourceFor('Invoices');
    if (!invoices || !hasScope(grant, invoices, req.method)) return forbidden();
    return invoiceHistory(req, tenant, decodeURIComponent(id), now);
  }
  const resource = resourceFor(segment);
  if (!resource || rest.length > 0)
    return apiError(req, 404, problem(404, 'Not Found', "The resource you're looking for cannot be found"));
  if (!hasScope(grant, resource, req.method)) return forbidden();
  try {
    if (req.method === 'GET') return read(req, tenant, resource, id, now);
    const write = resource.write;
    const render = resource.render;
    // Xero has no PUT on a single record; POST /{id} updates it.
    if ((req.method !== 'PUT' && req.method !== 'POST') || !write || !render || (req.method === 'PUT' && id)) {
      return apiError(req, 405, problem(405, 'Method Not Allowed', 'MethodNotAllowed'));
    }
    const pathId = id ? decodeURIComponent(id) : undefined;
    return withIdempotency(req, tenant, now, () =>
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
