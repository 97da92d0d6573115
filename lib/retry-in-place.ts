// One call's passing trouble — a dropped connection, a 5xx, a 429 — is tried again in place, a few times with a
// short jittered back-off, so one bad answer does not fail a batch of fifty records. A 429's Retry-After is not
// waited here: the rate limiter (lib/rate-window.ts) holds every try until the pause ends, each try's wait counted
// in the run's one wait budget, and a wait the budget has no room for surfaces as RateLimitWait, which is never
// retried in place. Only for calls that are safe to repeat (reads, and writes Xero de-duplicates by Idempotency-Key).
import { RateLimitWait } from './rate-window.ts';

export interface InPlaceRetry {
  /** Tries in all (default 4). */
  attempts?: number;
  /** Whether another try may help (passing trouble, not a refusal). */
  retryable(error: unknown): boolean;
}

export async function retryInPlace<T>(call: () => Promise<T>, policy: InPlaceRetry): Promise<T> {
  const attempts = policy.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || error instanceof RateLimitWait || !policy.retryable(error)) throw error;
      const backoff = 250 * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
  }
}
