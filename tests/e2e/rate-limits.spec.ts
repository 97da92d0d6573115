// Rate limits in real Chromium: a 200-invoice backfill whose worker is killed once while Syncro's window is
// nearly full. The new worker must start from the window the old one left (its calls still count at Syncro),
// keep what the old one read, and, after a 429 from either system, send nothing to it before it may: Xero's
// after Retry-After, Syncro's (which documents no Retry-After) once its window frees.
import type { RecordedRequest } from '../sandbox/request-log.ts';
import { expect, test } from './fixtures.ts';
import { connectBoth, disablePurchaseOrderSync, pendingCount } from './popup-steps.ts';
import { killWorker } from './worker-steps.ts';

const isSyncroApi = (request: RecordedRequest) =>
  request.host.endsWith('.syncromsp.com') && request.path.startsWith('/api/');
const isXeroApi = (request: RecordedRequest) => request.host === 'api.xero.com' && request.path.startsWith('/api.xro/');
/** Syncro's window: 180 calls in any minute (syncro_swagger.json#/info/description). */
const syncroWindowMs = 60_000;
/** How much longer the product keeps a call in its window than Syncro does (lib/rate-window.ts, marginMs). */
const productMarginMs = 1_000;

test('a 200-invoice backfill with the worker killed once while Syncro’s window is nearly full', async ({
  admin,
  context,
  popup,
}) => {
  test.setTimeout(300_000);
  await admin.seed({ invoices: 200 });
  await connectBoth(popup);
  await disablePurchaseOrderSync(popup); // invoices only: purchase orders have their own tests
  // One 429 from each system during the backfill: an invoice read part-way through, without Retry-After (Syncro
  // documents none: the least convenient reading), and the first look-up of invoices in Xero, with Retry-After: 2.
  await admin.fault([
    { target: 'syncro', status: 429, pathIncludes: '/invoices/', probability: 0.05 },
    { target: 'xero', status: 429, retryAfter: 2, pathIncludes: '/Invoices' },
  ]);
  // The log is kept whole: calls made while connecting may still be in Syncro's window when the 429 comes, and
  // the product's pause (until the window's oldest call leaves it) counts them, as Syncro does.
  const syncStartedAt = (await admin.admin<{ now: number }>('GET', '/info')).now;
  await popup.getByRole('button', { name: 'Sync now' }).click();

  // Killed when the token's calls in the last minute (by the sandbox's own log and clock) near Syncro's 180.
  const inLastMinute = async () => {
    const { now } = await admin.admin<{ now: number }>('GET', '/info');
    return (await admin.requests({ host: 'syncromsp.com' })).filter(
      (request) => isSyncroApi(request) && request.time > now - syncroWindowMs,
    ).length;
  };
  await expect.poll(inLastMinute, { timeout: 120_000, intervals: [200] }).toBeGreaterThanOrEqual(170);
  expect(await killWorker(context)).toBe(true);
  await expect(pendingCount(popup)).not.toHaveText('0'); // killed mid-backfill
  // The popup's status requests wake a new worker; it resumes the outbox (the alarm too, each minute).
  await expect(pendingCount(popup)).toHaveText('0', { timeout: 240_000 });

  const { expected, inXero } = await admin.backfilledInvoiceNumbers();
  expect(inXero).toEqual(expected); // every invoice exactly once

  const log = await admin.requests({});
  const sinceSync = log.filter((request) => request.time >= syncStartedAt);
  const syncro = sinceSync.filter(isSyncroApi);
  const xero = sinceSync.filter(isXeroApi);
  // Every invoice was read, and Syncro's reads of any kind (lists, invoices, customers, products, payments) stay
  // within 1.1 × the distinct resources read: what the killed worker read was kept, not read again.
  const reads = syncro.filter((request) => request.method === 'GET');
  const resources = new Set(reads.map((request) => `${request.path}?${request.query}`));
  const invoices = new Set(
    reads.map((request) => request.path).filter((path) => /^\/api\/v1\/invoices\/\d+$/.test(path)),
  );
  const { syncro: seeded } = await admin.state<{ syncro: { accounts: { acme: { invoices: unknown[] } } } }>();
  expect(invoices.size).toBe(seeded.accounts.acme.invoices.length);
  const readAgain = reads.length - resources.size;
  expect(readAgain, `${readAgain} repeated reads of ${resources.size} resources`).toBeLessThanOrEqual(
    0.1 * resources.size,
  );
  // The new worker knew the dead one's calls: Syncro never refused one for its limit (only the injected 429).
  const [syncroRefused, ...moreSyncro] = syncro.filter((request) => request.status === 429);
  const [xeroRefused, ...moreXero] = xero.filter((request) => request.status === 429);
  expect([moreSyncro, moreXero]).toEqual([[], []]);
  const sentBetween = (calls: RecordedRequest[], after: number, before: number) =>
    calls
      .filter((request) => request.time > after && request.time < before)
      .map((request) => `${request.method} ${request.path}`);
  // Xero: nothing for the 2 s of its Retry-After.
  expect(xeroRefused).toBeDefined();
  const xeroAt = xeroRefused?.time ?? 0;
  expect(sentBetween(xero, xeroAt, xeroAt + 2_000)).toEqual([]);
  // Syncro, no Retry-After: nothing until the oldest call in the window (as the product keeps it) is a minute
  // old. The product records each call just before sending it, so its oldest is at most this one's arrival.
  expect(syncroRefused).toBeDefined();
  const syncroAt = syncroRefused?.time ?? 0;
  // (The log is in order of answers: the oldest is the least arrival time.)
  const inWindow = log
    .filter(isSyncroApi)
    .filter((request) => request.time > syncroAt - syncroWindowMs - productMarginMs);
  const windowFrees = Math.min(...inWindow.map((request) => request.time)) + syncroWindowMs;
  expect(windowFrees - syncroAt).toBeGreaterThan(2_000); // early in the backfill: a wait longer than a guess
  expect(sentBetween(syncro, syncroAt, windowFrees)).toEqual([]);
});
