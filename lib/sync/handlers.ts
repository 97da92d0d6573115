// The engine's job handlers, one per job kind it owns, typed by the registry's job kinds: a record type whose job
// has no handler here does not compile. Jobs another module brings (the payment poll) are registered at the
// composition root (lib/jobs/handlers.ts).
import type { Job } from '../storage/db.ts';
import { linkKey } from '../storage/links.ts';
import { complete, freshStagedRead, stageRead } from '../storage/outbox.ts';
import { syncroPages } from '../syncro/api.ts';
import { type SyncroInvoice, syncroCustomer, syncroVendor } from '../syncro/wire.ts';
import type { Rejected } from '../wire-check.ts';
import { type ContactKind, type ContactSource, customerSource, ensureContacts, vendorSource } from './contacts.ts';
import type { BaseContext, SyncContext } from './context.ts';
import { enqueueChanges, enqueueEverything } from './enumerate.ts';
import { ensureItems } from './items.ts';
import { recordFailure } from './job-outcomes.ts';
import type { Outcome } from './push-documents.ts';
import { pushInvoices } from './push-invoices.ts';
import { type JobKind, type RecordType, type RecordTypeName, recordTypes } from './registry.ts';

/**
 * Runs a job, or a batch of jobs of one kind (registry: `together`). A batch handler settles each job itself
 * (complete or recordFailure); for the others the runner completes the job when `run` returns.
 */
export type EngineHandler =
  | { needs: 'connections'; settlesEachJob?: false; run(base: BaseContext, jobs: Job[], now: number): Promise<unknown> }
  | { needs: 'catalogue'; settlesEachJob: boolean; run(ctx: SyncContext, jobs: Job[], now: number): Promise<void> };

export const engineHandlers = {
  'sync-all': { needs: 'connections', run: (base, _jobs, now) => enqueueEverything(base, now) },
  changes: { needs: 'connections', run: (base, _jobs, now) => enqueueChanges(base, now) },
  products: { needs: 'catalogue', settlesEachJob: false, run: pushAllProducts },
  invoice: { needs: 'catalogue', settlesEachJob: true, run: runInvoiceBatch },
  customer: {
    needs: 'catalogue',
    settlesEachJob: true,
    run: (ctx, jobs, now) => runContactBatch(ctx, 'customer', jobs, now),
  },
  vendor: {
    needs: 'catalogue',
    settlesEachJob: true,
    run: (ctx, jobs, now) => runContactBatch(ctx, 'vendor', jobs, now),
  },
} satisfies Record<Exclude<JobKind, 'payment-poll' | PushedKind>, EngineHandler>;

/** The job kinds of types pushed from their registry parts alone: their handler comes from the registry. */
type PushedKind = {
  [N in RecordTypeName]: (typeof recordTypes)[N] extends { push: unknown; job: { kind: infer K } } ? K : never;
}[RecordTypeName];

export function engineHandlerFor(kind: string): EngineHandler | undefined {
  const own = (engineHandlers as Record<string, EngineHandler>)[kind];
  if (own) return own;
  const type = Object.values(recordTypes).find(
    (entry: RecordType) => entry.push && 'kind' in entry.job && entry.job.kind === kind,
  ) as RecordType | undefined;
  const push = type?.push;
  if (!push) return undefined;
  return {
    needs: 'catalogue',
    settlesEachJob: true,
    run: async (ctx, jobs, now) =>
      settleJobs(
        jobs,
        await push(
          ctx,
          jobs.map((job) => Number(job.key)),
          now,
        ),
        now,
      ),
  };
}

async function pushAllProducts(ctx: SyncContext, _jobs: Job[], now: number): Promise<void> {
  const all = [...ctx.products.values()].flatMap((product) => {
    const code = ctx.codes.get(product.id);
    return code && !product.disabled ? [{ product, code }] : [];
  });
  const [failure] = (await ensureItems(all, ctx.settings, now)).values();
  if (failure) throw failure;
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
  await settleJobs(jobs, await pushInvoices({ ...ctx, invoice }, [...byId.keys()], now), now);
}

/** Each job of a batch completed, or failed with its record's error. */
async function settleJobs(jobs: Job[], outcomes: Map<number, Outcome>, now: number): Promise<void> {
  for (const job of jobs) {
    const outcome = outcomes.get(Number(job.key));
    if (!outcome || outcome.ok) await complete(job);
    else await recordFailure(job, outcome.error, now);
  }
}

async function runContactBatch(ctx: SyncContext, kind: ContactKind, jobs: Job[], now: number): Promise<void> {
  const { sources, unusable } = await contactSources(ctx, kind, new Set(jobs.map((job) => Number(job.key))));
  const results = await ensureContacts(sources, now, ctx.learned);
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
