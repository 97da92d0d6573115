// The popup in Chrome's largest popup size, 800 × 600: its tabs (WAI-ARIA tabs pattern, axe-core clean), Status
// whole without a scrollbar, and the Activity tab listing a sync and exporting exactly the rows it lists as CSV.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { SandboxClient } from '../sandbox/client.ts';
import { parseCsv } from '../unit/csv-parse.ts';
import { expect, test } from './fixtures.ts';
import { connectBoth, showTab, syncNow } from './popup-steps.ts';

const tabNames = ['Status', 'Settings', 'Reconcile', 'Activity'] as const;
const screenshots = path.resolve(import.meta.dirname, '../../docs/screenshots');

interface SandboxState {
  syncro: { accounts: { acme: { invoices: Array<{ id: number; number: string }> } } };
  xero: { organisations: Array<{ invoices: Array<{ InvoiceID: string; InvoiceNumber: string; Type: string }> }> };
}

async function axeViolations(popup: Page) {
  const { violations } = await new AxeBuilder({ page: popup }).analyze();
  return violations.map((violation) => ({
    rule: violation.id,
    nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
  }));
}

/** Turns the import on and has Xero record a payment on invoice 1004, then polls: an entry that carries money. */
async function importOnePayment(popup: Page, admin: SandboxClient) {
  await showTab(popup, 'Settings');
  await popup.getByLabel('Attempt to Import Payments from Xero').check();
  await popup.getByLabel('Payment method for imported payments').selectOption('Bank Transfer');
  await popup.getByRole('button', { name: 'Save Xero Settings' }).click();
  await expect(popup.getByText('Settings saved')).toBeVisible();
  const { xero } = await admin.state<SandboxState>();
  const invoice = xero.organisations[0]?.invoices.find((candidate) => candidate.InvoiceNumber === '1004');
  await admin.admin('POST', '/xero/payments', { invoiceId: invoice?.InvoiceID, amountCents: 10_000 });
  await showTab(popup, 'Status');
  await popup.getByRole('button', { name: 'Poll payments now' }).click();
  await expect(popup.getByText('Polling Xero for payments now.')).toBeVisible();
  const imported = async () =>
    (
      await admin.admin<{ payments: Array<{ ref_num?: string | null }> }>('GET', '/syncro/payments?subdomain=acme')
    ).payments.filter((payment) => payment.ref_num?.startsWith('XERO-')).length;
  await expect.poll(imported, { timeout: 60_000 }).toBe(1);
}

/** The Activity table as shown: per row its cells' text, the ISO time and the two links. */
function listedRows(popup: Page) {
  return popup
    .getByRole('tabpanel', { name: 'Activity' })
    .locator('table tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => {
        const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '');
        const link = (system: string) =>
          [...row.querySelectorAll('a')].find((anchor) => anchor.textContent?.startsWith(system))?.href ?? '';
        return {
          iso: row.querySelector('time')?.getAttribute('datetime') ?? '',
          cells,
          syncro: link('Syncro'),
          xero: link('Xero'),
        };
      }),
    );
}

const digits = (text: string | undefined) => (text ?? '').replace(/\D/g, '');

async function exportCsv(popup: Page): Promise<string[][]> {
  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^syncro-xero-activity-\d{4}-\d{2}-\d{2}\.csv$/);
  return parseCsv(await readFile(await download.path(), 'utf8'));
}

/** The CSV's records match the listed rows one for one: date, level, record, message, amount, links. */
async function expectCsvMatchesList(popup: Page) {
  const listed = await listedRows(popup);
  const [header = [], ...records] = await exportCsv(popup);
  const column = (name: string) => header.indexOf(name);
  expect(records).toHaveLength(listed.length);
  records.forEach((record, i) => {
    const row = listed[i];
    expect(record[column('Date (UTC)')]).toBe(row?.iso);
    expect(record.slice(1, 4)).toEqual(row?.cells.slice(1, 4)); // level, record, message
    expect(record[column('Syncro link')]).toBe(row?.syncro);
    expect(record[column('Xero link')]).toBe(row?.xero);
    // The tab shows the amount in the user's locale; the file in decimal: the same digits.
    if (column('Amount') >= 0) expect(digits(row?.cells[4])).toBe(digits(record[column('Amount')]));
  });
  return { header, records };
}

