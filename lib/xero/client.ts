// Every Accounting API call of the sync goes through here: one limiter (60 calls a minute and 5 in flight per
// organisation, as Xero enforces), a fresh access token, Idempotency-Key on writes, the day's remaining calls
// noted (lib/xero/day-limit.ts), and each failure classified once.

import pLimit from 'p-limit';
import type * as v from 'valibot';
import { errorText, NeedsUserError, RateLimited, RetryableError } from '../errors.ts';
import { admit, pauseAfter429, type RateLimit, RateLimitWait, retryAfterMs } from '../rate-window.ts';
import { retryInPlace } from '../retry-in-place.ts';
import { type AnySchema, readChecked } from '../wire-check.ts';
import { noteDayRemaining } from './day-limit.ts';
import {
  idempotencyHeader,
  isMissingScope,
  missingPermission,
  passingTrouble,
  UncertainWriteError,
} from './failures.ts';
import { xeroApiBase } from './http.ts';
import { ReconnectNeeded, type Session, xeroSession } from './session.ts';
import type { BodyOf, ErrorBody, HeaderFor, Method, Operation, QueryFor, ReadsAnswer } from './types.ts';

/** A call of `method` on `path` (xero_accounting.yaml's, `{InvoiceID}` filled in), as the spec says it is made. */
export interface XeroRequest<M extends Method, P extends string> {
  method: M;
  /** A session to use instead of the stored grant's (while connecting, before the grant is stored). */
  session?: Session;
  path: P;
  query?: QueryFor<Operation<M, P>>;
  body?: BodyOf<Operation<M, P>>;
  idempotencyKey?: HeaderFor<Operation<M, P>, 'Idempotency-Key'>;
  /** Only records changed since (ISO); Xero's `If-Modified-Since` header. */
  ifModifiedSince?: HeaderFor<Operation<M, P>, 'If-Modified-Since'>;
}

/** The same, as sent: values only. */
interface Call {
  method: Method;
  session?: Session;
  path: string;
  query?: Partial<Record<string, string>>;
  body?: unknown;
  idempotencyKey?: string;
  ifModifiedSince?: string;
}

// 5 calls in flight (in this worker: calls in flight die with it) and 60 a minute per organisation
// (developer.xero.com/documentation/oauth2/limits). Xero counts the minute in a fixed window; the window kept in
// storage (lib/rate-window.ts) slides, the stricter reading, and holds across worker restarts.
const inFlight = pLimit(5);
const xeroLimit = (tenantId: string): RateLimit => ({
  scope: `xero:${tenantId}`,
  system: 'Xero',
  limit: 60,
  windowMs: 60_000,
});

/**
 * One Xero call; passing trouble is retried in place — for a write only when Xero surely did not apply it (429).
 * A write whose answer was lost throws UncertainWriteError: the caller looks the record up before writing again.
 * `schema` checks the answer; it may read only what the spec says the answer holds (ReadsAnswer).
 */
export async function xeroCall<M extends Method, P extends string, S extends AnySchema>(
  request: XeroRequest<M, P>,
  schema: S & ReadsAnswer<M, P, v.InferOutput<S>>,
): Promise<v.InferOutput<S>> {
  const call = request as Call;
  const answer = await retryInPlace(() => xeroCallOnce(call), {
    retryable: (error) => error instanceof RetryableError && !(error instanceof UncertainWriteError),
  });
  // What the product reads of the answer (lib/xero/wire.ts), checked before anything uses it.
  return readChecked(schema, answer, 'Xero');
}

async function xeroCallOnce(request: Call): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    const session = request.session ?? (await xeroSession({ forceRefresh: attempt > 0 }));
    const url = new URL(`${xeroApiBase}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${session.accessToken}`,
      'xero-tenant-id': session.tenantId,
      accept: 'application/json',
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.idempotencyKey)
      headers['idempotency-key'] = idempotencyHeader(session.tenantId, request.idempotencyKey);
    if (request.ifModifiedSince) headers['if-modified-since'] = request.ifModifiedSince;
    const limit = xeroLimit(session.tenantId);
    let response: Response;
    /** After a 429: how long no call of this organisation goes out (Retry-After, or until the window frees). */
    let pausedMs = 0;
    try {
      response = await inFlight(async () => {
        // Admitted when its turn comes, not when queued: a 429 answered meanwhile holds it too.
        await admit(limit);
        const answer = await fetch(url, {
          method: request.method,
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          redirect: 'error', // a redirect answer is a failure: the bearer token is never sent on to its target
          signal: AbortSignal.timeout(25_000),
        });
        // Every call of this organisation waits until Retry-After has passed (no storm of doomed calls): the
        // pause is stored before this slot frees, so the next call in the queue already sees it.
        if (answer.status === 429) {
          pausedMs = await pauseAfter429(limit, retryAfterMs(answer.headers.get('retry-after')));
        }
        return answer;
      });
    } catch (error) {
      if (error instanceof RateLimitWait) throw error;
      throw passingTrouble(request.method, `Xero did not answer: ${errorText(error)}`);
    }
    const dayRemaining = response.headers.get('x-daylimit-remaining');
    if (dayRemaining !== null) await noteDayRemaining(Number(dayRemaining));
    // A new token may cure a 401, but not a missing permission (scopes stay the same on refresh).
    const retryWithNewToken = response.status === 401 && attempt === 0 && !request.session;
    if (retryWithNewToken && !isMissingScope(safeJson(await response.clone().text()))) continue;
    return await readResponse(response, request, pausedMs);
  }
}

async function readResponse(response: Response, request: Call, pausedMs: number): Promise<unknown> {
  const text = await response.text();
  const body = text ? safeJson(text) : undefined;
  if (response.ok) return body;
  if (response.status === 401) {
    if (isMissingScope(body)) throw missingPermission(request.method, request.path);
    throw new ReconnectNeeded('Xero no longer accepts the connection.');
  }
  if (response.status === 429) {
    // Retry-After (seconds or an HTTP date) is read once, by the pause: the job waits as long as every call does.
    const problem = response.headers.get('x-rate-limit-problem') ?? 'minute';
    throw new RateLimited(`Xero's ${problem} rate limit reached`, Math.max(1_000, pausedMs));
  }
  if (response.status >= 500 || response.status === 408) {
    throw passingTrouble(request.method, `Xero answered ${response.status} to ${request.method} ${request.path}`);
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

/** A refusal: xero_accounting.yaml#/components/schemas/Error, or a problem's `Detail` (see isMissingScope). */
type RefusalBody = ErrorBody & { Detail?: string };

/** Xero's own words for what is wrong (ValidationException elements first). */
export function validationMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body ? body.slice(0, 300) : undefined;
  const shaped = body as RefusalBody;
  const messages = (shaped.Elements ?? []).flatMap((element) =>
    (element.ValidationErrors ?? []).map((error) => error.Message).filter(Boolean),
  );
  return messages.length > 0 ? [...new Set(messages)].join(' ') : (shaped.Detail ?? shaped.Message);
}
