// Errors are classified once, where they arise: a passing trouble is retried with back-off; one the user
// must fix is shown on the record (badge FAILED with the message) and not retried in a storm.

export class RetryableError extends Error {
  constructor(
    message: string,
    /** Wait at least this long (Retry-After). */
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}

export class NeedsUserError extends Error {}
