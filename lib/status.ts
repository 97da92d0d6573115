import { type RecordRef, recordKey } from './records.ts';
import type { RecordStatus } from './sync-state.ts';

/**
 * The badge status of each record. Until a Xero connection exists (the connection issue builds it) every
 * record is honestly OFF with the reason saying why.
 */
export function statusesWithoutConnection(records: RecordRef[]): Record<string, RecordStatus> {
  return Object.fromEntries(
    records.map((record) => [recordKey(record), { state: 'off', reason: 'Xero not connected' } as RecordStatus]),
  );
}
