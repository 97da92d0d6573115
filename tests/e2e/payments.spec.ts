// Payment import from Xero in real Chromium: the poll applies exact and partial matches once, lists a tie for
// a person, polls again without repeating; two installs polling together import each payment once; nothing
// travels back and forth; the alarm follows the settings across worker restarts; Xero contacts come in.
import type { Page } from '@playwright/test';
import type { SandboxClient } from '../sandbox/client.ts';
import { expect, launchWithExtension, test } from './fixtures.ts';
import { connectBoth, showTab, syncNow } from './popup-steps.ts';
import { alarmPeriod, currentWorker, killWorker } from './worker-steps.ts';

interface SyncroPayment {
  id: number;
  ref_num?: string | null;
  payment_amount: number | string;
  invoice_ids?: number[];
}
interface XeroOrg {
  invoices: Array<{ InvoiceID: string; InvoiceNumber: string; Payments?: Array<{ Reference?: string }> }>;
  contacts: Array<{ ContactID: string; ContactNumber?: string; Name: string }>;
}

const cents = (amount: number | string | undefined) => Math.round(Number(amount) * 100);

async function syncroPayments(admin: SandboxClient, subdomain = 'acme'): Promise<SyncroPayment[]> {
  return (await admin.admin<{ payments: SyncroPayment[] }>('GET', `/syncro/payments?subdomain=${subdomain}`)).payments;
}

async function balanceOf(admin: SandboxClient, id: number): Promise<number> {
  const state = await admin.state<{
    syncro: { accounts: { acme: { invoices: Array<{ id: number; balance_due?: string }> } } };
  }>();
  return cents(state.syncro.accounts.acme.invoices.find((invoice) => invoice.id === id)?.balance_due);
}

async function org(admin: SandboxClient): Promise<XeroOrg> {
  return (await admin.state<{ xero: { organisations: XeroOrg[] } }>()).xero.organisations[0] as XeroOrg;
}

async function enableImport(popup: Page, options: { disablePayments?: boolean; hours?: number } = {}) {
  await popup.bringToFront();
  await showTab(popup, 'Settings');
  await popup.getByLabel('Attempt to Import Payments from Xero').check();
  if (options.disablePayments) await popup.getByLabel('Disable Syncing of Payments').check();
  await popup.getByLabel('Payment method for imported payments').selectOption('Bank Transfer');
  if (options.hours) await popup.getByLabel('Poll for payments every (hours)').fill(String(options.hours));
  await popup.getByRole('button', { name: 'Save Xero Settings' }).click();
  await expect(popup.getByText('Settings saved')).toBeVisible();
  await showTab(popup, 'Status');
}

/** "Poll payments now", then waits until that poll has read Xero and finished. */
async function pollNow(popup: Page, admin: SandboxClient) {
  const reads = async () =>
    (await admin.requests({ host: 'api.xero.com' })).filter((request) => request.path.endsWith('/Payments')).length;
  const before = await reads();
  await popup.bringToFront();
  await showTab(popup, 'Status');
  await popup.getByRole('button', { name: 'Poll payments now' }).click();
  await expect(popup.getByText('Polling Xero for payments now.')).toBeVisible();
  await expect.poll(reads, { timeout: 30_000 }).toBeGreaterThan(before);
  await expect(popup.locator('dt:text-is("Pending") + dd')).toHaveText('0', { timeout: 30_000 });
}

