// R1: the service worker killed at 10 random points of a 500-invoice backfill: nothing lost, nothing twice,
// and the backfill completes.
import { expect, test } from './fixtures.ts';
import { connectBoth, pendingCount, showTab } from './popup-steps.ts';
import { killWorker } from './worker-steps.ts';

test('a 500-invoice backfill survives the worker being killed at 10 random points', async ({
  admin,
  context,
  popup,
}) => {
  test.setTimeout(900_000);
  await admin.seed({ invoices: 500 });
  await connectBoth(popup);
  // Invoices only (they are batched 50 a call); purchase orders have their own tests.
  await showTab(popup, 'Settings');
  await popup.getByLabel('Disable Purchase Order Syncing').check();
  await popup.getByRole('button', { name: 'Save Xero Settings' }).click();
  await expect(popup.getByText('Settings saved')).toBeVisible();
  await showTab(popup, 'Status');
  await popup.getByRole('button', { name: 'Sync now' }).click();

  await expect(popup.getByRole('progressbar', { name: 'Sync progress' })).toBeVisible({ timeout: 30_000 });

  const writes = async () =>
    (await admin.requests({ host: 'api.xero.com' })).filter((request) => request.method !== 'GET').length;
  await expect.poll(writes, { timeout: 180_000 }).toBeGreaterThanOrEqual(1); // the backfill is under way
  // Random points, but the same ones every run (a seeded generator): 1.5 to 12 s apart.
  let seed = 500;
  const nextGapMs = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return 1_500 + (seed / 2 ** 31) * 10_500;
  };
  for (let kill = 0; kill < 10; kill++) {
    // Kill the worker as soon as one runs (the popup's status requests wake it again after each kill).
    await expect.poll(() => killWorker(context), { timeout: 60_000, intervals: [250] }).toBe(true);
    await popup.waitForTimeout(nextGapMs());
  }
  await expect(pendingCount(popup)).not.toHaveText('0'); // the kills came mid-run: work was still queued

  // The popup's status requests wake the worker; it resumes the outbox (lapsed leases included).
  await expect(pendingCount(popup)).toHaveText('0', { timeout: 420_000 });

  const { expected, inXero } = await admin.backfilledInvoiceNumbers();
  expect(inXero).toEqual(expected); // every eligible invoice, once: nothing lost, nothing twice
});
