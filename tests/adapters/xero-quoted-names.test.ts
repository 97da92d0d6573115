// A customer whose name has double quotes: Xero's `where` has no escape for `"` (the sandbox answers a backslash
// escape with QueryParseException), so such a name is looked up another way and its batch still syncs.
import { expect, it } from 'vitest';
import { enqueue } from '../../lib/storage/outbox.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

interface Org {
  contacts: Array<{ ContactID: string; Name: string; ContactNumber?: string }>;
}

it('syncs a customer named with double quotes, linking the Xero contact of that name, with the rest of its batch', {
  timeout: 90_000,
}, async () => {
  await connectedInstall();
  const quoted = 'Bob "The Builder" Repairs';
  // Keyed in by the bookkeeper in Xero: that name, no ContactNumber. It must be linked, not duplicated or renamed.
  const keyedIn = await admin().xeroInvoice<{ Contact: { ContactID: string } }>({
    Type: 'ACCREC',
    Contact: { Name: quoted },
    Status: 'DRAFT',
    LineItems: [{ Description: 'Call-out', Quantity: 1, UnitAmount: 80, AccountCode: '200' }],
  });
  const created = async (business_name: string) =>
    (
      await admin().admin<{ customer: { id: number } }>('POST', '/syncro/customers', {
        business_name,
        firstname: 'Bob',
        lastname: 'Builder',
        email: `${business_name.length}@example.com`,
      })
    ).customer.id;
  const bob = await created(quoted);
  const plain = await created('Plain Dental Care');
  const newQuoted = await created('The "Other" Shop');
  for (const id of [bob, plain, newQuoted]) await enqueue('customer', String(id), Date.now());
  await runUntilIdle(locks);

  const { contacts } = (await admin().state<{ xero: { organisations: Org[] } }>()).xero.organisations[0] as Org;
  const numbered = (id: number) => contacts.filter((contact) => contact.ContactNumber === `SYNCRO-C-${id}`);
  expect(numbered(bob).map((contact) => [contact.ContactID, contact.Name])).toEqual([
    [keyedIn.Contact.ContactID, quoted],
  ]);
  expect(numbered(plain).map((contact) => contact.Name)).toEqual(['Plain Dental Care']);
  expect(numbered(newQuoted).map((contact) => contact.Name)).toEqual(['The "Other" Shop']);
  expect(contacts.filter((contact) => contact.Name.startsWith(quoted))).toHaveLength(1);

  const lookups = await admin().requests({ host: 'api.xero.com', method: 'GET', pathIncludes: '/Contacts' });
  expect(lookups.filter((request) => request.status !== 200)).toEqual([]);
  expect(lookups.some((request) => new URLSearchParams(request.query).get('searchTerm') === 'The Builder')).toBe(true);
  expect(await admin().violations()).toEqual([]);
});