test('the poll applies an exact and a partial match once, lists a tie for a person, and repeats nothing', async ({
  admin,
  popup,
}) => {
  test.setTimeout(180_000);
  await connectBoth(popup);
  await enableImport(popup);
  await syncNow(popup);
  const before = await syncroPayments(admin);

  const linked = (await org(admin)).invoices.find((invoice) => invoice.InvoiceNumber === '1004');
  const partial = await admin.admin<{ PaymentID: string }>('POST', '/xero/payments', {
    invoiceId: linked?.InvoiceID,
    amountCents: 10_000,
  });
  const exact = await admin.xeroPaidInvoice('SYNCRO-C-2010', await balanceOf(admin, 48207), 'EXT-1007');
  const tie = await admin.xeroPaidInvoice('SYNCRO-C-2007', await balanceOf(admin, 48208), 'EXT-TWIN');

  await pollNow(popup, admin);
  const created = (await syncroPayments(admin)).filter((payment) => !before.some((old) => old.id === payment.id));
  expect(created.map((payment) => [payment.ref_num, payment.invoice_ids]).sort()).toEqual(
    [
      [`XERO-${partial.PaymentID}`, [48204]],
      [`XERO-${exact.PaymentID}`, [48207]],
    ].sort(),
  );
  await showTab(popup, 'Reconcile');
  await expect(popup.getByRole('tab', { name: 'Reconcile 1' })).toBeVisible(); // the count waiting, in its label
  const entry = popup.locator(`[data-xero-payment-id="${tie.PaymentID}"]`);
  await expect(entry).toContainText('The amount matches several open invoices: choose one');
  await expect(popup.getByRole('list', { name: 'Payments to reconcile' }).getByRole('listitem')).toHaveCount(1);

  await pollNow(popup, admin);
  expect((await syncroPayments(admin)).length).toBe(before.length + 2);

  // "Preview import" tells what a poll would do now, and writes nothing.
  const writes = async () => (await admin.requests({})).filter((request) => request.method !== 'GET').length;
  const writesBefore = await writes();
  await showTab(popup, 'Reconcile');
  await popup.getByLabel('Days back').fill('7');
  await popup.getByRole('button', { name: 'Preview import' }).click();
  const preview = popup.getByRole('table');
  await expect(preview.locator(`[data-xero-payment-id="${tie.PaymentID}"]`)).toContainText('Would list');
  await expect(preview.locator(`[data-xero-payment-id="${partial.PaymentID}"]`)).toContainText('Already in Syncro');
  expect(await writes()).toBe(writesBefore);

  // The person decides: the tie goes to invoice 48209.
  await entry.getByLabel('Syncro invoice id').selectOption('48209');
  await entry.getByRole('button', { name: 'Apply to invoice…' }).click();
  await expect(popup.getByText('Nothing to reconcile')).toBeVisible();
  const applied = (await syncroPayments(admin)).find((payment) => payment.ref_num === `XERO-${tie.PaymentID}`);
  expect(applied?.invoice_ids).toEqual([48209]);
  expect(await admin.violations()).toEqual([]);
});

test('a worker killed in the middle of a poll resumes it without losing or repeating a payment', async ({
  admin,
  context,
  popup,
}) => {
  test.setTimeout(240_000);
  await connectBoth(popup);
  await enableImport(popup);
  await syncNow(popup);
  const linked = (await org(admin)).invoices.find((invoice) => invoice.InvoiceNumber === '1004');
  const ids: string[] = [];
  for (let i = 0; i < 40; i++) {
    const payment = await admin.admin<{ PaymentID: string }>('POST', '/xero/payments', {
      invoiceId: linked?.InvoiceID,
      amountCents: 100,
    });
    ids.push(payment.PaymentID);
  }
  const imported = async () =>
    (await syncroPayments(admin)).filter((payment) => ids.some((id) => payment.ref_num === `XERO-${id}`));
  await popup.getByRole('button', { name: 'Poll payments now' }).click();
  // Some are in Syncro, not all: kill the worker there.
  await expect.poll(async () => (await imported()).length, { timeout: 60_000, intervals: [100] }).toBeGreaterThan(3);
  expect(await killWorker(context)).toBe(true);
  expect((await imported()).length).toBeLessThan(ids.length);

  // The popup's status requests wake a new worker; the poll job resumes from its last finished page.
  await popup.reload();
  await expect.poll(async () => (await imported()).length, { timeout: 120_000 }).toBe(ids.length);
  await expect(popup.locator('dt:text-is("Pending") + dd')).toHaveText('0', { timeout: 60_000 });
  const refs = (await imported()).map((payment) => payment.ref_num);
  expect(new Set(refs).size).toBe(ids.length);
  expect(await admin.violations()).toEqual([]);
});

