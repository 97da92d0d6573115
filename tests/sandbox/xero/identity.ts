// Xero identity (login.xero.com / identity.xero.com): PKCE authorize, code exchange, rotating refresh
// tokens with a grace period, revocation, and bearer-token checks for api.xero.com.
// Sources: https://developer.xero.com/documentation/oauth2/pkce-flow, https://developer.xero.com/faq/oauth2,
// xero-identity.yaml; the rest of the OAuth rules are RFC 6749 / 7636 / 7009.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { escapeHtml, html, json, redirect, type SandboxRequest, type SandboxResponse } from '../http.ts';

export interface IdentityConfig {
  accessTokenTtlSeconds: number;
  refreshGraceSeconds: number;
  refreshTokenTtlDays: number;
  /** When false (default) any non-empty client_id is accepted; when true only registered ones. */
  strictClients: boolean;
  /** The next authorize redirects back with `error=access_denied` (the user clicked Cancel). */
  denyNextAuthorize: boolean;
  /** The Xero user who signs in: the id token's profile and email claims. */
  user: XeroUserClaims;
}

/** OIDC standard claim names (given_name, family_name, email), as XeroAPI/xero-node-sso-app reads them. */
export interface XeroUserClaims {
  given_name: string;
  family_name: string;
  email: string;
}

export interface Connection {
  id: string;
  tenantId: string;
  createdMs: number;
}

export interface Grant {
  grantId: string;
  authEventId: string;
  clientId: string;
  userId: string;
  scopes: string[];
  connections: Connection[];
  revoked: boolean;
  createdMs: number;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: string[];
  expiresMs: number;
  used: boolean;
}

interface RefreshToken {
  grantId: string;
  clientId: string;
  expiresMs: number;
  /** Set once used: within the grace period a reuse returns this same reply. */
  rotated?: { atMs: number; reply: TokenReply };
}

type TokenReply = Record<string, string | number>;

export interface IdentityState {
  config: IdentityConfig;
  clients: Set<string>;
  codes: Map<string, AuthCode>;
  grants: Map<string, Grant>;
  accessTokens: Map<string, { grantId: string; expiresMs: number }>;
  refreshTokens: Map<string, RefreshToken>;
}

export const DEMO_CLIENT_ID = 'demo-client-id';
// Undocumented for Xero: the authorization code's lifetime (5 minutes is a common OAuth choice).
const CODE_TTL_MS = 5 * 60_000;

// Broad scopes: https://developer.xero.com/documentation/oauth2/scopes; granular ones:
// https://developer.xero.com/faq/granular-scopes and XeroAPI/xero-mcp-server src/clients/xero-client.ts. The fake
// accepts broad scopes for every app, though apps created after 2 March 2026 are refused them (granular-scopes FAQ).
const KNOWN_SCOPES = new Set([
  'offline_access',
  'openid',
  'profile',
  'email',
  'accounting.reports.read',
  'accounting.journals.read',
  'accounting.budgets.read',
  ...[
    'contacts',
    'settings',
    'invoices',
    'payments',
    'banktransactions',
    'manualjournals',
    'classicexpenses',
    'transactions',
    'attachments',
  ].flatMap((name) => [`accounting.${name}`, `accounting.${name}.read`]),
  ...[
    'aged',
    'balancesheet',
    'profitandloss',
    'trialbalance',
    'banksummary',
    'budgetsummary',
    'executivesummary',
    'taxreports',
  ].map((name) => `accounting.reports.${name}.read`),
]);

export function createIdentityState(): IdentityState {
  return {
    // 30-minute access tokens, 60-day refresh tokens, 30-minute grace: https://developer.xero.com/faq/oauth2.
    config: {
      accessTokenTtlSeconds: 1800,
      refreshGraceSeconds: 1800,
      refreshTokenTtlDays: 60,
      strictClients: false,
      denyNextAuthorize: false,
      user: { given_name: 'Robin', family_name: 'Okafor', email: 'owner@acme-msp.example' },
    },
    clients: new Set([DEMO_CLIENT_ID]),
    codes: new Map(),
    grants: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
  };
}

const base64url = (value: Buffer | string): string => Buffer.from(value).toString('base64url');

function errorPage(error: string, description: string): SandboxResponse {
  return html(
    400,
    `<!doctype html><html><head><title>Xero | Error</title></head><body><main><h1>Sorry, something went wrong</h1>` +
      `<p>Error: <code id="error">${escapeHtml(error)}</code></p><p id="error_description">${escapeHtml(description)}</p>` +
      `<p>Please go back and try again.</p></main></body></html>`,
  );
}

// Xero: redirect URIs must be https (localhost excepted), no custom schemes, exactly as registered (pkce-flow,
// faq/oauth2). The fake checks only the shape of the extension's own https://<id>.chromiumapp.org/ redirect.
function isChromiumAppRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' && url.hostname.endsWith('.chromiumapp.org');
  } catch {
    return false;
  }
}

