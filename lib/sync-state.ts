// What a badge says about one record (CONTRACT.md, "Badge states").
import type { DriftFigures } from './drift.ts';

export type SyncState = 'synced' | 'not-synced' | 'pending' | 'failed' | 'skipped' | 'off';

export const syncStates: readonly SyncState[] = ['synced', 'not-synced', 'pending', 'failed', 'skipped', 'off'];

export interface RecordStatus {
  state: SyncState;
  /** Why it failed, is skipped, or is off; shown beside the word. */
  reason?: string;
  /** Link to the record in Xero, when synced. */
  xeroUrl?: string;
  /** When it was last synced (ms since epoch). */
  syncedAt?: number;
  /** Found in Xero by its natural key, pushed there by another install. */
  foundInXero?: boolean;
  /** Synced, but its total or balance differs from Xero's (lib/drift.ts): both figures. */
  drift?: DriftFigures;
}

export const stateLabels: Record<SyncState, string> = {
  synced: 'SYNCED',
  'not-synced': 'NOT SYNCED',
  pending: 'PENDING',
  failed: 'FAILED',
  skipped: 'SKIPPED',
  off: 'OFF',
};
