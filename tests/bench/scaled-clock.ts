// Time, compressed: Date.now runs `factor` times faster and timers fire `factor` times sooner, for everything
// in this process — the sandbox's rate windows and clock (Date.now based) and the extension's own limiter
// (lib/rate-window.ts: Date.now + setTimeout) alike, so Xero's 60 calls a minute become 60 calls per 60/factor s of
// wall time, with every rule still enforced. Wall times measured under it are multiplied back by `factor`.
export function scaleTime(factor: number): { restore(): void; realMs(): number } {
  const realNow = Date.now;
  const realSetTimeout = globalThis.setTimeout;
  const start = realNow();
  Date.now = () => start + (realNow() - start) * factor;
  globalThis.setTimeout = ((handler: (...args: unknown[]) => void, delay = 0, ...args: unknown[]) =>
    realSetTimeout(handler, delay / factor, ...args)) as typeof setTimeout;
  return {
    restore() {
      Date.now = realNow;
      globalThis.setTimeout = realSetTimeout;
    },
    realMs: () => realNow() - start,
  };
}

/** Counts this process's fetches by host and method, and their answers by status (the extension's calls). */
export function countFetches(): {
  counts(): Map<string, number>;
  /** Calls by host, method and first path segment after the API's base: `api.xero.com GET Invoices`. */
  byPath(): Map<string, number>;
  reset(): void;
  restore(): void;
} {
  const realFetch = globalThis.fetch;
  const counts = new Map<string, number>();
  const byPath = new Map<string, number>();
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const key = `${url.host} ${init?.method ?? (input instanceof Request ? input.method : 'GET')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const segment = url.pathname.replace(/^\/(api\.xro\/2\.0|api\/v1)\//, '').split('/')[0];
    byPath.set(`${key} ${segment}`, (byPath.get(`${key} ${segment}`) ?? 0) + 1);
    return realFetch(input, init).then((response) => {
      const status = `${url.host} status ${response.status}`;
      counts.set(status, (counts.get(status) ?? 0) + 1);
      return response;
    });
  }) as typeof fetch;
  return {
    counts: () => new Map(counts),
    byPath: () => new Map(byPath),
    reset: () => {
      counts.clear();
      byPath.clear();
    },
    restore: () => {
      globalThis.fetch = realFetch;
    },
  };
}
