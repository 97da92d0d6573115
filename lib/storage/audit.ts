// The audit log of the current pair (lib/storage/pair.ts): what the sync did and why, kept 30 days. The Activity
// tab reads it (lib/background/activity-api.ts).
import { activityRetentionDays } from '../activity.ts';
import type { LogEntry } from './db.ts';
import { pairDatabase, readPaired } from './pair.ts';

const retentionMs = activityRetentionDays * 86_400_000;

/** Appends to the audit log, keeping 30 days. `money`: the amount the entry is about, if any. */
export async function audit(
  subject: string,
  level: 'info' | 'warn' | 'error',
  message: string,
  now: number,
  money?: Pick<LogEntry, 'amountCents' | 'currency'>,
) {
  const db = await pairDatabase();
  await db.add('log', { at: now, level, subject, message, ...money });
  const old = await db.getAllKeysFromIndex('log', 'byAt', IDBKeyRange.upperBound(now - retentionMs), 500);
  if (old.length > 0) {
    const tx = db.transaction('log', 'readwrite');
    await Promise.all([...old.map((key) => tx.store.delete(key)), tx.done]);
  }
}

/** The entries written between `from` and `to` (epoch ms, both included; either open), oldest first. No pair: none. */
export function readAudit(from: number | undefined, to: number | undefined): Promise<LogEntry[]> {
  if (from !== undefined && to !== undefined && from > to) return Promise.resolve([]); // ends before it starts
  let range: IDBKeyRange | null = null;
  if (from !== undefined && to !== undefined) range = IDBKeyRange.bound(from, to);
  else if (from !== undefined) range = IDBKeyRange.lowerBound(from);
  else if (to !== undefined) range = IDBKeyRange.upperBound(to);
  return readPaired((db) => db.getAllFromIndex('log', 'byAt', range), []);
}
