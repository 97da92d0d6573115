// What one sync run needs to know, loaded once per run: connections and settings (free: local), and — only
// for runs that push records — the product catalogue (item codes depend on all products: a UPC is used only
// when unique) and the organisation's tax rates. A change tick that finds nothing costs no catalogue reads.

import { NotConfiguredError } from '../errors.ts';
import { readOnce } from '../read-once.ts';
import type { Settings } from '../settings.ts';
import type { SyncroConnection } from '../storage/db.ts';
import { pairStateId } from '../storage/pair.ts';
import { loadGrant, loadSettings, loadSyncro } from '../storage/store.ts';
import { syncroGet, syncroPages } from '../syncro/api.ts';
import {
  type SyncroCustomer,
  type SyncroInvoice,
  type SyncroProduct,
  type SyncroVendor,
  syncroCustomer,
  syncroInvoice,
  syncroProduct,
  syncroRecord,
  syncroVendor,
} from '../syncro/wire.ts';
import { xeroCall } from '../xero/client.ts';
import { xeroTaxRates } from '../xero/wire.ts';
import { type Learned, learnedOrganisation } from './learned.ts';
import { itemCodes } from './map/items.ts';

export interface BaseContext {
  syncro: SyncroConnection;
  settings: Settings;
  /** The Xero organisation's base currency (Syncro's amounts are taken to be in it); '' when unknown. */
  baseCurrency: string;
  /** The Xero organisation. */
  tenantId: string;
}

export interface SyncContext extends BaseContext {
  products: Map<number, SyncroProduct>;
  codes: Map<number, string>;
  taxRatePercent(taxType: string): number;
  customer(id: number): Promise<SyncroCustomer>;
  vendor(id: number): Promise<SyncroVendor>;
  /** The invoice as Syncro has it now (the runner reuses a read staged on the invoice's job instead). */
  invoice(id: number): Promise<SyncroInvoice>;
  /** What this run learnt of the organisation's records (a backfill's full batches read them in bulk). */
  learned: Learned;
}

export async function loadBaseContext(): Promise<BaseContext> {
  const [syncro, settings, grant] = await Promise.all([loadSyncro(), loadSettings(), loadGrant()]);
  if (!syncro) throw new NotConfiguredError('Syncro is not connected.');
  if (grant?.state !== 'connected') throw new NotConfiguredError('Xero is not connected.');
  if (!settings.salesAccountCode || !settings.taxableTaxType || !settings.nonTaxableTaxType) {
    throw new NotConfiguredError('Choose the sales account and tax rates in the popup first.');
  }
  return { syncro, settings, baseCurrency: grant.baseCurrency ?? '', tenantId: grant.tenantId ?? '' };
}

export async function loadSyncContext(base?: BaseContext): Promise<SyncContext> {
  const { syncro, settings, baseCurrency, tenantId } = base ?? (await loadBaseContext());
  const products = new Map<number, SyncroProduct>();
  // One unusable product fails the catalogue, naming it: item codes depend on every product (a UPC is used only
  // when unique), so the catalogue is not read without it.
  for await (const page of syncroPages(syncro, '/products', 'products', syncroProduct)) {
    for (const product of page) products.set(product.id, product);
  }
  const scope = `${syncro.subdomain}/${tenantId}/${await pairStateId()}`;
  const rates = await taxRatesOf(scope);
  const customer = readOnce((id: number) =>
    syncroGet(syncro, `/customers/${id}`, syncroRecord('customer', syncroCustomer)),
  );
  const vendor = readOnce((id: number) => syncroGet(syncro, `/vendors/${id}`, syncroRecord('vendor', syncroVendor)));
  return {
    syncro,
    settings,
    baseCurrency,
    tenantId,
    products,
    codes: itemCodes([...products.values()]),
    taxRatePercent: (taxType) => rates.get(taxType) ?? 0,
    customer,
    vendor,
    invoice: (id) => syncroGet(syncro, `/invoices/${id}`, syncroRecord('invoice', syncroInvoice)),
    learned: learnedOrganisation(scope),
  };
}

/** Tax rates read once a while: a backfill spans many runs, and a rate changed in Xero shows within minutes. */
const taxRatesKeptMs = 10 * 60_000;
let taxRates: { scope: string; at: number; rates: Promise<Map<string, number>> } | undefined;

function taxRatesOf(scope: string, now = Date.now()): Promise<Map<string, number>> {
  if (taxRates?.scope !== scope || now - taxRates.at > taxRatesKeptMs) {
    const rates = xeroCall({ method: 'GET', path: '/TaxRates' }, xeroTaxRates).then(
      ({ TaxRates }) => new Map(TaxRates.map((rate) => [rate.TaxType, rate.EffectiveRate])),
    );
    const kept = { scope, at: now, rates };
    taxRates = kept;
    rates.catch(() => {
      if (taxRates === kept) taxRates = undefined; // read again next time
    });
  }
  return taxRates.rates;
}
