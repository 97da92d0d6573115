// The rate limiters of the shipped adapters against the sandbox: after a 429 no call of that system leaves
// before Retry-After, calls already waiting included (read from the sandbox's request log), and the windows
// kept in storage hold across a worker restart (a fresh instance of the modules starts where the old stopped).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { xeroIgnored } from '../../lib/xero/wire.ts';
import { scaleTime } from '../bench/scaled-clock.ts';
import type { RecordedRequest } from '../sandbox/request-log.ts';
import { connectedInstall, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const acme = { subdomain: 'acme', token: 'demo-token' };
const organisation = { method: 'GET', path: '/Organisation' } as const;

beforeEach(() => connectedInstall());

const apiCalls = async (host: 'api.xero.com' | 'syncromsp.com') =>
  (await admin().requests({ host })).filter((request) => /^\/(api\.xro|api\/v1)\//.test(request.path));

/** The requests that reached the sandbox after `after`: none may arrive before `heldUntil`. */
function sentBetween(log: RecordedRequest[], after: number, heldUntil: number) {
  return log.filter((request) => request.time > after && request.time < heldUntil);
}

describe('after a 429 with Retry-After: 2', () => {
  it('sends no Xero call before it has passed, including calls already queued for an in-flight slot', async () => {
    const { xeroCall } = await import('../../lib/xero/client.ts');
    // Ten calls share five in-flight slots. The first to arrive is refused after 500 ms; the next four answer
    // after 1.5 s. A slot frees only when its answer is read (the 429's once its pause is stored), so five calls
    // are still queued for one when the 429 comes back, however slowly this machine sends the first five.
    await admin().fault([
      { target: 'xero', status: 429, retryAfter: 2, latencyMs: 500 },
      { target: 'xero', latencyMs: 1_500, count: 4 },
    ]);
    const calls = Array.from({ length: 10 }, () => xeroCall(organisation, xeroIgnored));
    await Promise.all(calls);

    const log = await apiCalls('api.xero.com');
    const refused = log.filter((request) => request.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBe(log[0]);
    // Answered 500 ms after it arrived at the earliest: the pause lasts until 2.5 s after its arrival at least.
    // Before then only the calls that held a slot may arrive (sent, or admitted before the pause was stored).
    const pauseEnds = (refused[0]?.time ?? 0) + 500 + 2_000;
    expect(log.filter((request) => request.time < pauseEnds).length).toBeLessThanOrEqual(5);
    expect(log).toHaveLength(11); // the ten calls and the refused one's retry
  });

  it('sends no Syncro call before it has passed, including calls waiting for a slot in the window', async () => {
    // Time runs 10× faster (for the sandbox too) so that Syncro's minute passes in 6 s.
    const clock = scaleTime(10);
    try {
      const { syncroMe } = await import('../../lib/syncro/api.ts');
      // The sandbox's own limit is lifted: the 429 here is the injected one, and the window is the product's.
      await admin().limits({ syncroPerMinute: 10_000 });
      // The product's window filled: one call, a second later 179 more, so the slots free one, then the rest.
      const start = Date.now();
      await syncroMe(acme);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await Promise.all(Array.from({ length: 179 }, () => syncroMe(acme)));
      // Ten calls wait for a slot; the first to get one is refused with Retry-After: 2. The next slots free a
      // second later, inside the pause: the waiting calls must hold until it ends.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + 45_000 - Date.now())));
      await admin().fault({ target: 'syncro', status: 429, retryAfter: 2 });
      await Promise.all(Array.from({ length: 10 }, () => syncroMe(acme)));

      const log = await apiCalls('syncromsp.com');
      const refused = log.filter((request) => request.status === 429);
      expect(refused).toHaveLength(1);
      const answered = refused[0]?.time ?? 0;
      expect(answered).toBeGreaterThanOrEqual(start + 60_000); // it waited for the window
      expect(sentBetween(log, answered, answered + 2_000)).toEqual([]);
      expect(log.filter((request) => request.time >= answered + 2_000)).toHaveLength(10); // 9 waiting + the retry
    } finally {
      clock.restore();
    }
  });
});

describe('after a worker restart', () => {
  afterEach(() => vi.resetModules());

  it('starts from the Syncro window the old worker left: its calls still count, so none is sent', async () => {
    const before = await import('../../lib/syncro/api.ts');
    const start = Date.now();
    await Promise.all(Array.from({ length: 180 }, () => before.syncroMe(acme)));

    vi.resetModules(); // a new worker: fresh modules, the same IndexedDB
    const after = await import('../../lib/syncro/api.ts');
    const error = await after.syncroMe(acme).catch((caught: unknown) => caught);
    // Too long to wait in a run: handed to the outbox with the time the window frees (a minute after the first).
    expect(error).toMatchObject({ message: expect.stringMatching(/Syncro's rate limit/) });
    const wait = (error as { retryAfterMs: number }).retryAfterMs;
    expect(Date.now() + wait).toBeGreaterThanOrEqual(start + 60_000);
    const log = await apiCalls('syncromsp.com');
    expect(log).toHaveLength(180);
    expect(log.filter((request) => request.status === 429)).toEqual([]);
  });

  it('starts from the Xero window the old worker left', async () => {
    const before = await import('../../lib/xero/client.ts');
    const start = Date.now();
    await Promise.all(Array.from({ length: 60 }, () => before.xeroCall(organisation, xeroIgnored)));

    vi.resetModules();
    const after = await import('../../lib/xero/client.ts');
    const error = await after.xeroCall(organisation, xeroIgnored).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: expect.stringMatching(/Xero's rate limit/) });
    expect(Date.now() + (error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(start + 60_000);
    const log = await apiCalls('api.xero.com');
    expect(log).toHaveLength(60);
    expect(log.filter((request) => request.status === 429)).toEqual([]);
  });

  it('keeps a pause set by a 429 for the next worker', async () => {
    const before = await import('../../lib/xero/client.ts');
    await admin().fault({ target: 'xero', status: 429, retryAfter: 50, count: 4 });
    const refused = await before.xeroCall(organisation, xeroIgnored).catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ message: expect.stringMatching(/rate limit/) });

    vi.resetModules();
    const after = await import('../../lib/xero/client.ts');
    const error = await after.xeroCall(organisation, xeroIgnored).catch((caught: unknown) => caught);
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(45_000);
    expect(await apiCalls('api.xero.com')).toHaveLength(1);
  });
});

describe('a backfill that meets the rate limits', () => {
  it('keeps what it read: each invoice is read once, and every one reaches Xero once', {
    timeout: 120_000,
  }, async () => {
    // Time runs 10× faster: the pauses below (25 s and 30 s, longer than a run may wait) pass in seconds.
    const clock = scaleTime(10);
    try {
      const { enqueue } = await import('../../lib/storage/outbox.ts');
      const { processLocks, runUntilIdle } = await import('./install.ts');
      const { pairDatabase } = await import('../../lib/storage/pair.ts');
      await admin().fault([
        // One invoice read, part-way through the batch, is refused: the reads after it wait for the pause.
        { target: 'syncro', status: 429, retryAfter: 25, pathIncludes: '/invoices/', probability: 0.2 },
        // Then the batch's first Xero call is refused: the whole batch waits, with its reads kept.
        { target: 'xero', status: 429, retryAfter: 30, pathIncludes: '/Invoices' },
      ]);
      await enqueue('sync-all', 'all', Date.now());
      await runUntilIdle(processLocks(), 600_000);

      const log = await admin().requests({ host: 'syncromsp.com', method: 'GET' });
      const reads = log.filter((request) => /^\/api\/v1\/invoices\/\d+$/.test(request.path));
      const invoices = new Set(reads.map((request) => request.path));
      expect(reads.filter((request) => request.status === 429)).toHaveLength(1); // the fault did strike
      expect((await admin().requests({ host: 'api.xero.com' })).filter((r) => r.status === 429)).toHaveLength(1);
      expect(reads.length).toBe(invoices.size + 1); // the refused read is the only one made twice
      const { expected, inXero } = await admin().backfilledInvoiceNumbers();
      expect(inXero).toEqual(expected);
      expect(await (await pairDatabase()).getAllFromIndex('links', 'byState', 'failed')).toEqual([]);
    } finally {
      clock.restore();
    }
  });
});

describe('one run of the outbox', () => {
  it('waits for the rate limits 20 s at most, in all: a longer wait is the outbox alarm’s', async () => {
    const clock = scaleTime(10);
    try {
      const { enqueue } = await import('../../lib/storage/outbox.ts');
      const { runOutbox } = await import('../../lib/sync/runner.ts');
      const { pairDatabase } = await import('../../lib/storage/pair.ts');
      const { processLocks, runUntilIdle } = await import('./install.ts');
      // The run's first Xero call is refused twice with Retry-After: 12. Either wait fits a run; both (24 s) do not.
      await admin().fault({ target: 'xero', status: 429, retryAfter: 12, pathIncludes: '/TaxRates', count: 2 });
      await enqueue('invoice', '48204', Date.now());
      const locks = processLocks();
      await runOutbox(Date.now, locks);

      const taxRates = (await apiCalls('api.xero.com')).filter((request) => request.path.endsWith('/TaxRates'));
      expect(taxRates.map((request) => request.status)).toEqual([429, 429]); // the third try is not this run's
      const [job] = await (await pairDatabase()).getAll('jobs');
      expect(job).toMatchObject({ state: 'pending', lastError: expect.stringMatching(/Xero's rate limit/) });
      expect(job?.nextAttemptAt).toBeGreaterThanOrEqual((taxRates[1]?.time ?? 0) + 12_000);

      await runUntilIdle(locks);
      expect((await admin().backfilledInvoiceNumbers()).inXero).toEqual(['1004']);
    } finally {
      clock.restore();
    }
  });

  it.each([
    { system: 'Xero', host: 'api.xero.com', path: '/TaxRates' },
    { system: 'Syncro', host: 'syncromsp.com', path: '/invoices/48204' },
  ] as const)(
    'counts no attempt against a record when $system answers 429 to every try: the wait is the limit’s',
    async ({ system, host, path }) => {
      const clock = scaleTime(10);
      try {
        const { enqueue } = await import('../../lib/storage/outbox.ts');
        const { pairDatabase } = await import('../../lib/storage/pair.ts');
        const { processLocks, runUntilIdle } = await import('./install.ts');
        const target = system === 'Xero' ? 'xero' : 'syncro';
        await admin().fault({ target, status: 429, retryAfter: 1, pathIncludes: path, count: 4 });
        await enqueue('invoice', '48204', Date.now());
        await runUntilIdle(processLocks(), 600_000);

        const calls = (await apiCalls(host)).filter((request) => request.path.endsWith(path));
        // Every try in place refused; the job waited out the pause and went on.
        expect(calls.map((request) => request.status)).toEqual([429, 429, 429, 429, 200]);
        expect((await admin().backfilledInvoiceNumbers()).inXero).toEqual(['1004']);
        const log = await (await pairDatabase()).getAll('log');
        // A retry counted against the record writes "Will retry" to its log; a rate limit's wait writes nothing.
        expect(log.filter((entry) => entry.subject === 'invoice:48204' && entry.level !== 'info')).toEqual([]);
      } finally {
        clock.restore();
      }
    },
  );

  it('reads an invoice again when the read kept on its job is more than 10 minutes old', async () => {
    const { enqueue } = await import('../../lib/storage/outbox.ts');
    const { pairDatabase } = await import('../../lib/storage/pair.ts');
    const { syncroGet } = await import('../../lib/syncro/api.ts');
    const { syncroInvoice, syncroRecord } = await import('../../lib/syncro/wire.ts');
    const { processLocks, runUntilIdle } = await import('./install.ts');
    const locks = processLocks();
    const path = '/invoices/48204'; // 1004
    const readByAnEarlierTry = await syncroGet(acme, path, syncroRecord('invoice', syncroInvoice));
    // Edited in Syncro while its job was put off (a daily limit, a reconnect).
    await admin().admin('POST', '/syncro/invoices/48204', { line_items: [{ product_id: 501, quantity: 1 }] });
    const stage = async (ageMs: number) => {
      const job = await enqueue('invoice', '48204', Date.now());
      await (await pairDatabase()).put('jobs', {
        ...job,
        stagedRead: readByAnEarlierTry,
        stagedAt: Date.now() - ageMs,
      });
      await admin().admin('DELETE', '/requests');
    };
    const reads = async () => (await apiCalls('syncromsp.com')).filter((request) => request.path.endsWith(path));

    await stage(11 * 60_000);
    await runUntilIdle(locks);
    expect(await reads()).toHaveLength(1);
    const state = await admin().state<{
      syncro: { accounts: { acme: { invoices: Array<{ id: number; total: string }> } } };
      xero: { organisations: Array<{ invoices: Array<{ InvoiceNumber: string; Total: number }> }> };
    }>();
    const total = state.syncro.accounts.acme.invoices.find((invoice) => invoice.id === 48204)?.total;
    expect(Number(total)).not.toBe(Number(readByAnEarlierTry.total));
    const inXero = state.xero.organisations[0]?.invoices.find((invoice) => invoice.InvoiceNumber === '1004');
    expect(inXero?.Total).toBe(Number(total)); // the edit reached Xero, not the old copy

    // A read kept a few minutes (a rate-limit pause) is still used: not read again.
    await stage(5 * 60_000);
    await runUntilIdle(locks);
    expect(await reads()).toEqual([]);
  });
});

describe('a Xero 429 whose Retry-After is an HTTP date', () => {
  it('puts the call off until that date, not for NaN', async () => {
    const clock = scaleTime(10);
    const realFetch = globalThis.fetch;
    // Xero sends seconds (developer.xero.com/documentation/guides/oauth2/limits); HTTP allows a date as well
    // (RFC 9110 §10.2.3), which the client reads alike. The sandbox's seconds are rewritten as that date.
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await realFetch(input, init);
      const seconds = response.headers.get('retry-after');
      if (response.status !== 429 || seconds === null) return response;
      const headers = new Headers(response.headers);
      headers.set('retry-after', new Date(Date.now() + Number(seconds) * 1000).toUTCString());
      return new Response(await response.text(), { status: 429, headers });
    }) as typeof fetch;
    try {
      const { xeroCall } = await import('../../lib/xero/client.ts');
      await admin().fault({ target: 'xero', status: 429, retryAfter: 3, count: 4 }); // every try refused
      const error = await xeroCall(organisation, xeroIgnored).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ message: expect.stringMatching(/Xero's minute rate limit/) });
      // The date is whole seconds: 2 to 3 s from when the last 429 was read.
      const wait = (error as { retryAfterMs: number }).retryAfterMs;
      expect(wait).toBeGreaterThanOrEqual(1_000);
      expect(wait).toBeLessThanOrEqual(3_000);
      const times = (await apiCalls('api.xero.com')).map((request) => request.time);
      expect(times).toHaveLength(4);
      const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2_000);
    } finally {
      globalThis.fetch = realFetch;
      clock.restore();
    }
  });
});
