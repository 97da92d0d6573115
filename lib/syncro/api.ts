// Syncro's REST API at https://SUBDOMAIN.syncromsp.com/api/v1 with Bearer token auth. Every failure becomes a
// message a technician can act on.

import pThrottle from 'p-throttle';
import type { SyncroConnection } from '../db.ts';
import { retryInPlace } from '../retry-in-place.ts';

// Syncro allows 180 requests a minute per IP: one throttle for every call from this context.
const throttled = pThrottle({ limit: 180, interval: 60_000, strict: true })((run: () => Promise<Response>) => run());

export class SyncroError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const subdomainPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Normalises what a user typed ("ACME", "acme.syncromsp.com", "https://acme.syncromsp.com/") to `acme`. */
export function normaliseSubdomain(input: string): string | null {
  const trimmed = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/\.syncromsp\.com$/, '');
  return subdomainPattern.test(trimmed) ? trimmed : null;
}

export async function syncroGet<T>(
  connection: Pick<SyncroConnection, 'subdomain' | 'token'>,
  path: string,
): Promise<T> {
  return syncroRequest<T>(connection, 'GET', path);
}

/**
 * One call to Syncro's REST API, throttled; a refusal is a SyncroError carrying Syncro's own message. Reads are
 * retried in place on passing trouble; writes never are (Syncro has no idempotency key: a payment created
 * twice cannot even be deleted), their callers check Syncro before trying again.
 */
export async function syncroRequest<T>(
  connection: Pick<SyncroConnection, 'subdomain' | 'token'>,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  return retryInPlace(() => syncroRequestOnce<T>(connection, method, path, body), {
    attempts: method === 'GET' ? 4 : 1,
    waitFor: (error) =>
      error instanceof SyncroError && isPassing(error) ? (error.status === 429 ? 2_000 : 0) : undefined,
  });
}

async function syncroRequestOnce<T>(
  connection: Pick<SyncroConnection, 'subdomain' | 'token'>,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const host = `${connection.subdomain}.syncromsp.com`;
  let response: Response;
  try {
    response = await throttled(() =>
      fetch(`https://${host}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${connection.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(25_000),
      }),
    );
  } catch (error) {
    throw new SyncroError(
      0,
      `Could not reach ${host}: ${error instanceof Error ? error.message : String(error)}. Check the subdomain and your network.`,
    );
  }
  if (response.ok) return (await response.json()) as T;
  // A validation refusal (422) says what is wrong: keep Syncro's words for the person who will fix it.
  const said = response.status === 422 || response.status === 400 ? await refusalText(response) : '';
  throw new SyncroError(response.status, said ? `Syncro refused it: ${said}` : describeStatus(response.status, host));
}

async function refusalText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown; errors?: unknown };
    const said = body.error ?? body.message ?? body.errors;
    return (typeof said === 'string' ? said : JSON.stringify(said ?? '')).slice(0, 300);
  } catch {
    return '';
  }
}

function describeStatus(status: number, host: string): string {
  switch (status) {
    case 401:
      return `Syncro rejected the API token (401): check that it was copied whole and has not expired or been revoked.`;
    case 403:
      return `The API token lacks a permission this needs (403): edit the token in Syncro and add the permissions listed in the README.`;
    case 404:
      return `No Syncro account answers at ${host} (404): check the subdomain.`;
    case 429:
      return `Syncro's rate limit reached (429): try again in a minute.`;
    default:
      return `Syncro answered ${status} at ${host}: try again later.`;
  }
}

export interface SyncroMe {
  user_id?: number;
  user_name?: string;
  email?: string;
}

export const syncroMe = (connection: Pick<SyncroConnection, 'subdomain' | 'token'>) =>
  syncroGet<SyncroMe>(connection, '/me');

export async function syncroPaymentMethods(connection: SyncroConnection): Promise<string[]> {
  const { payment_methods } = await syncroGet<{ payment_methods: Array<{ name: string }> }>(
    connection,
    '/payment_methods',
  );
  return payment_methods.map((method) => method.name);
}

/** Whether trying again later may help (network, rate limit, server trouble). */
export const isPassing = (error: SyncroError) => error.status === 0 || error.status === 429 || error.status >= 500;

/** Every item of a paged list (`?page=N`, `meta.total_pages`), page by page. */
export async function* syncroPages<T>(
  connection: Pick<SyncroConnection, 'subdomain' | 'token'>,
  path: string,
  key: string,
): AsyncGenerator<T[]> {
  for (let page = 1; ; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const body = await syncroGet<Record<string, unknown> & { meta?: { total_pages?: number } }>(
      connection,
      `${path}${separator}page=${page}`,
    );
    const items = (body[key] as T[] | undefined) ?? [];
    yield items;
    const totalPages = body.meta?.total_pages;
    if (items.length === 0 || (totalPages !== undefined && page >= totalPages)) return;
  }
}
