// Every Accounting API call of the sync goes through here: one limiter (60 calls a minute and 5 in flight per
// organisation, as Xero enforces), a fresh access token, Idempotency-Key on writes, the remaining-budget
// headers recorded, and each failure classified once.

import pLimit from 'p-limit';
import pThrottle from 'p-throttle';
import { retryInPlace } from '../retry-in-place.ts';
import { writeMeta } from '../store.ts';
import { NeedsUserError, RetryableError } from '../sync/errors.ts';
import { dayRemainingKey, xeroApiBase } from './http.ts';
import { ReconnectNeeded, type Session, xeroSession } from './session.ts';

export interface XeroRequest {
  method: 'GET' | 'PUT' | 'POST';
  /** A session to use instead of the stored grant's (while connecting, before the grant is stored). */
  session?: Session;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
  /** Only records changed since (ISO); Xero's `If-Modified-Since` header. */
  ifModifiedSince?: string;
}

const inFlight = pLimit(5);
// strict: a sliding window, as Xero counts; a fixed window would let 120 calls through across a boundary.
const perMinute = pThrottle({ limit: 60, interval: 60_000, strict: true });
const limited = perMinute((run: () => Promise<Response>) => inFlight(run));

/** After a 429, every call waits until Xero's Retry-After has passed (no storm of doomed calls). */
let pausedUntil = 0;
const shortPauseMs = 20_000;

async function waitForPause(): Promise<void> {
  const wait = pausedUntil - Date.now();
  if (wait <= 0) return;
  if (wait > shortPauseMs) throw new RetryableError("Waiting out Xero's rate limit", wait);
  await new Promise((resolve) => setTimeout(resolve, wait));
}

/** One Xero call; passing trouble is retried in place for reads and for writes carrying an Idempotency-Key. */
export async function xeroCall<T>(request: XeroRequest): Promise<T> {
  const repeatable = request.method === 'GET' || Boolean(request.idempotencyKey);
  return retryInPlace(() => xeroCallOnce<T>(request), {
    attempts: repeatable ? 4 : 1,
    waitFor: (error) => (error instanceof RetryableError ? error.retryAfterMs : undefined),
  });
}

async function xeroCallOnce<T>(request: XeroRequest): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    await waitForPause();
    const session = request.session ?? (await xeroSession({ forceRefresh: attempt > 0 }));
    const url = new URL(`${xeroApiBase}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = {
      authorization: `Bearer ${session.accessToken}`,
      'xero-tenant-id': session.tenantId,
      accept: 'application/json',
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    if (request.ifModifiedSince) headers['if-modified-since'] = request.ifModifiedSince;
    let response: Response;
    try {
      response = await limited(() =>
        fetch(url, {
          method: request.method,
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: AbortSignal.timeout(25_000),
        }),
      );
    } catch (error) {
      throw new RetryableError(`Xero did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    const dayRemaining = response.headers.get('x-daylimit-remaining');
    if (dayRemaining !== null) await writeMeta(dayRemainingKey, Number(dayRemaining));
    if (response.status === 401 && attempt === 0 && !request.session) continue;
    return (await readResponse(response, request)) as T;
  }
}

async function readResponse(response: Response, request: XeroRequest): Promise<unknown> {
  const text = await response.text();
  const body = text ? safeJson(text) : undefined;
  if (response.ok) return body;
  if (response.status === 401) throw new ReconnectNeeded('Xero no longer accepts the connection.');
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after') ?? '60');
    const problem = response.headers.get('x-rate-limit-problem') ?? 'minute';
    pausedUntil = Math.max(pausedUntil, Date.now() + Math.max(1, seconds) * 1000);
    throw new RetryableError(`Xero's ${problem} rate limit reached`, Math.max(1, seconds) * 1000);
  }
  if (response.status >= 500 || response.status === 408) {
    throw new RetryableError(`Xero answered ${response.status} to ${request.method} ${request.path}`);
  }
  if (response.status === 403) {
    throw new NeedsUserError('This Xero organisation is no longer connected to the app: choose another or reconnect.');
  }
  if (response.status === 404) throw new NotFoundError(`Not found in Xero: ${request.path}`);
  throw new NeedsUserError(
    validationMessage(body) ?? `Xero refused ${request.method} ${request.path} (${response.status})`,
  );
}

export class NotFoundError extends NeedsUserError {}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface ValidationBody {
  Message?: string;
  Detail?: string;
  Elements?: Array<{ ValidationErrors?: Array<{ Message?: string }> }>;
}

/** Xero's own words for what is wrong (ValidationException elements first). */
export function validationMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body ? body.slice(0, 300) : undefined;
  const shaped = body as ValidationBody;
  const messages = (shaped.Elements ?? []).flatMap((element) =>
    (element.ValidationErrors ?? []).map((error) => error.Message).filter(Boolean),
  );
  return messages.length > 0 ? [...new Set(messages)].join(' ') : (shaped.Detail ?? shaped.Message);
}