test('two installs polling the same organisation at once import each payment exactly once', async ({
  admin,
  sandbox,
  popup,
}) => {
  test.setTimeout(180_000);
  await connectBoth(popup);
  await enableImport(popup);
  await syncNow(popup);
  const otherContext = await launchWithExtension(sandbox);
  try {
    const otherWorker = otherContext.serviceWorkers()[0] ?? (await otherContext.waitForEvent('serviceworker'));
    const other = await otherContext.newPage();
    await other.goto(`chrome-extension://${new URL(otherWorker.url()).host}/popup.html`);
    await connectBoth(other);
    await enableImport(other);
    const before = await syncroPayments(admin);

    const linked = (await org(admin)).invoices.find((invoice) => invoice.InvoiceNumber === '1004');
    const payments = [
      await admin.admin<{ PaymentID: string }>('POST', '/xero/payments', {
        invoiceId: linked?.InvoiceID,
        amountCents: 5_000,
      }),
      await admin.xeroPaidInvoice('SYNCRO-C-2010', await balanceOf(admin, 48207), 'EXT-1007'),
    ];
    // Both at once: each install claims in Xero before creating anything in Syncro.
    await Promise.all([
      other.getByRole('button', { name: 'Poll payments now' }).click(),
      popup.getByRole('button', { name: 'Poll payments now' }).click(),
    ]);
    await expect
      .poll(async () => (await syncroPayments(admin)).length - before.length, { timeout: 60_000 })
      .toBe(payments.length);
    // Let both finish (the loser looks for the winner's payment), then nothing more may appear.
    await expect(other.locator('dt:text-is("Pending") + dd')).toHaveText('0', { timeout: 60_000 });
    await expect(popup.locator('dt:text-is("Pending") + dd')).toHaveText('0', { timeout: 60_000 });
    const refs = (await syncroPayments(admin)).map((payment) => payment.ref_num);
    for (const payment of payments) expect(refs.filter((ref) => ref === `XERO-${payment.PaymentID}`)).toHaveLength(1);
    // Both installs wanted them: each wrote its claims to the invoices' history in Xero.
    const claims = (await admin.requests({ host: 'api.xero.com' })).filter(
      (request) => request.method === 'PUT' && request.path.endsWith('/History'),
    );
    expect(new Set(claims.map((request) => request.headers.authorization)).size).toBe(2);
  } finally {
    await otherContext.close();
  }
});

test('with payment syncing disabled and import on, no payment travels back and forth', async ({ admin, popup }) => {
  test.setTimeout(120_000);
  await connectBoth(popup);
  await enableImport(popup, { disablePayments: true });
  await syncNow(popup);
  const linked = (await org(admin)).invoices.find((invoice) => invoice.InvoiceNumber === '1004');
  const payment = await admin.admin<{ PaymentID: string }>('POST', '/xero/payments', {
    invoiceId: linked?.InvoiceID,
    amountCents: 2_500,
  });
  await pollNow(popup, admin);
  const imported = (await syncroPayments(admin)).filter(
    (candidate) => candidate.ref_num === `XERO-${payment.PaymentID}`,
  );
  expect(imported).toHaveLength(1);

  await syncNow(popup);
  await pollNow(popup, admin);
  const invoice = (await org(admin)).invoices.find((candidate) => candidate.InvoiceNumber === '1004');
  expect((invoice?.Payments ?? []).filter((candidate) => candidate.Reference?.startsWith('SYNCRO-PAY-'))).toEqual([]);
  expect((await syncroPayments(admin)).filter((candidate) => candidate.ref_num?.startsWith('XERO-'))).toHaveLength(1);
});

test('the poll alarm has the chosen period, survives a worker restart, and goes when import is off', async ({
  context,
  popup,
}) => {
  test.setTimeout(90_000);
  await connectBoth(popup);
  expect(await alarmPeriod(context, 'payment-poll')).toBeUndefined();
  await enableImport(popup, { hours: 2 });
  expect(await alarmPeriod(context, 'payment-poll')).toBe(120);

  expect(await killWorker(context)).toBe(true);
  await popup.reload(); // the popup's status request wakes a new worker
  await expect(popup.getByText('Connected to Xero')).toBeVisible();
  await expect.poll(() => alarmPeriod(context, 'payment-poll')).toBe(120);

  await showTab(popup, 'Settings');
  await popup.getByLabel('Attempt to Import Payments from Xero').uncheck();
  await popup.getByRole('button', { name: 'Save Xero Settings' }).click();
  await expect(popup.getByText('Settings saved')).toBeVisible();
  await expect.poll(() => alarmPeriod(context, 'payment-poll')).toBeUndefined();
});

