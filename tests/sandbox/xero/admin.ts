// Test-only controls under /__admin/xero: payments and invoices as if keyed in by a bookkeeper (or another
// install), batch payments, refusals (one document's writes answered with a validation error), identity
// configuration, "disconnect everywhere", and a token summary.
import { randomUUID } from 'node:crypto';
import { json, type SandboxRequest, type SandboxResponse } from '../http.ts';
import { allocateCredit } from './credit-notes.ts';
import { validationException } from './format.ts';
import { type IdentityState, revokeAll, type XeroUserClaims } from './identity.ts';
import { applyInvoice } from './invoices.ts';
import { applyPayment } from './payments.ts';
import { REFUSABLE, type RefusableCollection, type Refusals, refusalKey } from './refusals.ts';
import { renderBatchPayment, renderInvoice, renderPayment } from './render.ts';
import { organisationNames } from './seed.ts';
import { type ApiObject, isObject, startOfDay, str, type Tenant } from './state.ts';

/** Body of `POST /__admin/xero/payments`. */
export interface AdminPaymentRequest {
  tenantId?: string;
  invoiceId?: string;
  invoiceNumber?: string;
  /** Dollars; or give `amountCents`. */
  amount?: number;
  amountCents?: number;
  /** `YYYY-MM-DD`; defaults to today (sandbox clock). */
  date?: string;
  reference?: string;
  /** Defaults to 090 Business Bank Account. */
  accountCode?: string;
}

/** Body of `POST /__admin/xero/batch-payments`. */
export interface AdminBatchPaymentRequest {
  tenantId?: string;
  date?: string;
  reference?: string;
  accountCode?: string;
  payments: Array<Pick<AdminPaymentRequest, 'invoiceId' | 'invoiceNumber' | 'amount' | 'amountCents'>>;
}

/** Body of `POST /__admin/xero/config`. */
export interface AdminConfigRequest {
  accessTokenTtlSeconds?: number;
  refreshGraceSeconds?: number;
  refreshTokenTtlDays?: number;
  /** A count ("Acme MSP Ltd", "Acme MSP (NZ) Ltd", …) or explicit names. */
  organisations?: number | string[];
  strictClients?: boolean;
  /** Client ids to register (added to `demo-client-id`). */
  clients?: string[];
  denyNextAuthorize?: boolean;
  /** The Xero user who signs in from now on (the id token's claims); each field optional. */
  user?: Partial<XeroUserClaims>;
}

/**
 * Body of `POST /__admin/xero/refusals`: from now on every write of the document with this number (in
 * `collection`, default `Invoices`) is refused with `message` as its validation error, as Xero refuses a record
 * (400 ValidationException; with summarizeErrors=false that record alone, `StatusAttributeString: ERROR`).
 * `message: null` lifts the refusal; `DELETE /__admin/xero/refusals` lifts them all; reset and seed too.
 */
export interface AdminRefusalRequest {
  collection?: RefusableCollection;
  number: string;
  message: string | null;
}

/**
 * Body of `POST /__admin/xero/invoices`: an invoice in the Accounting API's own JSON (`Type`, `Contact`,
 * `InvoiceNumber`, `Status`, `LineItems`…) saved straight into the organisation under Xero's rules, as if another
 * install or a bookkeeper had created it. Answers the saved invoice, or 400 with Xero's validation messages.
 */
export type AdminInvoiceRequest = ApiObject & { tenantId?: string };

export interface AdminWorld {
  identity: IdentityState;
  tenants: Map<string, Tenant>;
  refusals: Refusals;
  setOrganisations(names: string[]): void;
}

const notFound = (): SandboxResponse => json(404, { error: 'Unknown Xero admin endpoint' });

function tenantOf(world: AdminWorld, tenantId: unknown): Tenant | undefined {
  const id = str(tenantId)?.toLowerCase();
  return id ? world.tenants.get(id) : world.tenants.values().next().value;
}

