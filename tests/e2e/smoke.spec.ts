import { expect, test } from './fixtures.ts';

test('the worker starts, the popup opens, the content script runs on a Syncro invoice list', async ({
  admin,
  context,
  extensionId,
  popup,
}) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const worker = context.serviceWorkers().find((candidate) => candidate.url().includes(extensionId));
  expect(worker?.url()).toBe(`chrome-extension://${extensionId}/background.js`);

  await expect(popup.getByRole('heading', { name: 'Syncro ⇄ Xero' })).toBeVisible();

  const page = await context.newPage();
  await page.goto('https://acme.syncromsp.com/invoices');
  await expect(page.getByRole('heading', { name: 'Invoices' })).toBeVisible();
  // The content script placed one badge per invoice row, OFF until Xero is connected.
  const rows = page.locator('tr').filter({ has: page.locator('a[href^="/invoices/"]') });
  const badges = page.locator('syncro-xero-badge[data-syncro-kind="invoice"]');
  await expect(badges.first()).toHaveAttribute('data-xero-sync', 'off');
  expect(await badges.count()).toBe(await rows.count());

  // The page came from the sandbox through the real hostname, not from the network.
  const served = await admin.requests({ host: 'acme.syncromsp.com', pathIncludes: '/invoices' });
  expect(served.some((request) => request.path === '/invoices' && request.status === 200)).toBe(true);
});