test('Xero contacts missing in Syncro are previewed, imported and linked', async ({ admin, popup }) => {
  test.setTimeout(90_000);
  await connectBoth(popup);
  await admin.admin('POST', '/xero/invoices', {
    Type: 'ACCREC',
    Contact: { Name: 'Fresh Dental Studio' },
    Status: 'AUTHORISED',
    LineItems: [{ Description: 'Work', Quantity: 1, UnitAmount: 10, AccountCode: '200' }],
  });
  await showTab(popup, 'Settings');
  await popup.getByRole('button', { name: 'Preview Xero contacts to import' }).click();
  const candidate = popup.getByRole('checkbox', { name: /Fresh Dental Studio — customer, new in Syncro/ });
  await expect(candidate).toBeChecked();
  await popup.getByRole('button', { name: /^Import \d+ contacts?$/ }).click();
  await expect(popup.getByText(/Created \d+ and linked \d+ in Syncro\./)).toBeVisible();
  const state = await admin.state<{
    syncro: { accounts: { acme: { customers: Array<{ id: number; businessName: string | null }> } } };
  }>();
  const customer = state.syncro.accounts.acme.customers.find((found) => found.businessName === 'Fresh Dental Studio');
  const contact = (await org(admin)).contacts.find((found) => found.Name === 'Fresh Dental Studio');
  expect(contact?.ContactNumber).toBe(`SYNCRO-C-${customer?.id}`);
});

/** A second Syncro account, beta, whose invoice ids 48201–48204 are acme's too, for other customers and numbers. */
async function betaAccount(admin: SandboxClient) {
  await admin.admin('POST', '/syncro/tokens', { subdomain: 'beta', token: 'beta-token' });
  for (const name of ['Beta One Ltd', 'Beta Two Ltd']) {
    await admin.admin('POST', '/syncro/customers', { subdomain: 'beta', business_name: name });
  }
  const ids: number[] = [];
  for (let i = 1; i <= 4; i++) {
    const { invoice } = await admin.admin<{ invoice: { id: number } }>('POST', '/syncro/invoices', {
      subdomain: 'beta',
      customer_id: 2002,
      number: `B-${i}`,
      line_items: [{ item: 'Labour', name: 'Remote support', price: '400.00', quantity: 1 }],
    });
    ids.push(invoice.id);
  }
  return ids;
}

async function registeredMatches(popup: Page) {
  const worker = await currentWorker(popup.context());
  return worker.evaluate(async () => {
    type Scripting = { getRegisteredContentScripts(): Promise<Array<{ matches?: string[] }>> };
    const { chrome } = globalThis as unknown as { chrome: { scripting: Scripting } };
    return (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []);
  });
}

test("switching the Syncro account asks first, and no payment on the old account's invoice reaches the new one", async ({
  admin,
  popup,
}) => {
  test.setTimeout(180_000);
  await connectBoth(popup);
  await enableImport(popup);
  await syncNow(popup);
  const acme1004 = (await org(admin)).invoices.find((invoice) => invoice.InvoiceNumber === '1004'); // id 48204
  expect(await betaAccount(admin)).toContain(48204);

  await popup.getByLabel('Syncro subdomain').fill('beta');
  await popup.getByLabel('Syncro API token').fill('beta-token');
  await popup.getByRole('button', { name: 'Save Syncro connection' }).click();
  const question = popup.getByRole('group', { name: 'Another Syncro account' });
  await expect(question).toContainText('acme.syncromsp.com with Acme MSP Ltd');
  await expect(question).toContainText('beta.syncromsp.com with Acme MSP Ltd');
  expect(await registeredMatches(popup)).toEqual(['https://acme.syncromsp.com/*']); // nothing changed yet
  await popup.getByRole('button', { name: 'Switch to beta.syncromsp.com with Acme MSP Ltd' }).click();
  await expect(popup.getByText('(beta.syncromsp.com)')).toBeVisible();
  await expect.poll(() => registeredMatches(popup)).toEqual(['https://beta.syncromsp.com/*']);

  // beta's invoices go to Xero under beta's own links; then each account's invoice 48204 gets a Xero payment.
  await syncNow(popup);
  const betaB4 = (await org(admin)).invoices.find((invoice) => invoice.InvoiceNumber === 'B-4');
  const pay = (invoiceId: string | undefined) =>
    admin.admin<{ PaymentID: string }>('POST', '/xero/payments', { invoiceId, amountCents: 100 });
  const onAcme = await pay(acme1004?.InvoiceID);
  const onBeta = await pay(betaB4?.InvoiceID);
  await pollNow(popup, admin);

  const refs = (payments: SyncroPayment[]) => payments.map((payment) => payment.ref_num);
  await expect.poll(async () => refs(await syncroPayments(admin, 'beta'))).toContain(`XERO-${onBeta.PaymentID}`);
  expect(refs(await syncroPayments(admin, 'beta'))).not.toContain(`XERO-${onAcme.PaymentID}`);
  expect(refs(await syncroPayments(admin, 'acme'))).not.toContain(`XERO-${onAcme.PaymentID}`); // not acme's turn
});
