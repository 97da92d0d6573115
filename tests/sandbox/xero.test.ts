import { createHash, randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Fake } from './fake.ts';
import type { SandboxRequest, SandboxResponse } from './http.ts';
import { contactIdFor, createXero, tenantIdFor, uncodedBankAccountIdFor } from './xero/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON that assertions read loosely
type Json = any;
type Body = Record<string, Json>;
type Reply = SandboxResponse & { body: Json };

const START = Date.UTC(2026, 8, 1, 12, 0, 0);
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const FULL_SCOPE = 'offline_access accounting.contacts accounting.settings accounting.invoices accounting.payments';
const TENANT = tenantIdFor(1);
const NORTHWIND = contactIdFor(1, 1);
const OLD_CUSTOMER = contactIdFor(1, 2);

let now = START;
let xero: Fake;

function request(
  method: string,
  url: string,
  init: { headers?: Record<string, string>; body?: unknown; form?: Record<string, string> } = {},
): SandboxRequest {
  const parsed = new URL(url);
  const headers: Record<string, string> = { ...init.headers };
  let rawBody = '';
  if (init.form) {
    rawBody = new URLSearchParams(init.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (init.body !== undefined) {
    rawBody = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  return { method, host: parsed.hostname, path: parsed.pathname, query: parsed.searchParams, headers, rawBody };
}

async function send(req: SandboxRequest): Promise<Reply> {
  return (await xero.handle(req)) as Reply;
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: 'demo-client-id',
    redirect_uri: REDIRECT,
    scope: FULL_SCOPE,
    state: 'xyz',
    code_challenge: pkce().challenge,
    code_challenge_method: 'S256',
    ...params,
  });
  return `https://login.xero.com/identity/connect/authorize?${query}`;
}

async function authorizeCode(scope = FULL_SCOPE): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkce();
  const res = await send(request('GET', authorizeUrl({ scope, code_challenge: challenge })));
  expect(res.status).toBe(302);
  const code = new URL(res.headers?.location ?? '').searchParams.get('code');
  return { code: code ?? '', verifier };
}

function tokenRequest(form: Record<string, string>): Promise<Reply> {
  return send(
    request('POST', 'https://identity.xero.com/connect/token', { form: { client_id: 'demo-client-id', ...form } }),
  );
}

async function connect(scope = FULL_SCOPE): Promise<Body> {
  const { code, verifier } = await authorizeCode(scope);
  const res = await tokenRequest({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
  expect(res.status).toBe(200);
  return res.body;
}

let accessToken = '';

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(
    request(method, `https://api.xero.com/api.xro/2.0${path}`, {
      body,
      headers: {
        authorization: `Bearer ${accessToken}`,
        'xero-tenant-id': TENANT,
        accept: 'application/json',
        ...headers,
      },
    }),
  );
}

async function admin(method: string, path: string, body?: unknown): Promise<Reply> {
  return (await xero.admin(request(method, `http://sandbox${path}`, { body }))) as Reply;
}

const line = (extra: Body = {}): Body => ({
  Description: 'Managed services',
  Quantity: 1,
  UnitAmount: 100,
  AccountCode: '200',
  ...extra,
});

async function createInvoice(fields: Body = {}): Promise<Body> {
  const res = await api('PUT', '/Invoices', {
    Invoices: [
      { Type: 'ACCREC', Contact: { ContactID: NORTHWIND }, Status: 'AUTHORISED', LineItems: [line()], ...fields },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.Invoices[0];
}

const messages = (res: { body: Json }): string[] =>
  (res.body.Elements ?? []).flatMap((e: Body) => e.ValidationErrors.map((v: Body) => v.Message));

beforeEach(async () => {
  now = START;
  xero = createXero({ now: () => now });
  accessToken = (await connect()).access_token;
});

describe('Xero identity: authorize', () => {
  it('redirects back with code, state, scope and session_state', async () => {
    const res = await send(request('GET', authorizeUrl()));
    const location = new URL(res.headers?.location ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('scope')).toBe(FULL_SCOPE);
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('session_state')).toBeTruthy();
  });

  it.each([
    ['a plain code challenge', { code_challenge_method: 'plain' }, 'Transform algorithm not supported'],
    ['a missing code challenge', { code_challenge: '' }, 'code challenge required'],
    ['a non-chromiumapp redirect', { redirect_uri: 'https://evil.example.com/' }, 'Invalid redirect_uri'],
    ['an http redirect', { redirect_uri: 'http://abc.chromiumapp.org/' }, 'Invalid redirect_uri'],
    ['no offline_access', { scope: 'accounting.invoices' }, 'offline_access'],
    ['an unknown scope', { scope: 'offline_access accounting.everything' }, 'accounting.everything'],
    ['response_type token', { response_type: 'token' }, 'unsupported_response_type'],
  ])('refuses %s with a 400 error page', async (_name, params, text) => {
    const res = await send(request('GET', authorizeUrl(params)));
    expect(res.status).toBe(400);
    expect(res.headers?.['content-type']).toContain('text/html');
    expect(res.body).toContain(text);
  });

  it('accepts any client unless strictClients, then only registered ones', async () => {
    expect((await send(request('GET', authorizeUrl({ client_id: 'other' })))).status).toBe(302);
    await admin('POST', '/config', { strictClients: true });
    expect((await send(request('GET', authorizeUrl({ client_id: 'other' })))).status).toBe(400);
    expect((await send(request('GET', authorizeUrl()))).status).toBe(302);
    await admin('POST', '/config', { clients: ['other'] });
    expect((await send(request('GET', authorizeUrl({ client_id: 'other' })))).status).toBe(302);
  });

  it('denies the next authorize when asked, once', async () => {
    await admin('POST', '/config', { denyNextAuthorize: true });
    const denied = new URL((await send(request('GET', authorizeUrl()))).headers?.location ?? '');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('xyz');
    expect(denied.searchParams.get('code')).toBeNull();
    const next = new URL((await send(request('GET', authorizeUrl()))).headers?.location ?? '');
    expect(next.searchParams.get('code')).toBeTruthy();
  });
});

describe('Xero identity: tokens', () => {
  it('verifies PKCE: wrong verifier → invalid_grant, right verifier → tokens', async () => {
    const { code, verifier } = await authorizeCode();
    const wrong = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: pkce().verifier,
    });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const again = await authorizeCode();
    const right = await tokenRequest({
      grant_type: 'authorization_code',
      code: again.code,
      redirect_uri: REDIRECT,
      code_verifier: again.verifier,
    });
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ expires_in: 1800, token_type: 'Bearer', scope: FULL_SCOPE });
    expect(right.body.access_token.split('.')).toHaveLength(3);
    expect(right.body.refresh_token).toBeTruthy();
    expect(verifier).not.toBe(again.verifier);
  });

  it('binds the code to client and redirect_uri, uses it once, and expires it after 5 minutes', async () => {
    const first = await authorizeCode();
    const exchange = {
      grant_type: 'authorization_code',
      code: first.code,
      redirect_uri: REDIRECT,
      code_verifier: first.verifier,
    };
    expect((await tokenRequest({ ...exchange, redirect_uri: 'https://x.chromiumapp.org/other' })).body.error).toBe(
      'invalid_grant',
    );
    const second = await authorizeCode();
    const ok = {
      grant_type: 'authorization_code',
      code: second.code,
      redirect_uri: REDIRECT,
      code_verifier: second.verifier,
    };
    expect((await tokenRequest(ok)).status).toBe(200);
    expect((await tokenRequest(ok)).body.error).toBe('invalid_grant');
    const late = await authorizeCode();
    now += 5 * 60_000 + 1;
    expect((await tokenRequest({ ...ok, code: late.code, code_verifier: late.verifier })).body.error).toBe(
      'invalid_grant',
    );
  });

  it('reports unsupported_grant_type and invalid_client', async () => {
    expect((await tokenRequest({ grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
    const res = await send(
      request('POST', 'https://identity.xero.com/connect/token', {
        form: { grant_type: 'refresh_token', refresh_token: 'x' },
      }),
    );
    expect(res.body.error).toBe('invalid_client');
  });

  it('rotates refresh tokens; a reuse within grace returns the same pair, after grace invalid_grant', async () => {
    const tokens = await connect();
    now += 60_000;
    const first = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(tokens.refresh_token);
    expect(first.body.access_token).not.toBe(tokens.access_token);
    now += 29 * 60_000;
    const replay = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(replay.body).toEqual(first.body);
    now += 2 * 60_000;
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).body.error).toBe(
      'invalid_grant',
    );
    const next = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token });
    expect(next.status).toBe(200);
  });

  it('expires refresh tokens after 60 days', async () => {
    const tokens = await connect();
    now += 60 * 86_400_000;
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).body.error).toBe(
      'invalid_grant',
    );
  });

  it('revocation ends the grant: refresh → invalid_grant, API → 401', async () => {
    const tokens = await connect();
    accessToken = tokens.access_token;
    const res = await send(
      request('POST', 'https://identity.xero.com/connect/revocation', {
        form: { token: tokens.refresh_token, client_id: 'demo-client-id' },
      }),
    );
    expect(res.status).toBe(200);
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).body.error).toBe(
      'invalid_grant',
    );
    expect((await api('GET', '/Organisation')).status).toBe(401);
  });

  it('admin revoke-all disconnects every grant', async () => {
    await admin('POST', '/revoke-all');
    expect((await api('GET', '/Organisation')).status).toBe(401);
    expect((await admin('GET', '/tokens')).body[0]).toMatchObject({ revoked: true, clientId: 'demo-client-id' });
  });
});

