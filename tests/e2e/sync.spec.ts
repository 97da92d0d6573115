import { expect, test } from './fixtures.ts';
import { connectBoth, pendingCount } from './popup-steps.ts';

test('"Sync now" leaves exactly the expected records in Xero; a second one writes nothing', async ({
  admin,
  context,
  popup,
}) => {
  test.setTimeout(420_000);
  await connectBoth(popup);
  await popup.getByRole('button', { name: 'Sync now' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Sync queued' })).toBeVisible();
  await expect(pendingCount(popup)).not.toHaveText('0');
  await expect(pendingCount(popup)).toHaveText('0', { timeout: 360_000 });

  const { xero } = await admin.state<{
    xero: { organisations: Array<{ invoices: Array<{ Type: string; InvoiceNumber: string }> }> };
  }>();
  const invoices = xero.organisations[0]?.invoices ?? [];
  const sales = invoices.filter((invoice) => invoice.Type === 'ACCREC').map((invoice) => invoice.InvoiceNumber);
  expect(sales).toHaveLength(28);
  expect(new Set(sales).size).toBe(28);
  expect(sales).not.toContain('1001');
  expect(invoices.filter((invoice) => invoice.Type === 'ACCPAY').map((bill) => bill.InvoiceNumber)).toEqual([
    'PO-1003',
  ]);

  const page = await context.newPage();
  await page.goto('https://acme.syncromsp.com/invoices');
  const badge = (id: number) => page.locator(`syncro-xero-badge[data-syncro-kind="invoice"][data-syncro-id="${id}"]`);
  await expect(badge(48204)).toHaveAttribute('data-xero-sync', 'synced');
  await expect(badge(48201)).toHaveAttribute('data-xero-sync', 'skipped');
  await expect(badge(48201)).toContainText('$0 invoice — syncs once marked paid');
  await expect(badge(48203)).toContainText('Refund — create it manually in both Syncro and Xero');

  await admin.admin('DELETE', '/requests');
  await popup.getByRole('button', { name: 'Sync now' }).click();
  // The second run re-reads every record from Syncro (28 eligible invoices + 2 skipped + 5 POs) …
  await expect
    .poll(async () => (await admin.requests({ host: 'acme.syncromsp.com', pathIncludes: '/api/v1/' })).length, {
      timeout: 120_000,
    })
    .toBeGreaterThanOrEqual(35);
  await expect(pendingCount(popup)).toHaveText('0', { timeout: 120_000 });
  // … and writes nothing to Xero.
  const writes = (await admin.requests({ host: 'api.xero.com' })).filter((request) => request.method !== 'GET');
  expect(writes).toEqual([]);
});

test('opening an invoice page pushes that invoice, and its badge then links to Xero', async ({
  admin,
  context,
  popup,
}) => {
  await connectBoth(popup);
  const page = await context.newPage();
  await page.goto('https://acme.syncromsp.com/invoices/48204');
  const salesNumbers = async () => {
    const { xero } = await admin.state<{
      xero: { organisations: Array<{ invoices: Array<{ Type: string; InvoiceNumber: string }> }> };
    }>();
    return (xero.organisations[0]?.invoices ?? []).map((invoice) => invoice.InvoiceNumber);
  };
  await expect.poll(salesNumbers, { timeout: 30_000 }).toEqual(['1004']);
  await page.reload();
  const badge = page.locator('syncro-xero-badge[data-syncro-id="48204"]');
  await expect(badge).toHaveAttribute('data-xero-sync', 'synced');
  await expect(badge.getByRole('link', { name: 'View in Xero' })).toHaveAttribute(
    'href',
    /^https:\/\/go\.xero\.com\/AccountsReceivable\/View\.aspx\?InvoiceID=/,
  );
});
