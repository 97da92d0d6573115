// What Xero accepts, through the shipped engine and popup verbs: a payment account without a code, credit and
// zero-quantity lines, items the organisation already had (tracked ones too), and settings Xero would defeat.
import { describe, expect, it } from 'vitest';
import { draftWithPaymentsError } from '../../lib/settings.ts';
import { getLink } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { loadSettings, saveSettings } from '../../lib/storage/store.ts';
import { xeroCall } from '../../lib/xero/client.ts';
import { xeroAccounts, xeroIgnored } from '../../lib/xero/wire.ts';
import { accountIdFor, contactIdFor, uncodedBankAccountIdFor } from '../sandbox/xero/index.ts';
import { connectedInstall, processLocks, runUntilIdle, testPopup, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

const popup = testPopup(); // these tests start connected: the sign-in window is not used

interface XeroLine {
  Description: string;
  Quantity: number;
  UnitAmount: number;
  ItemCode?: string;
  LineAmount: number;
}
interface Org {
  items: Array<{
    ItemID: string;
    Code: string;
    Name: string;
    IsTrackedAsInventory: boolean;
    SalesDetails?: { UnitPrice?: number; AccountCode?: string };
    PurchaseDetails?: { UnitPrice?: number; AccountCode?: string; COGSAccountCode?: string };
  }>;
  invoices: Array<{ Type: string; InvoiceNumber: string; Total: number; LineItems: XeroLine[] }>;
  payments: Array<{ Reference?: string; Amount: number; Account: { AccountID: string; Code?: string } }>;
}

async function org(): Promise<Org> {
  const state = await admin().state<{ xero: { organisations: Org[] } }>();
  return state.xero.organisations[0] as Org;
}

async function push(id: number) {
  await enqueue('invoice', String(id), Date.now());
  await runUntilIdle(locks);
}

/** A Syncro invoice of customer 2004 with these lines; its id, number and Syncro total. */
async function syncroInvoice(lines: Array<Record<string, unknown>>) {
  const { invoice } = await admin().admin<{ invoice: { id: number; number: string; total: string } }>(
    'POST',
    '/syncro/invoices',
    { customer_id: 2004, line_items: lines },
  );
  return invoice;
}

describe('payment accounts', () => {
  it('are offered exactly when Xero takes a payment into them: BANK ones, and others with payments enabled', {
    timeout: 60_000,
  }, async () => {
    await connectedInstall();
    const answer = await popup.choices({ type: 'choices' });
    if (!answer.ok) throw new Error(answer.error);
    const offered = new Set(answer.choices.paymentAccounts.map((account) => account.id));
    const { Accounts } = await xeroCall({ method: 'GET', path: '/Accounts' }, xeroAccounts);
    const invoice = await admin().xeroInvoice<{ InvoiceID: string }>({
      Type: 'ACCREC',
      Contact: { ContactID: contactIdFor(1, 1) },
      InvoiceNumber: 'PAY-ACCOUNTS',
      Status: 'AUTHORISED',
      LineAmountTypes: 'NoTax',
      LineItems: [{ Description: 'Room for a payment per account', Quantity: 1, UnitAmount: 1000, AccountCode: '200' }],
    });
    const takes = async (accountId: string) => {
      try {
        await xeroCall(
          {
            method: 'PUT',
            path: '/Payments',
            body: {
              Payments: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Account: { AccountID: accountId }, Amount: 1 }],
            },
          },
          xeroIgnored,
        );
        return true;
      } catch (error) {
        expect(String(error)).toMatch(/Account type is invalid for making a payment/);
        return false;
      }
    };
    const verdicts = [];
    for (const account of Accounts) {
      verdicts.push({
        name: account.Name,
        offered: offered.has(account.AccountID),
        takes: await takes(account.AccountID),
      });
    }
    for (const verdict of verdicts) expect(verdict.offered, verdict.name).toBe(verdict.takes);
    // Both halves of Xero's rule are in the seed: a BANK account without the flag (the uncoded one among them),
    // and a non-bank account with it.
    const takers = verdicts.filter((verdict) => verdict.takes).map((verdict) => verdict.name);
    expect(takers).toEqual(
      expect.arrayContaining(['Business Savings Account', 'Everyday Account', 'Card Payments Clearing']),
    );
    expect(verdicts.some((verdict) => !verdict.takes)).toBe(true);
  });
});

