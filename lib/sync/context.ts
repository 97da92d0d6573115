// What one sync run needs to know, loaded once per run: connections and settings (free: local), and — only
// for runs that push records — the product catalogue (item codes depend on all products: a UPC is used only
// when unique) and the organisation's tax rates. A change tick that finds nothing costs no catalogue reads.
import type { SyncroConnection } from '../db.ts';
import type { Settings } from '../settings.ts';
import { loadGrant, loadSettings, loadSyncro } from '../store.ts';
import { syncroGet, syncroPages } from '../syncro/api.ts';
import { xeroCall } from '../xero/client.ts';
import { NeedsUserError } from './errors.ts';
import { itemCodes } from './map.ts';
import type { SyncroCustomer, SyncroProduct, SyncroVendor } from './syncro-types.ts';

export interface BaseContext {
  syncro: SyncroConnection;
  settings: Settings;
  /** The Xero organisation's base currency (Syncro's amounts are taken to be in it); '' when unknown. */
  baseCurrency: string;
}

export interface SyncContext extends BaseContext {
  products: Map<number, SyncroProduct>;
  codes: Map<number, string>;
  taxRatePercent(taxType: string): number;
  /** A zero rate usable on purchases (POs and bills carry no sales tax of ours). */
  purchaseTaxType?: string;
  customer(id: number): Promise<SyncroCustomer>;
  vendor(id: number): Promise<SyncroVendor>;
}

export async function loadBaseContext(): Promise<BaseContext> {
  const [syncro, settings, grant] = await Promise.all([loadSyncro(), loadSettings(), loadGrant()]);
  if (!syncro) throw new NeedsUserError('Syncro is not connected.');
  if (grant?.state !== 'connected') throw new NeedsUserError('Xero is not connected.');
  if (!settings.salesAccountCode || !settings.taxableTaxType || !settings.nonTaxableTaxType) {
    throw new NeedsUserError('Choose the sales account and tax rates in the popup first.');
  }
  return { syncro, settings, baseCurrency: grant.baseCurrency ?? '' };
}

export async function loadSyncContext(base?: BaseContext): Promise<SyncContext> {
  const { syncro, settings, baseCurrency } = base ?? (await loadBaseContext());
  const products = new Map<number, SyncroProduct>();
  for await (const page of syncroPages<SyncroProduct>(syncro, '/products', 'products')) {
    for (const product of page) products.set(product.id, product);
  }
  const { TaxRates } = await xeroCall<{
    TaxRates: Array<{ TaxType: string; EffectiveRate?: number; Status?: string; CanApplyToExpenses?: boolean }>;
  }>({
    method: 'GET',
    path: '/TaxRates',
  });
  const rates = new Map(TaxRates.map((rate) => [rate.TaxType, rate.EffectiveRate ?? 0]));
  const customers = new Map<number, Promise<SyncroCustomer>>();
  const vendors = new Map<number, Promise<SyncroVendor>>();
  const once = <T>(cache: Map<number, Promise<T>>, id: number, load: () => Promise<T>) => {
    let found = cache.get(id);
    if (!found) {
      found = load();
      cache.set(id, found);
    }
    return found;
  };
  return {
    syncro,
    settings,
    baseCurrency,
    products,
    codes: itemCodes([...products.values()]),
    taxRatePercent: (taxType) => rates.get(taxType) ?? 0,
    purchaseTaxType: TaxRates.find(
      (rate) => rate.CanApplyToExpenses !== false && (rate.Status ?? 'ACTIVE') === 'ACTIVE' && !rate.EffectiveRate,
    )?.TaxType,
    customer: (id) =>
      once(customers, id, async () =>
        unwrap(await syncroGet<Record<string, unknown>>(syncro, `/customers/${id}`), 'customer'),
      ),
    vendor: (id) =>
      once(vendors, id, async () =>
        unwrap(await syncroGet<Record<string, unknown>>(syncro, `/vendors/${id}`), 'vendor'),
      ),
  };
}

/** Syncro wraps some single records (`{ invoice: {…} }`) and not others: accept both. */
export function unwrap<T>(body: Record<string, unknown>, key: string): T {
  return (body[key] ?? body) as T;
}
