import { expect, test } from './fixtures.ts';
import { connectSyncro } from './popup-steps.ts';

// The worker's global, as far as these tests use it (the code runs in the extension, not in Node).
declare const chrome: {
  identity: {
    getRedirectURL(): string;
    launchWebAuthFlow(options: { url: string; interactive: boolean }): Promise<string | undefined>;
  };
};

test('the worker starts, the popup opens, the content script runs on the connected Syncro account', async ({
  admin,
  context,
  extensionId,
  popup,
}) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const worker = context.serviceWorkers().find((candidate) => candidate.url().includes(extensionId));
  expect(worker?.url()).toBe(`chrome-extension://${extensionId}/background.js`);

  await expect(popup.getByRole('heading', { name: 'Syncro ⇄ Xero' })).toBeVisible();
  await connectSyncro(popup); // the content script is registered for acme.syncromsp.com only once it is saved
  await expect(popup.getByText('Connected to Syncro')).toBeVisible();

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

test("the worker's own requests reach the sandbox, and Xero sign-in completes headless", async ({
  admin,
  context,
  extensionId,
}) => {
  const worker = context.serviceWorkers().find((candidate) => candidate.url().includes(extensionId));
  if (!worker) throw new Error('no service worker');
  const status = await worker.evaluate(async () => (await fetch('https://api.xero.com/connections')).status);
  expect(status).toBe(401); // the fake's answer: no token yet

  const redirect = await worker.evaluate(async () => {
    const verifier = 'v'.repeat(64);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    const challenge = btoa(String.fromCharCode(...new Uint8Array(digest)))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replaceAll('=', '');
    const url = new URL('https://login.xero.com/identity/connect/authorize');
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: 'demo-client-id',
      redirect_uri: chrome.identity.getRedirectURL(),
      scope: 'offline_access accounting.contacts accounting.settings accounting.invoices accounting.payments',
      state: 'smoke',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    return chrome.identity.launchWebAuthFlow({ url: url.toString(), interactive: true });
  });
  const callback = new URL(String(redirect));
  expect(callback.host).toBe(`${extensionId}.chromiumapp.org`);
  expect(callback.searchParams.get('state')).toBe('smoke');
  expect(callback.searchParams.get('code')).toBeTruthy();
  expect(await admin.requests({ host: 'login.xero.com' })).toHaveLength(1);
});
