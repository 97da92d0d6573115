// Change detection after a backfill: customers and vendors edited or created in Syncro reach Xero on the next
// change tick without any invoice changing, and a quiet tick reads little and writes nothing.
import { describe, expect, it } from 'vitest';
import { enqueue } from '../../lib/storage/outbox.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface Org {
  invoices: Array<{ Type: string; InvoiceNumber: string; Total: number }>;
  contacts: Array<{ ContactID: string; Name: string; ContactNumber?: string; EmailAddress?: string }>;
}

async function org(): Promise<Org> {
  const state = await admin().state<{ xero: { organisations: Org[] } }>();
  return state.xero.organisations[0] as Org;
}

const contact = async (number: string) => (await org()).contacts.filter((found) => found.ContactNumber === number);

async function run(kind: string, key: string) {
  await enqueue(kind, key, Date.now());
  await runUntilIdle(locks);
}

async function fullSync() {
  await run('sync-all', 'all');
  await admin().admin('DELETE', '/requests');
}

describe('the change tick', () => {
  it('pushes an edited customer and a new customer and vendor, with no invoice changed', {
    timeout: 90_000,
  }, async () => {
    await connectedInstall();
    await fullSync();
    const before = await contact('SYNCRO-C-2004');
    expect(before).toHaveLength(1);

    await admin().admin('POST', '/syncro/customers/2004', { email: 'accounts@changed.example' });
    const { customer } = await admin().admin<{ customer: { id: number } }>('POST', '/syncro/customers', {
      business_name: 'Brand New Dental',
      firstname: 'Ana',
      lastname: 'Lima',
      email: 'ana@newdental.example',
    });
    const { vendor } = await admin().admin<{ vendor: { id: number } }>('POST', '/syncro/vendors', {
      name: 'Pax8',
      email: 'orders@pax8.example',
    });
    // One rotation of the tick: invoices every time, customers, vendors and POs in turn.
    for (let tick = 0; tick < 3; tick++) await run('changes', 'tick');

    const edited = await contact('SYNCRO-C-2004');
    expect(edited.map((found) => [found.ContactID, found.EmailAddress])).toEqual([
      [before[0]?.ContactID, 'accounts@changed.example'],
    ]);
    expect((await contact(`SYNCRO-C-${customer.id}`)).map((found) => found.Name)).toEqual(['Brand New Dental']);
    expect((await contact(`SYNCRO-V-${vendor.id}`)).map((found) => found.Name)).toEqual(['Pax8']);
    expect(await admin().violations()).toEqual([]);
    // Customers are read newest edit first and the reading stops at the cursor: one page, not the whole list.
    const customerReads = (await admin().requests({ host: 'acme.syncromsp.com' })).filter(
      (request) => request.path === '/api/v1/customers' && request.query.includes('sort='),
    );
    expect(customerReads).toHaveLength(1);
  });

  it('when nothing changed, each tick makes two Syncro calls and none to Xero', { timeout: 90_000 }, async () => {
    await connectedInstall();
    await fullSync();
    for (let tick = 0; tick < 3; tick++) {
      await admin().admin('DELETE', '/requests');
      await run('changes', 'tick');
      expect(await admin().requests({ host: 'api.xero.com' })).toEqual([]);
      const syncro = (await admin().requests({ host: 'acme.syncromsp.com' })).map((request) => request.path);
      expect(syncro).toHaveLength(2);
      expect(syncro).toContain('/api/v1/invoices');
    }
  });
});
