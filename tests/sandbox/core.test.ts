// The sandbox core over real HTTPS: host dispatch, certificate, rate limits, faults, spec validation,
// request log. The fakes' business rules have their own tests (syncro.test.ts, xero.test.ts).

import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect, type PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxClient } from './client.ts';
import { type Sandbox, startSandbox } from './server.ts';
import { defaultSpecsDir } from './specs.ts';

let sandbox: Sandbox;
let client: SandboxClient;
const specsPresent = existsSync(defaultSpecsDir);

beforeAll(async () => {
  sandbox = await startSandbox({ seed: false });
  client = new SandboxClient(sandbox.port);
});
afterAll(() => sandbox.close());
beforeEach(() => client.seed());

const xeroCall = (path = '/api.xro/2.0/Organisation', tenant = 'tenant-a') =>
  client.send({ host: 'api.xero.com', path, headers: { 'xero-tenant-id': tenant, authorization: 'Bearer x' } });
const syncroCall = (path = '/api/v1/me', from = '127.0.0.1', token = 'demo-token') =>
  client.send({ host: 'acme.syncromsp.com', path, headers: { authorization: `Bearer ${token}` }, localAddress: from });

describe('dispatch and certificate', () => {
  it('serves each real hostname from its fake', async () => {
    expect((await syncroCall()).status).toBe(200);
    expect((await client.send({ host: 'acme.syncromsp.com', path: '/invoices' })).text).toContain('<h1');
    expect((await client.send({ host: 'api.xero.com', path: '/connections' })).status).toBe(401);
    const authorize = await client.send({ host: 'login.xero.com', path: '/identity/connect/authorize' });
    expect(authorize.status).toBe(400);
    expect((await client.send({ host: 'unknown.example', path: '/' })).status).toBe(404);
  });

  it('presents a certificate whose SAN lists every host Chromium maps to it', async () => {
    const certificate = await new Promise<PeerCertificate>((resolve, reject) => {
      const socket = connect(
        { host: '127.0.0.1', port: sandbox.port, servername: 'api.xero.com', rejectUnauthorized: false },
        () => {
          resolve(socket.getPeerCertificate());
          socket.end();
        },
      );
      socket.on('error', reject);
    });
    for (const name of ['*.syncromsp.com', 'login.xero.com', 'identity.xero.com', 'api.xero.com']) {
      expect(certificate.subjectaltname).toContain(`DNS:${name}`);
    }
    expect(sandbox.chromiumArgs[0]).toContain(`MAP *.syncromsp.com 127.0.0.1:${sandbox.port}`);
  });
});

