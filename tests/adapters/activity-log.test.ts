// The Activity verb over the stored audit log: newest first, filtered by record, level and dates, each entry with
// its record linked in Syncro (invoice and PO pages; an imported payment's invoice) and in Xero (the link's URL),
// an imported payment's amount in its currency; another pair's log is never shown.
import { describe, expect, it } from 'vitest';
import { putImport } from '../../lib/payments/imports.ts';
import { audit } from '../../lib/storage/audit.ts';
import { putLink } from '../../lib/storage/links.ts';
import { saveSyncro } from '../../lib/storage/store.ts';
import { connectedInstall, testPopup, useSandbox } from './harness.ts';

useSandbox();
const popup = testPopup();
const t0 = Date.now(); // entries inside the 30 days kept; every time below is relative to it
const minute = 60_000;
const invoiceUrl = 'https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=inv-1';

async function seedLog() {
  await connectedInstall();
  await putLink({ kind: 'invoice', syncroId: 48204, xeroId: 'inv-1', state: 'synced', xeroUrl: invoiceUrl }, t0);
  await putImport({
    paymentId: 'pay-1',
    state: 'applied',
    amountCents: 12_345,
    date: new Date(t0 - 28 * 86_400_000).toISOString().slice(0, 10),
    customerName: 'Bayside Dental',
    currency: 'NZD',
    invoiceId: 48204,
    attempts: 0,
    updatedAt: t0,
  });
  await audit('invoice:48204', 'info', 'Pushed invoice 1004 to Xero', t0 - 3 * minute);
  await audit('purchase_order:7', 'error', 'Xero said: the contact is archived', t0 - 2 * minute);
  await audit('payment-import:pay-1', 'info', 'Imported to Syncro invoice 48204', t0 - minute);
  await audit('sync-all:all', 'warn', 'Will retry: Syncro is busy', t0);
}

const list = (filter: Record<string, unknown> = {}) => popup['activity.list']({ type: 'activity.list', ...filter });

describe('activity.list', () => {
  it('lists the log newest first, each record linked on both sides where known', async () => {
    await seedLog();
    const answer = await list();
    if (!answer.ok) throw new Error(answer.error);
    expect(answer.truncated).toBe(false);
    expect(answer.rows.map(({ id: _, ...row }) => row)).toEqual([
      { at: t0, level: 'warn', record: 'Full sync', message: 'Will retry: Syncro is busy' },
      {
        at: t0 - minute,
        level: 'info',
        record: 'Payment from Xero',
        message: 'Imported to Syncro invoice 48204',
        amountCents: 12_345,
        currency: 'NZD',
        syncroUrl: 'https://acme.syncromsp.com/invoices/48204',
        xeroUrl: invoiceUrl,
      },
      {
        at: t0 - 2 * minute,
        level: 'error',
        record: 'Purchase order, Syncro id 7',
        message: 'Xero said: the contact is archived',
        syncroUrl: 'https://acme.syncromsp.com/purchase_orders/7',
      },
      {
        at: t0 - 3 * minute,
        level: 'info',
        record: 'Invoice, Syncro id 48204',
        message: 'Pushed invoice 1004 to Xero',
        syncroUrl: 'https://acme.syncromsp.com/invoices/48204',
        xeroUrl: invoiceUrl,
      },
    ]);
  });

  it('filters by record text, level and an inclusive date range', async () => {
    await seedLog();
    const messages = async (filter: Record<string, unknown>) => {
      const answer = await list(filter);
      return answer.ok ? answer.rows.map((row) => row.message) : [answer.error];
    };
    expect(await messages({ record: '1004' })).toEqual(['Pushed invoice 1004 to Xero']);
    expect(await messages({ record: 'purchase ORDER' })).toEqual(['Xero said: the contact is archived']);
    expect(await messages({ level: 'error' })).toEqual(['Xero said: the contact is archived']);
    expect(await messages({ from: t0 - 2 * minute, to: t0 - minute })).toEqual([
      'Imported to Syncro invoice 48204',
      'Xero said: the contact is archived',
    ]);
    expect(await messages({ from: t0, to: t0 - minute })).toEqual([]);
  });

  it("shows no other pair's log: another Syncro account starts with an empty one", async () => {
    await seedLog();
    await saveSyncro({ subdomain: 'beta', token: 'beta-token' });
    expect(await list()).toEqual({ ok: true, rows: [], truncated: false });
  });
});
