// Outbox jobs that a module outside the sync engine brings (the payment poll: lib/payments/job.ts). The
// composition root registers them at start (entrypoints/background.ts); the runner looks a job's kind up here,
// so the engine imports none of them. A kind nobody registered fails as an unknown job kind.
import type { BaseContext } from '../sync/context.ts';

export interface JobHandler {
  /** The job kind it runs (Job.kind); one handler per kind. */
  readonly kind: string;
  /** Runs the job for the whole pair; a throw is the job's failure (retried or shown, as the runner decides). */
  run(base: BaseContext, now: () => number): Promise<void>;
}

const registered = new Map<string, JobHandler>();

/** Registers handlers; registering a kind again replaces its handler (a restarted worker registers afresh). */
export function registerJobHandlers(handlers: readonly JobHandler[]): void {
  for (const handler of handlers) registered.set(handler.kind, handler);
}

export const jobHandlerFor = (kind: string): JobHandler | undefined => registered.get(kind);
