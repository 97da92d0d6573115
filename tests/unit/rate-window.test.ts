// The sliding window and the pause after a 429, as pure rules on a stored state (lib/rate-window.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admitAt, pauseAt, type RateLimit, retryAfterMs, WaitBudget, type WindowState } from '../../lib/rate-window.ts';

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

describe('WaitBudget', () => {
  it('refuses the wait that would take the total past 20 s, however short each wait is', () => {
    const budget = new WaitBudget();
    expect(budget.take(15_000, 0)).toBe(true); // a 429's Retry-After
    expect(budget.take(6_000, 15_500)).toBe(false); // the retry's wait: 21 s in all
    expect(budget.take(5_000, 15_500)).toBe(true); // a refused wait counted nothing: 20 s in all
    expect(budget.take(1, 20_500)).toBe(false);
    expect(budget.take(0, 20_500)).toBe(true);
  });

  it('counts waits side by side once, as the wall time spent waiting', () => {
    const budget = new WaitBudget();
    for (let call = 0; call < 5; call++) expect(budget.take(12_000, 100 * call)).toBe(true); // until 12.4 s
    expect(budget.take(9_500, 11_000)).toBe(false); // waiting from 0 s until 20.5 s
    expect(budget.take(7_000, 11_000)).toBe(true); // until 18 s
    expect(budget.take(3_000, 30_000)).toBe(false); // 18 s spent: a new stretch of 3 s passes 20 s
    expect(budget.take(2_000, 30_000)).toBe(true);
  });

  it('never lets the waits it accepts cover more than 20 s of wall time, whatever is asked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 8_000 }), ms: fc.integer({ min: 0, max: 15_000 }) }), {
          maxLength: 40,
        }),
        (asks) => {
          const budget = new WaitBudget();
          const taken: Array<[number, number]> = [];
          let now = 0;
          for (const { gap, ms } of asks) {
            now += gap;
            if (budget.take(ms, now)) taken.push([now, now + ms]);
          }
          // The union of the accepted waits, measured on a 1 ms grid.
          const covered = new Set<number>();
          for (const [from, until] of taken) for (let at = from; at < until; at++) covered.add(at);
          return covered.size <= 20_000;
        },
      ),
      { numRuns: 50 },
    );
  });
});
