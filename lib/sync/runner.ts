// Runs the outbox until nothing is due: one runner at a time (a Web Lock across the worker and pages),
// each job leased, its outcome recorded on the record's status and in the audit log.
import type { Job } from '../db.ts';
import {
  backoffMs,
  complete,
  defer,
  freshStagedRead,
  leaseMore,
  leaseNext,
  nextDueAt,
  releaseOrphans,
  retryLater,
  stageRead,
} from '../jobs/outbox.ts';
import type { JobProblem } from '../messages.ts';
import { MoneyError } from '../money.ts';
import { currentPair, NotPairedError, readPairMeta, writePairMeta } from '../pair.ts';
import { outboxLockName, pairChangeWaiting } from '../pair-change.ts';
import { pollPayments } from '../payments/poll.ts';
import { RateLimitWait, takeRunWait, withRunWaitBudget } from '../rate-window.ts';
import { isPassing, SyncroError, syncroPages } from '../syncro/api.ts';
import { type SyncroInvoice, syncroCustomer, syncroVendor } from '../syncro/wire.ts';
import type { Rejected } from '../wire-check.ts';
import { ReconnectNeeded } from '../xero/session.ts';
import { type ContactKind, type ContactSource, customerSource, ensureContacts, vendorSource } from './contacts.ts';
import { type BaseContext, loadBaseContext, loadSyncContext, type SyncContext } from './context.ts';
import { enqueueChanges, enqueueEverything } from './enumerate.ts';
import { NeedsUserError, RetryableError } from './errors.ts';
import { ensureItems } from './items.ts';
import { audit, getLink, linkKey, putLink } from './links.ts';
import { MappingError } from './map.ts';
import { pushInvoices } from './push-invoices.ts';
import { pushPurchaseOrder } from './push-purchase-order.ts';

