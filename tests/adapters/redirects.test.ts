// A redirect answer to a call that carries a token is refused, never followed: the token would go on to the
// redirect's target (a same-host target keeps the Authorization header under the Fetch standard's rules).
import { describe, expect, it } from 'vitest';
import { loadGrant } from '../../lib/storage/store.ts';
import { syncroGet } from '../../lib/syncro/api.ts';
import { syncroInvoice, syncroRecord } from '../../lib/syncro/wire.ts';
import { refreshTokens, revokeToken } from '../../lib/xero/auth.ts';
import { xeroCall } from '../../lib/xero/client.ts';
import { xeroConnections } from '../../lib/xero/http.ts';
import { xeroOrganisations } from '../../lib/xero/wire.ts';
import type { FaultRule } from '../sandbox/faults.ts';
import { connectedInstall, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const elsewhere = '/redirected-here';

/** `call` fails while `fault` redirects its requests, and nothing reaches the redirect's target. */
async function refusesRedirect(fault: FaultRule, host: string, call: () => Promise<unknown>) {
  await admin().fault({ ...fault, redirectTo: `https://${host}${elsewhere}`, count: 10 });
  const before = await admin().requests({ host });
  await expect(call()).rejects.toThrow();
  const after = await admin().requests({ host, sinceSeq: before.at(-1)?.seq ?? 0 });
  expect(after.length).toBeGreaterThan(0); // the call was made, and answered with the redirect
  expect(after.map((request) => request.status)).toEqual(after.map(() => 302));
  expect(after.filter((request) => request.path.includes(elsewhere))).toEqual([]);
}

describe('a redirect answer to a call with a token', () => {
  it('is refused by the Syncro API adapter (the bearer token stays on Syncro)', async () => {
    await refusesRedirect({ target: 'syncro', pathIncludes: '/invoices' }, 'acme.syncromsp.com', () =>
      syncroGet({ subdomain: 'acme', token: 'demo-token' }, '/invoices/48201', syncroRecord('invoice', syncroInvoice)),
    );
  });

  it('is refused by the Xero API client and by the organisations list', async () => {
    await connectedInstall();
    await refusesRedirect({ target: 'xero', pathIncludes: '/Organisation' }, 'api.xero.com', () =>
      xeroCall({ method: 'GET', path: '/Organisation' }, xeroOrganisations),
    );
    const grant = await loadGrant();
    await refusesRedirect({ target: 'xero', pathIncludes: '/connections' }, 'api.xero.com', () =>
      xeroConnections(grant?.accessToken ?? ''),
    );
  });

  it('is refused by the token refresh and the revocation (the refresh token is not sent on)', async () => {
    await connectedInstall();
    const grant = await loadGrant();
    const refreshToken = grant?.refreshToken ?? '';
    await refusesRedirect({ target: 'identity', pathIncludes: '/connect/token' }, 'identity.xero.com', () =>
      refreshTokens(grant?.clientId ?? '', refreshToken, Date.now()),
    );
    await refusesRedirect({ target: 'identity', pathIncludes: '/connect/revocation' }, 'identity.xero.com', () =>
      revokeToken(grant?.clientId ?? '', refreshToken),
    );
  });
});
