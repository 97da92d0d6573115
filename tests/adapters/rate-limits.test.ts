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
    // Of the first five calls in flight, the first to arrive is refused after 500 ms; the other four answer
    // after 1.5 s, so five more calls are still queued for a slot when the 429 comes back.
    await admin().fault([
      { target: 'xero', status: 429, retryAfter: 2, latencyMs: 500 },
      { target: 'xero', latencyMs: 1_500, count: 4 },
    ]);
    const calls = Array.from({ length: 10 }, () => xeroCall(organisation, xeroIgnored));
    await Promise.all(calls);

    const log = await apiCalls('api.xero.com');
    const refused = log.filter((request) => request.status === 429);
    expect(refused).toHaveLength(1);
    // The 429 was answered no sooner than 500 ms after it arrived; the pause runs 2 s from then at least.
    const answered = (refused[0]?.time ?? 0) + 500;
    expect(log.filter((request) => request.time <= answered)).toHaveLength(5);
    expect(sentBetween(log, answered, answered + 2_000)).toEqual([]);
    expect(log.filter((request) => request.time >= answered + 2_000)).toHaveLength(6); // 5 queued + the retry
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
      const { enqueue } = await import('../../lib/jobs/outbox.ts');
      const { processLocks, runUntilIdle } = await import('./install.ts');
      const { database } = await import('../../lib/db.ts');
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
      const state = await admin().state<{
        syncro: { accounts: { acme: { invoices: Array<{ number: string; total: string; isPaid: boolean }> } } };
        xero: { organisations: Array<{ invoices: Array<{ Type: string; InvoiceNumber: string }> }> };
      }>();
      const eligible = state.syncro.accounts.acme.invoices
        .filter((invoice) => Number(invoice.total) > 0 || (Number(invoice.total) === 0 && invoice.isPaid))
        .map((invoice) => invoice.number)
        .sort();
      const sales = (state.xero.organisations[0]?.invoices ?? [])
        .filter((invoice) => invoice.Type === 'ACCREC' && !invoice.InvoiceNumber.startsWith('XI-'))
        .map((invoice) => invoice.InvoiceNumber)
        .sort();
      expect(sales).toEqual(eligible);
      expect(await (await database()).getAllFromIndex('links', 'byState', 'failed')).toEqual([]);
    } finally {
      clock.restore();
    }
  });
});
