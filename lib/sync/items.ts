// Products → Xero items by Code (the natural key), created when first used on an invoice or PO. Xero's
// POST /Items creates or updates by Code, so one batched call serves both, with no look-up first.
import type { Settings } from '../settings.ts';
import { writeBatch } from '../xero/batch.ts';
import { NeedsUserError } from './errors.ts';
import { fingerprint } from './fingerprint.ts';
import { getLinks, linkKey, putLink } from './links.ts';
import { productItem } from './map.ts';
import type { SyncroProduct } from './syncro-types.ts';

/** Brings the items of these products up to date; returns the error of each product that failed. */
export async function ensureItems(
  products: Array<{ product: SyncroProduct; code: string }>,
  settings: Settings,
  now: number,
): Promise<Map<number, Error>> {
  const unique = [...new Map(products.map((entry) => [entry.product.id, entry])).values()];
  const links = await getLinks(unique.map(({ product }) => linkKey('product', product.id)));
  const stale = unique
    .map(({ product, code }) => ({ product, payload: productItem(product, code, settings) }))
    .map((entry) => ({ ...entry, print: fingerprint(entry.payload) }))
    .filter(({ product, print }) => links.get(linkKey('product', product.id))?.fingerprint !== print);
  const failures = new Map<number, Error>();
  if (stale.length === 0) return failures;
  const results = await writeBatch<{ ItemID: string }>(
    'POST',
    'Items',
    stale.map((entry) => entry.payload),
  );
  for (const [i, { product, print }] of stale.entries()) {
    const result = results[i];
    if (result?.ok) {
      await putLink(
        { kind: 'product', syncroId: product.id, xeroId: result.record.ItemID, state: 'synced', fingerprint: print },
        now,
      );
    } else {
      failures.set(product.id, new NeedsUserError(`Item for product ${product.id}: ${result?.message ?? 'refused'}`));
    }
  }
  return failures;
}
