// What a technician does in the popup, step by step, shared by the e2e specs.
import { expect, type Page } from '@playwright/test';

/** Opens one of the popup's tabs; the popup opens on Status. */
export async function showTab(popup: Page, name: 'Status' | 'Settings' | 'Reconcile' | 'Activity') {
  const tab = popup.getByRole('tab', { name });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

export async function connectSyncro(popup: Page, token = 'demo-token') {
  await showTab(popup, 'Status');
  await popup.getByLabel('Syncro subdomain').fill('acme');
  await popup.getByLabel('Syncro API token').fill(token);
  await popup.getByRole('button', { name: 'Save Syncro connection' }).click();
}

export async function connectXero(popup: Page) {
  await showTab(popup, 'Status');
  await popup.getByLabel('Xero client ID').fill('demo-client-id');
  await popup.getByRole('button', { name: 'Connect to Xero' }).click();
  await expect(popup.getByText('Connected to Xero')).toBeVisible();
}

/** Both connections, and the settings filled in from the organisation. */
export async function connectBoth(popup: Page) {
  await connectSyncro(popup);
  await expect(popup.getByText('Connected to Syncro')).toBeVisible();
  await connectXero(popup);
  await expect(popup.getByLabel('Sales account')).toHaveValue('200');
}

export const pendingCount = (popup: Page) => popup.locator('dt:text-is("Pending") + dd');

export const failedCount = (popup: Page) => popup.locator('dt:text-is("Failed") + dd');

/** "Sync now", then waits until the popup counts nothing pending: every invoice and PO checked against Xero. */
export async function syncNow(popup: Page, timeout = 90_000) {
  await popup.bringToFront();
  await showTab(popup, 'Status');
  await popup.getByRole('button', { name: 'Sync now' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Sync queued' })).toBeVisible();
  await expect(pendingCount(popup)).not.toHaveText('0');
  await expect(pendingCount(popup)).toHaveText('0', { timeout });
}

/** Ticks "Disable Purchase Order Syncing" and saves the settings; back on Status. */
export async function disablePurchaseOrderSync(popup: Page) {
  await popup.bringToFront();
  await showTab(popup, 'Settings');
  await popup.getByLabel('Disable Purchase Order Syncing').check();
  await popup.getByRole('button', { name: 'Save Xero Settings' }).click();
  await expect(popup.getByText('Settings saved')).toBeVisible();
  await showTab(popup, 'Status');
}
