// The sandbox: one local HTTPS server playing Syncro (pages + API), Xero identity and the Xero Accounting
// API, dispatching on the Host header. It records every request, injects faults, enforces the real rate
// limits and validates bodies against the official specs, so the fakes only hold data and business rules.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin.ts';
import { type Certificate, generateCertificate, sandboxHostPatterns } from './cert.ts';
import type { Fake, SeedOptions } from './fake.ts';
import { FaultPlan, type FaultRule, type FaultTarget, withoutFields } from './faults.ts';
import { json, type SandboxContext, type SandboxRequest, type SandboxResponse } from './http.ts';
import { defaultLimits, type LimitConfig, SyncroLimiter, XeroLimiter } from './limits.ts';
import { RequestLog } from './request-log.ts';
import { loadSpecValidator, type SpecValidator } from './specs.ts';
import { createSyncro } from './syncro/index.ts';
import { createXero } from './xero/index.ts';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Seed data to load at start; `false` starts empty. Default: the small demo set. */
  seed?: SeedOptions | false;
  specsDir?: string;
}

export interface Sandbox {
  port: number;
  /** Base URL of the admin API (`https://127.0.0.1:PORT/__admin`). */
  adminUrl: string;
  certificate: Certificate;
  /** The Chromium flags that send the real hostnames here. */
  chromiumArgs: string[];
  specStatus: string;
  world: SandboxWorld;
  close(): Promise<void>;
}

/** Everything the admin API can see and steer. */
export interface SandboxWorld {
  ctx: SandboxContext & { advance(ms: number): void };
  syncro: Fake;
  xero: Fake;
  faults: FaultPlan;
  limits: LimitConfig;
  log: RequestLog;
  specStatus: string;
  reset(): void;
  seed(options?: SeedOptions): void;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const [certificate, specs] = await Promise.all([generateCertificate(), loadSpecValidator(options.specsDir)]);
  const world = createWorld(specs.status);
  if (options.seed === false) world.reset();
  else world.seed(options.seed ?? {});
  const xeroLimiter = new XeroLimiter(() => world.limits);
  const syncroLimiter = new SyncroLimiter(() => world.limits);
  const resetWorld = world.reset;
  world.reset = () => {
    resetWorld();
    xeroLimiter.reset();
    syncroLimiter.reset();
  };

