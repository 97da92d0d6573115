// Rate limits that hold across worker restarts. Chrome stops an idle MV3 service worker after 30 s and starts a
// new one on the next event (developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle,
// "Idle and shutdown"): a limiter kept in memory starts empty while the dead worker's calls still count at
// Syncro and Xero. So each system's recent call times and its pause after a 429 live in IndexedDB, read and
// written in one transaction per call (atomic between the worker and extension pages), and a call is
// recorded before it is sent. One module serves both systems: Syncro (180 a minute) and Xero (60 a minute).

import { RetryableError } from './errors.ts';
import { database } from './storage/db.ts';

export interface RateLimit {
  /** Whose window: `syncro`, `xero:<tenant id>`. */
  scope: string;
  /** Who is waited for, in messages. */
  system: 'Syncro' | 'Xero';
  /** Calls allowed in any `windowMs` (a sliding window: the strictest reading of "N a minute"). */
  limit: number;
  windowMs: number;
}

export interface WindowState {
  /** When each recent call was sent, oldest first. */
  calls: number[];
  /** No call before this (a 429's Retry-After, or until the window frees). */
  pausedUntil: number;
}

/** A call recorded here arrives there a little later: a slot counts as free only this long after it is. */
const marginMs = 1_000;

/**
 * The most one run spends waiting, in all. More would leave the worker without events for most of its 30 s, so
 * a longer wait is the outbox's instead: the job is due again when the wait ends and the outbox alarm resumes it.
 */
export const longestInPlaceWaitMs = 20_000;

/** The limiter's wait does not fit this run's wait budget. Nothing was sent: the job is not a failure, only later. */
export class RateLimitWait extends RetryableError {}

/**
 * What may still be spent waiting, in all: each wait is counted before it starts, and one that would take the
 * total past `totalMs` is refused. Waits that overlap (calls waiting side by side) count once, as wall time.
 */
export class WaitBudget {
  /** Waiting already over. */
  private closedMs = 0;
  /** The latest stretch of waiting, from its first wait's start to its last wait's end. */
  private from = 0;
  private until = 0;

  constructor(readonly totalMs = longestInPlaceWaitMs) {}

  /** Counts a wait of `ms` from `now` and answers true, or answers false (counting nothing) when it does not fit. */
  take(ms: number, now: number): boolean {
    const end = now + ms;
    const overlaps = this.until > now;
    const spent = overlaps
      ? this.closedMs + Math.max(this.until, end) - this.from
      : this.closedMs + (this.until - this.from) + ms;
    if (spent > this.totalMs) return false;
    if (overlaps) this.until = Math.max(this.until, end);
    else {
      this.closedMs += this.until - this.from;
      this.from = now;
      this.until = end;
    }
    return true;
  }
}

/**
 * The budget of the outbox run under way (one at a time per worker: the outbox lock). Its waits are spent with no
 * extension event to keep the worker alive, so the limiter's waits and the outbox's own share it, whichever call
 * waits (one worker, one idle timer); retries in place go through the limiter again and are counted with the rest.
 */
let runBudget: WaitBudget | undefined;
let runsUnderWay = 0;

/** Runs one outbox run with its wait budget (shared with any other run under way in this worker). */
export async function withRunWaitBudget<T>(run: () => Promise<T>): Promise<T> {
  if (runsUnderWay++ === 0) runBudget = new WaitBudget();
  try {
    return await run();
  } finally {
    if (--runsUnderWay === 0) runBudget = undefined;
  }
}

/** Counts a wait of `ms` against the run's budget: false when it would take the run past it (nothing counted). */
export function takeRunWait(ms: number, now: number): boolean {
  return (runBudget ?? new WaitBudget()).take(ms, now);
}

const keyOf = (limit: RateLimit) => `rate-window:${limit.scope}`;

async function update(limit: RateLimit, change: (state: WindowState) => number): Promise<number> {
  const tx = (await database()).transaction('meta', 'readwrite');
  const stored = (await tx.store.get(keyOf(limit))) as WindowState | undefined;
  const state: WindowState = { calls: stored?.calls ?? [], pausedUntil: stored?.pausedUntil ?? 0 };
  const result = change(state);
  await tx.store.put(state, keyOf(limit));
  await tx.done;
  return result;
}

/** Keeps the calls still in the window at `now`. */
function prune(state: WindowState, limit: RateLimit, now: number): void {
  const horizon = now - limit.windowMs - marginMs;
  const first = state.calls.findIndex((at) => at > horizon);
  state.calls = first === -1 ? [] : state.calls.slice(first);
}

/** Records a call at `now` and answers 0, or answers how long to wait first (and records nothing). */
export function admitAt(state: WindowState, limit: RateLimit, now: number): number {
  prune(state, limit, now);
  if (state.pausedUntil > now) return state.pausedUntil - now;
  const full = state.calls.length >= limit.limit;
  const freesAt = full ? (state.calls[state.calls.length - limit.limit] ?? now) + limit.windowMs + marginMs : now;
  if (freesAt > now) return freesAt - now;
  state.calls.push(now);
  return 0;
}

/**
 * Waits for a free slot and records the call, to be made right after (so a pause set by a 429 meanwhile holds
 * calls that were already waiting). A wait that does not fit the run's budget (outside a run: this call's own,
 * `longestInPlaceWaitMs` in all) throws RateLimitWait.
 */
export async function admit(limit: RateLimit): Promise<void> {
  const ownBudget = new WaitBudget();
  for (;;) {
    const wait = await update(limit, (state) => admitAt(state, limit, Date.now()));
    if (wait <= 0) return;
    if (!(runBudget ?? ownBudget).take(wait, Date.now())) {
      throw new RateLimitWait(`Waiting for ${limit.system}'s rate limit (${Math.ceil(wait / 1000)} s)`, wait);
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * After a 429, no call to the system until its Retry-After has passed; without one, until the window frees
 * (its oldest call leaves it: the least we know the other side needs). Answers the wait from now.
 */
export function pauseAt(state: WindowState, limit: RateLimit, retryAfterMs: number | undefined, now: number): number {
  prune(state, limit, now);
  const until = retryAfterMs !== undefined ? now + retryAfterMs : (state.calls[0] ?? now) + limit.windowMs + marginMs;
  state.pausedUntil = Math.max(state.pausedUntil, until);
  return state.pausedUntil - now;
}

export function pauseAfter429(limit: RateLimit, retryAfterMs: number | undefined): Promise<number> {
  return update(limit, (state) => pauseAt(state, limit, retryAfterMs, Date.now()));
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
