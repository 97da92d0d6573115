// Asking for a re-sync, shared by the detail-page action and the list's bulk action: once queued, the records'
// badges say PENDING at once, and their statuses are asked for again so the port reports the outcome.
import { badgeTag, renderBadge } from '../../components/sync-badge.ts';
import type { ContentResponses } from '../messages.ts';
import type { RecordRef } from '../records.ts';
import type { BadgeChannel } from './badge-channel.ts';

export type AskResync = (records: RecordRef[]) => Promise<ContentResponses['resync']>;

export async function requestResync(
  records: RecordRef[],
  ask: AskResync,
  channel: BadgeChannel,
): Promise<ContentResponses['resync']> {
  const answer = await ask(records);
  if (answer.queued > 0) {
    for (const { kind, id } of records) {
      for (const badge of document.querySelectorAll<HTMLElement>(
        `${badgeTag}[data-syncro-kind="${kind}"][data-syncro-id="${id}"]`,
      )) {
        if (badge.dataset.xeroSync !== 'off') renderBadge(badge, { state: 'pending' });
      }
    }
    channel.watch(records);
  }
  return answer;
}
