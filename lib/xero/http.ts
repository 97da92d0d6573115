// Xero's API addresses, and the one call outside the Accounting API: the organisations a grant may use.
import { readChecked } from '../wire-check.ts';
import { type XeroConnection, xeroConnectionList } from './wire.ts';

export const xeroApiBase = 'https://api.xero.com/api.xro/2.0';

export class XeroHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function xeroConnections(accessToken: string): Promise<XeroConnection[]> {
  const response = await fetch('https://api.xero.com/connections', {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    redirect: 'error', // never re-sent elsewhere with the token
    signal: AbortSignal.timeout(25_000),
  });
  if (!response.ok)
    throw new XeroHttpError(response.status, `Xero did not list the organisations (${response.status}).`);
  return readChecked(xeroConnectionList, await response.json(), 'Xero');
}
