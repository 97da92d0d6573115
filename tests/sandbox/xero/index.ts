// The Xero fake: identity (login.xero.com, identity.xero.com) and the Accounting API (api.xero.com)
// as pure request handlers over in-memory, per-organisation state. Time comes only from ctx.now().
import type { Fake, FakeFactory, SeedOptions } from '../fake.ts';
import { html, json, type SandboxRequest, type SandboxResponse } from '../http.ts';
import { grantsSummary, handleAdmin } from './admin.ts';
import { handleApi } from './api.ts';
import { authorize, createIdentityState, DEMO_CLIENT_ID, type IdentityState, revocation, token } from './identity.ts';
import type { Refusals } from './refusals.ts';
import {
  renderBatchPayment,
  renderContact,
  renderInvoice,
  renderItem,
  renderOrganisation,
  renderPayment,
  renderPurchaseOrder,
} from './render.ts';
import { DEFAULT_ORGANISATION_NAMES, seedInvoices, seedTenant, tenantIdFor } from './seed.ts';
import type { Tenant } from './state.ts';

export type {
  AdminBatchPaymentRequest,
  AdminConfigRequest,
  AdminInvoiceRequest,
  AdminPaymentRequest,
  AdminRefusalRequest,
} from './admin.ts';
export { DEMO_CLIENT_ID } from './identity.ts';
export { accountIdFor, contactIdFor, tenantIdFor, uncodedBankAccountIdFor } from './seed.ts';

// Hosts: https://developer.xero.com/documentation/oauth2/pkce-flow, xero-identity.yaml, xero_accounting.yaml#/servers.
export const XERO_HOSTS = ['login.xero.com', 'identity.xero.com', 'api.xero.com'] as const;

interface World {
  identity: IdentityState;
  tenants: Map<string, Tenant>;
  refusals: Refusals;
}

function snapshotTenant(tenant: Tenant): unknown {
  const data = tenant.data;
  return {
    tenantId: tenant.tenantId,
    organisation: renderOrganisation(data),
    contacts: [...data.contacts.values()].map(renderContact),
    items: [...data.items.values()].map(renderItem),
    invoices: [...data.invoices.values()].map((invoice) => renderInvoice(data, invoice)),
    payments: [...data.payments.values()].map((payment) => renderPayment(data, payment)),
    purchaseOrders: [...data.purchaseOrders.values()].map((order) => renderPurchaseOrder(data, order)),
    batchPayments: [...data.batchPayments.values()].map((batch) => renderBatchPayment(data, batch)),
  };
}

export const createXero: FakeFactory = (ctx): Fake => {
  const world: World = { identity: createIdentityState(), tenants: new Map(), refusals: new Map() };

  /** Organisation i (1-based) keeps its fixed tenant id; extra ones are dropped, missing ones seeded. */
  const setOrganisations = (names: string[]): void => {
    names.forEach((name, i) => {
      const id = tenantIdFor(i + 1);
      const existing = world.tenants.get(id);
      if (existing) existing.data.organisation.Name = name;
      else world.tenants.set(id, seedTenant(i + 1, name, ctx.now()));
    });
    for (const id of world.tenants.keys()) {
      if (!names.some((_, i) => tenantIdFor(i + 1) === id)) world.tenants.delete(id);
    }
  };

  const reset = (): void => {
    world.identity = createIdentityState();
    world.identity.clients.clear();
    world.tenants.clear();
    world.refusals.clear();
  };

  const seed = (options: SeedOptions = {}): void => {
    reset();
    world.identity.clients.add(DEMO_CLIENT_ID);
    setOrganisations(DEFAULT_ORGANISATION_NAMES.slice(0, 1));
    const first = world.tenants.get(tenantIdFor(1));
    if (first && options.invoices) seedInvoices(first, options.invoices, ctx.now());
  };

  const handle = (req: SandboxRequest): SandboxResponse => {
    const now = ctx.now();
    if (req.host === 'login.xero.com' && req.method === 'GET' && req.path === '/identity/connect/authorize') {
      return authorize(world.identity, req, now);
    }
    if (req.host === 'identity.xero.com' && req.method === 'POST') {
      if (req.path === '/connect/token') return token(world.identity, req, now, [...world.tenants.keys()]);
      if (req.path === '/connect/revocation') return revocation(world.identity, req);
    }
    if (req.host === 'api.xero.com') return handleApi(world, req, now);
    return req.host === 'login.xero.com' ? html(404, '<h1>Page not found</h1>') : json(404, { error: 'not_found' });
  };

  seed();
  return {
    handle,
    admin: (req) => handleAdmin({ ...world, setOrganisations }, req, ctx.now()),
    reset,
    seed,
    snapshot: () => ({
      organisations: [...world.tenants.values()].map(snapshotTenant),
      grants: grantsSummary(world.identity),
      config: { ...world.identity.config, clients: [...world.identity.clients] },
      refusals: [...world.refusals.values()],
    }),
  };
};
