// Xero OAuth 2 (authorization code + PKCE) with oauth4webapi. The browser part (launchWebAuthFlow) is
// passed in, so this module only speaks OAuth: build the request, check the callback, exchange, refresh,
// revoke. Endpoints are Xero's real ones; nothing here can be pointed elsewhere.

import * as oauth from 'oauth4webapi';
import { errorText } from '../errors.ts';
import { type XeroUser, xeroUserFromClaims } from './grant.ts';

export const xeroScopes =
  'offline_access openid profile email accounting.contacts accounting.settings accounting.invoices accounting.payments';

export const xeroServer: oauth.AuthorizationServer = {
  issuer: 'https://identity.xero.com',
  authorization_endpoint: 'https://login.xero.com/identity/connect/authorize',
  token_endpoint: 'https://identity.xero.com/connect/token',
  revocation_endpoint: 'https://identity.xero.com/connect/revocation',
};

export interface TokenSet {
  accessToken: string;
  /** Absolute ms. */
  accessExpiresAt: number;
  refreshToken: string;
  scope: string;
}

/** The user must act (sign in again); retrying will not help. */
export class XeroGrantError extends Error {}

const client = (clientId: string): oauth.Client => ({ client_id: clientId });
const publicClient = oauth.None();
/**
 * Options of every token request: a timeout, and a redirect answer is an error — never followed with the code,
 * the refresh token or a token to revoke (oauth4webapi itself asks for `manual`; customFetch overrides it).
 */
const timeout = () => ({
  signal: AbortSignal.timeout(25_000),
  [oauth.customFetch]: (url: string, options: oauth.CustomFetchOptions<string, unknown>) =>
    fetch(url, { ...(options as RequestInit), redirect: 'error' }),
});

export interface AuthorizationRequest {
  url: string;
  state: string;
  codeVerifier: string;
}

export async function buildAuthorizationRequest(clientId: string, redirectUri: string): Promise<AuthorizationRequest> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(xeroServer.authorization_endpoint as string);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: xeroScopes,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), state, codeVerifier };
}

/** Tokens from the sign-in, and who signed in (the id token's claims, as oauth4webapi validated them). */
export interface ConnectTokens extends TokenSet {
  connectedBy: XeroUser;
}

/** Checks the callback URL (state, errors) and exchanges its code for tokens. */
export async function exchangeCallback(
  clientId: string,
  redirectUri: string,
  request: AuthorizationRequest,
  callbackUrl: string,
  now: number,
): Promise<ConnectTokens> {
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(xeroServer, client(clientId), new URL(callbackUrl), request.state);
  } catch (error) {
    throw new XeroGrantError(describeAuthError(error));
  }
  const response = await oauth.authorizationCodeGrantRequest(
    xeroServer,
    client(clientId),
    publicClient,
    params,
    redirectUri,
    request.codeVerifier,
    timeout(),
  );
  const processed = await processOrThrow(() =>
    oauth.processAuthorizationCodeResponse(xeroServer, client(clientId), response),
  );
  // oauth4webapi checked the id token (issuer, audience, times) before handing out its claims.
  return { ...tokenSet(processed, now), connectedBy: xeroUserFromClaims(oauth.getValidatedIdTokenClaims(processed)) };
}

export async function refreshTokens(clientId: string, refreshToken: string, now: number): Promise<TokenSet> {
  const response = await oauth.refreshTokenGrantRequest(
    xeroServer,
    client(clientId),
    publicClient,
    refreshToken,
    timeout(),
  );
  return tokenSet(
    await processOrThrow(() => oauth.processRefreshTokenResponse(xeroServer, client(clientId), response)),
    now,
  );
}

export async function revokeToken(clientId: string, refreshToken: string): Promise<void> {
  const response = await oauth.revocationRequest(xeroServer, client(clientId), publicClient, refreshToken, timeout());
  await oauth.processRevocationResponse(response);
}

async function processOrThrow(
  process: () => Promise<oauth.TokenEndpointResponse>,
): Promise<oauth.TokenEndpointResponse> {
  try {
    return await process();
  } catch (error) {
    if (
      error instanceof oauth.ResponseBodyError &&
      ['invalid_grant', 'invalid_client', 'unauthorized_client'].includes(error.error)
    ) {
      throw new XeroGrantError(
        `Xero refused the sign-in (${error.error}${error.error_description ? `: ${error.error_description}` : ''}).`,
      );
    }
    throw error;
  }
}

function tokenSet(response: oauth.TokenEndpointResponse, now: number): TokenSet {
  if (!response.refresh_token)
    throw new XeroGrantError('Xero gave no refresh token: the offline_access scope is missing.');
  return {
    accessToken: response.access_token,
    accessExpiresAt: now + (response.expires_in ?? 1800) * 1000,
    refreshToken: response.refresh_token,
    scope: response.scope ?? xeroScopes,
  };
}

function describeAuthError(error: unknown): string {
  if (error instanceof oauth.AuthorizationResponseError) {
    return error.error === 'access_denied'
      ? 'The Xero sign-in was cancelled or access was denied.'
      : `Xero sign-in failed: ${error.error}${error.error_description ? ` (${error.error_description})` : ''}.`;
  }
  return `Xero sign-in failed: ${errorText(error)}`;
}
