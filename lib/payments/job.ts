// The payment poll as an outbox job: the composition root registers it (lib/jobs/handlers.ts), so the sync
// engine runs it without knowing the payment import.
import type { JobHandler } from '../jobs/handlers.ts';
import { writePairMeta } from '../storage/pair.ts';
import { pollPayments } from './poll.ts';

/** Pair meta key of when the payment poll last finished (the popup's "last poll"). */
export const lastPollKey = 'last-poll';

export const paymentPollJob: JobHandler = {
  kind: 'payment-poll',
  async run(base, now) {
    await pollPayments(base, now);
    await writePairMeta(lastPollKey, now());
  },
};
