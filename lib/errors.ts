// Errors are classified once, where they arise: a passing trouble is retried with back-off; one the user
// must fix is shown on the record (badge FAILED with the message) and not retried in a storm.

/** What a person reads of any thrown value. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class RetryableError extends Error {
  constructor(
    message: string,
    /** Wait at least this long (Retry-After). */
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}

/** Xero answered 429 to every try in place: nothing was applied, and the wait is the limit's, not the record's. */
export class RateLimited extends RetryableError {}

export class NeedsUserError extends Error {}

/**
 * Nothing can run until the person sets something up (a connection, an organisation, the sales account): the job
 * waits, no attempt counted, and resumes once it is done. The runner stops on it.
 */
export class NotConfiguredError extends NeedsUserError {}