describe('rate limits', () => {
  it('answers Syncro 429 past 180 requests a minute, and again after the minute', async () => {
    for (let i = 0; i < 180; i++) expect((await syncroCall()).status).toBe(200);
    expect((await syncroCall()).status).toBe(429);
    await client.advanceClock(60_001);
    expect((await syncroCall()).status).toBe(200);
  });

  it('keeps one Syncro window per API token whichever browser sends, and one per IP whichever token', async () => {
    // syncro_swagger.json#/info/description counts per IP; the token's own window is the stricter reading.
    await client.limits({ syncroPerMinute: 4 });
    for (const from of ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4']) {
      expect((await syncroCall('/api/v1/me', from)).status).toBe(200);
    }
    const refused = await syncroCall('/api/v1/me', '127.0.0.5'); // an IP with no call yet, the same token
    expect(refused.status).toBe(429);
    // Syncro documents no Retry-After (research/syncro.md, Unknowns 6): the least convenient reading sends none.
    expect(refused.headers['retry-after']).toBeUndefined();
    await client.advanceClock(60_001);
    for (let i = 0; i < 4; i++)
      expect((await syncroCall('/api/v1/me', '127.0.0.6', `other-${i}`)).status).not.toBe(429);
    expect((await syncroCall('/api/v1/me', '127.0.0.6', 'other-4')).status).toBe(429); // that IP's window is full
  });

  it('counts refused Syncro requests in the window: a client that keeps calling stays refused', async () => {
    await client.limits({ syncroPerMinute: 2 });
    expect((await syncroCall()).status).toBe(200);
    expect((await syncroCall()).status).toBe(200);
    expect((await syncroCall()).status).toBe(429);
    await client.advanceClock(30_000);
    expect((await syncroCall()).status).toBe(429); // counted at +30 s
    await client.advanceClock(30_001);
    // The first three have left the window; the refused call at +30 s has not.
    expect((await syncroCall()).status).toBe(200);
    expect((await syncroCall()).status).toBe(429);
  });

  it('counts Xero calls per organisation with the remaining-budget headers and Retry-After', async () => {
    const first = await xeroCall();
    expect(first.headers['x-minlimit-remaining']).toBe('59');
    expect(first.headers['x-daylimit-remaining']).toBe('4999');
    for (let i = 1; i < 60; i++) await xeroCall();
    const limited = await xeroCall();
    expect(limited.status).toBe(429);
    expect(limited.headers['x-rate-limit-problem']).toBe('minute');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await xeroCall('/api.xro/2.0/Organisation', 'tenant-b')).status).not.toBe(429);
    await client.advanceClock(60_001);
    expect((await xeroCall()).status).not.toBe(429);
  });

  it('enforces the daily budget', async () => {
    await client.limits({ xeroPerDay: 3 });
    for (let i = 0; i < 3; i++) expect((await xeroCall()).status).not.toBe(429);
    const limited = await xeroCall();
    expect(limited.status).toBe(429);
    expect(limited.headers['x-rate-limit-problem']).toBe('day');
  });

  it('refuses a sixth concurrent Xero call', async () => {
    await client.fault({ target: 'xero', latencyMs: 300, count: 6 });
    const statuses = await Promise.all(Array.from({ length: 6 }, () => xeroCall())).then((all) =>
      all.map((response) => response.status),
    );
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
  });
});

describe('fault injection', () => {
  it('answers the next N calls with the injected status, then recovers', async () => {
    await client.fault({ target: 'xero', status: 500, count: 2 });
    expect((await xeroCall()).status).toBe(500);
    expect((await xeroCall()).status).toBe(500);
    expect((await xeroCall()).status).toBe(401);
  });

  it('injects a 429 with Retry-After, scoped to a path', async () => {
    await client.fault({ target: 'syncro', status: 429, retryAfter: 7, pathIncludes: '/invoices' });
    expect((await syncroCall('/api/v1/me')).status).toBe(200);
    const limited = await syncroCall('/api/v1/invoices');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect((await syncroCall('/api/v1/invoices')).status).toBe(200);
  });

  it('can hang a call and drop the connection', async () => {
    await client.fault({ target: 'xero', hangMs: 50 });
    await expect(xeroCall()).rejects.toThrow();
  });
});

