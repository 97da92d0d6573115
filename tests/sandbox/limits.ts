// Rate limits as Xero and Syncro enforce them, on the sandbox clock so benchmarks can compress time.
// Xero: per organisation 60 calls a minute, 5 in flight, 5,000 a day (developer.xero.com/documentation/oauth2/limits;
// research/xero.md §3). Syncro: "180 requests per minute per IP address" (syncro_swagger.json#/info/description).
// Where the documents leave room, the least convenient reading: windows slide (Xero says its minute is a fixed
// window; a sliding one is never looser), and Syncro's limit also holds per API token, across IPs.

export interface LimitConfig {
  xeroPerMinute: number;
  xeroInFlight: number;
  xeroPerDay: number;
  syncroPerMinute: number;
}

export const defaultLimits: LimitConfig = {
  xeroPerMinute: 60,
  xeroInFlight: 5,
  xeroPerDay: 5000,
  syncroPerMinute: 180,
};

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Timestamps of accepted calls in a rolling window. */
class RollingWindow {
  private readonly times: number[] = [];
  private start = 0;
  constructor(private readonly span: number) {}

  count(now: number): number {
    while (this.start < this.times.length && (this.times[this.start] ?? 0) <= now - this.span) this.start++;
    if (this.start > 1024) {
      this.times.splice(0, this.start);
      this.start = 0;
    }
    return this.times.length - this.start;
  }
  add(now: number): void {
    this.times.push(now);
  }
  /** Seconds until the oldest call leaves the window. */
  retryAfter(now: number): number {
    const oldest = this.times[this.start] ?? now;
    return Math.max(1, Math.ceil((oldest + this.span - now) / 1000));
  }
}

export type Admission =
  | { ok: true; headers: Record<string, string>; release: () => void }
  | { ok: false; problem: 'minute' | 'day' | 'concurrent'; retryAfter: number; headers: Record<string, string> };

export class XeroLimiter {
  private readonly minute = new Map<string, RollingWindow>();
  private readonly day = new Map<string, RollingWindow>();
  private readonly inFlight = new Map<string, number>();
  constructor(private readonly config: () => LimitConfig) {}

  admit(tenantId: string, now: number): Admission {
    const { xeroPerMinute, xeroPerDay, xeroInFlight } = this.config();
    const minute = windowFor(this.minute, tenantId, MINUTE);
    const day = windowFor(this.day, tenantId, DAY);
    const used = { minute: minute.count(now), day: day.count(now) };
    const flying = this.inFlight.get(tenantId) ?? 0;
    const remaining = (minuteLeft: number, dayLeft: number) => ({
      'x-minlimit-remaining': String(Math.max(0, minuteLeft)),
      'x-daylimit-remaining': String(Math.max(0, dayLeft)),
      // Undocumented choice: the app-wide 10,000 a minute (oauth2/limits) is not modelled.
      'x-appminlimit-remaining': '9999',
    });
    const headers = remaining(xeroPerMinute - used.minute, xeroPerDay - used.day);
    if (used.day >= xeroPerDay) return { ok: false, problem: 'day', retryAfter: day.retryAfter(now), headers };
    if (used.minute >= xeroPerMinute) {
      return { ok: false, problem: 'minute', retryAfter: minute.retryAfter(now), headers };
    }
    // Xero promises Retry-After only for the minute and daily limits (oauth2/limits; research/xero.md Unknown 7); the
    // fake still sends 1 s here, which is not the least convenient reading (none).
    if (flying >= xeroInFlight) return { ok: false, problem: 'concurrent', retryAfter: 1, headers };
    minute.add(now);
    day.add(now);
    this.inFlight.set(tenantId, flying + 1);
    return {
      ok: true,
      headers: remaining(xeroPerMinute - used.minute - 1, xeroPerDay - used.day - 1),
      release: () => this.inFlight.set(tenantId, (this.inFlight.get(tenantId) ?? 1) - 1),
    };
  }

  reset(): void {
    this.minute.clear();
    this.day.clear();
    this.inFlight.clear();
  }
}

export class SyncroLimiter {
  private readonly windows = new Map<string, RollingWindow>();
  constructor(private readonly config: () => LimitConfig) {}

  /**
   * Whether a request is refused: it counts in the window of its IP (the swagger's words) and in that of its API
   * token, whichever worker or browser sends it (the stricter reading: "the key is specific to your user account",
   * syncro_swagger.json#/info/description; a stopped worker's calls still count for the next), and is refused when
   * either is full. Refused requests count too: the swagger limits requests, not successes. The
   * 429 carries no Retry-After: Syncro documents none and whether it sends one is unconfirmed (research/syncro.md
   * §1.2, Unknowns 6), so the client has to find out when the window frees.
   */
  refuses(clientIp: string, token: string | undefined, now: number): boolean {
    const windows = [`ip:${clientIp}`, ...(token ? [`token:${token}`] : [])].map((key) =>
      windowFor(this.windows, key, MINUTE),
    );
    const full = windows.some((window) => window.count(now) >= this.config().syncroPerMinute);
    for (const window of windows) window.add(now);
    return full;
  }

  reset(): void {
    this.windows.clear();
  }
}

function windowFor(map: Map<string, RollingWindow>, key: string, span: number): RollingWindow {
  let window = map.get(key);
  if (!window) {
    window = new RollingWindow(span);
    map.set(key, window);
  }
  return window;
}
