// The durable outbox: work is written here before it runs. A run leases a job; a worker killed mid-job
// leaves a lease that lapses, and the job runs again (handlers are idempotent: natural keys, Idempotency-Key,
// fingerprints). Retryable failures back off with jitter; the rest are recorded for the user. The queue is the
// current pair's (lib/storage/pair.ts): without a pair nothing can be queued (NotPairedError) and nothing is due.
import { recordsChanged } from '../change-feed.ts';
import type { Job, PairDb } from './db.ts';
import { pairDatabase, readPaired } from './pair.ts';

export const leaseMs = 60_000;
/** With back-off doubling from 2 s up to 30 min, twelve tries span about an hour: a Xero or Syncro outage passes. */
const maxAttempts = 12;

/** Queues work; a pending or running job with the same kind and key is not queued twice. */
export async function enqueue(kind: string, key: string, now: number): Promise<Job> {
  const db = await pairDatabase();
  const tx = db.transaction('jobs', 'readwrite');
  const existing = (await tx.store.index('byKindKey').getAll([kind, key])).find(
    (job) => job.state === 'pending' || job.state === 'running',
  );
  if (existing) {
    if (existing.state === 'pending' && existing.nextAttemptAt > now) {
      // Asked for again now (Re-Sync, Sync now): run it now rather than at its back-off time.
      existing.nextAttemptAt = now;
    }
    // Asked for again: the record may have changed since it was read, so it is read afresh.
    existing.stagedRead = undefined;
    existing.stagedAt = undefined;
    await tx.store.put(existing);
    await tx.done;
    return existing;
  }
  const job: Job = { kind, key, state: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now };
  job.id = await tx.store.add(job);
  await tx.done;
  recordsChanged([`${kind}:${key}`]);
  return job;
}

/** Takes the next due job (pending and due, or running with a lapsed lease) and leases it. */
export async function leaseNext(now: number): Promise<Job | undefined> {
  const db = await pairDatabase();
  const tx = db.transaction('jobs', 'readwrite');
  const due = tx.store.index('byStateDue');
  const lapsed = await due.openCursor(IDBKeyRange.bound(['running', 0], ['running', now]));
  let job: Job | undefined;
  if (lapsed && (lapsed.value.leaseUntil ?? 0) <= now) job = lapsed.value;
  if (!job) job = (await due.openCursor(IDBKeyRange.bound(['pending', 0], ['pending', now])))?.value;
  if (!job) {
    await tx.done;
    return undefined;
  }
  // nextAttemptAt doubles as the lease end while running, so lapsed leases are found by the same index.
  const leased: Job = { ...job, state: 'running', leaseUntil: now + leaseMs, nextAttemptAt: now + leaseMs };
  await tx.store.put(leased);
  await tx.done;
  return leased;
}

/**
 * Jobs marked running when a run starts were left by a worker that died mid-run: runs hold one lock, so no
 * other run can own them. They go back to pending at once, instead of waiting for their lease to lapse.
 */
export async function releaseOrphans(now: number): Promise<number> {
  const db = await pairDatabase();
  const tx = db.transaction('jobs', 'readwrite');
  const running = await tx.store.index('byState').getAll('running');
  await Promise.all(
    running.map((job) => tx.store.put({ ...job, state: 'pending', nextAttemptAt: now, leaseUntil: undefined })),
  );
  await tx.done;
  return running.length;
}

export async function complete(job: Job): Promise<void> {
  const db = await pairDatabase();
  await db.delete('jobs', job.id as number);
  recordsChanged([`${job.kind}:${job.key}`]);
}

/** Exponential back-off with jitter for the given attempt number (1 = first retry). */
export const backoffMs = (attempts: number, jitter = 0.5 + Math.random()) =>
  Math.min(30 * 60_000, 2_000 * 2 ** (attempts - 1)) * jitter;

/**
 * A passing failure: try again later, with back-off, until attempts run out. A batch that failed as a whole
 * passes one `delayMs` to all its jobs, so they stay due together and run as one batch again.
 */
export async function retryLater(job: Job, error: string, now: number, atLeastMs = 0, delayMs?: number): Promise<Job> {
  const attempts = job.attempts + 1;
  const backoff = delayMs ?? backoffMs(attempts);
  const next = await update(
    job,
    attempts >= maxAttempts
      ? { attempts, state: 'failed', lastError: error, leaseUntil: undefined }
      : {
          attempts,
          state: 'pending',
          lastError: error,
          nextAttemptAt: now + Math.max(backoff, atLeastMs),
          leaseUntil: undefined,
        },
  );
  if (next.state === 'failed') recordsChanged([`${job.kind}:${job.key}`]);
  return next;
}

