// One record at a time through the engine: edits, the seed's toggles both ways, finished POs, faults.
import { describe, expect, it } from 'vitest';
import { getLink } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { loadSettings, saveSettings } from '../../lib/storage/store.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface Org {
  tenantId: string;
  invoices: Array<{
    Type: string;
    InvoiceNumber: string;
    Total: number;
    Payments?: Array<{ Reference?: string; Amount: number }>;
  }>;
  contacts: Array<{ Name: string; ContactNumber?: string }>;
  purchaseOrders: Array<{ PurchaseOrderNumber: string; Status: string }>;
}

async function org(): Promise<Org> {
  const state = await admin().state<{ xero: { organisations: Org[] } }>();
  return state.xero.organisations[0] as Org;
}

const sales = async (number: string) =>
  (await org()).invoices.filter((invoice) => invoice.Type === 'ACCREC' && invoice.InvoiceNumber === number);

async function push(kind: 'invoice' | 'purchase_order', id: number) {
  await enqueue(kind, String(id), Date.now());
  await runUntilIdle(locks);
}

async function setSettings(change: Record<string, unknown>) {
  await saveSettings({ ...(await loadSettings()), ...change });
}

describe('invoices', () => {
  it('pushes an invoice once with the Syncro total, and an edit in Syncro updates it', {
    timeout: 60_000,
  }, async () => {
    await connectedInstall();
    await push('invoice', 48204);
    expect((await sales('1004')).map((invoice) => invoice.Total)).toEqual([440.71]);
    await admin().admin('POST', '/syncro/invoices/48204', { line_items: [{ product_id: 501, quantity: 1 }] });
    const edited = await admin().state<{
      syncro: { accounts: { acme: { invoices: Array<{ id: number; total: string }> } } };
    }>();
    const syncroTotal = Number(edited.syncro.accounts.acme.invoices.find((invoice) => invoice.id === 48204)?.total);
    expect(syncroTotal).not.toBe(440.71);
    await push('invoice', 48204);
    expect((await sales('1004')).map((invoice) => invoice.Total)).toEqual([syncroTotal]);
  });

  it('never sends a payment imported from Xero back to Xero', { timeout: 60_000 }, async () => {
    await connectedInstall();
    await admin().admin('POST', '/syncro/payments', {
      customer_id: 2004,
      invoice_id: 48204,
      amount_cents: 10_000,
      payment_method: 'Bank Transfer',
      ref_num: 'XERO-0a1b2c',
    });
    await push('invoice', 48204);
    expect((await sales('1004'))[0]?.Payments ?? []).toEqual([]);
  });

  it('with "Disable Syncing of Payments" sends no payment; unchecked, it sends it once', {
    timeout: 60_000,
  }, async () => {
    await connectedInstall({ disablePaymentSync: true });
    await push('invoice', 48205);
    expect((await sales('1005'))[0]?.Payments ?? []).toEqual([]);
    expect(await getLink('payment', 7001)).toMatchObject({ state: 'off', reason: 'Payment syncing is disabled' });
    // The customer's name belongs to another install's Xero contact: the collision rule named ours.
    expect((await org()).contacts.map((contact) => contact.Name)).toContain('Globex Corporation (2002)');

    await setSettings({ disablePaymentSync: false });
    await push('invoice', 48205);
    await push('invoice', 48205);
    const payments = (await sales('1005'))[0]?.Payments ?? [];
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ Amount: 450 });
    expect(payments[0]?.Reference).toMatch(/^SYNCRO-PAY-7001/);
  });

  it('arrives exactly once through a 500, a 429 with Retry-After and a timeout', { timeout: 90_000 }, async () => {
    await connectedInstall();
    await admin().fault([
      { target: 'xero', status: 500, pathIncludes: '/Invoices' },
      { target: 'xero', status: 429, retryAfter: 2, pathIncludes: '/Invoices' },
      { target: 'xero', hangMs: 100, pathIncludes: '/Invoices' },
    ]);
    await push('invoice', 48207);
    expect(await sales('1007')).toHaveLength(1);
    expect(await getLink('invoice', 48207)).toMatchObject({ state: 'synced' });
  });
});

describe('products', () => {
  it('"Sync all products" makes every active product an item, coded by the contract', { timeout: 60_000 }, async () => {
    await connectedInstall();
    await enqueue('products', 'all', Date.now());
    await runUntilIdle(locks);
    const state = await admin().state<{
      xero: { organisations: Array<{ items: Array<{ Code: string; Name: string }> }> };
    }>();
    const codes = (state.xero.organisations[0]?.items ?? []).map((item) => item.Code).sort();
    expect(codes).toContain('SYNCRO-P-505'); // shares its UPC with 506
    expect(codes).toContain('SYNCRO-P-506');
    expect(codes).toContain('SYNCRO-P-507'); // UPC longer than 30 characters
    expect((state.xero.organisations[0]?.items ?? []).every((item) => [...item.Name].length <= 50)).toBe(true);
    expect(codes.length).toBeGreaterThanOrEqual(8);
  });
});

describe('purchase orders', () => {
  it('with "Disable Purchase Order Syncing" sends nothing and says OFF; unchecked, a finished PO becomes one bill', {
    timeout: 60_000,
  }, async () => {
    await connectedInstall({ disablePurchaseOrderSync: true });
    await push('purchase_order', 903);
    expect((await org()).purchaseOrders).toEqual([]);
    expect(await getLink('purchase_order', 903)).toMatchObject({ state: 'off' });

    await setSettings({ disablePurchaseOrderSync: false });
    await push('purchase_order', 903);
    await admin().admin('POST', '/syncro/purchase_orders/903/finish'); // touched again in Syncro
    await push('purchase_order', 903);
    const state = await org();
    expect(
      state.invoices.filter((invoice) => invoice.Type === 'ACCPAY' && invoice.InvoiceNumber === 'PO-1003'),
    ).toHaveLength(1);
    expect(state.purchaseOrders.find((po) => po.PurchaseOrderNumber === 'PO-1003')?.Status).toBe('BILLED');
  });

  it('an open PO becomes a Xero purchase order and no bill', { timeout: 60_000 }, async () => {
    await connectedInstall();
    await push('purchase_order', 901);
    const state = await org();
    expect(state.purchaseOrders.map((po) => [po.PurchaseOrderNumber, po.Status])).toEqual([['PO-1001', 'AUTHORISED']]);
    expect(state.invoices.filter((invoice) => invoice.Type === 'ACCPAY')).toEqual([]);
  });
});
