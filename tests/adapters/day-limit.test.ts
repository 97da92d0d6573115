// Xero's daily allowance left, as the popup shows it: every answer's figure is held, but only a move of a step (or
// a low figure) is written to storage, so a sync's calls cost no write each.
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { readMeta } from '../../lib/storage/store.ts';
import { dayRemaining, noteDayRemaining } from '../../lib/xero/day-limit.ts';

const stored = () => readMeta<number>('xero-day-remaining');

it('holds every figure, and stores one only when it moved by 50 or is low', async () => {
  await noteDayRemaining(4990);
  expect(await stored()).toBe(4990);
  for (const value of [4989, 4970, 4941]) {
    await noteDayRemaining(value);
    expect(await dayRemaining()).toBe(value);
    expect(await stored()).toBe(4990);
  }
  await noteDayRemaining(4940);
  expect(await stored()).toBe(4940);
  // A new day starts again at the top: stored at once.
  await noteDayRemaining(5000);
  expect(await stored()).toBe(5000);
  await noteDayRemaining(520);
  await noteDayRemaining(499);
  await noteDayRemaining(498);
  expect(await stored()).toBe(498);
  await noteDayRemaining(Number.NaN);
  expect(await dayRemaining()).toBe(498);
});
