// The outbound engine in Node against the seeded sandbox: what a full sync leaves in Xero, and that a
// second one writes nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { getLink } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { runOutbox } from '../../lib/sync/runner.ts';
import { connectedInstall, processLocks, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();
const tenantId = 'a0000000-0001-4000-8000-000000000001';

interface XeroState {
  organisations: Array<{
    tenantId: string;
    invoices: Array<{ Type: string; InvoiceNumber: string; Total: number; Payments?: unknown[] }>;
    contacts: Array<{ Name: string; ContactNumber?: string }>;
    items: Array<{ Code: string }>;
    purchaseOrders: Array<{ PurchaseOrderNumber: string; Status: string }>;
  }>;
}

async function xeroState() {
  const state = await admin().state<{ xero: XeroState }>();
  const org = state.xero.organisations.find((candidate) => candidate.tenantId === tenantId);
  if (!org) throw new Error('no org');
  return org;
}

const xeroWrites = async () =>
  (await admin().requests({ host: 'api.xero.com' })).filter((request) => request.method !== 'GET');

beforeEach(() => connectedInstall());

describe('a full sync', () => {
  it('leaves exactly the expected records in Xero, then a second sync writes nothing', {
    timeout: 240_000,
  }, async () => {
    await enqueue('sync-all', 'all', Date.now());
    const first = await runOutbox(Date.now, locks);
    expect(first.stoppedBecause).toBeUndefined();
    const org = await xeroState();
    const sales = org.invoices.filter((invoice) => invoice.Type === 'ACCREC').map((invoice) => invoice.InvoiceNumber);
    expect(sales).toHaveLength(28);
    expect(new Set(sales).size).toBe(28);
    expect(sales).not.toContain('1001');
    expect(sales).not.toContain('1003');
    expect(await getLink('invoice', 48201)).toMatchObject({
      state: 'skipped',
      reason: '$0 invoice — syncs once marked paid',
    });
    expect(await getLink('invoice', 48203)).toMatchObject({
      state: 'skipped',
      reason: 'Refund — create it manually in both Syncro and Xero',
    });
    expect(org.contacts.find((contact) => contact.Name === 'Northwind Traders')?.ContactNumber).toBe('SYNCRO-C-2003');
    expect(org.contacts.filter((contact) => contact.Name.startsWith('Smith & Co'))).toHaveLength(2);
    // Every active customer and every vendor is a contact, each exactly once, whether or not it has invoices.
    const numbers = org.contacts.flatMap((contact) => (contact.ContactNumber ? [contact.ContactNumber] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
    const syncro = await admin().state<{
      syncro: {
        accounts: { acme: { customers: Array<{ id: number; disabled: boolean }>; vendors: Array<{ id: number }> } };
      };
    }>();
    const { customers, vendors } = syncro.syncro.accounts.acme;
    for (const customer of customers.filter((candidate) => !candidate.disabled)) {
      expect(numbers).toContain(`SYNCRO-C-${customer.id}`);
    }
    for (const vendor of vendors) expect(numbers).toContain(`SYNCRO-V-${vendor.id}`);
    expect(org.invoices.filter((invoice) => invoice.Type === 'ACCPAY').map((bill) => bill.InvoiceNumber)).toEqual([
      'PO-1003',
    ]);
    expect(org.purchaseOrders.find((po) => po.PurchaseOrderNumber === 'PO-1003')?.Status).toBe('BILLED');
    expect(await admin().violations()).toEqual([]);
    // Batched: 28 invoices, 12 contacts, 8 items, 4 payments and 5 POs in a few dozen calls, not hundreds.
    const calls = await admin().requests({ host: 'api.xero.com' });
    expect(calls.length).toBeLessThanOrEqual(40);

    await admin().admin('DELETE', '/requests');
    await enqueue('sync-all', 'all', Date.now());
    await runOutbox(Date.now, locks);
    expect(await xeroWrites()).toEqual([]);
  });
});
