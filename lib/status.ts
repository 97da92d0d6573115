import type { InvoiceDrift } from './drift.ts';
import { type RecordKind, type RecordRef, recordKey } from './records.ts';
import type { Link } from './storage/stored.ts';
import type { RecordStatus } from './sync-state.ts';

/** What a badge shows of a drift: the figures, not when it was checked. */
const driftOf = ({ checkedAt: _checkedAt, ...figures }: InvoiceDrift) => figures;

export type XeroConnectionState = 'disconnected' | 'connected' | 'reconnect-needed';

export interface StatusContext {
  xero: XeroConnectionState;
  /** Why records of a kind are off under the settings (lib/sync/registry.ts, pageOffReason), if they are. */
  offReasons: Partial<Record<RecordKind, string>>;
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

/** The status of a record of `kind` with no link, no job and not found in Xero: OFF when syncing is off for it. */
export function unknownRecordStatus(
  kind: RecordKind,
  context: Pick<StatusContext, 'xero' | 'offReasons'>,
): RecordStatus {
  return offStatus(kind, context) ?? { state: 'not-synced' };
}

function offStatus(kind: RecordKind, context: Pick<StatusContext, 'xero' | 'offReasons'>): RecordStatus | undefined {
  const off = context.offReasons[kind];
  if (off) return { state: 'off', reason: off };
  if (context.xero === 'disconnected') return { state: 'off', reason: 'Xero not connected' };
  if (context.xero === 'reconnect-needed') return { state: 'off', reason: 'Reconnect to Xero needed' };
  return undefined;
}

function statusOf(record: RecordRef, context: StatusContext): RecordStatus {
  const key = recordKey(record);
  const off = offStatus(record.kind, context);
  if (off) return off;
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
    ...(link.state === 'synced' && link.drift ? { drift: driftOf(link.drift) } : {}),
  };
}
