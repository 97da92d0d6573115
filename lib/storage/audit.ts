// The audit log of the current pair (lib/storage/pair.ts): what the sync did and why, kept 30 days.
import { pairDatabase } from './pair.ts';

/** Appends to the audit log, keeping 30 days. */
export async function audit(subject: string, level: 'info' | 'warn' | 'error', message: string, now: number) {
  const db = await pairDatabase();
  await db.add('log', { at: now, level, subject, message });
  const old = await db.getAllKeysFromIndex('log', 'byAt', IDBKeyRange.upperBound(now - 30 * 86_400_000), 500);
  if (old.length > 0) {
    const tx = db.transaction('log', 'readwrite');
    await Promise.all([...old.map((key) => tx.store.delete(key)), tx.done]);
  }
}
