// The admin API (`https://127.0.0.1:PORT/__admin/...`): how tests and the demo steer the sandbox.
import type { FaultRule } from './faults.ts';
import { json, parseBody, type SandboxRequest, type SandboxResponse } from './http.ts';
import type { LimitConfig } from './limits.ts';
import type { SandboxWorld } from './server.ts';

export async function handleAdmin(req: SandboxRequest, world: SandboxWorld): Promise<SandboxResponse> {
  const match = /^\/__admin(\/.*)?$/.exec(req.path);
  if (!match) return json(404, { error: 'Not a sandbox host. Admin API lives under /__admin' });
  const route = match[1] ?? '/';
  const body = (parseBody(req) ?? {}) as Record<string, unknown>;
  const key = `${req.method} ${route}`;

  for (const [prefix, fake] of [
    ['/syncro', world.syncro],
    ['/xero', world.xero],
  ] as const) {
    if (route.startsWith(`${prefix}/`)) return fake.admin({ ...req, path: route.slice(prefix.length) });
  }

  switch (key) {
    case 'GET /':
    case 'GET /info':
      return json(200, { specs: world.specStatus, now: world.ctx.now(), limits: world.limits });
    case 'POST /reset':
      world.reset();
      return json(200, { ok: true });
    case 'POST /seed':
      world.seed({ invoices: typeof body.invoices === 'number' ? body.invoices : undefined });
      return json(200, { ok: true });
    case 'GET /state':
      return json(200, { syncro: world.syncro.snapshot(), xero: world.xero.snapshot() });
    case 'GET /requests':
      return json(
        200,
        world.log.list({
          host: req.query.get('host') ?? undefined,
          method: req.query.get('method') ?? undefined,
          pathIncludes: req.query.get('pathIncludes') ?? undefined,
          sinceSeq: req.query.has('sinceSeq') ? Number(req.query.get('sinceSeq')) : undefined,
        }),
      );
    case 'DELETE /requests':
      world.log.clear();
      return json(200, { ok: true });
    case 'GET /violations':
      return json(200, world.log.violations());
    case 'GET /faults':
      return json(200, world.faults.pending());
    case 'POST /faults': {
      const rules = (Array.isArray(body.rules) ? body.rules : [body]) as FaultRule[];
      for (const rule of rules) world.faults.add(rule);
      return json(200, world.faults.pending());
    }
    case 'DELETE /faults':
      world.faults.clear();
      return json(200, { ok: true });
    case 'GET /limits':
      return json(200, world.limits);
    case 'POST /limits':
      world.limits = { ...world.limits, ...(body as Partial<LimitConfig>) };
      return json(200, world.limits);
    case 'POST /clock':
      world.ctx.advance(Number(body.advanceMs ?? 0));
      return json(200, { now: world.ctx.now() });
    default:
      return json(404, { error: `No admin route ${key}` });
  }
}
