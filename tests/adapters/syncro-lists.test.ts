// Syncro's paged lists: those the swagger shows without `meta` (vendors, products, POs) end at their first page
// shorter than the documented page size, so reading a short list costs one call, not a second to an empty page.
import * as v from 'valibot';
import { expect, it } from 'vitest';
import { syncroPages } from '../../lib/syncro/api.ts';
import { type SyncroListKey, syncroPageSizes } from '../../lib/syncro/wire.ts';
import { useSandbox } from './harness.ts';

const { admin } = useSandbox();
const acme = { subdomain: 'acme', token: 'demo-token' };

it('reads a list sent without `meta` up to its first short page', async () => {
  await admin().seed({ invoices: 60 }); // more products than one page of 25
  const state = await admin().state<{
    syncro: { accounts: { acme: { vendors: unknown[]; products: unknown[] } } };
  }>();
  for (const key of ['vendors', 'products'] as const satisfies SyncroListKey[]) {
    const count = state.syncro.accounts.acme[key].length;
    await admin().admin('DELETE', '/requests');
    let read = 0;
    for await (const page of syncroPages(acme, `/${key}`, key, v.unknown())) read += page.length;
    expect(read, key).toBe(count);
    const pages = (await admin().requests({ host: 'acme.syncromsp.com' })).map((request) => request.query);
    const expected = Math.floor(count / syncroPageSizes[key]) + 1;
    expect(pages, key).toEqual(Array.from({ length: expected }, (_, i) => `page=${i + 1}`));
  }
});