describe('a bank account without a code', () => {
  it('is offered by name, can be chosen, and payments reach Xero through it', { timeout: 60_000 }, async () => {
    await connectedInstall();
    const answer = await popup.choices({ type: 'choices' });
    if (!answer.ok) throw new Error(answer.error);
    const uncoded = answer.choices.paymentAccounts.find((account) => account.id === uncodedBankAccountIdFor(1));
    expect(uncoded).toEqual({ id: uncodedBankAccountIdFor(1), name: 'Everyday Account' });

    const saved = await popup['settings.save']({
      type: 'settings.save',
      settings: { ...(await loadSettings()), paymentAccountId: uncodedBankAccountIdFor(1) },
    });
    expect(saved).toMatchObject({ ok: true });
    await push(48205); // 1005, paid in full in Syncro (payment 7001)
    expect(await getLink('invoice', 48205)).toMatchObject({ state: 'synced' });
    const payment = (await org()).payments.find((candidate) => candidate.Reference?.startsWith('SYNCRO-PAY-7001'));
    expect(payment?.Account.AccountID).toBe(uncodedBankAccountIdFor(1));
  });

  it('settings saved with the account code still work, and become the AccountID once choices load', {
    timeout: 60_000,
  }, async () => {
    await connectedInstall();
    const { paymentAccountId: _id, ...earlier } = await loadSettings();
    await saveSettings({ ...earlier, paymentAccountId: '', paymentAccountCode: '090' });
    await push(48205);
    const payment = (await org()).payments.find((candidate) => candidate.Reference?.startsWith('SYNCRO-PAY-7001'));
    expect(payment?.Account).toMatchObject({ AccountID: accountIdFor(1, '090'), Code: '090' });

    expect(await popup.choices({ type: 'choices' })).toMatchObject({ ok: true });
    const upgraded = await loadSettings();
    expect(upgraded.paymentAccountId).toBe(accountIdFor(1, '090'));
    expect(upgraded).not.toHaveProperty('paymentAccountCode');
  });
});

describe('settings Xero would defeat', () => {
  it('refuses DRAFT invoices while payments are synced, with the reason beside the field', async () => {
    await connectedInstall();
    const before = await loadSettings();
    const draft = await popup['settings.save']({
      type: 'settings.save',
      settings: { ...before, invoiceStatus: 'DRAFT' },
    });
    expect(draft).toMatchObject({ ok: false, errors: { invoiceStatus: draftWithPaymentsError } });
    expect((await loadSettings()).invoiceStatus).toBe('AUTHORISED');

    const withoutPayments = { ...before, invoiceStatus: 'DRAFT' as const, disablePaymentSync: true };
    expect(
      await popup['settings.save']({
        type: 'settings.save',
        settings: withoutPayments,
      }),
    ).toMatchObject({ ok: true });
    expect((await loadSettings()).invoiceStatus).toBe('DRAFT');
  });

  it('sends purchase order lines with the chosen purchase tax rate', { timeout: 60_000 }, async () => {
    await connectedInstall();
    const settings = await loadSettings();
    expect(
      await popup['settings.save']({
        type: 'settings.save',
        settings: { ...settings, purchaseTaxType: 'INPUT' },
      }),
    ).toMatchObject({
      ok: true,
    });
    await enqueue('purchase_order', '901', Date.now()); // Open: 5 access points, 20 cables, shipping
    await runUntilIdle(locks);
    expect(await getLink('purchase_order', 901)).toMatchObject({ state: 'synced' });
    const after = await admin().state<{
      xero: { organisations: Array<{ purchaseOrders: Array<{ LineItems: Array<{ TaxType: string }> }> }> };
    }>();
    const lines = after.xero.organisations[0]?.purchaseOrders.flatMap((order) => order.LineItems) ?? [];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.TaxType === 'INPUT')).toBe(true);
  });
});