test('the popup fits 800 × 600 under accessible tabs, and Activity lists a sync and exports it as CSV', async ({
  admin,
  popup,
}) => {
  test.setTimeout(240_000);
  await popup.setViewportSize({ width: 800, height: 600 });
  await admin.admin('POST', '/xero/config', {
    user: { given_name: 'Jane', family_name: 'Doe', email: 'jane@example.com' },
  });
  await connectBoth(popup);
  await syncNow(popup);
  await importOnePayment(popup, admin);
  await expect(popup.locator('dt:text-is("Pending") + dd')).toHaveText('0', { timeout: 60_000 });

  // Status: both connections (with who connected Xero), the counts and the two actions, without a scrollbar.
  await showTab(popup, 'Status');
  await expect(popup.getByText(/^Connected to Xero: Acme MSP Ltd .* — by Jane Doe <jane@example\.com>$/)).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Sync now' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Poll payments now' })).toBeVisible();
  // Connected, the sign-in button says what it would do now.
  await expect(popup.getByRole('button', { name: 'Reconnect to Xero', exact: true })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Connect to Xero', exact: true })).toHaveCount(0);
  const fits = await popup.evaluate(() => {
    const page = document.scrollingElement as Element;
    return { height: [page.scrollHeight, page.clientHeight], width: [page.scrollWidth, page.clientWidth] };
  });
  expect(fits.height[0]).toBeLessThanOrEqual(fits.height[1] ?? 0);
  expect(fits.width[0]).toBeLessThanOrEqual(fits.width[1] ?? 0);

  // The keyboard moves between tabs as the WAI-ARIA tabs pattern has it: arrows wrap, Home and End.
  await popup.getByRole('tab', { name: 'Status' }).focus();
  const selectedAfter = async (key: string) => {
    await popup.keyboard.press(key);
    const focused = popup.locator('[role="tab"]:focus');
    await expect(focused).toHaveAttribute('aria-selected', 'true');
    return (await focused.textContent())?.replace(/\s*\d+$/, '');
  };
  expect(await selectedAfter('ArrowRight')).toBe('Settings');
  expect(await selectedAfter('End')).toBe('Activity');
  expect(await selectedAfter('ArrowRight')).toBe('Status');
  expect(await selectedAfter('ArrowLeft')).toBe('Activity');
  expect(await selectedAfter('Home')).toBe('Status');
  await expect(popup.getByRole('tabpanel')).toHaveCount(1); // only the selected panel is shown

  for (const name of tabNames) {
    await showTab(popup, name);
    if (name === 'Activity') await expect(popup.getByRole('status').filter({ hasText: /entr/ })).toBeVisible();
    expect(await axeViolations(popup), name).toEqual([]);
    await popup.screenshot({ path: path.join(screenshots, `popup-${name.toLowerCase()}.png`) });
  }

  // Activity: the sync's entries, each invoice linked in Syncro and in Xero; retention stated.
  const panel = popup.getByRole('tabpanel', { name: 'Activity' });
  await expect(panel).toContainText('kept 30 days');
  const { syncro, xero } = await admin.state<SandboxState>();
  const pushed = (xero.organisations[0]?.invoices ?? []).filter(
    (invoice) => invoice.Type === 'ACCREC' && !invoice.InvoiceNumber.startsWith('XI-'),
  );
  expect(pushed.length).toBeGreaterThan(0);
  const listed = await listedRows(popup);
  for (const invoice of pushed) {
    const id = syncro.accounts.acme.invoices.find((candidate) => candidate.number === invoice.InvoiceNumber)?.id;
    const row = listed.find((candidate) => candidate.cells[2] === `Invoice, Syncro id ${id}`);
    expect(row?.syncro, invoice.InvoiceNumber).toBe(`https://acme.syncromsp.com/invoices/${id}`);
    expect(row?.xero, invoice.InvoiceNumber).toContain(invoice.InvoiceID);
  }
  const times = listed.map((row) => Date.parse(row.iso));
  expect(times).toEqual([...times].sort((a, b) => b - a)); // newest first

  // The export has exactly the listed rows; the payment's amount in decimal, in the organisation's currency.
  const all = await expectCsvMatchesList(popup);
  const amount = all.header.indexOf('Amount');
  const payment = all.records.find((record) => record[2] === 'Payment from Xero');
  expect(payment?.[amount]).toBe('100.00');
  expect(payment?.[all.header.indexOf('Currency')]).toBe('USD'); // the sandbox organisation's base currency
  expect(payment?.[all.header.indexOf('Syncro link')]).toMatch(/^https:\/\/acme\.syncromsp\.com\/invoices\/\d+$/);

  // Filtered, the list and the export shrink together.
  await panel.getByLabel('Record').fill('1004');
  await expect.poll(async () => (await listedRows(popup)).length).toBeLessThan(listed.length);
  const filtered = await expectCsvMatchesList(popup);
  expect(filtered.records.length).toBeGreaterThan(0);
  for (const record of filtered.records) expect(record.join(' ')).toMatch(/1004/);
  await panel.getByLabel('Record').fill('');
  await panel.getByLabel('Level').selectOption({ label: 'Info' });
  await expect
    .poll(async () => {
      const rows = await listedRows(popup);
      return rows.length > 0 && rows.every((row) => row.cells[1] === 'Info');
    })
    .toBe(true);
  await expectCsvMatchesList(popup);
});
