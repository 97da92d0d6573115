// Asking for a re-sync, shared by the detail-page action and the list's bulk action. Once queued, the status
// store says PENDING at once and asks again, so the port reports the outcome; the badges follow the store.
import type { ContentResponses } from '../messages.ts';
import type { RecordRef } from '../records.ts';
import type { StatusStore } from './status-store.ts';

export type Resync = (records: RecordRef[]) => Promise<ContentResponses['resync']>;

/** `ask`: the background's answer to a re-sync request (how many were queued, or why none). */
export function createResync(ask: Resync, statuses: StatusStore): Resync {
  return async (records) => {
    const answer = await ask(records);
    if (answer.queued > 0) statuses.markQueued(records);
    return answer;
  };
}