describe('credit and zero-quantity lines', () => {
  it('reach Xero in a form it takes, with the Syncro total to the cent', { timeout: 60_000 }, async () => {
    await connectedInstall();
    const invoice = await syncroInvoice([
      { product_id: 501, quantity: 2 },
      { product_id: 508, quantity: -1, name: 'Returned cable' },
      { product_id: 504, quantity: 0, name: 'Access point (not fitted)' },
      { item: 'Credit', name: 'Goodwill credit', price: '-15.25', quantity: 1, taxable: false },
    ]);
    await push(invoice.id);
    expect(await getLink('invoice', invoice.id)).toMatchObject({ state: 'synced' });
    const [sent] = (await org()).invoices.filter((candidate) => candidate.InvoiceNumber === invoice.number);
    expect(sent?.Total).toBe(Number(invoice.total));
    expect(sent?.LineItems.map(({ Description, Quantity, UnitAmount }) => [Description, Quantity, UnitAmount])).toEqual(
      [
        ['Onsite technician, per hour', 2, 150],
        ['Returned cable', 1, -12.5],
        ['Access point (not fitted)', 1, 0],
        ['Goodwill credit', 1, -15.25],
      ],
    );
  });
});

describe('items the organisation already had', () => {
  it('are linked as they are, never overwritten; our own tracked item is updated without its purchase account', {
    timeout: 60_000,
  }, async () => {
    await connectedInstall();
    // The MSP's own access point, under its UPC, tracked as inventory; and a SYNCRO-P- item (ours by its code)
    // that someone has since turned into a tracked one.
    await xeroCall(
      {
        method: 'PUT',
        path: '/Items',
        body: {
          Items: [
            {
              Code: '817882028557',
              Name: 'AP stock (our own)',
              InventoryAssetAccountCode: '630',
              SalesDetails: { UnitPrice: 150, AccountCode: '260' },
              PurchaseDetails: { UnitPrice: 90, COGSAccountCode: '310' },
            },
            {
              Code: 'SYNCRO-P-501',
              Name: 'Onsite (old name)',
              InventoryAssetAccountCode: '630',
              PurchaseDetails: { UnitPrice: 0, COGSAccountCode: '310' },
            },
          ],
        },
      },
      xeroIgnored,
    );
    const before = (await org()).items;
    await push(48204); // 1004: 2 × Labor - Onsite (501) and the access point (504, UPC 817882028557)
    expect(await getLink('invoice', 48204)).toMatchObject({ state: 'synced' });

    const items = (await org()).items;
    const theirs = items.find((item) => item.Code === '817882028557');
    expect(theirs).toEqual(before.find((item) => item.Code === '817882028557'));
    expect(await getLink('product', 504)).toMatchObject({ xeroId: theirs?.ItemID, createdItem: false });
    const ours = items.find((item) => item.Code === 'SYNCRO-P-501');
    expect(ours).toMatchObject({ Name: 'Labor - Onsite', IsTrackedAsInventory: true });
    expect(ours?.PurchaseDetails).toEqual({ UnitPrice: 0, COGSAccountCode: '310' });
    const [sent] = (await org()).invoices.filter((candidate) => candidate.InvoiceNumber === '1004');
    expect(sent?.LineItems.map((line) => line.ItemCode)).toEqual(['SYNCRO-P-501', '817882028557']);

    // A settings change that would rewrite our items leaves theirs as it was.
    await saveSettings({ ...(await loadSettings()), salesAccountCode: '260' });
    await push(48213); // 1013: two access points
    expect((await org()).items.find((item) => item.Code === '817882028557')).toEqual(theirs);
  });

  it('are created when missing, and only those we created are written again', { timeout: 60_000 }, async () => {
    await connectedInstall();
    await push(48204);
    expect(await getLink('product', 504)).toMatchObject({ createdItem: true });
    const created = (await org()).items.find((item) => item.Code === '817882028557');
    expect(created).toMatchObject({ Name: 'UniFi U6-Lite Access Point', SalesDetails: { AccountCode: '200' } });

    await saveSettings({ ...(await loadSettings()), salesAccountCode: '260' });
    await push(48213); // 1013: two access points
    const rewritten = (await org()).items.find((item) => item.Code === '817882028557');
    expect(rewritten).toMatchObject({ ItemID: created?.ItemID, SalesDetails: { AccountCode: '260' } });
  });
});
