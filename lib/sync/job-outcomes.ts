// What becomes of a job that failed: a passing trouble is retried with back-off, one the person must fix fails its
// record (the badge shows why) or, for a job that stands for no record, shows in the popup. Nothing that waits on
// the person (a connection, an organisation, the sales account) counts as an attempt.

import { errorText, NeedsUserError, NotConfiguredError, RateLimited, RetryableError } from '../errors.ts';
import { jobHandlerFor } from '../jobs/handlers.ts';
import { MoneyError } from '../money.ts';
import { RateLimitWait } from '../rate-window.ts';
import { audit } from '../storage/audit.ts';
import type { Job } from '../storage/db.ts';
import { getLink, putLink } from '../storage/links.ts';
import { complete, defer, retryLater } from '../storage/outbox.ts';
import { writePairMeta } from '../storage/pair.ts';
import { isPassing, SyncroError } from '../syncro/api.ts';
import { ReconnectNeeded } from '../xero/session.ts';
import { MappingError } from './map/text.ts';
import { type JobKind, jobsWithoutRecord, recordTypes } from './registry.ts';

export interface JobProblem {
  job: string;
  message: string;
  at: number;
}

/** Pair meta key of the last failure of a job that stands for no record (PopupStatus.problem): shown in the popup. */
export const jobProblemKey = 'job-problem';

/** Records a job's failure; returns a reason when the whole run must stop. */
export async function recordFailure(
  job: Job,
  error: unknown,
  now: number,
  delayMs?: number,
): Promise<string | undefined> {
  const message = errorText(error);
  const subject = `${job.kind}:${job.key}`;
  if (error instanceof ReconnectNeeded || error instanceof NotConfiguredError) {
    // Nothing can run until the user acts: the job waits, no attempt counted, and resumes after reconnecting.
    await defer(job, message, now);
    return message;
  }
  // Nothing was sent, or a 429 refused every try: the rate limit's wait, no attempt counted.
  if (error instanceof RateLimitWait || error instanceof RateLimited) {
    await defer(job, message, now + error.retryAfterMs);
    return undefined;
  }
  if (error instanceof SyncroError && error.status === 429) {
    // Syncro sends no Retry-After; its window is a minute (syncro_swagger.json#/info/description).
    await defer(job, message, now + 60_000);
    return undefined;
  }
  if (isPassingFailure(error)) {
    const retryAfter = error instanceof RetryableError ? error.retryAfterMs : 0;
    const next = await retryLater(job, message, now, retryAfter, delayMs);
    if (next.state === 'failed')
      await markRecord(job, 'failed', `Gave up after ${next.attempts} attempts: ${message}`, now);
    await audit(subject, 'warn', `Will retry: ${message}`, now);
    return undefined;
  }
  await markRecord(job, 'failed', message, now);
  await audit(subject, 'error', message, now);
  await complete(job);
  return undefined;
}

/** Retry only what may pass by itself; data problems (mapping, money, Xero validation) wait for the user. */
function isPassingFailure(error: unknown): boolean {
  if (error instanceof RetryableError) return true;
  if (error instanceof SyncroError) return isPassing(error);
  if (error instanceof NeedsUserError || error instanceof MappingError || error instanceof MoneyError) return false;
  return true; // unexpected (a network hiccup surfacing elsewhere): retried, with a cap on attempts
}

/** A job that runs for the whole pair (a finding job, the product catalogue, a registered job). */
export const standsForNoRecord = (kind: string) =>
  jobsWithoutRecord.has(kind as JobKind) || jobHandlerFor(kind) !== undefined;

async function markRecord(job: Job, state: 'failed', reason: string, now: number) {
  if (standsForNoRecord(job.kind)) {
    await writePairMeta(jobProblemKey, { job: job.kind, message: reason, at: now } satisfies JobProblem);
    return;
  }
  const page = Object.values(recordTypes).find((type) => 'page' in type && type.page === job.kind);
  if (!page || !('page' in page)) return; // a contact's failure shows on the invoices and POs that need it
  const syncroId = Number(job.key);
  const link = await getLink(page.page, syncroId);
  await putLink({ ...link, kind: page.page, syncroId, state, reason }, now);
}
