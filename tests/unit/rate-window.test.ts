// The sliding window and the pause after a 429, as pure rules on a stored state (lib/rate-window.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admitAt, pauseAt, type RateLimit, retryAfterMs, type WindowState } from '../../lib/rate-window.ts';

const limit: RateLimit = { scope: 'test', system: 'Syncro', limit: 3, windowMs: 60_000 };
const empty = (): WindowState => ({ calls: [], pausedUntil: 0 });
const margin = 1_000;

describe('admitAt', () => {
  it('admits up to the limit, then waits until the call that frees a slot leaves the window', () => {
    const state = empty();
    expect(admitAt(state, limit, 0)).toBe(0);
    expect(admitAt(state, limit, 10_000)).toBe(0);
    expect(admitAt(state, limit, 20_000)).toBe(0);
    expect(admitAt(state, limit, 30_000)).toBe(60_000 + margin - 30_000);
    expect(state.calls).toEqual([0, 10_000, 20_000]); // a refused turn is not recorded
    expect(admitAt(state, limit, 61_001)).toBe(0);
    expect(state.calls).toEqual([10_000, 20_000, 61_001]);
  });

  it('never lets more than the limit into any window, whatever the times asked', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 60 }), (gaps) => {
        const state = empty();
        let now = 0;
        const sent: number[] = [];
        for (const gap of gaps) {
          now += gap;
          if (admitAt(state, limit, now) === 0) sent.push(now);
        }
        return sent.every((at) => sent.filter((other) => other > at - limit.windowMs && other <= at).length <= 3);
      }),
    );
  });

  it('holds every call while paused', () => {
    const state = { calls: [], pausedUntil: 5_000 };
    expect(admitAt(state, limit, 1_000)).toBe(4_000);
    expect(state.calls).toEqual([]);
    expect(admitAt(state, limit, 5_000)).toBe(0);
  });
});

describe('pauseAt', () => {
  it('pauses for the Retry-After when there is one, never shortening a longer pause', () => {
    const state = empty();
    expect(pauseAt(state, limit, 2_000, 1_000)).toBe(2_000);
    expect(state.pausedUntil).toBe(3_000);
    expect(pauseAt(state, limit, 500, 1_000)).toBe(2_000);
  });

  it('without a Retry-After, pauses until the oldest call in the window leaves it', () => {
    const state = { calls: [10_000, 20_000], pausedUntil: 0 };
    expect(pauseAt(state, limit, undefined, 30_000)).toBe(10_000 + 60_000 + margin - 30_000);
    const lone = empty();
    expect(pauseAt(lone, limit, undefined, 30_000)).toBe(60_000 + margin); // nothing known: a whole window
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['2', 2_000],
    ['0', 0],
    [' 30 ', 30_000],
    ['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
    [null, undefined],
    ['', undefined],
    ['soon', undefined],
  ])('%j → %j', (header, expected) => {
    expect(retryAfterMs(header, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(expected);
  });
});
