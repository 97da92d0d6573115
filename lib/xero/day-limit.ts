// What is left of Xero's daily call allowance (the X-DayLimit-Remaining header every answer carries), for the
// popup. Held in memory as each call reports it, and stored only when it has moved by a step or runs low: a call
// costs no storage write, and a restarted worker shows the figure last stored (at most a step too high).
import { readMeta, writeMeta } from '../storage/store.ts';

const dayRemainingKey = 'xero-day-remaining';
const step = 50;
const low = 500;

let latest: number | undefined;
let stored: number | undefined;

export async function noteDayRemaining(value: number): Promise<void> {
  if (!Number.isFinite(value)) return;
  latest = value;
  if (stored !== undefined && Math.abs(stored - value) < step && value > low) return;
  stored = value;
  await writeMeta(dayRemainingKey, value);
}

export async function dayRemaining(): Promise<number | undefined> {
  return latest ?? (await readMeta<number>(dayRemainingKey));
}
