// What one tab may ask of the background. Page content decides how many records a page names and how often it
// navigates, so each tab gets a budget: records followed for badges, numbers looked up in Xero a minute, and
// jobs queued a minute. Past a budget the page is told "too many requests"; Xero's daily budget (5,000 calls per
// organisation) and the worker's memory are never spent on it. Legitimate use stays far below: Syncro lists
// show at most 100 rows a page, and a technician re-syncs a page at a time.

export const tabLimits = {
  /** Records one page may follow for live badges. */
  watchedRecords: 2_000,
  /** Numbers looked up in Xero a minute (40 to a Xero call: at most 8 calls a minute). */
  lookUpsPerMinute: 320,
  /** Jobs queued a minute (Re-Sync, the bulk button, detail pages viewed). */
  jobsPerMinute: 120,
} as const;

export const tooManyRequests = 'Too many requests from this page: wait a minute, then reload it.';

const minuteMs = 60_000;

type Budget = 'lookUps' | 'jobs';

/** Sliding one-minute windows per tab and budget; a tab's entries go once its minute has passed. */
export function tabAllowance(limits: { lookUpsPerMinute: number; jobsPerMinute: number } = tabLimits) {
  const spent = new Map<string, { at: number; count: number }[]>();
  const limitOf = (budget: Budget) => (budget === 'lookUps' ? limits.lookUpsPerMinute : limits.jobsPerMinute);

  const prune = (now: number) => {
    for (const [key, entries] of spent) {
      const recent = entries.filter((entry) => now - entry.at < minuteMs);
      if (recent.length === 0) spent.delete(key);
      else spent.set(key, recent);
    }
  };

  const spend = (tabId: number, budget: Budget, wanted: number, now: number, allOrNone: boolean): number => {
    prune(now);
    const key = `${tabId}:${budget}`;
    const entries = spent.get(key) ?? [];
    const left = limitOf(budget) - entries.reduce((sum, entry) => sum + entry.count, 0);
    const granted = allOrNone ? (wanted <= left ? wanted : 0) : Math.max(0, Math.min(wanted, left));
    if (granted > 0) spent.set(key, [...entries, { at: now, count: granted }]);
    return granted;
  };

  return {
    /** How many of `wanted` this tab may spend now (0 … wanted); what is granted is counted at once. */
    take(tabId: number, budget: Budget, wanted: number, now: number): number {
      return spend(tabId, budget, wanted, now, false);
    },
    /** All of `wanted`, counted, or none (false, nothing counted). */
    takeAll(tabId: number, budget: Budget, wanted: number, now: number): boolean {
      return spend(tabId, budget, wanted, now, true) === wanted;
    },
  };
}

export type TabAllowance = ReturnType<typeof tabAllowance>;

/** What the asking tab may still spend, as the content verbs use it. */
export interface PageBudget {
  /** How many of `wanted` numbers may be looked up in Xero now. */
  lookUps(wanted: number): number;
  /** Whether `count` jobs may be queued now (all or none: a partial bulk would look done and is not). */
  jobs(count: number): boolean;
}

export function pageBudget(allowance: TabAllowance, tabId: number, now: () => number = Date.now): PageBudget {
  return {
    lookUps: (wanted) => allowance.take(tabId, 'lookUps', wanted, now()),
    jobs: (count) => allowance.takeAll(tabId, 'jobs', count, now()),
  };
}
