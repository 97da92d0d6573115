import { describe, expect, it } from 'vitest';
import { RateLimitWait } from '../../lib/rate-window.ts';
import { getLink } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { saveSyncro } from '../../lib/storage/store.ts';
import { normaliseSubdomain, SyncroError, syncroGet, syncroMe, syncroPaymentMethods } from '../../lib/syncro/api.ts';
import { syncroInvoice, syncroRecord } from '../../lib/syncro/wire.ts';
import { ALL_PERMISSIONS } from '../sandbox/syncro/permissions.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin, sandbox } = useSandbox();
const locks = processLocks();
const acme = { subdomain: 'acme', token: 'demo-token' };

/** A Syncro token with every permission but `missing`. */
async function tokenWithout(missing: string) {
  const token = `without-${missing.replace(/\W+/g, '-').toLowerCase()}`;
  const permissions = ALL_PERMISSIONS.filter((name) => name !== missing);
  await admin().admin('POST', '/syncro/tokens', { token, permissions });
  return { subdomain: 'acme', token };
}

describe('Syncro API adapter', () => {
  it('reads the current user and the payment methods', async () => {
    expect((await syncroMe(acme)).user_name).toBe('Demo Tech');
    expect(await syncroPaymentMethods(acme)).toContain('Check');
  });

  it.each([
    ['an unknown token', { subdomain: 'acme', token: 'nope' }, 401, /rejected the API token/],
    ['an expired token', { subdomain: 'acme', token: 'expired-token' }, 401, /rejected the API token/],
    ['an unknown account', { subdomain: 'nobody', token: 'demo-token' }, 404, /No Syncro account answers at nobody/],
  ])('explains %s', async (_what, connection, status, message) => {
    const error = await syncroMe(connection).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncroError);
    expect(error).toMatchObject({ status, message: expect.stringMatching(message) });
  });

  it('tells a token without a permission (401, as the swagger files it) from a bad token, and names it', async () => {
    const connection = await tokenWithout('Invoices - View Details');
    expect((await syncroMe(connection)).user_name).toBe('Demo Tech'); // /me needs no permission: the token is good
    const error = await syncroGet(connection, '/invoices/48204', syncroRecord('invoice', syncroInvoice)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SyncroError);
    expect(error).toMatchObject({ status: 401 });
    const { message } = error as SyncroError;
    expect(message).toContain('lacks the permission "Invoices - View Details"');
    expect(message).toContain('Not authorized. Please ask account admin to update your group permissions.');
    expect(message).toMatch(/add that permission/);
    expect(message).not.toMatch(/rejected the API token/);
    expect(await admin().requests({ host: 'acme.syncromsp.com', pathIncludes: '/invoices/48204' })).toHaveLength(1);
  });

  it('reads a 403 as a missing permission too, naming none when the call needs none', async () => {
    await admin().fault({ target: 'syncro', status: 403, pathIncludes: '/payment_methods' });
    const error = await syncroPaymentMethods(acme).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 403, message: expect.stringMatching(/lacks a permission this needs/) });
  });

  it('puts the missing permission on the record it stopped', { timeout: 60_000 }, async () => {
    await connectedInstall();
    await saveSyncro(await tokenWithout('Invoices - View Details'));
    await enqueue('invoice', '48204', Date.now());
    await runUntilIdle(locks);
    expect(await getLink('invoice', 48204)).toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('lacks the permission "Invoices - View Details"'),
    });
  });

  it('explains the rate limit when it lasts (a read is tried four times, each after the Retry-After)', async () => {
    await admin().fault({ target: 'syncro', status: 429, retryAfter: 1, count: 4 });
    const error = await syncroMe(acme).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 429, message: expect.stringMatching(/rate limit/) });
    const tries = await admin().requests({ host: 'syncromsp.com' });
    expect(tries).toHaveLength(4);
    for (const [i, next] of tries.slice(1).entries()) expect(next.time - (tries[i]?.time ?? 0)).toBeGreaterThan(1_000);
  });

  it('after a 429 without Retry-After, waits for the window to free: too long for a run, so no call is sent', async () => {
    await admin().fault({ target: 'syncro', status: 429, count: 4 });
    const error = await syncroMe(acme).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitWait);
    // The one call made is the window's oldest: it frees 60 s (and a margin) after it.
    expect((error as RateLimitWait).retryAfterMs).toBeGreaterThan(55_000);
    expect(await admin().requests({ host: 'syncromsp.com' })).toHaveLength(1);
  });

  it('explains an unreachable host when it stays unreachable', async () => {
    await admin().fault({ target: 'syncro', hangMs: 10, count: 4 });
    await expect(syncroMe(acme)).rejects.toThrow(/Could not reach acme.syncromsp.com/);
    expect(sandbox().port).toBeGreaterThan(0);
  });

  it('absorbs a single 429 with a short Retry-After, a 503 or a dropped connection by trying the read again in place', async () => {
    await admin().fault([
      { target: 'syncro', status: 429, retryAfter: 1 },
      { target: 'syncro', status: 503 },
      { target: 'syncro', hangMs: 10 },
    ]);
    await expect(syncroMe(acme)).resolves.toEqual({ user_name: 'Demo Tech' });
  });
});

describe('normaliseSubdomain', () => {
  it.each([
    ['acme', 'acme'],
    [' ACME ', 'acme'],
    ['acme.syncromsp.com', 'acme'],
    ['https://acme.syncromsp.com/invoices', 'acme'],
    ['my-shop', 'my-shop'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseSubdomain(input)).toBe(expected);
  });

  it.each(['', 'a b', '-acme', 'acme.evil.example', 'a.b', '../acme'])('refuses %j', (input) => {
    expect(normaliseSubdomain(input)).toBeNull();
  });
});
