// Products → Xero items by Code (the natural key), when first used on an invoice or PO. Only items this
// extension created are ever written: a `SYNCRO-P-` code is ours by definition, and an item we created under a
// UPC is marked so on its link (the code is noted there before the create is sent, so an item found under it
// after a lost answer is still ours). An item the organisation already had under the UPC is linked as it is, never
// overwritten (POST /Items would update it by Code). A tracked inventory item's purchase account is left alone:
// its PurchaseDetails take a COGSAccountCode, not an AccountCode (xero_accounting.yaml Purchase.AccountCode).

import { NeedsUserError } from '../errors.ts';
import { fingerprint } from '../fingerprint.ts';
import { isProductItemCode } from '../keys.ts';
import type { Settings } from '../settings.ts';
import type { Link } from '../storage/db.ts';
import { getLinks, linkKey, putLink } from '../storage/links.ts';
import type { SyncroProduct } from '../syncro/wire.ts';
import { lookUpThenWrite, writeBatch } from '../xero/batch.ts';
import { xeroCall } from '../xero/client.ts';
import { type XeroItem, xeroItem, xeroItems } from '../xero/wire.ts';
import { productItem } from './map/items.ts';

export type { XeroItem };

export type ItemPlan = { action: 'link'; item: XeroItem } | { action: 'update'; item: XeroItem } | { action: 'create' };

/** Pure: what to do for one product, given the item Xero has under its code (if any) and our link. */
export function planItem(code: string, existing: XeroItem | undefined, link: Link | undefined): ItemPlan {
  if (!existing) return { action: 'create' };
  const ours =
    isProductItemCode(code) ||
    (link?.createdItem === true && link.xeroId === existing.ItemID) ||
    wasCreating(link, code);
  return ours ? { action: 'update', item: existing } : { action: 'link', item: existing };
}

/** Whether this extension sent a create under `code` whose answer it never read (Xero's codes ignore case). */
const wasCreating = (link: Link | undefined, code: string) =>
  link?.creatingItemCode?.toLowerCase() === code.toLowerCase();

/** The link as it was before a create was tried (or a new one), without the code being created. */
function withoutCreatingCode(link: Link | undefined, syncroId: number): Omit<Link, 'key' | 'updatedAt'> {
  if (!link) return { kind: 'product', syncroId, state: 'not-synced' };
  const { creatingItemCode: _tried, ...before } = link;
  return before;
}

/** The fingerprint of a link to an item that is not ours: only its code matters. */
const linkedPrint = (code: string) => fingerprint({ linkedItemCode: code.toLowerCase() });

/** Every Xero item by its code, lower-cased (Xero's item codes are unique regardless of case). One call: GET /Items is not paged. */
export async function xeroItemsByCode(): Promise<Map<string, XeroItem>> {
  const { Items } = await xeroCall({ method: 'GET', path: '/Items' }, xeroItems);
  return new Map(Items.map((item) => [item.Code.toLowerCase(), item]));
}

/** Brings the items of these products up to date; returns the error of each product that failed. */
export async function ensureItems(
  products: Array<{ product: SyncroProduct; code: string }>,
  settings: Settings,
  now: number,
): Promise<Map<number, Error>> {
  const unique = [...new Map(products.map((entry) => [entry.product.id, entry])).values()];
  const keys = unique.map(({ product }) => linkKey('product', product.id));
  const links = await getLinks(keys);
  const due = unique
    .map(({ product, code }) => ({
      product,
      code,
      link: links.get(linkKey('product', product.id)),
      print: fingerprint(productItem(product, code, settings)),
    }))
    // Unchanged since written, or still linked under the same code to an item that is not ours.
    .filter(({ code, link, print }) => link?.fingerprint !== print && link?.fingerprint !== linkedPrint(code));
  const failures = new Map<number, Error>();
  if (due.length === 0) return failures;
  // One look-up serves every product (GET /Items is not paged), then the writes; after a lost answer the
  // look-up runs again, so an item that was in fact created is updated, not created twice.
  await lookUpThenWrite(async () => {
    failures.clear();
    const byCode = await xeroItemsByCode();
    // Read again: a try whose answer was lost left the codes it was creating on the links.
    const current = await getLinks(keys);
    const planned = due.map((entry) => {
      const link = current.get(linkKey('product', entry.product.id));
      return { ...entry, link, plan: planItem(entry.code, byCode.get(entry.code.toLowerCase()), link) };
    });
    for (const { product, code, plan } of planned) {
      if (plan.action !== 'link') continue;
      const link = { xeroId: plan.item.ItemID, state: 'synced' as const, fingerprint: linkedPrint(code) };
      await putLink({ kind: 'product', syncroId: product.id, ...link, createdItem: false }, now);
    }
    for (const action of ['update', 'create'] as const) {
      const entries = planned.filter(({ plan }) => plan.action === action);
      if (entries.length === 0) continue;
      if (action === 'create') {
        for (const { product, code, link } of entries) {
          const noted = link ?? { kind: 'product' as const, syncroId: product.id, state: 'pending' as const };
          await putLink({ ...noted, creatingItemCode: code }, now);
        }
      }
      const payloads = entries.map(({ product, code, plan }) =>
        productItem(product, code, settings, plan.action === 'update' && plan.item.IsTrackedAsInventory === true),
      );
      // PUT creates, and refuses a code that appeared meanwhile; POST updates our own item by its code.
      const results = await writeBatch(action === 'create' ? 'PUT' : 'POST', 'Items', payloads, xeroItem);
      for (const [i, { product, code, print, link }] of entries.entries()) {
        const result = results[i];
        if (!result?.ok) {
          const reason = result?.message ?? 'refused';
          failures.set(product.id, new NeedsUserError(`Item for product ${product.id}: ${reason}`));
          // Refused, so not created: an item that appears under the code later is not ours.
          if (action === 'create') await putLink(withoutCreatingCode(link, product.id), now);
          continue;
        }
        const createdItem = action === 'create' || link?.createdItem === true || wasCreating(link, code);
        const saved = { xeroId: result.record.ItemID, state: 'synced' as const, fingerprint: print, createdItem };
        await putLink({ kind: 'product', syncroId: product.id, ...saved }, now);
      }
    }
  });
  return failures;
}