/** Changes these fields of the stored job (keeping what the run staged on it meanwhile). */
async function update(job: Job, changes: Partial<Job>): Promise<Job> {
  const tx = (await pairDatabase()).transaction('jobs', 'readwrite');
  const next: Job = { ...((await tx.store.get(job.id as number)) ?? job), ...changes };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/**
 * Not a failure, only later (the rate limit's wait is longer than a run may wait): due again at `until`, with
 * no attempt counted, so a long backfill that meets the limit many times never gives up on a record.
 */
export function defer(job: Job, reason: string, until: number): Promise<Job> {
  return update(job, { state: 'pending', lastError: reason, nextAttemptAt: until, leaseUntil: undefined });
}

/**
 * How long a read kept on a job is reused. A job put off longer (a daily limit, a reconnect) reads the record
 * again: it may have changed meanwhile, and pushing an old copy would undo the change in Xero.
 */
export const stagedReadMaxAgeMs = 10 * 60_000;

/** Keeps what a running job read from Syncro at `now` on the job, so that a retry soon after does not read it again. */
export async function stageRead(job: Job, read: unknown, now: number): Promise<void> {
  const tx = (await pairDatabase()).transaction('jobs', 'readwrite');
  const stored = await tx.store.get(job.id as number);
  // Only while it is still this run's job (not completed meanwhile).
  if (stored?.state === 'running') await tx.store.put({ ...stored, stagedRead: read, stagedAt: now });
  await tx.done;
}

/** The read kept on the job, if one was kept no longer than `stagedReadMaxAgeMs` before `now`. */
export function freshStagedRead(job: Job, now: number): unknown {
  const fresh = job.stagedAt !== undefined && now - job.stagedAt <= stagedReadMaxAgeMs;
  return fresh ? job.stagedRead : undefined;
}

/** When the next pending job is due, if any (never, without a pair). */
export function nextDueAt(): Promise<number | undefined> {
  return readPaired(async (db) => {
    const pending = await db
      .transaction('jobs')
      .store.index('byStateDue')
      .openCursor(IDBKeyRange.bound(['pending', 0], ['pending', Number.MAX_SAFE_INTEGER]));
    const running = await db
      .transaction('jobs')
      .store.index('byStateDue')
      .openCursor(IDBKeyRange.bound(['running', 0], ['running', Number.MAX_SAFE_INTEGER]));
    const times = [pending?.value.nextAttemptAt, running?.value.nextAttemptAt].filter((t) => t !== undefined);
    return times.length > 0 ? Math.min(...times) : undefined;
  }, undefined);
}

/** Which of these `kind:key` pairs have a job pending or running (none, without a pair). */
export function queuedAmong(pairs: Array<[kind: string, key: string]>): Promise<Set<string>> {
  return readPaired((db) => queuedIn(db, pairs), new Set<string>());
}

async function queuedIn(db: PairDb, pairs: Array<[kind: string, key: string]>): Promise<Set<string>> {
  const tx = db.transaction('jobs');
  const byState = tx.store.index('byState');
  const live = (await byState.count('pending')) + (await byState.count('running'));
  // A page asks about many records while few are queued (or the reverse): read the smaller side.
  if (live <= pairs.length) {
    const wanted = new Set(pairs.map(([kind, key]) => `${kind}:${key}`));
    const jobs = [...(await byState.getAll('pending')), ...(await byState.getAll('running'))];
    return new Set(jobs.map((job) => `${job.kind}:${job.key}`).filter((key) => wanted.has(key)));
  }
  const index = tx.store.index('byKindKey');
  const found = await Promise.all(pairs.map((pair) => index.getAll(pair)));
  return new Set(
    pairs.flatMap(([kind, key], i) =>
      (found[i] ?? []).some((job) => job.state === 'pending' || job.state === 'running') ? [`${kind}:${key}`] : [],
    ),
  );
}

/** Jobs due this soon join the batch being formed (back-off jitter must not split batches into crumbs). */
const batchGraceMs = 10_000;

/** Leases up to `limit` more due jobs of one kind (lapsed leases first, then pending), to run as a batch. */
export async function leaseMore(kind: string, now: number, limit: number): Promise<Job[]> {
  const db = await pairDatabase();
  const tx = db.transaction('jobs', 'readwrite');
  const leased: Job[] = [];
  for (const state of ['running', 'pending'] as const) {
    const until = state === 'pending' ? now + batchGraceMs : now;
    let cursor = await tx.store.index('byStateDue').openCursor(IDBKeyRange.bound([state, 0], [state, until]));
    while (cursor && leased.length < limit) {
      if (cursor.value.kind === kind) {
        const job: Job = { ...cursor.value, state: 'running', leaseUntil: now + leaseMs, nextAttemptAt: now + leaseMs };
        await cursor.update(job);
        leased.push(job);
      }
      cursor = await cursor.continue();
    }
  }
  await tx.done;
  return leased;
}