function paymentInput(item: ApiObject, shared: ApiObject): ApiObject {
  const amount = typeof item.amountCents === 'number' ? item.amountCents / 100 : item.amount;
  return {
    Invoice: item.invoiceId ? { InvoiceID: item.invoiceId } : { InvoiceNumber: item.invoiceNumber },
    Account: { Code: str(shared.accountCode) ?? '090' },
    Amount: amount,
    ...(shared.date ? { Date: shared.date } : {}),
    ...(shared.reference !== undefined ? { Reference: shared.reference } : {}),
  };
}

function createPayment(world: AdminWorld, body: ApiObject, now: number): SandboxResponse {
  const tenant = tenantOf(world, body.tenantId);
  if (!tenant) return json(404, { error: 'Unknown tenant' });
  const draft = structuredClone(tenant.data);
  const input = paymentInput(body, body);
  const result = applyPayment(draft, input, now);
  if ('errors' in result)
    return json(
      400,
      validationException([{ ...input, ValidationErrors: result.errors.map((Message) => ({ Message })) }]),
    );
  tenant.data = draft;
  const payment = draft.payments.get(result.id);
  return json(200, payment ? renderPayment(draft, payment) : {});
}

function createBatch(world: AdminWorld, body: ApiObject, now: number): SandboxResponse {
  const tenant = tenantOf(world, body.tenantId);
  if (!tenant) return json(404, { error: 'Unknown tenant' });
  if (!Array.isArray(body.payments) || !body.payments.every(isObject) || body.payments.length === 0) {
    return json(400, { error: 'payments must be a non-empty array of objects' });
  }
  const draft = structuredClone(tenant.data);
  const batchId = randomUUID();
  const paymentIds: string[] = [];
  const failures: ApiObject[] = [];
  for (const item of body.payments) {
    // Each payment carries the batch's reference, as Xero shows it on every line of a batch.
    const input = paymentInput(item, { ...body, reference: body.reference });
    const result = applyPayment(draft, input, now, batchId);
    if ('errors' in result)
      failures.push({ ...input, ValidationErrors: result.errors.map((Message) => ({ Message })) });
    else paymentIds.push(result.id);
  }
  if (failures.length > 0) return json(400, validationException(failures));
  const first = draft.payments.get(paymentIds[0] ?? '');
  const allSales = paymentIds.every((id) => draft.payments.get(id)?.PaymentType === 'ACCRECPAYMENT');
  const reference = str(body.reference);
  draft.batchPayments.set(batchId, {
    BatchPaymentID: batchId,
    AccountID: first?.AccountID ?? '',
    dateMs: first?.dateMs ?? startOfDay(now),
    ...(reference !== undefined ? { Reference: reference } : {}),
    Type: allSales ? 'RECBATCH' : 'PAYBATCH',
    paymentIds,
    total: paymentIds.reduce((sum, id) => sum + (draft.payments.get(id)?.amount ?? 0), 0),
    updatedMs: now,
  });
  tenant.data = draft;
  const batch = draft.batchPayments.get(batchId);
  return json(200, batch ? renderBatchPayment(draft, batch) : {});
}

function createInvoice(world: AdminWorld, body: ApiObject, now: number): SandboxResponse {
  const { tenantId, ...input } = body;
  const tenant = tenantOf(world, tenantId);
  if (!tenant) return json(404, { error: 'Unknown tenant' });
  const draft = structuredClone(tenant.data);
  const result = applyInvoice(draft, input, now, { unitdp4: false });
  if ('errors' in result) {
    return json(
      400,
      validationException([{ ...input, ValidationErrors: result.errors.map((Message) => ({ Message })) }]),
    );
  }
  tenant.data = draft;
  const invoice = draft.invoices.get(result.id);
  return json(200, invoice ? renderInvoice(draft, invoice) : {});
}