describe('api.xero.com access checks', () => {
  it('401s an expired access token (clock-driven) with www-authenticate', async () => {
    expect((await api('GET', '/Organisation')).status).toBe(200);
    now += 30 * 60_000;
    const res = await api('GET', '/Organisation');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ Title: 'Unauthorized', Status: 401 });
    expect(res.body.Detail).toMatch(/^TokenExpired/);
    expect(res.headers?.['www-authenticate']).toContain('Bearer');
  });

  it('honours a configured access token lifetime', async () => {
    await admin('POST', '/config', { accessTokenTtlSeconds: 60 });
    accessToken = (await connect()).access_token;
    now += 61_000;
    expect((await api('GET', '/Organisation')).status).toBe(401);
  });

  it('401s a missing or unknown token with AuthenticationUnsuccessful', async () => {
    accessToken = 'nope';
    expect((await api('GET', '/Organisation')).body.Detail).toBe('AuthenticationUnsuccessful');
  });

  it('lists one connection by default, several when configured, and deletes one', async () => {
    const one = await send(
      request('GET', 'https://api.xero.com/connections', { headers: { authorization: `Bearer ${accessToken}` } }),
    );
    expect(one.body).toEqual([
      expect.objectContaining({ tenantId: TENANT, tenantType: 'ORGANISATION', tenantName: 'Acme MSP Ltd' }),
    ]);
    await admin('POST', '/config', { organisations: 2 });
    accessToken = (await connect()).access_token;
    const auth = { authorization: `Bearer ${accessToken}` };
    const two = await send(request('GET', 'https://api.xero.com/connections', { headers: auth }));
    expect(two.body.map((c: Body) => c.tenantName)).toEqual(['Acme MSP Ltd', 'Acme MSP (NZ) Ltd']);
    expect(new Set(two.body.map((c: Body) => c.authEventId)).size).toBe(1);
    const second = two.body[1];
    expect(
      (await api('GET', '/Organisation', undefined, { 'xero-tenant-id': second.tenantId })).body.Organisations[0].Name,
    ).toBe('Acme MSP (NZ) Ltd');
    const del = await send(request('DELETE', `https://api.xero.com/connections/${second.id}`, { headers: auth }));
    expect(del.status).toBe(204);
    expect((await api('GET', '/Organisation', undefined, { 'xero-tenant-id': second.tenantId })).status).toBe(403);
  });

  it('requires a xero-tenant-id of the grant', async () => {
    const missing = await send(
      request('GET', 'https://api.xero.com/api.xro/2.0/Organisation', {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      }),
    );
    expect(missing.status).toBe(403);
    expect(missing.body.Detail).toBe('AuthorizationUnsuccessful');
    expect((await api('GET', '/Organisation', undefined, { 'xero-tenant-id': tenantIdFor(9) })).status).toBe(403);
  });

  it('requires the right scope (401 AuthorizationUnsuccessful); .read scopes allow GET only', async () => {
    accessToken = (await connect('offline_access accounting.contacts.read')).access_token;
    expect((await api('GET', '/Contacts')).status).toBe(200);
    for (const [method, path] of [
      ['PUT', '/Contacts'],
      ['GET', '/Invoices'],
      ['GET', '/Accounts'],
      ['PUT', `/Invoices/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}/History`],
    ] as const) {
      const refused = await api(method, path, method === 'PUT' ? { Contacts: [{ Name: 'X' }] } : undefined);
      expect(refused.status, `${method} ${path}`).toBe(401);
      expect(refused.body).toMatchObject({ Title: 'Unauthorized', Status: 401, Detail: 'AuthorizationUnsuccessful' });
      expect(refused.headers?.['www-authenticate']).toBeUndefined();
    }
  });
});

