// Syncro's REST API at https://SUBDOMAIN.syncromsp.com/api/v1 with Bearer token auth. Every failure becomes a
// message a technician can act on.

import type * as v from 'valibot';
import { errorText } from '../errors.ts';
import { admit, pauseAfter429, type RateLimit, retryAfterMs } from '../rate-window.ts';
import { retryInPlace } from '../retry-in-place.ts';
import type { SyncroConnection } from '../storage/db.ts';
import { type AnySchema, checkEach, type Rejected, readChecked } from '../wire-check.ts';
import { permissionNamedIn, requiredPermission } from './permissions.ts';
import * as wire from './wire.ts';

// "A rate limit of 180 requests per minute per IP address" (syncro_swagger.json#/info/description). One window
// for every Syncro call of this browser, whichever account or token, kept in storage (lib/rate-window.ts): it
// fits both the per-IP reading and the stricter per-token one.
const syncroLimit: RateLimit = { scope: 'syncro', system: 'Syncro', limit: 180, windowMs: 60_000 };

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

/** A GET whose answer is checked against `schema` (lib/syncro/wire.ts): what the product reads, and only that. */
export async function syncroGet<S extends AnySchema>(
  connection: Pick<SyncroConnection, 'subdomain' | 'token'>,
  path: string,
  schema: S,
): Promise<v.InferOutput<S>> {
  return syncroRequest(connection, 'GET', path, schema);
}

/**
 * One call to Syncro's REST API, throttled; a refusal is a SyncroError carrying Syncro's own message. Reads are
 * retried in place on passing trouble; writes never are (Syncro has no idempotency key: a payment created
 * twice cannot even be deleted), their callers check Syncro before trying again.
 */
export async function syncroRequest<S extends AnySchema>(
  connection: Pick<SyncroConnection, 'subdomain' | 'token'>,
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  body?: unknown,
): Promise<v.InferOutput<S>> {
  const answer = await retryInPlace(() => syncroRequestOnce(connection, method, path, body), {
    attempts: method === 'GET' ? 4 : 1,
    // A 429's pause is kept by the limiter, which every try passes: no try is sent before it ends.
    retryable: (error) => error instanceof SyncroError && isPassing(error),
  });
  return readChecked(schema, answer, 'Syncro');
}

async function syncroRequestOnce(
  connection: Pick<SyncroConnection, 'subdomain' | 'token'>,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const host = `${connection.subdomain}.syncromsp.com`;
  await admit(syncroLimit);
  let response: Response;
  try {
    response = await fetch(`https://${host}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${connection.token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      redirect: 'error', // a redirect answer is a failure: the token is never sent on to its target
      signal: AbortSignal.timeout(25_000),
    });
  } catch (error) {
    throw new SyncroError(0, `Could not reach ${host}: ${errorText(error)}. Check the subdomain and your network.`);
  }
  if (response.ok) return await response.json();
  // Syncro documents no Retry-After (research/syncro.md §1.2): without one, the pause lasts until the window frees.
  if (response.status === 429) await pauseAfter429(syncroLimit, retryAfterMs(response.headers.get('retry-after')));
  if (response.status === 401 || response.status === 403) {
    const said = await refusalText(response);
    throw new SyncroError(response.status, describeRefusedToken(response.status, said, method, path));
  }
  // A validation refusal (422) says what is wrong: keep Syncro's words for the person who will fix it.
  const said = response.status === 422 || response.status === 400 ? await refusalText(response) : '';
  throw new SyncroError(response.status, said ? `Syncro refused it: ${said}` : describeStatus(response.status, host));
}

/**
 * Syncro answers 401 both to a bad token and to a token without the permission a call needs: the swagger files
 * `{"error": "Not authorized. Please ask account admin to update your group permissions."}` under 401
 * (syncro_swagger.json#/paths/~1contacts/get/responses/401). Its words tell the two apart; a 403 (which the
 * swagger never lists) is read as a missing permission too.
 */
function describeRefusedToken(status: number, said: string, method: string, path: string): string {
  if (status === 401 && !/permission/i.test(said)) {
    return `Syncro rejected the API token (401): check that it was copied whole and has not expired or been revoked.`;
  }
  const permission = permissionNamedIn(said) ?? requiredPermission(method, path);
  const answer = said ? `Syncro answered ${status}: "${said}"` : `Syncro answered ${status}`;
  return permission
    ? `The Syncro API token lacks the permission "${permission}" (${answer}). Edit the token in Syncro (Profile/Password → API Tokens) and add that permission.`
    : `The Syncro API token lacks a permission this needs (${answer}). Edit the token in Syncro (Profile/Password → API Tokens) and add the permissions listed in the README.`;
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
    case 404:
      return `No Syncro account answers at ${host} (404): check the subdomain.`;
    case 429:
      return `Syncro's rate limit reached (429): try again in a minute.`;
    default:
      return `Syncro answered ${status} at ${host}: try again later.`;
  }
}

export const syncroMe = (connection: Pick<SyncroConnection, 'subdomain' | 'token'>) =>
  syncroGet(connection, '/me', wire.syncroMe);

export async function syncroPaymentMethods(connection: SyncroConnection): Promise<string[]> {
  const { payment_methods } = await syncroGet(connection, '/payment_methods', wire.syncroPaymentMethods);
  return payment_methods.map((method) => method.name);
}

/** Whether trying again later may help (network, rate limit, server trouble). */
export const isPassing = (error: SyncroError) => error.status === 0 || error.status === 429 || error.status >= 500;

/**
 * Every item of a paged list (`?page=N`, until wire.isLastPage), page by page, each item checked against `item`.
 * An unusable item fails the page (its error names it), unless the caller takes it with `onRejected` and puts
 * the error on that record: then the other items go on.
 */
export async function* syncroPages<S extends AnySchema>(
  connection: Pick<SyncroConnection, 'subdomain' | 'token'>,
  path: string,
  key: wire.SyncroListKey,
  item: S,
  onRejected?: (rejected: Rejected) => Promise<void> | void,
): AsyncGenerator<Array<v.InferOutput<S>>> {
  const page = wire.syncroListPage(key);
  for (let number = 1; ; number++) {
    const separator = path.includes('?') ? '&' : '?';
    const listed = await syncroGet(connection, `${path}${separator}page=${number}`, page);
    const { records, rejected } = checkEach(item, listed.items, 'Syncro');
    if (rejected[0] && !onRejected) throw rejected[0].error;
    for (const entry of rejected) await onRejected?.(entry);
    yield records;
    if (wire.isLastPage(listed, number)) return;
  }
}
