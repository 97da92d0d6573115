import type { SandboxClient } from '../sandbox/client.ts';
import { expect, test } from './fixtures.ts';
import { connectSyncro, connectXero, pendingCount, showTab } from './popup-steps.ts';

const xeroConfig = (admin: SandboxClient, config: Record<string, unknown>) =>
  admin.admin('POST', '/xero/config', config);

test('connects Syncro then Xero from the popup, and the badges follow', async ({ admin, context, popup }) => {
  await xeroConfig(admin, { user: { given_name: 'Jane', family_name: 'Doe', email: 'jane@example.com' } });
  await connectSyncro(popup);
  await expect(popup.getByText('Connected to Syncro')).toBeVisible();
  await connectXero(popup);
  await expect(popup.getByText('Acme MSP Ltd').first()).toBeVisible();
  // Who connected, from the id token's profile and email claims; still there once the popup reopens.
  const xeroStatus = /^Connected to Xero: Acme MSP Ltd \(base currency \w{3}\) — by Jane Doe <jane@example\.com>$/;
  await expect(popup.getByText(xeroStatus)).toBeVisible();
  await popup.reload();
  await expect(popup.getByText(xeroStatus)).toBeVisible();

  const authorize = await admin.requests({ host: 'login.xero.com' });
  const scope = new URL(`https://x${authorize[0]?.path}?${authorize[0]?.query}`).searchParams.get('scope');
  expect(scope).toBe(
    'offline_access openid profile email accounting.contacts accounting.settings accounting.invoices accounting.payments',
  );

  const page = await context.newPage();
  await page.goto('https://acme.syncromsp.com/invoices');
  await expect(page.locator('syncro-xero-badge').first()).toHaveAttribute('data-xero-sync', 'not-synced');
});

test('secrets stay in the background: no storage area and no reply carries a token', async ({
  context,
  extensionId,
  popup,
}) => {
  await connectSyncro(popup);
  await connectXero(popup);
  const worker = context.serviceWorkers().find((candidate) => candidate.url().includes(extensionId));
  // Without the "storage" permission there is no chrome.storage area at all; if one ever appears, it is empty.
  const storage = await worker?.evaluate(async () =>
    chrome.storage
      ? {
          local: await chrome.storage.local.get(null),
          sync: await chrome.storage.sync.get(null),
          session: await chrome.storage.session.get(null),
        }
      : 'no storage API',
  );
  expect(storage).toEqual('no storage API');
  const replies = await popup.evaluate(async () =>
    JSON.stringify(await Promise.all(['status', 'choices'].map((type) => chrome.runtime.sendMessage({ type })))),
  );
  expect(replies).toContain('Acme MSP Ltd');
  expect(replies).not.toContain('demo-token');
  expect(replies).not.toMatch(/eyJ[\w-]+\./); // no JWT (access or id token)
  expect(replies).not.toMatch(/refresh/i);
});

test('a bad Syncro token gets a clear error and nothing is saved', async ({ popup }) => {
  await connectSyncro(popup, 'not-a-token');
  await expect(popup.getByRole('alert').filter({ hasText: 'rejected the API token' })).toBeVisible();
  await popup.reload();
  await expect(popup.getByText('Connected to Syncro')).toHaveCount(0);
});

test('with two organisations, one is chosen from "Xero organisation"', async ({ admin, popup }) => {
  await xeroConfig(admin, { organisations: 2 });
  await connectSyncro(popup);
  await connectXero(popup);
  const select = popup.getByLabel('Xero organisation');
  await expect(select.locator('option')).toHaveCount(2);
  await select.selectOption({ label: 'Acme MSP (NZ) Ltd' });
  // Another organisation than the pair's: the popup asks first, naming both pairs.
  await expect(
    popup.getByRole('alert').filter({ hasText: 'Switch from acme.syncromsp.com with Acme MSP Ltd' }),
  ).toBeVisible();
  await popup.getByRole('button', { name: 'Switch to acme.syncromsp.com with Acme MSP (NZ) Ltd' }).click();
  await expect(popup.getByText('Acme MSP (NZ) Ltd').first()).toBeVisible();
  await popup.reload();
  await expect(popup.getByLabel('Xero organisation')).toHaveValue('a0000000-0002-4000-8000-000000000002');
});

