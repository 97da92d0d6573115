import type { XeroConnectionState } from './messages.ts';
import { type RecordRef, recordKey } from './records.ts';
import type { RecordStatus } from './sync-state.ts';

export interface StatusContext {
  xero: XeroConnectionState;
  purchaseOrderSyncDisabled: boolean;
}

/**
 * The badge status of each record, from what is known without the sync engine: why syncing is off, or that
 * the record is eligible and has not been pushed by this install.
 */
export function recordStatuses(records: RecordRef[], context: StatusContext): Record<string, RecordStatus> {
  return Object.fromEntries(records.map((record) => [recordKey(record), statusOf(record, context)]));
}

function statusOf(record: RecordRef, context: StatusContext): RecordStatus {
  if (record.kind === 'purchase_order' && context.purchaseOrderSyncDisabled) {
    return { state: 'off', reason: 'Purchase order syncing is disabled' };
  }
  if (context.xero === 'disconnected') return { state: 'off', reason: 'Xero not connected' };
  if (context.xero === 'reconnect-needed') return { state: 'off', reason: 'Reconnect to Xero needed' };
  return { state: 'not-synced' };
}
