import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildAuthorizationRequest,
  exchangeCallback,
  refreshTokens,
  revokeToken,
  XeroGrantError,
  xeroScopes,
} from '../../lib/xero/auth.ts';
import { connectXero } from '../../lib/xero/connect.ts';
import { clientId, redirectUri, signIn, signInWindow, useSandbox } from './harness.ts';

const { admin } = useSandbox();

describe('the authorization request', () => {
  it('asks for a code with an S256 challenge of the verifier, a fresh state and the contract scopes', async () => {
    const first = await buildAuthorizationRequest(clientId, redirectUri);
    const second = await buildAuthorizationRequest(clientId, redirectUri);
    const url = new URL(first.url);
    expect(url.origin + url.pathname).toBe('https://login.xero.com/identity/connect/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: xeroScopes,
      state: first.state,
      code_challenge_method: 'S256',
      code_challenge: createHash('sha256').update(first.codeVerifier).digest('base64url'),
    });
    expect(first.codeVerifier).toMatch(/^[\w-]{43,128}$/);
    expect(second.state).not.toBe(first.state);
    expect(second.codeVerifier).not.toBe(first.codeVerifier);
  });
});

describe('the token lifecycle against the sandbox', () => {
  it('exchanges the code with the PKCE verifier', async () => {
    const tokens = await signIn();
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.accessExpiresAt).toBeGreaterThan(Date.now() + 25 * 60_000);
  });

  it("keeps who signed in, from the id token's claims, in the grant", async () => {
    await admin().admin('POST', '/xero/config', {
      user: { given_name: 'Jane', family_name: 'Doe', email: 'jane@example.com' },
    });
    const grant = await connectXero(clientId, redirectUri, signInWindow);
    expect(grant.connectedBy).toEqual({ name: 'Jane Doe', email: 'jane@example.com' });

    await admin().admin('POST', '/xero/config', {
      user: { given_name: 'Ana', family_name: 'Lima', email: 'ana@lima.example' },
    });
    expect((await signIn()).connectedBy).toEqual({ name: 'Ana Lima', email: 'ana@lima.example' });
  });

  it('refuses a callback whose state is not ours', async () => {
    const request = await buildAuthorizationRequest(clientId, redirectUri);
    const callback = new URL(await signInWindow(request.url));
    callback.searchParams.set('state', 'forged');
    await expect(exchangeCallback(clientId, redirectUri, request, callback.toString(), Date.now())).rejects.toThrow(
      XeroGrantError,
    );
  });

  it('refuses to exchange with the wrong verifier (PKCE)', async () => {
    const request = await buildAuthorizationRequest(clientId, redirectUri);
    const callback = await signInWindow(request.url);
    const forged = { ...request, codeVerifier: 'x'.repeat(64) };
    await expect(exchangeCallback(clientId, redirectUri, forged, callback, Date.now())).rejects.toThrow(
      /invalid_grant/,
    );
  });

  it('reports a denied sign-in clearly', async () => {
    await admin().admin('POST', '/xero/config', { denyNextAuthorize: true });
    const request = await buildAuthorizationRequest(clientId, redirectUri);
    await expect(
      exchangeCallback(clientId, redirectUri, request, await signInWindow(request.url), Date.now()),
    ).rejects.toThrow(/cancelled or access was denied/);
  });

  it('rotates the refresh token; the old one dies after the grace period', async () => {
    await admin().admin('POST', '/xero/config', { refreshGraceSeconds: 0 });
    const tokens = await signIn();
    const renewed = await refreshTokens(clientId, tokens.refreshToken, Date.now());
    expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    await expect(refreshTokens(clientId, tokens.refreshToken, Date.now())).rejects.toThrow(XeroGrantError);
    await expect(refreshTokens(clientId, renewed.refreshToken, Date.now())).resolves.toBeTruthy();
  });

  it('revokes: the refresh token no longer works', async () => {
    const tokens = await signIn();
    await revokeToken(clientId, tokens.refreshToken);
    await expect(refreshTokens(clientId, tokens.refreshToken, Date.now())).rejects.toThrow(/invalid_grant/);
  });
});
