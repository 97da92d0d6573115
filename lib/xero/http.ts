// Plain HTTP to Xero for the few calls the connection and settings need (organisations, accounts, tax
// rates). The sync engine's bulk work goes through xero-node's AccountingApi; both share the session.
import { writeMeta } from '../store.ts';
import { ReconnectNeeded, type Session, xeroSession } from './session.ts';

export const xeroApiBase = 'https://api.xero.com/api.xro/2.0';
export const dayRemainingKey = 'xero-day-remaining';

export class XeroHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function xeroConnections(accessToken: string): Promise<Array<{ tenantId: string; tenantName: string }>> {
  const response = await fetch('https://api.xero.com/connections', {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    signal: AbortSignal.timeout(25_000),
  });
  if (!response.ok)
    throw new XeroHttpError(response.status, `Xero did not list the organisations (${response.status}).`);
  return (await response.json()) as Array<{ tenantId: string; tenantName: string }>;
}

/** GET an Accounting API resource as JSON; refreshes once and retries when Xero says the token is stale. */
export async function xeroGet<T>(path: string, session?: Session): Promise<T> {
  let current = session ?? (await xeroSession());
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${xeroApiBase}${path}`, {
      headers: {
        authorization: `Bearer ${current.accessToken}`,
        'xero-tenant-id': current.tenantId,
        accept: 'application/json',
      },
      signal: AbortSignal.timeout(25_000),
    });
    const dayRemaining = response.headers.get('x-daylimit-remaining');
    if (dayRemaining !== null) await writeMeta(dayRemainingKey, Number(dayRemaining));
    if (response.ok) return (await response.json()) as T;
    if (response.status === 401 && attempt === 0) {
      current = await xeroSession({ forceRefresh: true });
      continue;
    }
    if (response.status === 401) throw new ReconnectNeeded('Xero no longer accepts the connection.');
    if (response.status === 403) {
      throw new XeroHttpError(
        403,
        'This Xero organisation is no longer connected to the app: choose another or reconnect.',
      );
    }
    if (response.status === 429) {
      throw new XeroHttpError(
        429,
        `Xero's rate limit reached; try again in ${response.headers.get('retry-after') ?? 'a'} seconds.`,
      );
    }
    throw new XeroHttpError(response.status, `Xero answered ${response.status} for ${path}.`);
  }
}
