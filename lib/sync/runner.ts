// Runs the outbox until nothing is due: one runner at a time (a Web Lock across the worker and pages), each job
// (or batch of jobs of one kind) leased and handed to its handler (lib/sync/handlers.ts, lib/jobs/handlers.ts),
// its outcome recorded on the record's status and in the audit log (lib/sync/job-outcomes.ts).
import { NeedsUserError } from '../errors.ts';
import { jobHandlerFor } from '../jobs/handlers.ts';
import { takeRunWait, withRunWaitBudget } from '../rate-window.ts';
import { backoffMs, complete, leaseMore, leaseNext, nextDueAt, releaseOrphans } from '../storage/outbox.ts';
import { currentPair, NotPairedError, readPairMeta, writePairMeta } from '../storage/pair.ts';
import { outboxLockName, pairChangeWaiting } from '../storage/pair-change.ts';
import { type BaseContext, loadBaseContext, loadSyncContext, type SyncContext } from './context.ts';
import { engineHandlerFor } from './handlers.ts';
import type { JobProblem } from './job-outcomes.ts';
import { jobProblemKey, recordFailure, standsForNoRecord } from './job-outcomes.ts';
import { isJobKind, jobsTogether } from './registry.ts';

export { jobProblemKey, outboxLockName };

export interface RunResult {
  ran: number;
  /** Why the run stopped early, if it did (not connected, reconnect needed). */
  stoppedBecause?: string;
}

export async function runOutbox(
  now: () => number = Date.now,
  /** The browser's Web Locks, unless a test in Node 20 (which has none) brings one. */
  locks: Pick<LockManager, 'request'> = navigator.locks,
): Promise<RunResult> {
  const result = await locks.request(outboxLockName, { ifAvailable: true }, async (lock) => {
    if (!lock) return { ran: 0, stoppedBecause: 'another run is in progress' };
    // Without a pair there is no queue: every pair's work waits for that pair to be complete again.
    const pair = await currentPair();
    if ('missing' in pair) return { ran: 0, stoppedBecause: pair.missing };
    try {
      await releaseOrphans(now());
      // The run's waits, the limiter's and its own, share one budget under the worker's 30 s idle limit.
      return await withRunWaitBudget(() => drain(now));
    } catch (error) {
      // A connection was removed mid-run: the jobs in hand stay leased in their pair and run when it is back.
      if (error instanceof NotPairedError) return { ran: 0, stoppedBecause: error.message };
      throw error;
    }
  });
  return result;
}

async function drain(now: () => number): Promise<RunResult> {
  let base: BaseContext | undefined;
  let ctx: SyncContext | undefined;
  let ran = 0;
  for (;;) {
    // A pair change waits for this run (lib/storage/pair-change.ts): stop between jobs, so it does not wait long.
    if (pairChangeWaiting()) return { ran, stoppedBecause: 'the Syncro account or Xero organisation is changing' };
    const job = await leaseNext(now());
    if (!job) {
      // A short wait (a Retry-After of a few seconds) is spent here, if the run's wait budget has room for it; a
      // longer one is the outbox alarm's.
      const next = await nextDueAt();
      if (next === undefined || !takeRunWait(Math.max(0, next - now()), now())) return { ran };
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - now())));
      continue;
    }
    const together = isJobKind(job.kind) ? jobsTogether(job.kind) : 1;
    const batch = together > 1 ? [job, ...(await leaseMore(job.kind, now(), together - 1))] : [job];
    try {
      base ??= await loadBaseContext();
      const registered = jobHandlerFor(job.kind); // a job another module brings (lib/jobs/handlers.ts)
      const handler = engineHandlerFor(job.kind);
      if (registered) await registered.run(base, now);
      else if (!handler) throw new NeedsUserError(`Unknown job kind ${job.kind}`);
      else if (handler.needs === 'connections') await handler.run(base, batch, now());
      else {
        ctx ??= await loadSyncContext(base);
        await handler.run(ctx, batch, now());
      }
      if (!handler?.settlesEachJob) for (const member of batch) await complete(member);
      if (standsForNoRecord(job.kind) && (await readPairMeta<JobProblem>(jobProblemKey))?.job === job.kind) {
        await writePairMeta(jobProblemKey, undefined);
      }
    } catch (error) {
      // The whole batch failed (connection, rate limit…): each job records it and retries alike.
      let stop: string | undefined;
      const delayMs = backoffMs(Math.max(...batch.map((member) => member.attempts)) + 1);
      for (const member of batch) stop = (await recordFailure(member, error, now(), delayMs)) ?? stop;
      if (stop) return { ran, stoppedBecause: stop };
    }
    ran += batch.length;
  }
}