// Test control: any client id unless `strictClients` (Xero knows only registered apps).
function clientKnown(state: IdentityState, clientId: string): boolean {
  return clientId !== '' && (!state.config.strictClients || state.clients.has(clientId));
}

/**
 * `GET login.xero.com/identity/connect/authorize`: checks the request and redirects with a code. PKCE with S256 and a
 * 43–128 character challenge: pkce-flow. "Invalid scope for client": research/xero.md §1.6
 * (https://help.apideck.com/en/articles/8647746). Xero issues no refresh token without `offline_access`
 * (oauth2/scopes); the fake refuses the request instead. `access_denied` on Cancel: RFC 6749 §4.1.2.1.
 */
export function authorize(state: IdentityState, req: SandboxRequest, now: number): SandboxResponse {
  const q = req.query;
  const clientId = q.get('client_id') ?? '';
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!clientKnown(state, clientId)) return errorPage('unauthorized_client', 'Unknown client or client not enabled');
  if (!isChromiumAppRedirect(redirectUri)) return errorPage('invalid_request', 'Invalid redirect_uri');
  if (q.get('response_type') !== 'code') return errorPage('unsupported_response_type', 'Response type not supported');
  const challenge = q.get('code_challenge') ?? '';
  if (!/^[A-Za-z0-9_-]{43,128}$/.test(challenge)) return errorPage('invalid_request', 'code challenge required');
  if (q.get('code_challenge_method') !== 'S256')
    return errorPage('invalid_request', 'Transform algorithm not supported');
  const scopes = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
  const unknown = scopes.filter((scope) => !KNOWN_SCOPES.has(scope));
  if (unknown.length > 0) return errorPage('invalid_scope', `Invalid scope for client: ${unknown.join(' ')}`);
  if (!scopes.includes('offline_access'))
    return errorPage('invalid_scope', 'The offline_access scope is required to receive a refresh token');

  const back = new URL(redirectUri);
  const stateParam = q.get('state');
  if (state.config.denyNextAuthorize) {
    state.config.denyNextAuthorize = false;
    back.searchParams.set('error', 'access_denied');
    if (stateParam !== null) back.searchParams.set('state', stateParam);
    return redirect(back.toString());
  }
  const code = base64url(randomBytes(32));
  state.codes.set(code, { clientId, redirectUri, challenge, scopes, expiresMs: now + CODE_TTL_MS, used: false });
  back.searchParams.set('code', code);
  back.searchParams.set('scope', scopes.join(' '));
  if (stateParam !== null) back.searchParams.set('state', stateParam);
  back.searchParams.set('session_state', `${base64url(randomBytes(32))}.${base64url(randomBytes(16))}`);
  return redirect(back.toString());
}