function refuse(world: AdminWorld, body: ApiObject): SandboxResponse {
  const collection = body.collection ?? 'Invoices';
  const number = str(body.number);
  if (!REFUSABLE.includes(collection as RefusableCollection)) {
    return json(400, { error: `collection must be one of ${REFUSABLE.join(', ')}` });
  }
  if (!number?.trim()) return json(400, { error: 'number is required' });
  const key = refusalKey(String(collection), number);
  if (body.message === null) world.refusals.delete(key);
  else if (typeof body.message === 'string' && body.message.trim()) {
    world.refusals.set(key, { collection: collection as RefusableCollection, number, message: body.message });
  } else return json(400, { error: 'message must be a non-empty string, or null to lift the refusal' });
  return json(200, [...world.refusals.values()]);
}

function configure(world: AdminWorld, body: ApiObject): SandboxResponse {
  const config = world.identity.config;
  for (const key of ['accessTokenTtlSeconds', 'refreshTokenTtlDays'] as const) {
    const value = body[key];
    if (typeof value === 'number' && value > 0) config[key] = value;
  }
  // A grace of 0 is meaningful: a reused refresh token fails at once.
  if (typeof body.refreshGraceSeconds === 'number' && body.refreshGraceSeconds >= 0) {
    config.refreshGraceSeconds = body.refreshGraceSeconds;
  }
  if (typeof body.strictClients === 'boolean') config.strictClients = body.strictClients;
  if (typeof body.denyNextAuthorize === 'boolean') config.denyNextAuthorize = body.denyNextAuthorize;
  const user = body.user;
  if (isObject(user)) {
    for (const key of ['given_name', 'family_name', 'email'] as const) {
      const value = user[key];
      if (typeof value === 'string') config.user[key] = value;
    }
  }
  if (Array.isArray(body.clients))
    for (const client of body.clients) if (typeof client === 'string') world.identity.clients.add(client);
  const orgs = body.organisations;
  if (typeof orgs === 'number' && orgs >= 1) world.setOrganisations(organisationNames(orgs));
  else if (Array.isArray(orgs) && orgs.length > 0) world.setOrganisations(orgs.map(String));
  return json(200, {
    ...config,
    clients: [...world.identity.clients],
    organisations: [...world.tenants.values()].map((t) => ({ tenantId: t.tenantId, name: t.data.organisation.Name })),
  });
}

export function grantsSummary(identity: IdentityState): ApiObject[] {
  return [...identity.grants.values()].map((grant) => ({
    grantId: grant.grantId,
    authEventId: grant.authEventId,
    clientId: grant.clientId,
    scopes: grant.scopes,
    revoked: grant.revoked,
    tenantIds: grant.connections.map((connection) => connection.tenantId),
    accessTokens: [...identity.accessTokens.values()].filter((t) => t.grantId === grant.grantId).length,
    refreshTokens: [...identity.refreshTokens.values()].filter((t) => t.grantId === grant.grantId).length,
  }));
}

export function handleAdmin(world: AdminWorld, req: SandboxRequest, now: number): SandboxResponse {
  if (req.method === 'GET' && req.path === '/tokens') return json(200, grantsSummary(world.identity));
  if (req.path === '/refusals' && req.method === 'GET') return json(200, [...world.refusals.values()]);
  if (req.path === '/refusals' && req.method === 'DELETE') {
    world.refusals.clear();
    return json(200, []);
  }
  if (req.method !== 'POST') return notFound();
  let body: unknown;
  try {
    body = req.rawBody ? JSON.parse(req.rawBody) : {};
  } catch {
    return json(400, { error: 'Body must be JSON' });
  }
  if (!isObject(body)) return json(400, { error: 'Body must be a JSON object' });
  switch (req.path) {
    case '/payments':
      return createPayment(world, body, now);
    case '/batch-payments':
      return createBatch(world, body, now);
    case '/invoices':
      return createInvoice(world, body, now);
    case '/credit-allocations':
      return allocateCredit(tenantOf(world, body.tenantId), body, now);
    case '/refusals':
      return refuse(world, body);
    case '/config':
      return configure(world, body);
    case '/revoke-all':
      revokeAll(world.identity);
      return json(200, { revoked: world.identity.grants.size });
    default:
      return notFound();
  }
}