describe('spec validation and the request log', () => {
  it.runIf(specsPresent)(
    'rejects and records a Xero body that breaks the official spec (skipped without specs)',
    async () => {
      const response = await client.send({
        host: 'api.xero.com',
        method: 'PUT',
        path: '/api.xro/2.0/Invoices',
        headers: { 'xero-tenant-id': 'tenant-a', authorization: 'Bearer x', accept: 'application/json' },
        body: { Invoices: [{ Type: 'NOT-A-TYPE', Contact: { Name: 'A' } }] },
      });
      expect(response.status).toBe(400);
      expect(response.json<{ Type: string }>().Type).toBe('ValidationException');
      const [violation] = await client.violations();
      expect(violation?.specErrors?.join()).toContain('Type');
    },
  );

  it.runIf(specsPresent)(
    'rejects a Syncro payment whose customer_id is not an integer (skipped without specs)',
    async () => {
      const response = await client.send({
        host: 'acme.syncromsp.com',
        method: 'POST',
        path: '/api/v1/payments',
        headers: { authorization: 'Bearer demo-token' },
        body: { customer_id: 'one', amount_cents: 100, payment_method: 'Cash' },
      });
      expect(response.status).toBe(400);
      expect(response.text).toContain('customer_id');
    },
  );

  it('says whether it validates or, without ../shared/specs, that validation is skipped', () => {
    expect(sandbox.specStatus).toMatch(specsPresent ? /^validating/ : /^skipped/);
  });

  it('records every request with host, path, body and status', async () => {
    await syncroCall('/api/v1/customers');
    const [recorded] = await client.requests({ host: 'syncromsp.com', pathIncludes: '/customers' });
    expect(recorded).toMatchObject({
      host: 'acme.syncromsp.com',
      method: 'GET',
      path: '/api/v1/customers',
      status: 200,
    });
    expect(recorded?.headers.authorization).toBe('Bearer demo-token');
  });
});

describe('the whole Xero round trip over HTTPS', () => {
  it('signs in with PKCE, then valid bodies pass the official spec and reach the fake', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
    const authorize = await client.send({
      host: 'login.xero.com',
      path: `/identity/connect/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: 'demo-client-id',
        redirect_uri: redirectUri,
        scope:
          'offline_access openid profile email accounting.contacts accounting.settings accounting.invoices accounting.payments',
        state: 'state-1',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      })}`,
    });
    expect(authorize.status).toBe(302);
    const callback = new URL(String(authorize.headers.location));
    expect(callback.searchParams.get('state')).toBe('state-1');
    const token = await client.send({
      host: 'identity.xero.com',
      method: 'POST',
      path: '/connect/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'demo-client-id',
        code: callback.searchParams.get('code') ?? '',
        redirect_uri: redirectUri,
        code_verifier: verifier,
      }).toString(),
    });
    expect(token.status).toBe(200);
    const { access_token } = token.json<{ access_token: string }>();
    const auth = { authorization: `Bearer ${access_token}`, accept: 'application/json' };
    const connections = await client.send({ host: 'api.xero.com', path: '/connections', headers: auth });
    const tenantId = connections.json<Array<{ tenantId: string }>>()[0]?.tenantId ?? '';
    const api = (method: string, path: string, body: unknown) =>
      client.send({
        host: 'api.xero.com',
        method,
        path: `/api.xro/2.0${path}`,
        headers: { ...auth, 'xero-tenant-id': tenantId },
        body,
      });

    const contact = await api('PUT', '/Contacts', {
      Contacts: [{ Name: 'Initech LLC', ContactNumber: 'SYNCRO-C-2010' }],
    });
    expect(contact.status).toBe(200);
    const invoice = await api('PUT', '/Invoices', {
      Invoices: [
        {
          Type: 'ACCREC',
          InvoiceNumber: '1007',
          Reference: 'PO-7788',
          Status: 'AUTHORISED',
          Contact: { ContactNumber: 'SYNCRO-C-2010', Name: 'Initech LLC' },
          Date: '2026-11-07',
          DueDate: '2026-12-07',
          LineItems: [
            { Description: 'Managed services', Quantity: 1, UnitAmount: 142.5, AccountCode: '200', TaxType: 'NONE' },
          ],
        },
      ],
    });
    expect(invoice.status).toBe(200);
    const [created] = invoice.json<{ Invoices: Array<{ InvoiceID: string; Total: number }> }>().Invoices;
    expect(created?.Total).toBe(142.5);
    const payment = await api('PUT', '/Payments', {
      Payments: [
        { Invoice: { InvoiceID: created?.InvoiceID }, Account: { Code: '090' }, Date: '2026-11-20', Amount: 42.5 },
      ],
    });
    expect(payment.status).toBe(200);
    expect(await client.violations()).toEqual([]);
  });
});
