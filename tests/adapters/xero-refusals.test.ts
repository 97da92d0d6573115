// Xero answers that mean something else than they seem: a 401 for a permission the connection lacks (not a lost
// connection), and an invoice Xero will not edit because a credit note is allocated to it.
import { expect, it } from 'vitest';
import { NeedsUserError } from '../../lib/errors.ts';
import { getLink } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { loadGrant, saveGrant } from '../../lib/storage/store.ts';
import { buildAuthorizationRequest, exchangeCallback } from '../../lib/xero/auth.ts';
import { xeroCall } from '../../lib/xero/client.ts';
import { ReconnectNeeded } from '../../lib/xero/session.ts';
import { xeroIgnored } from '../../lib/xero/wire.ts';
import {
  clientId,
  connectedInstall,
  processLocks,
  redirectUri,
  runUntilIdle,
  signInWindow,
  useSandbox,
} from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface Org {
  invoices: Array<{ InvoiceNumber: string; Type: string; Total: number; AmountCredited: number }>;
}

async function push(id: number) {
  await enqueue('invoice', String(id), Date.now());
  await runUntilIdle(locks);
}

/** A grant consented without one scope, as one made before the app asked for it. */
async function grantWithout(scope: string) {
  const request = await buildAuthorizationRequest(clientId, redirectUri);
  const url = new URL(request.url);
  const scopes = (url.searchParams.get('scope') ?? '').split(' ').filter((wanted) => wanted !== scope);
  url.searchParams.set('scope', scopes.join(' '));
  const tokens = await exchangeCallback(clientId, redirectUri, request, await signInWindow(url.toString()), Date.now());
  const grant = await loadGrant();
  if (!grant) throw new Error('no grant');
  await saveGrant({ ...grant, ...tokens });
}

it('says which permission is missing instead of asking to reconnect, and keeps the connection', {
  timeout: 60_000,
}, async () => {
  await connectedInstall();
  await grantWithout('accounting.payments');
  await admin().admin('DELETE', '/requests');

  const error = await xeroCall({ method: 'GET', path: '/Payments' }, xeroIgnored).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(NeedsUserError);
  expect(error).not.toBeInstanceOf(ReconnectNeeded);
  expect((error as Error).message).toMatch(/lacks the "accounting\.payments" permission/);
  // A new token would not bring the permission: no refresh was tried.
  expect(await admin().requests({ host: 'identity.xero.com' })).toEqual([]);

  // An invoice with a payment: its record fails with that reason, and the connection stays as it was.
  await push(48205);
  expect((await getLink('invoice', 48205))?.reason).toMatch(/accounting\.payments/);
  expect((await loadGrant())?.state).toBe('connected');
});

it('reports an edit of an invoice with a credit note allocated in Xero, and does not try to write it', {
  timeout: 60_000,
}, async () => {
  await connectedInstall();
  await push(48204);
  const allocated = await admin().admin<{ AmountCredited: number }>('POST', '/xero/credit-allocations', {
    invoiceNumber: '1004',
    amountCents: 5_000,
  });
  expect(allocated.AmountCredited).toBe(50);
  await admin().admin('POST', '/syncro/invoices/48204', { line_items: [{ product_id: 501, quantity: 1 }] });
  await admin().admin('DELETE', '/requests');
  await push(48204);

  expect(await getLink('invoice', 48204)).toMatchObject({
    state: 'failed',
    reason: expect.stringMatching(/credit note and cannot be edited/),
  });
  const writes = (await admin().requests({ host: 'api.xero.com', pathIncludes: '/Invoices' })).filter(
    (request) => request.method !== 'GET',
  );
  expect(writes).toEqual([]);
  const { invoices } = (await admin().state<{ xero: { organisations: Org[] } }>()).xero.organisations[0] as Org;
  expect(invoices.filter((invoice) => invoice.InvoiceNumber === '1004').map((invoice) => invoice.Total)).toEqual([
    440.71,
  ]);
});