export { outboxLockName };
/** Pair meta key of the last failure of a job that stands for no record (PopupStatus.problem): shown in the popup. */
export const jobProblemKey = 'job-problem';
/** Pair meta key of when the payment poll last finished. */
export const lastPollKey = 'last-poll';
const batchSize = 50;
/** Kinds pushed 50 to a Xero call. */
const batchedKinds = new Set(['invoice', 'customer', 'vendor']);

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
    // A pair change waits for this run (lib/pair-change.ts): stop between jobs, so it does not wait long.
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
    const batch = batchedKinds.has(job.kind) ? [job, ...(await leaseMore(job.kind, now(), batchSize - 1))] : [job];
    try {
      base ??= await loadBaseContext();
      if (finding.has(job.kind)) await runFinding(base, job, now());
      else {
        ctx ??= await loadSyncContext(base);
        if (job.kind === 'invoice') await runInvoiceBatch(ctx, batch, now());
        else if (job.kind === 'customer' || job.kind === 'vendor') await runContactBatch(ctx, job.kind, batch, now());
        else await runJob(ctx, job, now());
      }
      if (!batchedKinds.has(job.kind)) await complete(job);
      if (withoutRecord.has(job.kind) && (await readPairMeta<JobProblem>(jobProblemKey))?.job === job.kind) {
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

/** Jobs that find work or import it: they need the connections, not the catalogue. */
const finding = new Set(['sync-all', 'changes', 'payment-poll']);

async function runFinding(base: BaseContext, job: Job, now: number): Promise<void> {
  switch (job.kind) {
    case 'sync-all':
      await enqueueEverything(base, now);
      return;
    case 'changes':
      await enqueueChanges(base, now);
      return;
    case 'payment-poll':
      await pollPayments(base, Date.now);
      await writePairMeta(lastPollKey, Date.now());
      return;
  }
}

async function runJob(ctx: SyncContext, job: Job, now: number): Promise<void> {
  switch (job.kind) {
    case 'products': {
      const all = [...ctx.products.values()].flatMap((product) => {
        const code = ctx.codes.get(product.id);
        return code && !product.disabled ? [{ product, code }] : [];
      });
      const [failure] = (await ensureItems(all, ctx.settings, now)).values();
      if (failure) throw failure;
      return;
    }
    case 'purchase_order':
      await pushPurchaseOrder(ctx, Number(job.key), now);
      return;
    default:
      throw new NeedsUserError(`Unknown job kind ${job.kind}`);
  }
}

async function runInvoiceBatch(ctx: SyncContext, jobs: Job[], now: number): Promise<void> {
  const byId = new Map(jobs.map((job) => [Number(job.key), job]));
  // An invoice read by an earlier try (before a rate-limit pause, a lost batch, a killed worker) is not read
  // again; one read now is kept on its job at once, for whichever try comes next.
  // A read kept too long (the job put off for hours by a daily limit or a reconnect) is read again.
  const invoice = async (id: number): Promise<SyncroInvoice> => {
    const job = byId.get(id);
    const staged = job && freshStagedRead(job, now);
    if (staged !== undefined) return staged as SyncroInvoice;
    const read = await ctx.invoice(id);
    if (job) await stageRead(job, read, now);
    return read;
  };
  const outcomes = await pushInvoices({ ...ctx, invoice }, [...byId.keys()], now);
  for (const job of jobs) {
    const outcome = outcomes.get(Number(job.key));
    if (!outcome || outcome.ok) await complete(job);
    else await recordFailure(job, outcome.error, now);
  }
}

async function runContactBatch(ctx: SyncContext, kind: ContactKind, jobs: Job[], now: number): Promise<void> {
  const { sources, unusable } = await contactSources(ctx, kind, new Set(jobs.map((job) => Number(job.key))));
  const results = await ensureContacts(sources, now);
  for (const job of jobs) {
    // Absent from Syncro's answer (deleted, or a disabled customer): nothing to push.
    const result = unusable.get(Number(job.key)) ?? results.get(linkKey(kind, Number(job.key)));
    if (result instanceof Error) await recordFailure(job, result, now);
    else await complete(job);
  }
}

/**
 * The customers or vendors of a batch, read fresh from Syncro (customers 25 to a call by id); `unusable`: those
 * Syncro sent without a field the contact needs, each with the error that names it (the others go on).
 */
async function contactSources(
  ctx: SyncContext,
  kind: ContactKind,
  ids: Set<number>,
): Promise<{ sources: ContactSource[]; unusable: Map<number, Error> }> {
  const sources: ContactSource[] = [];
  const unusable = new Map<number, Error>();
  const onRejected = ({ id, error }: Rejected) => {
    if (typeof id !== 'number') throw error;
    if (ids.has(id)) unusable.set(id, error);
  };
  if (kind === 'customer') {
    const query = [...ids].map((id) => `id[]=${id}`).join('&');
    for await (const page of syncroPages(ctx.syncro, `/customers?${query}`, 'customers', syncroCustomer, onRejected)) {
      sources.push(...page.filter((customer) => ids.has(customer.id)).map(customerSource));
    }
  } else {
    for await (const page of syncroPages(ctx.syncro, '/vendors', 'vendors', syncroVendor, onRejected)) {
      sources.push(...page.filter((vendor) => ids.has(vendor.id)).map(vendorSource));
    }
  }
  return { sources, unusable };
}

/** Records a job's failure; returns a reason when the whole run must stop. */
async function recordFailure(job: Job, error: unknown, now: number, delayMs?: number): Promise<string | undefined> {
  const message = error instanceof Error ? error.message : String(error);
  const subject = `${job.kind}:${job.key}`;
  if (
    error instanceof ReconnectNeeded ||
    (error instanceof NeedsUserError && /not connected|Choose the sales/.test(message))
  ) {
    // Nothing can run until the user acts: the job waits, no attempt counted, and resumes after reconnecting.
    await defer(job, message, now);
    return message;
  }
  // Nothing was sent: the rate limit asks for a wait longer than a run may spend. Due again when it ends.
  if (error instanceof RateLimitWait) {
    await defer(job, message, now + error.retryAfterMs);
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

/** Jobs that stand for no record: their failure has no badge to show on, so the popup shows it. */
const withoutRecord = new Set(['sync-all', 'changes', 'payment-poll', 'products']);

async function markRecord(job: Job, state: 'failed', reason: string, now: number) {
  if (withoutRecord.has(job.kind)) {
    await writePairMeta(jobProblemKey, { job: job.kind, message: reason, at: now } satisfies JobProblem);
    return;
  }
  if (job.kind !== 'invoice' && job.kind !== 'purchase_order') return;
  const syncroId = Number(job.key);
  const link = await getLink(job.kind, syncroId);
  await putLink({ ...link, kind: job.kind, syncroId, state, reason }, now);
}
