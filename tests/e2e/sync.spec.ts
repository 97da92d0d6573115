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

test('Syncro payments reach Xero when the invoice detail lists only payment ids', async ({ admin, context, popup }) => {
  // The detail as syncro_swagger.json#/paths/~1invoices~1{id}/get documents it: payment ids, nothing more.
  const detail = await admin.send({
    host: 'acme.syncromsp.com',
    path: '/api/v1/invoices/48206',
    headers: { authorization: 'Bearer demo-token' },
  });
  const { invoice } = detail.json<{ invoice: Record<string, unknown> }>();
  expect(invoice.payments).toEqual([{ id: 7002 }]);
  expect(invoice).not.toHaveProperty('balance_due');

  await connectBoth(popup);
  const page = await context.newPage();
  // Opening an invoice page pushes that invoice (and its payments); the badge shows the page was seen.
  for (const id of [48205, 48206]) {
    await page.goto(`https://acme.syncromsp.com/invoices/${id}`);
    await expect(page.locator(`syncro-xero-badge[data-syncro-id="${id}"]`)).toBeAttached();
  }
  const pushed = async () => {
    const { xero } = await admin.state<{
      xero: { organisations: Array<{ payments: Array<{ Reference?: string; Amount: number }> }> };
    }>();
    return (xero.organisations[0]?.payments ?? [])
      .filter((payment) => payment.Reference?.startsWith('SYNCRO-PAY-'))
      .map((payment) => [payment.Reference?.split(' ')[0], Math.round(payment.Amount * 100)])
      .sort();
  };
  // The amounts Syncro holds for payments 7001 and 7002 (its own records, in cents).
  const { syncro } = await admin.state<{
    syncro: { accounts: { acme: { payments: Array<{ id: number; amountCents: number }> } } };
  }>();
  const amountOf = (id: number) => syncro.accounts.acme.payments.find((payment) => payment.id === id)?.amountCents;
  expect([amountOf(7001), amountOf(7002)]).not.toContain(undefined);
  await expect.poll(pushed, { timeout: 60_000 }).toEqual([
    ['SYNCRO-PAY-7001', amountOf(7001)],
    ['SYNCRO-PAY-7002', amountOf(7002)],
  ]);
  await page.reload();
  const badge = page.locator('syncro-xero-badge[data-syncro-id="48206"]');
  await expect(badge).toHaveAttribute('data-xero-sync', 'synced');
});