describe('Accounting API formats', () => {
  it('wraps responses in the envelope with /Date()/ dates', async () => {
    const res = await api('GET', '/Organisation');
    expect(res.body).toMatchObject({ Status: 'OK', DateTimeUTC: `/Date(${START})/` });
    expect(res.body.Organisations[0]).toMatchObject({
      Name: 'Acme MSP Ltd',
      BaseCurrency: 'USD',
      OrganisationID: TENANT,
    });
    const invoice = await createInvoice({ Date: '2026-11-25', DueDate: '/Date(1795564800000+0000)/' });
    expect(invoice.Date).toBe(`/Date(${Date.UTC(2026, 10, 25)}+0000)/`);
    expect(invoice.DueDate).toBe('/Date(1795564800000+0000)/');
    expect(invoice.UpdatedDateUTC).toBe(`/Date(${START}+0000)/`);
  });

  it('answers XML without Accept: application/json', async () => {
    await createInvoice({ InvoiceNumber: 'A&B-1' });
    const res = await api('GET', '/Invoices', undefined, { accept: 'application/xml' });
    expect(res.headers?.['content-type']).toContain('text/xml');
    expect(res.body).toMatch(/^<\?xml/);
    expect(res.body).toContain('<Response><Id>');
    expect(res.body).toContain('<Invoices><Invoice><Type>ACCREC</Type>');
    expect(res.body).toContain('<InvoiceNumber>A&amp;B-1</InvoiceNumber>');
  });

  it('lists accounts and tax rates with where filters', async () => {
    const banks = await api('GET', `/Accounts?where=${encodeURIComponent('Status=="ACTIVE" AND Type=="BANK"')}`);
    expect(banks.body.Accounts.map((a: Body) => a.Code ?? a.Name)).toEqual(['090', '091', 'Everyday Account']);
    const rates = await api('GET', '/TaxRates');
    expect(rates.body.TaxRates.find((r: Body) => r.TaxType === 'OUTPUT')).toMatchObject({
      EffectiveRate: 8.25,
      Status: 'ACTIVE',
    });
  });
});

describe('Contacts', () => {
  it('keeps active contact names unique (case-insensitive, trimmed)', async () => {
    const res = await api('PUT', '/Contacts', { Contacts: [{ Name: '  northwind TRADERS ' }] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
    });
    expect(messages(res)).toEqual([
      'The contact name northwind TRADERS is already assigned to another contact. The contact name must be unique across all active contacts.',
    ]);
    // Only active names count: the archived contact's name is free.
    expect((await api('PUT', '/Contacts', { Contacts: [{ Name: 'Old Customer Co' }] })).status).toBe(200);
  });

  it('stores ContactNumber (max 50), finds by it, and updates by ContactID', async () => {
    const created = await api('PUT', '/Contacts', {
      Contacts: [{ Name: 'Initech', ContactNumber: 'SYNCRO-C-1', EmailAddress: 'a@initech.example' }],
    });
    const id = created.body.Contacts[0].ContactID;
    expect((await api('GET', '/Contacts/SYNCRO-C-1')).body.Contacts[0]).toMatchObject({
      ContactID: id,
      EmailAddress: 'a@initech.example',
    });
    const updated = await api('POST', `/Contacts/${id}`, { Contacts: [{ Name: 'Initech LLC' }] });
    expect(updated.body.Contacts[0]).toMatchObject({ ContactID: id, Name: 'Initech LLC', ContactNumber: 'SYNCRO-C-1' });
    const long = await api('PUT', '/Contacts', { Name: 'Long', ContactNumber: 'x'.repeat(51) });
    expect(messages(long)[0]).toContain('ContactNumber');
  });

  it('hides archived contacts unless includeArchived=true', async () => {
    const names = async (query: string) =>
      (await api('GET', `/Contacts${query}`)).body.Contacts.map((c: Body) => c.Name);
    expect(await names('')).not.toContain('Old Customer Co');
    expect(await names('?includeArchived=true')).toContain('Old Customer Co');
    expect(await names(`?where=${encodeURIComponent('ContactNumber=="syncro-c-999999"')}`)).toEqual([
      'Globex Corporation',
    ]);
  });
});

describe('Items', () => {
  it('refuses a Name over 50 characters and a duplicate Code on PUT; POST updates by Code', async () => {
    const long = await api('PUT', '/Items', { Items: [{ Code: 'LAB', Name: 'n'.repeat(51) }] });
    expect(messages(long)).toEqual(['The Name field cannot be more than 50 characters long.']);
    expect(
      (
        await api('PUT', '/Items', {
          Items: [{ Code: 'LAB', Name: 'Labour', SalesDetails: { UnitPrice: 150, AccountCode: '200' } }],
        })
      ).status,
    ).toBe(200);
    expect(messages(await api('PUT', '/Items', { Items: [{ Code: 'lab' }] }))).toEqual([
      "Price List Item with Code ''lab'' already exists",
    ]);
    const upsert = await api('POST', '/Items', { Items: [{ Code: 'LAB', Name: 'Labour hour' }] });
    expect(upsert.body.Items[0]).toMatchObject({ Code: 'LAB', Name: 'Labour hour', SalesDetails: { UnitPrice: 150 } });
    expect((await api('GET', '/Items')).body.Items).toHaveLength(1);
    expect(messages(await api('PUT', '/Items', { Code: 'c'.repeat(31) }))[0]).toContain('Code');
  });

  it('fills invoice lines from the item', async () => {
    await api('PUT', '/Items', {
      Items: [
        { Code: 'LAB', Description: 'Labour', SalesDetails: { UnitPrice: 150, AccountCode: '200', TaxType: 'OUTPUT' } },
      ],
    });
    const invoice = await createInvoice({ LineItems: [{ ItemCode: 'LAB', Quantity: 2 }] });
    expect(invoice.LineItems[0]).toMatchObject({
      Description: 'Labour',
      UnitAmount: 150,
      LineAmount: 300,
      AccountCode: '200',
      TaxAmount: 24.75,
    });
    expect(
      messages(
        await api('PUT', '/Invoices', {
          Type: 'ACCREC',
          Contact: { ContactID: NORTHWIND },
          LineItems: [{ ItemCode: 'NOPE' }],
        }),
      ),
    ).toContain("Item code 'NOPE' is not valid.");
  });
});

