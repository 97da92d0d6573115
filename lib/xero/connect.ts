// Connecting to Xero: the sign-in window (launchWebAuthFlow, passed in), the token exchange, the
// organisations the user granted, and the chosen organisation's name and base currency.

import { errorText } from '../errors.ts';
import { type AuthorizationRequest, buildAuthorizationRequest, exchangeCallback, XeroGrantError } from './auth.ts';
import { xeroCall } from './client.ts';
import type { Organisation } from './grant.ts';
import { refreshTokenLifetimeMs, type XeroGrant } from './grant.ts';
import { xeroConnections } from './http.ts';
import { xeroOrganisations } from './wire.ts';

export type WebAuthFlow = (url: string) => Promise<string | undefined>;

/**
 * Which granted organisation to sync with: its tenant id, or undefined to leave the choice to the person. The
 * first one by default.
 */
export type ChooseOrganisation = (organisations: Organisation[]) => string | undefined;

export async function connectXero(
  clientId: string,
  redirectUri: string,
  launch: WebAuthFlow,
  choose: ChooseOrganisation = (organisations) => organisations[0]?.tenantId,
): Promise<XeroGrant> {
  if (!clientId.trim()) throw new XeroGrantError('Enter the client ID of your Xero app ("Auth code with PKCE").');
  const request: AuthorizationRequest = await buildAuthorizationRequest(clientId.trim(), redirectUri);
  let callback: string | undefined;
  try {
    callback = await launch(request.url);
  } catch (error) {
    throw new XeroGrantError(`The Xero sign-in window closed before finishing (${errorText(error)}).`);
  }
  if (!callback) throw new XeroGrantError('The Xero sign-in window closed before finishing.');
  const tokens = await exchangeCallback(clientId.trim(), redirectUri, request, callback, Date.now());
  const organisations: Organisation[] = (await xeroConnections(tokens.accessToken)).map((connection) => ({
    tenantId: connection.tenantId,
    name: connection.tenantName,
  }));
  if (organisations.length === 0)
    throw new XeroGrantError('No Xero organisation was shared with the app: connect again and pick one.');
  const grant: XeroGrant = {
    clientId: clientId.trim(),
    ...tokens,
    refreshExpiresAt: Date.now() + refreshTokenLifetimeMs,
    organisations,
    state: 'connected',
  };
  const chosen = choose(organisations);
  return chosen === undefined ? grant : withOrganisation(grant, chosen);
}

/** The grant with `tenantId` chosen, and that organisation's name and base currency looked up. */
export async function withOrganisation(grant: XeroGrant, tenantId: string): Promise<XeroGrant> {
  const organisation = grant.organisations.find((candidate) => candidate.tenantId === tenantId);
  if (!organisation) throw new XeroGrantError('That organisation is not among those connected.');
  const { Organisations } = await xeroCall(
    { method: 'GET', path: '/Organisation', session: { accessToken: grant.accessToken, tenantId } },
    xeroOrganisations,
  );
  return {
    ...grant,
    tenantId,
    organisationName: Organisations[0]?.Name ?? organisation.name,
    baseCurrency: Organisations[0]?.BaseCurrency,
  };
}