function fakeJwt(payload: Record<string, unknown>): string {
  const header = {
    alg: 'RS256',
    kid: '1CAF8E66772D6DC028D6726FD0261581570EFC19',
    typ: 'JWT',
    x5t: 'HK-OZncabcAo1nJv0CYVgVcO_Bk',
  };
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${base64url(randomBytes(64))}`;
}

function issueTokens(state: IdentityState, grant: Grant, now: number): TokenReply {
  const ttl = state.config.accessTokenTtlSeconds;
  const seconds = Math.floor(now / 1000);
  const accessToken = fakeJwt({
    nbf: seconds,
    iat: seconds,
    exp: seconds + ttl,
    iss: 'https://identity.xero.com',
    aud: 'https://identity.xero.com/resources',
    client_id: grant.clientId,
    sub: grant.userId,
    auth_time: Math.floor(grant.createdMs / 1000),
    xero_userid: grant.userId,
    global_session_id: grant.grantId,
    jti: randomUUID(),
    authentication_event_id: grant.authEventId,
    scope: grant.scopes,
  });
  const refreshToken = base64url(randomBytes(32));
  state.accessTokens.set(accessToken, { grantId: grant.grantId, expiresMs: now + ttl * 1000 });
  state.refreshTokens.set(refreshToken, {
    grantId: grant.grantId,
    clientId: grant.clientId,
    expiresMs: now + state.config.refreshTokenTtlDays * 86_400_000,
  });
  const reply: TokenReply = {
    access_token: accessToken,
    expires_in: ttl,
    token_type: 'Bearer',
    refresh_token: refreshToken,
    scope: grant.scopes.join(' '),
  };
  // Reply fields: xero-identity.yaml#/components/schemas/AccessToken (`scope` as xero-node's README shows it).
  // Xero only returns an id_token when the openid scope was granted. Its user claims follow the scopes:
  // `profile` is "first name, last name and xero user id", `email` the email address
  // (https://developer.xero.com/documentation/oauth2/scopes); the claim names are OIDC's, as
  // XeroAPI/xero-node-sso-app reads them (given_name, family_name, email). Xero documents no `name` claim, so the
  // fake sends none.
  if (grant.scopes.includes('openid')) {
    const { given_name, family_name, email } = state.config.user;
    reply.id_token = fakeJwt({
      iss: 'https://identity.xero.com',
      aud: grant.clientId,
      sub: grant.userId,
      iat: seconds,
      nbf: seconds,
      auth_time: Math.floor(grant.createdMs / 1000),
      exp: seconds + 300,
      xero_userid: grant.userId,
      global_session_id: grant.grantId,
      ...(grant.scopes.includes('profile') ? { given_name, family_name } : {}),
      ...(grant.scopes.includes('email') ? { email } : {}),
    });
  }
  return reply;
}

const tokenError = (error: string, status = 400): SandboxResponse => json(status, { error });

function formOf(req: SandboxRequest): URLSearchParams | undefined {
  return (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')
    ? new URLSearchParams(req.rawBody)
    : undefined;
}

/** client_id from the form, or from Basic auth (confidential clients). */
function clientIdOf(req: SandboxRequest, form: URLSearchParams): string {
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) return Buffer.from(basic[1], 'base64').toString().split(':')[0] ?? '';
  return form.get('client_id') ?? '';
}

/**
 * `POST identity.xero.com/connect/token`; `tenantIds` are the organisations the user connects. PKCE exchange with
 * `client_id` and `code_verifier`: pkce-flow (research/xero.md §1.4). Refresh tokens rotate, with a 30-minute grace
 * for a lost reply (faq/oauth2); Undocumented: that a reuse inside the grace gets the same reply back. Errors:
 * RFC 6749 §5.2 (`invalid_grant` on a stale refresh token: XeroAPI/Xero-NetStandard#257).
 */
export function token(state: IdentityState, req: SandboxRequest, now: number, tenantIds: string[]): SandboxResponse {
  const form = formOf(req);
  if (!form) return tokenError('invalid_request');
  const clientId = clientIdOf(req, form);
  if (!clientKnown(state, clientId)) return tokenError('invalid_client');
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') {
    const code = state.codes.get(form.get('code') ?? '');
    if (!code || code.used || code.expiresMs <= now || code.clientId !== clientId) return tokenError('invalid_grant');
    code.used = true; // single use, even when the rest of the exchange fails
    if (code.redirectUri !== form.get('redirect_uri')) return tokenError('invalid_grant');
    const verifier = form.get('code_verifier') ?? '';
    if (base64url(createHash('sha256').update(verifier, 'ascii').digest()) !== code.challenge)
      return tokenError('invalid_grant');
    const grant: Grant = {
      grantId: randomUUID(),
      authEventId: randomUUID(),
      clientId,
      userId: randomUUID(),
      scopes: code.scopes,
      connections: tenantIds.map((tenantId) => ({ id: randomUUID(), tenantId, createdMs: now })),
      revoked: false,
      createdMs: now,
    };
    state.grants.set(grant.grantId, grant);
    return json(200, issueTokens(state, grant, now), { 'cache-control': 'no-store' });
  }
  if (grantType === 'refresh_token') {
    const refresh = state.refreshTokens.get(form.get('refresh_token') ?? '');
    const grant = refresh ? state.grants.get(refresh.grantId) : undefined;
    if (!refresh || !grant || grant.revoked || refresh.clientId !== clientId || refresh.expiresMs <= now)
      return tokenError('invalid_grant');
    if (refresh.rotated) {
      const withinGrace = now - refresh.rotated.atMs < state.config.refreshGraceSeconds * 1000;
      return withinGrace
        ? json(200, refresh.rotated.reply, { 'cache-control': 'no-store' })
        : tokenError('invalid_grant');
    }
    const reply = issueTokens(state, grant, now);
    refresh.rotated = { atMs: now, reply };
    return json(200, reply, { 'cache-control': 'no-store' });
  }
  return tokenError('unsupported_grant_type');
}

/**
 * `POST identity.xero.com/connect/revocation`: revoking a refresh token ends the whole grant (research/xero.md §1.8:
 * XeroAPI/Xero-NetStandard XeroClient.cs RevokeAccessTokenAsync, "immediate disconnect all orgs").
 */
export function revocation(state: IdentityState, req: SandboxRequest): SandboxResponse {
  const form = formOf(req);
  if (!form) return tokenError('invalid_request');
  if (!clientKnown(state, clientIdOf(req, form))) return tokenError('invalid_client');
  const value = form.get('token') ?? '';
  const grantId = state.refreshTokens.get(value)?.grantId ?? state.accessTokens.get(value)?.grantId;
  const grant = grantId ? state.grants.get(grantId) : undefined;
  if (grant) grant.revoked = true;
  return { status: 200, body: '' }; // RFC 7009: unknown tokens are not an error
}

export function revokeAll(state: IdentityState): void {
  for (const grant of state.grants.values()) grant.revoked = true;
}
