// Products → Xero items by Code (the natural key), created when first used on an invoice or PO.
import type { Settings } from '../settings.ts';
import { NotFoundError, xeroCall } from '../xero/client.ts';
import { fingerprint } from './fingerprint.ts';
import { getLink, putLink } from './links.ts';
import { productItem } from './map.ts';
import type { SyncroProduct } from './syncro-types.ts';

interface Items {
  Items: Array<{ ItemID: string; Code: string }>;
}

export async function ensureItem(product: SyncroProduct, code: string, settings: Settings, now: number): Promise<void> {
  const payload = productItem(product, code, settings);
  const print = fingerprint(payload);
  const link = await getLink('product', product.id);
  if (link?.xeroId && link.fingerprint === print) return;
  let itemId = link?.xeroId;
  if (!itemId) {
    try {
      itemId = (await xeroCall<Items>({ method: 'GET', path: `/Items/${encodeURIComponent(code)}` })).Items[0]?.ItemID;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  const { Items } = await xeroCall<Items>({
    method: 'POST', // POST creates or updates by Code
    path: '/Items',
    body: { Items: [itemId ? { ItemID: itemId, ...payload } : payload] },
    idempotencyKey: `item-${code}-${print}`,
  });
  await putLink(
    { kind: 'product', syncroId: product.id, xeroId: Items[0]?.ItemID, state: 'synced', fingerprint: print },
    now,
  );
}
