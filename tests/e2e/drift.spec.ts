// Balance drift end to end: an invoice paid in Xero only (a bookkeeper entered the payment there) keeps SYNCED on
// its badge and adds the drift warning with both figures (`data-xero-drift="balance"`), and the popup's Reconcile
// tab lists it with both figures and a link to each system. Saves docs/screenshots/badge-drift.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expectSynced, invoiceBadge, openSyncro } from './badge-steps.ts';
import { expect, test } from './fixtures.ts';
import { root } from './global-setup.ts';
import { connectBoth, showTab, syncNow } from './popup-steps.ts';

interface SandboxState {
  syncro: {
    accounts: {
      acme: {
        invoices: Array<{ id: number; number: string; isPaid: boolean; totalCents: number; paymentIds: number[] }>;
      };
    };
  };
  xero: { organisations: Array<{ invoices: Array<{ InvoiceID: string; InvoiceNumber: string }> }> };
}

test('an invoice paid in Xero only shows the drift on its badge and in the popup, with both figures', async ({
  admin,
  context,
  popup,
}) => {
  await connectBoth(popup);
  await syncNow(popup);
  const state = await admin.state<SandboxState>();
  const inXero = new Map(state.xero.organisations[0]?.invoices.map((invoice) => [invoice.InvoiceNumber, invoice]));
  const target = state.syncro.accounts.acme.invoices.find(
    (invoice) =>
      !invoice.isPaid && invoice.totalCents > 0 && invoice.paymentIds.length === 0 && inXero.has(invoice.number),
  );
  if (!target) throw new Error('the seed has no open, unpaid invoice in Xero');
  await admin.admin('POST', '/xero/payments', { invoiceNumber: target.number, amountCents: target.totalCents });

  // Both figures as the browser formats the organisation's currency (USD in the sandbox).
  const money = (cents: number) =>
    popup.evaluate(
      (amount) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(amount),
      cents / 100,
    );
  const figures = `Xero: ${await money(0)} due · Syncro: ${await money(target.totalCents)} due`;

  await showTab(popup, 'Reconcile');
  // The tab's count is what waits there: payments to reconcile and, from the check on, the drifted invoice.
  const tabCount = popup.getByRole('tab', { name: /^Reconcile/ }).locator('.tab-count');
  const before = (await tabCount.count()) === 0 ? 0 : Number(await tabCount.textContent());
  await popup.getByRole('button', { name: 'Compare with Xero now' }).click();
  const entry = popup.locator(`li[data-xero-drift="balance"][data-syncro-id="${target.id}"]`);
  await expect(entry).toContainText(figures, { timeout: 60_000 });
  await expect(entry.getByRole('link', { name: 'Open in Syncro' })).toHaveAttribute(
    'href',
    `https://acme.syncromsp.com/invoices/${target.id}`,
  );
  await expect(entry.getByRole('link', { name: 'Open in Xero' })).toHaveAttribute(
    'href',
    new RegExp(`^https://go\\.xero\\.com/.*${inXero.get(target.number)?.InvoiceID}`),
  );
  // Only that invoice drifted.
  await expect(popup.locator('li[data-xero-drift]')).toHaveCount(1);
  await expect(tabCount).toHaveText(String(before + 1), { timeout: 10_000 });

  const page = await context.newPage();
  await openSyncro(page, `/invoices/${target.id}`, 'bootstrap');
  const host = invoiceBadge(page, target.id);
  await expectSynced(host);
  await expect(host).toHaveAttribute('data-xero-drift', 'balance');
  await expect(host).toContainText(figures);
  await expect(host).toContainText('check the payments and credit notes in both');

  await openSyncro(page, '/invoices', 'bootstrap');
  const row = invoiceBadge(page, target.id);
  await expect(row).toHaveAttribute('data-xero-drift', 'balance');
  await expect(row).toContainText(figures);
  await expect(page.locator('syncro-xero-badge[data-xero-drift]')).toHaveCount(1);

  const folder = path.join(root, 'docs/screenshots');
  mkdirSync(folder, { recursive: true });
  await row.screenshot({ path: path.join(folder, 'badge-drift.png'), animations: 'disabled', caret: 'hide' });
});