describe('Invoices', () => {
  it('computes totals exactly: 3 × 19.99 at 8.25%', async () => {
    const invoice = await createInvoice({ LineItems: [line({ Quantity: 3, UnitAmount: 19.99, TaxType: 'OUTPUT' })] });
    expect(invoice).toMatchObject({ SubTotal: 59.97, TotalTax: 4.95, Total: 64.92, AmountDue: 64.92, AmountPaid: 0 });
    expect(invoice.LineItems[0]).toMatchObject({ LineAmount: 59.97, TaxAmount: 4.95, Quantity: 3, UnitAmount: 19.99 });
  });

  it('rounds tax per line, handles Inclusive, NoTax and discounts', async () => {
    const perLine = await createInvoice({
      LineItems: [line({ UnitAmount: 0.1 }), line({ UnitAmount: 0.1 }), line({ UnitAmount: 0.1 })],
    });
    expect(perLine).toMatchObject({ SubTotal: 0.3, TotalTax: 0.03, Total: 0.33 }); // 0.00825 → 0.01 per line
    const inclusive = await createInvoice({ LineAmountTypes: 'Inclusive', LineItems: [line({ UnitAmount: 108.25 })] });
    expect(inclusive).toMatchObject({ SubTotal: 100, TotalTax: 8.25, Total: 108.25 });
    const noTax = await createInvoice({ LineAmountTypes: 'NoTax', LineItems: [line({ UnitAmount: 10 })] });
    expect(noTax).toMatchObject({ TotalTax: 0, Total: 10 });
    const discounted = await createInvoice({ LineItems: [line({ Quantity: 2, UnitAmount: 49.99, DiscountRate: 15 })] });
    expect(discounted.LineItems[0].LineAmount).toBe(84.98); // 99.98 × 0.85 = 84.983
  });

  it('takes a DiscountAmount on sales lines, after any DiscountRate, and refuses one larger than the line', async () => {
    const invoice = await createInvoice({
      LineItems: [
        line({ Quantity: 2, UnitAmount: 49.99, DiscountAmount: 10, TaxType: 'OUTPUT' }),
        line({ Quantity: 2, UnitAmount: 49.99, DiscountRate: 15, DiscountAmount: 4.98, TaxType: 'OUTPUT' }),
      ],
    });
    expect(invoice.LineItems.map((l: Body) => l.LineAmount)).toEqual([89.98, 80]); // 99.98 − 10; 84.98 − 4.98
    expect(invoice).toMatchObject({ SubTotal: 169.98, TotalTax: 14.02, Total: 184 }); // 7.42 + 6.60
    const tooMuch = await api('PUT', '/Invoices', {
      Type: 'ACCREC',
      Contact: { ContactID: NORTHWIND },
      LineItems: [line({ DiscountAmount: 100.01 })],
    });
    expect(messages(tooMuch)).toEqual(['The discount amount cannot be more than the line amount.']);
    const bill = await api('PUT', '/Invoices', {
      Type: 'ACCPAY',
      Contact: { ContactID: NORTHWIND },
      LineItems: [line({ AccountCode: '300', DiscountAmount: 1 })],
    });
    expect(messages(bill)).toContain('Discounts are only supported on sales invoices.');
  });

  it('refuses an unknown TaxType, an unknown, archived or bank account', async () => {
    const bad = async (lineFields: Body) =>
      messages(
        await api('PUT', '/Invoices', {
          Type: 'ACCREC',
          Contact: { ContactID: NORTHWIND },
          LineItems: [line(lineFields)],
        }),
      );
    expect(await bad({ TaxType: 'GST' })).toEqual([
      "The TaxType code 'GST' does not exist or cannot be used for this type of transaction.",
    ]);
    expect(await bad({ TaxType: 'INPUT' })).toEqual([
      "The TaxType code 'INPUT' does not exist or cannot be used for this type of transaction.",
    ]);
    expect(await bad({ AccountCode: '999' })).toEqual(["Account code '999' is not a valid code for this document."]);
    expect((await bad({ AccountCode: '270' }))[0]).toContain('archived');
    expect(await bad({ AccountCode: '090' })).toEqual(["Account code '090' is not a valid code for this document."]);
  });

  it('refuses an archived contact and creates a contact given only by a new Name', async () => {
    const archived = await api('PUT', '/Invoices', {
      Type: 'ACCREC',
      Contact: { ContactID: OLD_CUSTOMER },
      LineItems: [line()],
    });
    expect(messages(archived)[0]).toContain('has been archived');
    const byName = await createInvoice({ Contact: { Name: 'Brand New Pty' } });
    expect(byName.Contact).toMatchObject({ Name: 'Brand New Pty', IsCustomer: true });
    const existing = await createInvoice({ Contact: { Name: 'northwind traders' } });
    expect(existing.Contact.ContactID).toBe(NORTHWIND);
  });

  it('keeps ACCREC InvoiceNumber unique but allows duplicate ACCPAY numbers', async () => {
    await createInvoice({ InvoiceNumber: 'SYN-1' });
    const dup = await api('PUT', '/Invoices', {
      Type: 'ACCREC',
      InvoiceNumber: 'syn-1',
      Contact: { ContactID: NORTHWIND },
      LineItems: [line()],
    });
    expect(messages(dup)).toEqual(['Invoice # must be unique.']);
    const bill = {
      Type: 'ACCPAY',
      InvoiceNumber: 'SUPP-1',
      Contact: { ContactID: NORTHWIND },
      LineItems: [line({ AccountCode: '300' })],
    };
    expect((await api('PUT', '/Invoices', bill)).status).toBe(200);
    expect((await api('PUT', '/Invoices', bill)).status).toBe(200);
    expect((await api('GET', '/Invoices?InvoiceNumbers=SUPP-1')).body.Invoices).toHaveLength(2);
  });

  it('auto-numbers sales invoices and drops Reference on bills', async () => {
    expect((await createInvoice({ Reference: 'Ticket 1' })).InvoiceNumber).toBe('INV-0001');
    const bill = await createInvoice({
      Type: 'ACCPAY',
      Reference: 'ignored',
      LineItems: [line({ AccountCode: '300' })],
    });
    expect(bill.Reference).toBeUndefined();
    expect(bill.InvoiceNumber).toBe('');
  });

  it('updates by InvoiceID, voids AUTHORISED but refuses DELETED', async () => {
    const invoice = await createInvoice({ Status: 'DRAFT' });
    const edited = await api('POST', `/Invoices/${invoice.InvoiceID}`, {
      Invoices: [{ Reference: 'R2', Status: 'AUTHORISED' }],
    });
    expect(edited.body.Invoices[0]).toMatchObject({ Reference: 'R2', Status: 'AUTHORISED', Total: 108.25 });
    expect(messages(await api('POST', '/Invoices', { InvoiceID: invoice.InvoiceID, Status: 'DELETED' }))).toEqual([
      'Invoice not of valid status for modification',
    ]);
    expect(
      (await api('POST', '/Invoices', { InvoiceID: invoice.InvoiceID, Status: 'VOIDED' })).body.Invoices[0].Status,
    ).toBe('VOIDED');
  });

  it('fails a whole batch by default, and saves only the good records with summarizeErrors=false', async () => {
    const batch = {
      Invoices: [
        { Type: 'ACCREC', InvoiceNumber: 'B-1', Contact: { ContactID: NORTHWIND }, LineItems: [line()] },
        {
          Type: 'ACCREC',
          InvoiceNumber: 'B-2',
          Contact: { ContactID: NORTHWIND },
          LineItems: [line({ TaxType: 'BOGUS' })],
        },
      ],
    };
    const whole = await api('PUT', '/Invoices', batch);
    expect(whole.status).toBe(400);
    expect(whole.body.Elements).toHaveLength(1);
    expect(whole.body.Elements[0]).toMatchObject({ InvoiceNumber: 'B-2' });
    expect((await api('GET', '/Invoices')).body.Invoices).toHaveLength(0);
    const partial = await api('PUT', '/Invoices?summarizeErrors=false', batch);
    expect(partial.status).toBe(200);
    expect(partial.body.Invoices.map((i: Body) => i.StatusAttributeString)).toEqual(['OK', 'ERROR']);
    expect(partial.body.Invoices[1].ValidationErrors[0].Message).toContain('BOGUS');
    expect((await api('GET', '/Invoices')).body.Invoices.map((i: Body) => i.InvoiceNumber)).toEqual(['B-1']);
  });

  it('replays an Idempotency-Key for one minute only, and refuses it for a different body', async () => {
    const body = {
      Invoices: [{ Type: 'ACCPAY', Contact: { ContactID: NORTHWIND }, LineItems: [line({ AccountCode: '300' })] }],
    };
    const first = await api('PUT', '/Invoices', body, { 'idempotency-key': 'k1' });
    now += 59_000;
    const again = await api('PUT', '/Invoices', body, { 'idempotency-key': 'k1' });
    expect(again).toEqual(first);
    expect((await api('GET', '/Invoices')).body.Invoices).toHaveLength(1);
    const changed = await api('PUT', '/Invoices', { ...body, extra: 1 }, { 'idempotency-key': 'k1' });
    expect(changed.status).toBe(400);
    now += 1_000; // a minute after the first use: the key is forgotten and the same request creates again
    expect((await api('PUT', '/Invoices', body, { 'idempotency-key': 'k1' })).status).toBe(200);
    expect((await api('GET', '/Invoices')).body.Invoices).toHaveLength(2);
  });

  it('replays errors too, and shares a key across the organisations of one app', async () => {
    const refused = { Invoices: [{ Type: 'ACCREC', Contact: { ContactID: NORTHWIND }, LineItems: [line()] }] };
    const first = await api(
      'PUT',
      '/Invoices',
      { ...refused, Invoices: [{ ...refused.Invoices[0], Type: 'X' }] },
      {
        'idempotency-key': 'bad',
      },
    );
    expect(first.status).toBe(400);
    // Another organisation of the same app (client id): the key is not the organisation's.
    await admin('POST', '/config', { organisations: 2 });
    accessToken = (await connect()).access_token;
    const other = { 'xero-tenant-id': tenantIdFor(2), 'idempotency-key': 'bad' };
    const replayed = await api(
      'PUT',
      '/Invoices',
      { ...refused, Invoices: [{ ...refused.Invoices[0], Type: 'X' }] },
      other,
    );
    expect(replayed).toEqual(first);
    expect((await api('PUT', '/Invoices', refused, other)).body.Detail).toMatch(/different request payload/);
  });

  it('checks the Idempotency-Key length (128 at most) on every write, history notes included', async () => {
    const invoice = await createInvoice();
    const note = { HistoryRecords: [{ Details: 'A note' }] };
    const path = `/Invoices/${invoice.InvoiceID}/History`;
    const tooLong = await api('PUT', path, note, { 'idempotency-key': 'k'.repeat(129) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.Detail).toMatch(/128 characters/);
    expect((await api('PUT', path, note, { 'idempotency-key': 'k'.repeat(128) })).status).toBe(200);
    expect((await api('PUT', path, note, { 'idempotency-key': 'k'.repeat(128) })).status).toBe(200); // replayed
    expect((await api('GET', path)).body.HistoryRecords).toHaveLength(1);
    const contact = await api('PUT', '/Contacts', { Name: 'Long Key Ltd' }, { 'idempotency-key': 'c'.repeat(129) });
    expect(contact.status).toBe(400);
  });
});

describe('Admin refusals and invoices', () => {
  const LOCKED = 'The document date cannot be before the end of year lock date, currently set to 30 June 2026.';
  const invoice = (number: string): Body => ({
    Type: 'ACCREC',
    InvoiceNumber: number,
    Contact: { ContactID: NORTHWIND },
    Status: 'AUTHORISED',
    LineItems: [line()],
  });

  it('refuses writes of one document number with its message, the way Xero refuses a record', async () => {
    expect((await admin('POST', '/refusals', { number: 'R-2', message: LOCKED })).body).toEqual([
      { collection: 'Invoices', number: 'R-2', message: LOCKED },
    ]);
    const batch = { Invoices: [invoice('R-1'), invoice('r-2 ')] };
    const whole = await api('PUT', '/Invoices', batch);
    expect(whole.status).toBe(400);
    expect(whole.body).toMatchObject({ Type: 'ValidationException', Elements: [{ InvoiceNumber: 'r-2 ' }] });
    expect(messages(whole)).toEqual([LOCKED]);
    const partial = await api('PUT', '/Invoices?summarizeErrors=false', batch);
    expect(partial.status).toBe(200);
    expect(partial.body.Invoices.map((i: Body) => i.StatusAttributeString)).toEqual(['OK', 'ERROR']);
    expect(partial.body.Invoices[1]).toMatchObject({ HasErrors: true, ValidationErrors: [{ Message: LOCKED }] });
    // An update by InvoiceID alone is refused too, once its number is refused.
    const saved = partial.body.Invoices[0];
    await admin('POST', '/refusals', { number: 'R-1', message: LOCKED });
    const update = await api('POST', `/Invoices/${saved.InvoiceID}?summarizeErrors=false`, { Reference: 'x' });
    expect(update.body.Invoices[0].ValidationErrors).toEqual([{ Message: LOCKED }]);
    // Reads are untouched; lifting the refusal lets the write through.
    expect((await api('GET', '/Invoices/R-1')).status).toBe(200);
    expect((await admin('POST', '/refusals', { number: 'R-1', message: null })).body).toHaveLength(1);
    expect((await api('POST', `/Invoices/${saved.InvoiceID}`, { Reference: 'x' })).status).toBe(200);
    expect((await admin('DELETE', '/refusals')).body).toEqual([]);
    expect((await api('PUT', '/Invoices', { Invoices: [invoice('R-2')] })).status).toBe(200);
  });

  it('refuses purchase orders by PurchaseOrderNumber, and checks its input', async () => {
    await admin('POST', '/refusals', { collection: 'PurchaseOrders', number: 'PO-9', message: LOCKED });
    const order = {
      Contact: { ContactID: NORTHWIND },
      PurchaseOrderNumber: 'PO-9',
      LineItems: [line({ AccountCode: '300' })],
    };
    expect(messages(await api('PUT', '/PurchaseOrders', { PurchaseOrders: [order] }))).toEqual([LOCKED]);
    expect((await api('PUT', '/Invoices', { Invoices: [invoice('PO-9')] })).status).toBe(200);
    expect((await admin('POST', '/refusals', { collection: 'Contacts', number: 'x', message: 'm' })).status).toBe(400);
    expect((await admin('POST', '/refusals', { number: ' ', message: 'm' })).status).toBe(400);
    expect((await admin('POST', '/refusals', { number: 'x', message: '' })).status).toBe(400);
    xero.reset();
    expect((await admin('GET', '/refusals')).body).toEqual([]);
  });

  it('saves an invoice straight into the organisation under Xero rules', async () => {
    const res = await admin('POST', '/invoices', { ...invoice('OTHER-1'), Contact: { Name: 'Other Install Co' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ InvoiceNumber: 'OTHER-1', Status: 'AUTHORISED', Total: 108.25 });
    expect((await api('GET', '/Invoices/OTHER-1')).body.Invoices[0].Contact.Name).toBe('Other Install Co');
    const duplicate = await admin('POST', '/invoices', invoice('other-1'));
    expect(duplicate.status).toBe(400);
    expect(messages(duplicate)).toEqual(['Invoice # must be unique.']);
  });
});

describe('Invoice queries', () => {
  beforeEach(async () => {
    for (let n = 1; n <= 5; n++) {
      now = START + n * 1000;
      await createInvoice({
        InvoiceNumber: `Q-${n}`,
        Status: n % 2 ? 'AUTHORISED' : 'DRAFT',
        LineItems: [line({ UnitAmount: n * 10 })],
      });
    }
  });
  const numbers = async (query: string, headers: Record<string, string> = {}) =>
    (await api('GET', `/Invoices${query}`, undefined, headers)).body.Invoices.map((i: Body) => i.InvoiceNumber);

  it('filters with where (==, =, AND, OR, guid, numbers), case-insensitively', async () => {
    expect(await numbers(`?where=${encodeURIComponent('Status=="authorised"')}`)).toEqual(['Q-1', 'Q-3', 'Q-5']);
    expect(await numbers(`?where=${encodeURIComponent('InvoiceNumber="q-2" OR InvoiceNumber=="Q-4"')}`)).toEqual([
      'Q-2',
      'Q-4',
    ]);
    const where = `Contact.ContactID=guid("${NORTHWIND}") && Type=="ACCREC" AND AmountDue>40`;
    expect(await numbers(`?where=${encodeURIComponent(where)}`)).toEqual(['Q-4', 'Q-5']);
    const bad = await api('GET', `/Invoices?where=${encodeURIComponent('Status ~ "X"')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.Type).toBe('QueryParseException');
  });

  it('has no escape for a quote in a where string: a backslash escape is a syntax error', async () => {
    await api('POST', '/Contacts', { Name: 'Bob "The Builder" Repairs' });
    await api('POST', '/Contacts', { Name: 'A\\B Ltd' });
    const escaped = await api('GET', `/Contacts?where=${encodeURIComponent('Name=="Bob \\"The Builder\\" Repairs"')}`);
    expect(escaped.status).toBe(400);
    expect(escaped.body).toEqual({ ErrorNumber: 16, Type: 'QueryParseException', Message: 'Syntax error' });
    const doubled = await api('GET', `/Contacts?where=${encodeURIComponent('Name=="Bob ""The Builder"" Repairs"')}`);
    expect(doubled.status).toBe(400);
    // A backslash is an ordinary character; the quoted name is found with searchTerm instead.
    const backslash = await api('GET', `/Contacts?where=${encodeURIComponent('Name=="A\\B Ltd"')}`);
    expect(backslash.body.Contacts.map((c: Body) => c.Name)).toEqual(['A\\B Ltd']);
    const search = await api('GET', `/Contacts?searchTerm=${encodeURIComponent('The Builder')}`);
    expect(search.body.Contacts.map((c: Body) => c.Name)).toEqual(['Bob "The Builder" Repairs']);
  });

  it('filters by InvoiceNumbers, IDs and Statuses, and orders', async () => {
    expect(await numbers('?InvoiceNumbers=Q-2,q-3')).toEqual(['Q-2', 'Q-3']);
    const all = (await api('GET', '/Invoices')).body.Invoices;
    expect(await numbers(`?IDs=${all[4].InvoiceID},${all[0].InvoiceID}`)).toEqual(['Q-1', 'Q-5']);
    expect(await numbers('?Statuses=DRAFT')).toEqual(['Q-2', 'Q-4']);
    expect(await numbers('?order=InvoiceNumber%20DESC')).toEqual(['Q-5', 'Q-4', 'Q-3', 'Q-2', 'Q-1']);
  });

  it('pages with page/pageSize and a pagination block; line items only when paged', async () => {
    const page = await api('GET', '/Invoices?page=2&pageSize=2');
    expect(page.body.Invoices.map((i: Body) => i.InvoiceNumber)).toEqual(['Q-3', 'Q-4']);
    expect(page.body.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 3, itemCount: 5 });
    expect(page.body.Invoices[0].LineItems).toHaveLength(1);
    expect((await api('GET', '/Invoices')).body.Invoices[0].LineItems).toBeUndefined();
  });

  it('returns only records updated after If-Modified-Since', async () => {
    expect(await numbers('', { 'if-modified-since': new Date(START + 3000).toISOString() })).toEqual(['Q-4', 'Q-5']);
  });

  it('gets one invoice by id or number, 404 otherwise', async () => {
    expect((await api('GET', '/Invoices/Q-3')).body.Invoices[0].Total).toBe(32.48);
    expect((await api('GET', '/Invoices/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});

describe('Payments', () => {
  const pay = (invoice: Body, amount: number, account: Body = { Code: '090' }) =>
    api('PUT', '/Payments', {
      Payments: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Account: account, Date: '2026-09-05', Amount: amount }],
    });

  it('applies only to AUTHORISED invoices', async () => {
    const draft = await createInvoice({ Status: 'DRAFT' });
    expect(messages(await pay(draft, 10))).toEqual(['Payments can only be made against Authorised documents']);
  });

  it('refuses more than AmountDue and non-payment accounts', async () => {
    const invoice = await createInvoice();
    expect(messages(await pay(invoice, 108.26))).toEqual([
      'Payment amount exceeds the amount outstanding on this document',
    ]);
    // developer.xero.com/documentation/api/accounting/payments: "either an account of type BANK or have enable
    // payments to this accounts switched on".
    const { Accounts } = (await api('GET', '/Accounts')).body;
    const flagOf = (code: string) => Accounts.find((account: Body) => account.Code === code)?.EnablePaymentsToAccount;
    expect([flagOf('880'), flagOf('200'), flagOf('091'), flagOf('855')]).toEqual([false, false, false, true]);
    expect(messages(await pay(invoice, 10, { Code: '880' }))).toEqual([
      'Account type is invalid for making a payment to/from',
    ]);
    expect(messages(await pay(invoice, 10, { Code: '200' }))).toEqual([
      'Account type is invalid for making a payment to/from',
    ]);
    expect((await pay(invoice, 10, { Code: '091' })).status).toBe(200); // a BANK account, without the flag
    expect((await pay(invoice, 10, { Code: '855' })).status).toBe(200); // a liability account, with it
    expect(messages(await pay(invoice, 0))).toEqual(['Payment amount must be greater than zero.']);
  });

  it('pays in part then in full: AmountDue, PAID, FullyPaidOnDate, and the invoice is locked', async () => {
    const invoice = await createInvoice({ InvoiceNumber: 'P-1' });
    const part = await pay(invoice, 8.25);
    expect(part.body.Payments[0]).toMatchObject({
      Amount: 8.25,
      Status: 'AUTHORISED',
      PaymentType: 'ACCRECPAYMENT',
      Invoice: { InvoiceNumber: 'P-1' },
    });
    expect((await api('GET', '/Invoices/P-1')).body.Invoices[0]).toMatchObject({
      AmountPaid: 8.25,
      AmountDue: 100,
      Status: 'AUTHORISED',
    });
    const locked = await api('POST', `/Invoices/${invoice.InvoiceID}`, { Reference: 'edit' });
    expect(messages(locked)).toEqual([
      'This document cannot be edited as it has a payment or credit note allocated to it.',
    ]);
    await api('POST', '/Payments', {
      Invoice: { InvoiceNumber: 'P-1' },
      Account: { Code: '090' },
      Date: '2026-09-06',
      Amount: 100,
    });
    const paid = (await api('GET', '/Invoices/P-1')).body.Invoices[0];
    expect(paid).toMatchObject({
      Status: 'PAID',
      AmountDue: 0,
      AmountPaid: 108.25,
      FullyPaidOnDate: `/Date(${Date.UTC(2026, 8, 6)}+0000)/`,
    });
    expect(paid.Payments).toHaveLength(2);
    const where = encodeURIComponent('PaymentType=="ACCRECPAYMENT" AND Amount==100');
    expect((await api('GET', `/Payments?where=${where}`)).body.Payments).toHaveLength(1);
  });

  it('deletes a payment and reopens the invoice', async () => {
    const invoice = await createInvoice();
    const payment = (await pay(invoice, 108.25)).body.Payments[0];
    const deleted = await api('POST', `/Payments/${payment.PaymentID}`, { Payments: [{ Status: 'DELETED' }] });
    expect(deleted.body.Payments[0].Status).toBe('DELETED');
    expect((await api('GET', `/Invoices/${invoice.InvoiceID}`)).body.Invoices[0]).toMatchObject({
      Status: 'AUTHORISED',
      AmountDue: 108.25,
    });
  });
});

describe('Admin payments and batch payments', () => {
  it('creates a payment with the same rules as the API', async () => {
    await createInvoice({ InvoiceNumber: 'AD-1' });
    const res = await admin('POST', '/payments', { invoiceNumber: 'AD-1', amountCents: 5000, reference: 'cheque 12' });
    expect(res.body).toMatchObject({ Amount: 50, Reference: 'cheque 12', Account: { Code: '090' } });
    expect((await admin('POST', '/payments', { invoiceNumber: 'AD-1', amount: 100 })).status).toBe(400);
  });

  it('creates a batch payment with one payment per invoice, each carrying BatchPaymentID', async () => {
    await createInvoice({ InvoiceNumber: 'BP-1' });
    await createInvoice({ InvoiceNumber: 'BP-2', LineItems: [line({ Quantity: 3, UnitAmount: 19.99 })] });
    const res = await admin('POST', '/batch-payments', {
      reference: 'Deposit 7',
      date: '2026-09-10',
      payments: [
        { invoiceNumber: 'BP-1', amount: 108.25 },
        { invoiceNumber: 'BP-2', amountCents: 1000 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ TotalAmount: 118.25, Type: 'RECBATCH', Reference: 'Deposit 7' });
    const batches = (await api('GET', '/BatchPayments')).body.BatchPayments;
    expect(batches).toHaveLength(1);
    expect(batches[0].Payments).toHaveLength(2);
    const payments = (await api('GET', '/Payments')).body.Payments;
    expect(payments.map((p: Body) => p.BatchPaymentID)).toEqual([res.body.BatchPaymentID, res.body.BatchPaymentID]);
    expect((await api('GET', '/Invoices/BP-1')).body.Invoices[0].Status).toBe('PAID');
  });

  it('saves nothing when one batch line is invalid', async () => {
    await createInvoice({ InvoiceNumber: 'BP-1' });
    const res = await admin('POST', '/batch-payments', {
      payments: [
        { invoiceNumber: 'BP-1', amount: 10 },
        { invoiceNumber: 'NOPE', amount: 1 },
      ],
    });
    expect(res.status).toBe(400);
    expect((await api('GET', '/Payments')).body.Payments).toHaveLength(0);
    expect((await admin('GET', '/nope')).status).toBe(404);
  });
});

describe('Purchase orders', () => {
  it('auto-numbers, needs an existing contact, and moves AUTHORISED → BILLED', async () => {
    const missing = await api('PUT', '/PurchaseOrders', {
      Contact: { Name: 'Nobody Ltd' },
      LineItems: [line({ AccountCode: '300' })],
    });
    expect(messages(missing)).toEqual(['The contact with the specified contact details could not be found.']);
    const created = await api('PUT', '/PurchaseOrders', {
      PurchaseOrders: [
        {
          Contact: { ContactID: NORTHWIND },
          Status: 'DRAFT',
          DeliveryInstructions: 'Leave at reception',
          LineItems: [line({ AccountCode: '300' })],
        },
      ],
    });
    const po = created.body.PurchaseOrders[0];
    expect(po).toMatchObject({
      PurchaseOrderNumber: 'PO-0001',
      Status: 'DRAFT',
      Total: 108.25,
      DeliveryInstructions: 'Leave at reception',
    });
    expect(messages(await api('POST', `/PurchaseOrders/${po.PurchaseOrderID}`, { Status: 'BILLED' }))).toEqual([
      'Only an authorised purchase order can be marked as billed.',
    ]);
    await api('POST', `/PurchaseOrders/${po.PurchaseOrderID}`, { Status: 'AUTHORISED' });
    const billed = await api('POST', `/PurchaseOrders/${po.PurchaseOrderID}`, {
      PurchaseOrders: [{ Status: 'BILLED' }],
    });
    expect(billed.body.PurchaseOrders[0].Status).toBe('BILLED');
    expect((await api('GET', '/PurchaseOrders?Status=BILLED')).body.PurchaseOrders).toHaveLength(1);
    expect(
      messages(
        await api('PUT', '/PurchaseOrders', { PurchaseOrderNumber: 'PO-0001', Contact: { ContactID: NORTHWIND } }),
      ),
    ).toEqual(['Order number must be unique']);
  });

  it('finds a PO by number only when the number is not purely numeric, by id always', async () => {
    const save = async (number: string) =>
      (
        await api('PUT', '/PurchaseOrders', {
          PurchaseOrderNumber: number,
          Contact: { ContactID: NORTHWIND },
          LineItems: [line({ AccountCode: '300' })],
        })
      ).body.PurchaseOrders[0];
    const numeric = await save('19200');
    const lettered = await save('A19200');
    expect((await api('GET', '/PurchaseOrders/19200')).status).toBe(404);
    expect((await api('GET', '/PurchaseOrders/A19200')).body.PurchaseOrders[0].PurchaseOrderID).toBe(
      lettered.PurchaseOrderID,
    );
    expect((await api('GET', `/PurchaseOrders/${numeric.PurchaseOrderID}`)).body.PurchaseOrders[0]).toMatchObject({
      PurchaseOrderNumber: '19200',
    });
    const sameDay = await api('GET', `/PurchaseOrders?DateFrom=${new Date(START).toISOString().slice(0, 10)}`);
    expect(sameDay.body.PurchaseOrders.map((po: Body) => po.PurchaseOrderNumber)).toEqual(['19200', 'A19200']);
  });
});

describe('Credit notes allocated to an invoice', () => {
  it('lower AmountDue, show in AmountCredited, and lock the invoice against edits', async () => {
    const invoice = await createInvoice({ InvoiceNumber: 'CN-1' });
    const allocated = await admin('POST', '/credit-allocations', { invoiceNumber: 'CN-1', amountCents: 2_000 });
    expect(allocated.status).toBe(200);
    const read = (await api('GET', `/Invoices/${invoice.InvoiceID}`)).body.Invoices[0];
    expect(read).toMatchObject({ AmountCredited: 20, AmountPaid: 0, AmountDue: invoice.Total - 20 });
    const edit = await api('POST', `/Invoices/${invoice.InvoiceID}`, { Reference: 'changed' });
    expect(messages(edit)).toEqual([
      'This document cannot be edited as it has a payment or credit note allocated to it.',
    ]);
    const tooMuch = await admin('POST', '/credit-allocations', {
      invoiceId: invoice.InvoiceID,
      amountCents: 1_000_000,
    });
    expect(tooMuch.status).toBe(400);
    const overpaid = await api('PUT', '/Payments', {
      Invoice: { InvoiceID: invoice.InvoiceID },
      Account: { Code: '090' },
      Amount: invoice.Total,
    });
    expect(messages(overpaid)).toEqual(['Payment amount exceeds the amount outstanding on this document']);
  });
});

describe('What Xero accepts: accounts without a code, credit lines, tracked items', () => {
  it('has a bank account without a code, which payments reach by AccountID', async () => {
    // help.xero.com "Add a bank account": the code is "(Optional)"; Payment.Code: "not all accounts have a code".
    const { Accounts } = (await api('GET', '/Accounts')).body;
    const uncoded = Accounts.find((account: Body) => account.Name === 'Everyday Account');
    expect(uncoded).toMatchObject({ AccountID: uncodedBankAccountIdFor(1), Type: 'BANK' });
    expect(uncoded).not.toHaveProperty('Code');
    const invoice = await createInvoice();
    const paid = await api('PUT', '/Payments', {
      Invoice: { InvoiceID: invoice.InvoiceID },
      Account: { AccountID: uncoded.AccountID },
      Amount: 10,
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.Payments[0].Account).toMatchObject({ AccountID: uncoded.AccountID });
  });

  it('refuses a negative quantity and a zero quantity with a price; takes a negative unit amount', async () => {
    // Integrators' notes (e.g. Provet Cloud "An invoice was not updated to Xero"); XeroAPI/Xero-OpenAPI#429.
    const refused = async (lineFields: Body) => {
      const res = await api('PUT', '/Invoices', {
        Invoices: [{ Type: 'ACCREC', Contact: { ContactID: NORTHWIND }, LineItems: [line(lineFields)] }],
      });
      expect(res.status).toBe(400);
      return messages(res);
    };
    expect((await refused({ Quantity: -1, UnitAmount: 10 }))[0]).toMatch(/Quantity must not be negative/);
    expect((await refused({ Quantity: 0, UnitAmount: 10 }))[0]).toMatch(/zero Quantity/);
    expect((await refused({ Quantity: 1, UnitAmount: -10, DiscountAmount: 0 }))[0]).toMatch(
      /Discount must not be greater than the line total/,
    );
    const invoice = await createInvoice({
      Status: 'DRAFT',
      LineItems: [
        line({ Quantity: 2, UnitAmount: 50 }),
        line({ Quantity: 1, UnitAmount: -12.5, DiscountRate: 10 }),
        { Description: 'A note, worth nothing' },
        line({ Quantity: 0, UnitAmount: 0 }),
      ],
    });
    expect(invoice.LineItems.map((l: Body) => l.LineAmount)).toEqual([100, -11.25, 0, 0]);
    expect(invoice.SubTotal).toBe(88.75);
  });

  it('tracks an item with an inventory account and a COGS account; then refuses a purchase AccountCode', async () => {
    // Item.IsTrackedAsInventory, Item.InventoryAssetAccountCode ("must be of type INVENTORY"),
    // Purchase.AccountCode ("Not applicable to the purchase details of tracked items").
    const tracked = await api('PUT', '/Items', {
      Items: [
        {
          Code: '817882028557',
          Name: 'Access point',
          InventoryAssetAccountCode: '630',
          PurchaseDetails: { UnitPrice: 99, COGSAccountCode: '310' },
        },
      ],
    });
    expect(tracked.status, JSON.stringify(tracked.body)).toBe(200);
    expect(tracked.body.Items[0]).toMatchObject({ IsTrackedAsInventory: true, InventoryAssetAccountCode: '630' });
    const withAccount = await api('POST', '/Items', {
      Items: [{ Code: '817882028557', PurchaseDetails: { UnitPrice: 99, AccountCode: '300' } }],
    });
    expect(messages(withAccount)[0]).toMatch(/tracked as inventory/);
    const priceOnly = await api('POST', '/Items', {
      Items: [{ Code: '817882028557', Name: 'UniFi U6-Lite', PurchaseDetails: { UnitPrice: 95 } }],
    });
    expect(priceOnly.body.Items[0]).toMatchObject({
      IsTrackedAsInventory: true,
      PurchaseDetails: { UnitPrice: 95, COGSAccountCode: '310' },
    });
    const notInventory = await api('PUT', '/Items', {
      Items: [{ Code: 'X1', InventoryAssetAccountCode: '200', PurchaseDetails: { COGSAccountCode: '310' } }],
    });
    expect(messages(notInventory)[0]).toMatch(/not a valid inventory asset account/);
  });
});

describe('Seed, reset and snapshot', () => {
  it('seeds fixed ids and scales invoices; reset empties everything', async () => {
    xero.seed({ invoices: 150 });
    accessToken = (await connect()).access_token;
    const page = await api('GET', '/Invoices?page=2');
    expect(page.body.pagination).toMatchObject({ itemCount: 150, pageCount: 2 });
    const snapshot = xero.snapshot() as Body;
    expect(snapshot.organisations[0]).toMatchObject({ tenantId: TENANT, organisation: { Name: 'Acme MSP Ltd' } });
    expect(snapshot.organisations[0].contacts.map((c: Body) => c.Name)).toEqual([
      'Northwind Traders',
      'Old Customer Co',
      'Globex Corporation',
    ]);
    expect(snapshot.organisations[0].invoices).toHaveLength(150);
    xero.reset();
    expect((xero.snapshot() as Body).organisations).toEqual([]);
  });
});