  const dispatch = (req: SandboxRequest, clientIp: string) =>
    route(req, clientIp, { world, specs, xeroLimiter, syncroLimiter });
  const server = createServer({ key: certificate.key, cert: certificate.cert }, (incoming, outgoing) => {
    serve(incoming, outgoing, world, dispatch).catch((error: unknown) => {
      console.error('sandbox: handler crashed', error);
      if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'text/plain' });
      outgoing.end('sandbox error');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const rules = sandboxHostPatterns.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ');
  return {
    port,
    adminUrl: `https://127.0.0.1:${port}/__admin`,
    certificate,
    chromiumArgs: [`--host-resolver-rules=${rules}`, '--ignore-certificate-errors'],
    specStatus: specs.status,
    world,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function createWorld(specStatus: string): SandboxWorld {
  let offset = 0;
  const ctx = {
    now: () => Date.now() + offset,
    advance: (ms: number) => {
      offset += ms;
    },
  };
  const syncro = createSyncro(ctx);
  const xero = createXero(ctx);
  const world: SandboxWorld = {
    ctx,
    syncro,
    xero,
    faults: new FaultPlan(),
    limits: { ...defaultLimits },
    log: new RequestLog(),
    specStatus,
    reset() {
      syncro.reset();
      xero.reset();
      world.faults.clear();
      world.log.clear();
      world.limits = { ...defaultLimits };
    },
    seed(options = {}) {
      world.reset();
      syncro.seed(options);
      xero.seed(options);
    },
  };
  return world;
}

interface RouteDeps {
  world: SandboxWorld;
  specs: SpecValidator;
  xeroLimiter: XeroLimiter;
  syncroLimiter: SyncroLimiter;
}

function targetOf(host: string): FaultTarget | 'admin' {
  if (host.endsWith('.syncromsp.com')) return 'syncro';
  if (host === 'login.xero.com' || host === 'identity.xero.com') return 'identity';
  if (host === 'api.xero.com') return 'xero';
  return 'admin';
}

export type Outcome = SandboxResponse & { hangMs?: number; specErrors?: string[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The request was handled (a write is saved), but the client gets `fault.status` or a dropped connection. */
function loseAnswer(handled: Outcome, fault: FaultRule, world: SandboxWorld): Outcome {
  if (fault.advanceClockMs) world.ctx.advance(fault.advanceClockMs);
  if (fault.status)
    return { ...json(fault.status, { Title: 'Injected fault', Status: fault.status }), specErrors: handled.specErrors };
  return { status: 0, hangMs: fault.hangMs ?? 1, specErrors: handled.specErrors };
}

async function route(req: SandboxRequest, clientIp: string, deps: RouteDeps, faults = true): Promise<Outcome> {
  const { world, specs } = deps;
  const target = targetOf(req.host);
  if (target === 'admin') return handleAdmin(req, world);

  const fault = faults ? world.faults.take(target, req.path, req.method) : undefined;
  if (fault?.afterHandling) return loseAnswer(await route(req, clientIp, deps, false), fault, world);
  if (fault?.hangMs) return { status: 0, hangMs: fault.hangMs };
  if (fault?.redirectTo) return { status: 302, headers: { location: fault.redirectTo }, body: '' };

  if (target === 'syncro' && req.path.startsWith('/api/')) {
    const token = req.headers.authorization?.replace(/^Bearer\s+/i, '') || req.query.get('api_key') || undefined;
    // No Retry-After (see limits.ts); the body is the message working clients report (research/syncro.md §1.2).
    if (deps.syncroLimiter.refuses(clientIp, token, world.ctx.now()))
      return json(429, { error: 'Rate limit exceeded' });
  }
  let release: (() => void) | undefined;
  let limitHeaders: Record<string, string> = {};
  const tenantId = req.headers['xero-tenant-id'];
  if (target === 'xero' && req.path.startsWith('/api.xro/') && tenantId) {
    // Xero's 429: `X-Rate-Limit-Problem` names the limit, `Retry-After` in seconds; remaining-call headers on every
    // response (https://developer.xero.com/documentation/guides/oauth2/limits; research/xero.md §3).
    const admission = deps.xeroLimiter.admit(tenantId, world.ctx.now());
    if (!admission.ok) {
      const headers = {
        ...admission.headers,
        'retry-after': String(admission.retryAfter),
        'x-rate-limit-problem': admission.problem,
      };
      return { status: 429, headers, body: '' };
    }
    release = admission.release;
    limitHeaders = admission.headers;
  }
  try {
    // Latency is spent while the call holds its in-flight slot, as a slow Xero call does.
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.status) {
      const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': String(fault.retryAfter) } : {};
      if (fault.status === 429 && target === 'xero') headers['x-rate-limit-problem'] = 'minute';
      return json(fault.status, { Title: 'Injected fault', Status: fault.status }, { ...limitHeaders, ...headers });
    }
    const spec = target === 'xero' ? 'xero' : target === 'syncro' && req.path.startsWith('/api/v1/') ? 'syncro' : null;
    const violation = spec ? specs.check(spec, req) : null;
    if (violation) return { ...specRejection(violation.spec, violation.errors), specErrors: violation.errors };
    const fake = target === 'syncro' ? world.syncro : world.xero;
    const response = await fake.handle(req);
    const body = fault?.omitFields ? withoutFields(response.body, fault.omitFields) : response.body;
    return { ...response, body, headers: { ...response.headers, ...limitHeaders } };
  } finally {
    release?.();
  }
}

// Xero: the Error schema (xero_accounting.yaml#/components/schemas/Error), ValidationException = ErrorNumber 10.
// Syncro: Undocumented — the swagger gives a bad body only "422 Invalid request"; this 400 and its wording are ours.
function specRejection(spec: 'xero' | 'syncro', errors: string[]): SandboxResponse {
  if (spec === 'syncro') return json(400, { error: `Request does not match Syncro's API: ${errors.join('; ')}` });
  return json(400, {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: [{ ValidationErrors: errors.map((message) => ({ Message: `Schema: ${message}` })) }],
  });
}

async function serve(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  world: SandboxWorld,
  dispatch: (req: SandboxRequest, clientIp: string) => Promise<Outcome>,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? '/', 'https://sandbox');
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const req: SandboxRequest = {
    method: incoming.method ?? 'GET',
    host: (headers.host ?? '').replace(/:\d+$/, '').toLowerCase(),
    path: decodeURIComponent(url.pathname),
    query: url.searchParams,
    headers,
    rawBody: Buffer.concat(chunks).toString('utf8'),
  };
  const started = world.ctx.now();
  const outcome = await dispatch(req, incoming.socket.remoteAddress ?? '127.0.0.1');
  if (targetOf(req.host) !== 'admin') world.log.add(req, outcome, started);
  if (outcome.hangMs) {
    await new Promise((resolve) => setTimeout(resolve, outcome.hangMs));
    incoming.socket.destroy();
    return;
  }
  const body =
    outcome.body === undefined || typeof outcome.body === 'string'
      ? (outcome.body ?? '')
      : JSON.stringify(outcome.body);
  outgoing.writeHead(outcome.status, { 'cache-control': 'no-store', ...outcome.headers });
  outgoing.end(body);
}
