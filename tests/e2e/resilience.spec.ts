// Killing the service worker in the middle of a backfill loses nothing and duplicates nothing.
import { expect, test } from './fixtures.ts';
import { connectBoth, pendingCount } from './popup-steps.ts';
import { killWorker } from './worker-steps.ts';

interface SyncroInvoice {
  number: string;
  total: string;
  isPaid: boolean;
}

test('a backfill survives the worker being killed again and again', async ({ admin, context, popup }) => {
  test.setTimeout(600_000);
  await admin.seed({ invoices: 300 });
  await connectBoth(popup);
  // Invoices only (they are batched 50 a call); purchase orders have their own tests.
  await popup.getByLabel('Disable Purchase Order Syncing').check();
  await popup.getByRole('button', { name: 'Save Xero Settings' }).click();
  await expect(popup.getByText('Settings saved')).toBeVisible();
  await popup.getByRole('button', { name: 'Sync now' }).click();

  await expect(popup.getByRole('progressbar', { name: 'Sync progress' })).toBeVisible({ timeout: 30_000 });

  const writes = async () =>
    (await admin.requests({ host: 'api.xero.com' })).filter((request) => request.method !== 'GET').length;
  await expect.poll(writes, { timeout: 180_000 }).toBeGreaterThanOrEqual(1); // the backfill is under way
  for (let kill = 0; kill < 3; kill++) {
    // Kill the worker as soon as one runs (the popup's status requests wake it again after each kill).
    await expect.poll(() => killWorker(context), { timeout: 60_000, intervals: [250] }).toBe(true);
    await popup.waitForTimeout(8_000);
  }
  await expect(pendingCount(popup)).not.toHaveText('0'); // the kills came mid-run: work was still queued

  // The popup's status requests wake the worker; it resumes the outbox (lapsed leases included).
  await expect(pendingCount(popup)).toHaveText('0', { timeout: 420_000 });

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
  expect(sales).toEqual(eligible); // every eligible invoice, once: nothing lost, nothing twice
});
