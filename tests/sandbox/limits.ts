// Rate limits as Xero and Syncro enforce them, on the sandbox clock so benchmarks can compress time.
// Xero: per organisation 60 calls in any 60 s, 5 in flight, a daily budget; Syncro: 180 requests/min per IP.

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
      'x-appminlimit-remaining': '9999',
    });
    const headers = remaining(xeroPerMinute - used.minute, xeroPerDay - used.day);
    if (used.day >= xeroPerDay) return { ok: false, problem: 'day', retryAfter: day.retryAfter(now), headers };
    if (used.minute >= xeroPerMinute) {
      return { ok: false, problem: 'minute', retryAfter: minute.retryAfter(now), headers };
    }
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

  /** null when admitted, else the seconds until a slot frees (Syncro sends no Retry-After: not confirmed live). */
  admit(clientIp: string, now: number): number | null {
    const window = windowFor(this.windows, clientIp, MINUTE);
    if (window.count(now) >= this.config().syncroPerMinute) return window.retryAfter(now);
    window.add(now);
    return null;
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
