import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentScriptFor } from '../../lib/background/content-registration.ts';
import { pageBudget, tabAllowance, tabLimits } from '../../lib/background/tab-limits.ts';

describe('per-tab budgets', () => {
  it('grants look-ups up to the minute budget, then none, then again once the minute has passed', () => {
    const allowance = tabAllowance({ lookUpsPerMinute: 100, jobsPerMinute: 10 });
    expect(allowance.take(1, 'lookUps', 60, 0)).toBe(60);
    expect(allowance.take(1, 'lookUps', 60, 1_000)).toBe(40);
    expect(allowance.take(1, 'lookUps', 5, 59_999)).toBe(0);
    expect(allowance.take(1, 'lookUps', 70, 60_000)).toBe(60); // the first 60 left the window
    expect(allowance.take(1, 'lookUps', 70, 61_000)).toBe(40);
  });

  it('keeps tabs and budgets apart', () => {
    const allowance = tabAllowance({ lookUpsPerMinute: 10, jobsPerMinute: 10 });
    expect(allowance.take(1, 'lookUps', 10, 0)).toBe(10);
    expect(allowance.take(2, 'lookUps', 10, 0)).toBe(10);
    expect(allowance.takeAll(1, 'jobs', 10, 0)).toBe(true);
    expect(allowance.take(1, 'lookUps', 1, 0)).toBe(0);
  });

  it('queues jobs all or none: a bulk past the budget takes nothing', () => {
    const allowance = tabAllowance({ lookUpsPerMinute: 10, jobsPerMinute: 10 });
    expect(allowance.takeAll(1, 'jobs', 8, 0)).toBe(true);
    expect(allowance.takeAll(1, 'jobs', 3, 0)).toBe(false);
    expect(allowance.takeAll(1, 'jobs', 2, 0)).toBe(true); // the refused 3 were not counted
    expect(allowance.takeAll(1, 'jobs', 1, 0)).toBe(false);
  });

  it('never grants more than the budget in any minute, whatever a page asks and when', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 20_000 }), wanted: fc.integer({ min: 0, max: 500 }) }), {
          maxLength: 60,
        }),
        (asks) => {
          const allowance = tabAllowance();
          let now = 0;
          const granted: { at: number; count: number }[] = [];
          for (const { dt, wanted } of asks) {
            now += dt;
            const count = allowance.take(7, 'lookUps', wanted, now);
            expect(count).toBeGreaterThanOrEqual(0);
            expect(count).toBeLessThanOrEqual(wanted);
            granted.push({ at: now, count });
            const inMinute = granted.filter((entry) => now - entry.at < 60_000).reduce((sum, e) => sum + e.count, 0);
            expect(inMinute).toBeLessThanOrEqual(tabLimits.lookUpsPerMinute);
          }
        },
      ),
    );
  });

  it('serves the content verbs through one tab’s budget', () => {
    let now = 0;
    const budget = pageBudget(tabAllowance(), 3, () => now);
    expect(budget.lookUps(5_000)).toBe(tabLimits.lookUpsPerMinute);
    expect(budget.jobs(tabLimits.jobsPerMinute)).toBe(true);
    expect(budget.jobs(1)).toBe(false);
    now = 60_000;
    expect(budget.jobs(1)).toBe(true);
  });
});

describe('the content script registration', () => {
  it('matches exactly the connected account’s pages, from the start of parsing, and persists', () => {
    expect(contentScriptFor('acme')).toEqual({
      id: 'syncro-pages',
      js: ['content-scripts/syncro.js'],
      matches: ['https://acme.syncromsp.com/*'],
      runAt: 'document_start',
      allFrames: false,
      persistAcrossSessions: true,
    });
  });
});
