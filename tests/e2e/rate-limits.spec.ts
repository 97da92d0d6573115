// Rate limits in real Chromium: a 200-invoice backfill whose worker is killed once while Syncro's window is
// nearly full. The new worker must start from the window the old one left (its calls still count at Syncro),
// keep what the old one read, and, after a 429 from either system, send nothing to it before Retry-After.
import type { RecordedRequest } from '../sandbox/request-log.ts';
import { expect, test } from './fixtures.ts';
import { connectBoth, disablePurchaseOrderSync, pendingCount } from './popup-steps.ts';
import { killWorker } from './worker-steps.ts';

interface SyncroInvoice {
  number: string;
  total: string;
  isPaid: boolean;
}

const isSyncroApi = (request: RecordedRequest) =>
  request.host.endsWith('.syncromsp.com') && request.path.startsWith('/api/');
const isXeroApi = (request: RecordedRequest) => request.host === 'api.xero.com' && request.path.startsWith('/api.xro/');

test('a 200-invoice backfill with the worker killed once while Syncro’s window is nearly full', async ({
  admin,
  context,
  popup,
}) => {
  test.setTimeout(300_000);
  await admin.seed({ invoices: 200 });
  await connectBoth(popup);
  await disablePurchaseOrderSync(popup); // invoices only: purchase orders have their own tests
  // One 429 with Retry-After: 2 from each system during the backfill: an invoice read part-way through, and
  // the first look-up of invoices in Xero.
  await admin.fault([
    { target: 'syncro', status: 429, retryAfter: 2, pathIncludes: '/invoices/', probability: 0.05 },
    { target: 'xero', status: 429, retryAfter: 2, pathIncludes: '/Invoices' },
  ]);
  await admin.admin('DELETE', '/requests');
  await popup.getByRole('button', { name: 'Sync now' }).click();

  // Killed when the token's calls in the last minute (by the sandbox's own log and clock) near Syncro's 180.
  const inLastMinute = async () => {
    const { now } = await admin.admin<{ now: number }>('GET', '/info');
    return (await admin.requests({ host: 'syncromsp.com' })).filter(
      (request) => isSyncroApi(request) && request.time > now - 60_000,
    ).length;
  };
  await expect.poll(inLastMinute, { timeout: 120_000, intervals: [200] }).toBeGreaterThanOrEqual(170);
  expect(await killWorker(context)).toBe(true);
  await expect(pendingCount(popup)).not.toHaveText('0'); // killed mid-backfill
  // The popup's status requests wake a new worker; it resumes the outbox (the alarm too, each minute).
  await expect(pendingCount(popup)).toHaveText('0', { timeout: 240_000 });

  const state = await admin.state<{
    syncro: { accounts: { acme: { invoices: SyncroInvoice[] } } };
    xero: { organisations: Array<{ invoices: Array<{ Type: string; InvoiceNumber: string }> }> };
  }>();
  const eligible = state.syncro.accounts.acme.invoices
    .filter((invoice) => Number(invoice.total) > 0 || (Number(invoice.total) === 0 && invoice.isPaid))
    .map((invoice) => invoice.number)
    .sort();
  const sales = (state.xero.organisations[0]?.invoices ?? [])
    .filter((invoice) => invoice.Type === 'ACCREC' && !invoice.InvoiceNumber.startsWith('XI-')) // XI-: Xero's own seed
    .map((invoice) => invoice.InvoiceNumber)
    .sort();
  expect(sales).toEqual(eligible); // every invoice exactly once

  const log = await admin.requests({});
  const syncro = log.filter(isSyncroApi);
  const xero = log.filter(isXeroApi);
  // Each invoice read about once: what the killed worker read was kept, not read again.
  const reads = syncro.filter((request) => request.method === 'GET' && /^\/api\/v1\/invoices\/\d+$/.test(request.path));
  const readIds = new Set(reads.map((request) => request.path));
  expect(readIds.size).toBe(state.syncro.accounts.acme.invoices.length);
  expect(reads.length).toBeLessThanOrEqual(1.1 * readIds.size);
  // The new worker knew the dead one's calls: Syncro never refused one for its limit (only the injected 429).
  expect(syncro.filter((request) => request.status === 429)).toHaveLength(1);
  expect(xero.filter((request) => request.status === 429)).toHaveLength(1);
  // After each 429 (Retry-After: 2), nothing was sent to that system for 2 s.
  for (const calls of [syncro, xero]) {
    const refused = calls.find((request) => request.status === 429) as RecordedRequest;
    const early = calls.filter((request) => request.time > refused.time && request.time < refused.time + 2_000);
    expect(early.map((request) => `${request.method} ${request.path}`)).toEqual([]);
  }
});
