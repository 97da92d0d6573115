// Products → Xero items, and each product's item code (CONTRACT.md). Pure.

import { productItemCode } from '../../keys.ts';
import { centsToAmount, parseCents } from '../../money.ts';
import type { Settings } from '../../settings.ts';
import type { SyncroProduct } from '../../syncro/wire.ts';
import type { XeroItemPayload } from '../../xero/payloads.ts';
import { clean, cutText } from './text.ts';

const CODE_MAX = 30;
const ITEM_NAME_MAX = 50;
export const DESCRIPTION_MAX = 4000;

/**
 * CONTRACT: the UPC when present, unique among all Syncro products and at most 30 characters, else
 * `SYNCRO-P-<id>`. Uniqueness ignores case because Xero's item codes do; a UPC that looks like one of our
 * own codes is not used, so it can never take another product's code.
 */
export function itemCodes(products: ReadonlyArray<Pick<SyncroProduct, 'id' | 'upc_code'>>): Map<number, string> {
  const key = (product: Pick<SyncroProduct, 'upc_code'>) => clean(product.upc_code).toLowerCase();
  const counts = new Map<string, number>();
  for (const product of products) {
    if (key(product)) counts.set(key(product), (counts.get(key(product)) ?? 0) + 1);
  }
  const codes = new Map<number, string>();
  for (const product of products) {
    const upc = clean(product.upc_code);
    const usable =
      upc !== '' &&
      counts.get(key(product)) === 1 &&
      Array.from(upc).length <= CODE_MAX &&
      !key(product).startsWith('syncro-');
    codes.set(product.id, usable ? upc : productItemCode(product.id));
  }
  return codes;
}

export const taxTypeFor = (taxable: boolean | undefined, settings: Settings): string =>
  taxable ? settings.taxableTaxType : settings.nonTaxableTaxType;

export function itemName(product: SyncroProduct): string {
  return cutText(clean(product.name), ITEM_NAME_MAX).trim() || `Product ${product.id}`;
}

/**
 * `tracked`: the Xero item is tracked as inventory, whose purchase details take a COGSAccountCode instead
 * of an AccountCode ("Not applicable to the purchase details of tracked items",
 * xero_accounting.yaml#/components/schemas/Purchase): the account is left as the organisation set it.
 */
export function productItem(
  product: SyncroProduct,
  code: string,
  settings: Settings,
  tracked = false,
): XeroItemPayload {
  const taxType = taxTypeFor(product.taxable, settings);
  return {
    Code: code,
    Name: itemName(product),
    Description: cutText(clean(product.description) || clean(product.name) || itemName(product), DESCRIPTION_MAX),
    IsSold: true,
    SalesDetails: {
      UnitPrice: centsToAmount(parseCents(product.price_retail)),
      ...(settings.salesAccountCode ? { AccountCode: settings.salesAccountCode } : {}),
      ...(taxType ? { TaxType: taxType } : {}),
    },
    PurchaseDetails: {
      UnitPrice: centsToAmount(parseCents(product.price_cost)),
      ...(settings.purchasesAccountCode && !tracked ? { AccountCode: settings.purchasesAccountCode } : {}),
    },
  };
}
