import type { Link } from './db.ts';
import type { XeroConnectionState } from './messages.ts';
import { type RecordRef, recordKey } from './records.ts';
import type { RecordStatus } from './sync-state.ts';

export interface StatusContext {
  xero: XeroConnectionState;
  purchaseOrderSyncDisabled: boolean;
  /** What the sync recorded per record (`kind:id`). */
  links: Map<string, Link>;
  /** Records with a job queued or running (`kind:id`). */
  queued: Set<string>;
  /** Records this install never pushed, found in Xero by natural key: their Xero URL (`kind:id`). */
  foundInXero?: Map<string, string>;
  /** Records not looked up in Xero because the page asked too much (`kind:id`), and what the badge says. */
  notLookedUp?: { keys: Set<string>; reason: string };
}

/** The badge status of each record (CONTRACT.md, "Badge states"). */
export function recordStatuses(records: RecordRef[], context: StatusContext): Record<string, RecordStatus> {
  return Object.fromEntries(records.map((record) => [recordKey(record), statusOf(record, context)]));
}

function statusOf(record: RecordRef, context: StatusContext): RecordStatus {
  const key = recordKey(record);
  if (record.kind === 'purchase_order' && context.purchaseOrderSyncDisabled) {
    return { state: 'off', reason: 'Purchase order syncing is disabled' };
  }
  if (context.xero === 'disconnected') return { state: 'off', reason: 'Xero not connected' };
  if (context.xero === 'reconnect-needed') return { state: 'off', reason: 'Reconnect to Xero needed' };
  if (context.queued.has(key)) return { state: 'pending' };
  const link = context.links.get(key);
  if (!link || link.state === 'not-synced' || link.state === 'pending') {
    const found = context.foundInXero?.get(key);
    if (found) return { state: 'synced', xeroUrl: found, foundInXero: true };
    return context.notLookedUp?.keys.has(key)
      ? { state: 'not-synced', reason: context.notLookedUp.reason }
      : { state: 'not-synced' };
  }
  return {
    state: link.state,
    ...(link.reason ? { reason: link.reason } : {}),
    ...(link.state === 'synced' && link.xeroUrl ? { xeroUrl: link.xeroUrl } : {}),
    ...(link.state === 'synced' ? { syncedAt: link.updatedAt } : {}),
  };
}
