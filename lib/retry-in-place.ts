// One call's passing trouble — a dropped connection, a 5xx, a short Retry-After — is tried again in place, a
// few times with a short jittered wait, so one bad answer does not fail a batch of fifty records. Longer trouble
// is left to the outbox's back-off. Only for calls that are safe to repeat (reads, and writes Xero de-duplicates
// by Idempotency-Key).

export interface InPlaceRetry {
  /** Tries in all (default 4). */
  attempts?: number;
  /** How long a failure asks to wait before another try (its Retry-After), or undefined: not worth a retry here. */
  waitFor(error: unknown): number | undefined;
}

/** Waits longer than this are the outbox's business, not a call's. */
export const maxInPlaceWaitMs = 5_000;

export async function retryInPlace<T>(call: () => Promise<T>, policy: InPlaceRetry): Promise<T> {
  const attempts = policy.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const asked = policy.waitFor(error);
      if (attempt >= attempts || asked === undefined || asked > maxInPlaceWaitMs) throw error;
      const backoff = 250 * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, Math.max(asked, backoff)));
    }
  }
}