test('settings are validated, saved and reloaded', async ({ popup }) => {
  await connectSyncro(popup);
  await connectXero(popup);
  // Connecting filled in the likeliest accounts and tax rates from the organisation.
  await expect(popup.getByLabel('Sales account')).toHaveValue('200');
  await expect(popup.getByLabel('Disable Syncing of Payments')).not.toBeChecked();
  await expect(popup.getByLabel('Attempt to Import Payments from Xero')).not.toBeChecked();
  await expect(popup.getByLabel('Disable Purchase Order Syncing')).not.toBeChecked();

  await showTab(popup, 'Settings');
  await popup.getByLabel('Attempt to Import Payments from Xero').check();
  await popup.getByLabel('Disable Purchase Order Syncing').check();
  await popup.getByLabel('Status of new invoices in Xero').selectOption('DRAFT');
  await popup.getByLabel('Poll for payments every (hours)').fill('6');
  await popup.getByRole('button', { name: 'Save Xero Settings' }).click();
  // Xero takes payments only on approved invoices: DRAFT with payment syncing on is refused beside the field.
  await expect(popup.getByLabel('Status of new invoices in Xero')).toHaveAccessibleDescription(
    /Xero takes payments only on AUTHORISED invoices/,
  );
  await popup.getByLabel('Poll for payments every (hours)').fill('0');
  await popup.getByRole('button', { name: 'Save Xero Settings' }).click();
  await expect(popup.getByText('Poll every whole number of hours, at least 1.')).toBeVisible();
  await popup.reload();
  await expect(popup.getByLabel('Attempt to Import Payments from Xero')).not.toBeChecked(); // nothing half-saved

  await showTab(popup, 'Settings');
  await popup.getByLabel('Attempt to Import Payments from Xero').check();
  await popup.getByLabel('Disable Purchase Order Syncing').check();
  await popup.getByLabel('Disable Syncing of Payments').check();
  await popup.getByLabel('Status of new invoices in Xero').selectOption('DRAFT');
  await popup.getByLabel('Poll for payments every (hours)').fill('6');
  await popup.getByRole('button', { name: 'Save Xero Settings' }).click();
  await expect(popup.getByText('Settings saved')).toBeVisible();
  await popup.reload();
  await expect(popup.getByLabel('Disable Syncing of Payments')).toBeChecked();
  await expect(popup.getByLabel('Attempt to Import Payments from Xero')).toBeChecked();
  await expect(popup.getByLabel('Disable Purchase Order Syncing')).toBeChecked();
  await expect(popup.getByLabel('Status of new invoices in Xero')).toHaveValue('DRAFT');
  await expect(popup.getByLabel('Poll for payments every (hours)')).toHaveValue('6');
});

test('"Disconnect Xero" revokes the token at Xero', async ({ admin, popup }) => {
  await connectSyncro(popup);
  await connectXero(popup);
  await popup.getByRole('button', { name: 'Disconnect Xero' }).click();
  await expect(popup.getByRole('button', { name: 'Connect to Xero' })).toBeVisible();
  await expect(popup.getByText('Connected to Xero')).toHaveCount(0);
  const revocations = await admin.requests({ host: 'identity.xero.com', pathIncludes: '/connect/revocation' });
  expect(revocations.map((request) => request.status)).toEqual([200]);
  const grants = await admin.admin<Array<{ revoked: boolean }>>('GET', '/xero/tokens');
  expect(grants.every((grant) => grant.revoked)).toBe(true);
});

test('a rotation with several contexts needing a token at once refreshes once, without invalid_grant', async ({
  admin,
  context,
  extensionId,
  popup,
}) => {
  // Access tokens valid 121 s: inside the extension's 120 s margin one second later.
  await xeroConfig(admin, { accessTokenTtlSeconds: 121 });
  await connectSyncro(popup);
  await connectXero(popup);
  await popup.waitForTimeout(1500);
  await admin.admin('DELETE', '/requests');

  // An extension page holds the refresh lock while the worker and two popups all need a fresh token:
  // the worker waits for it (the lock spans contexts), then exactly one refresh runs.
  const holder = await context.newPage();
  await holder.goto(`chrome-extension://${extensionId}/popup.html`);
  const held = holder.evaluate(
    () =>
      new Promise<void>((resolve) => {
        void navigator.locks.request(
          'syncro-xero:xero-refresh',
          () => new Promise((release) => setTimeout(release, 1500)),
        );
        setTimeout(resolve, 50);
      }),
  );
  await held;
  const second = await context.newPage();
  await Promise.all([
    popup.reload(),
    second.goto(`chrome-extension://${extensionId}/popup.html`),
    holder.evaluate(() => chrome.runtime.sendMessage({ type: 'choices' })),
  ]);
  await expect(popup.getByLabel('Sales account')).toHaveValue('200');
  await expect(second.getByLabel('Sales account')).toHaveValue('200');
  const tokenCalls = await admin.requests({ host: 'identity.xero.com', pathIncludes: '/connect/token' });
  expect(tokenCalls).toHaveLength(1);
  expect(tokenCalls[0]?.status).toBe(200);
  expect(tokenCalls.some((call) => call.body.includes('invalid_grant'))).toBe(false);
});

test('a revoked grant shows "reconnect needed", keeps queued work, and resumes after reconnecting', async ({
  admin,
  context,
  extensionId,
  popup,
}) => {
  await connectSyncro(popup);
  await connectXero(popup);
  await admin.admin('POST', '/xero/revoke-all'); // the user removed the app in Xero
  await popup.getByRole('button', { name: 'Sync now' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'queued' })).toBeVisible();

  await expect(popup.getByText('Reconnect to Xero needed')).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Connect to Xero' })).toBeVisible();
  const worker = context.serviceWorkers().find((candidate) => candidate.url().includes(extensionId));
  expect(await worker?.evaluate(() => chrome.action.getBadgeText({}))).toBe('!');
  // The sync's work waits, untouched (listed from Syncro already, nothing written to Xero).
  await expect(pendingCount(popup)).not.toHaveText('0');
  const writesBefore = await admin.requests({ host: 'api.xero.com', method: 'PUT' });
  expect(writesBefore).toEqual([]);

  await connectXero(popup);
  await expect(popup.getByText('Reconnect to Xero needed')).toHaveCount(0);
  expect(await worker?.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
  // The kept work resumes by itself: records start arriving in Xero.
  await expect
    .poll(async () => (await admin.requests({ host: 'api.xero.com', method: 'PUT' })).length, { timeout: 30_000 })
    .toBeGreaterThan(0);
});

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: Record<'local' | 'sync' | 'session', { get(keys: null): Promise<Record<string, unknown>> }>;
  action: { getBadgeText(details: object): Promise<string> };
};
