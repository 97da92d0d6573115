// "Import Xero contacts": Xero customers and suppliers no Syncro record stands for are created in Syncro (or
// linked to the Syncro record of the same name), and the Xero contacts get our ContactNumber.
import { expect, it } from 'vitest';
import { getLink } from '../../lib/storage/links.ts';
import { loadSyncContext } from '../../lib/sync/context.ts';
import { importContacts, previewContactImport } from '../../lib/sync/import-contacts.ts';
import { connectedInstall, useSandbox } from './harness.ts';

const { admin } = useSandbox();

async function xeroInvoiceFor(type: 'ACCREC' | 'ACCPAY', contactName: string) {
  await admin().admin('POST', '/xero/invoices', {
    Type: type,
    Contact: { Name: contactName },
    Status: 'AUTHORISED',
    LineItems: [{ Description: 'Work', Quantity: 1, UnitAmount: 10, AccountCode: type === 'ACCREC' ? '200' : '300' }],
  });
}

it('previews, then creates and links the missing customers and vendors on both sides', {
  timeout: 60_000,
}, async () => {
  await connectedInstall();
  await xeroInvoiceFor('ACCREC', 'Fresh Dental Studio');
  await xeroInvoiceFor('ACCPAY', 'Acme Supplies');
  await xeroInvoiceFor('ACCREC', 'Northwind Traders'); // the Xero contact without a number; Syncro has customer 2003
  const ctx = await loadSyncContext();

  const preview = await previewContactImport(ctx);
  const summary = preview.map(({ name, kind, action, syncroId }) => ({ name, kind, action, syncroId }));
  expect(summary).toEqual(
    expect.arrayContaining([
      { name: 'Fresh Dental Studio', kind: 'customer', action: 'create', syncroId: undefined },
      { name: 'Acme Supplies', kind: 'vendor', action: 'create', syncroId: undefined },
      { name: 'Northwind Traders', kind: 'customer', action: 'link', syncroId: 2003 },
    ]),
  );
  // Globex carries another install's number: never offered.
  expect(preview.map((candidate) => candidate.name)).not.toContain('Globex Corporation');

  const result = await importContacts(
    ctx,
    preview.map((candidate) => candidate.contactId),
    Date.now(),
  );
  expect(result).toEqual({ created: 2, linked: 1, failed: [] });

  const state = await admin().state<{
    syncro: {
      accounts: {
        acme: {
          customers: Array<{ id: number; businessName: string | null }>;
          vendors: Array<{ id: number; name: string }>;
        };
      };
    };
    xero: { organisations: Array<{ contacts: Array<{ ContactID: string; Name: string; ContactNumber?: string }> }> };
  }>();
  const customer = state.syncro.accounts.acme.customers.find(
    (candidate) => candidate.businessName === 'Fresh Dental Studio',
  );
  const vendor = state.syncro.accounts.acme.vendors.find((candidate) => candidate.name === 'Acme Supplies');
  const numbers = new Map(
    state.xero.organisations[0]?.contacts.map((contact) => [contact.Name, contact.ContactNumber]),
  );
  expect(numbers.get('Fresh Dental Studio')).toBe(`SYNCRO-C-${customer?.id}`);
  expect(numbers.get('Acme Supplies')).toBe(`SYNCRO-V-${vendor?.id}`);
  expect(numbers.get('Northwind Traders')).toBe('SYNCRO-C-2003');
  expect(await getLink('customer', 2003)).toMatchObject({ state: 'synced' });
  expect(await previewContactImport(ctx)).toEqual([]);
  expect(await admin().violations()).toEqual([]);
});
