// One Syncro PO → its Xero purchase order (the stored PurchaseOrderID, else by PurchaseOrderNumber); a finished
// PO → one bill (ACCPAY, InvoiceNumber = the PO number, the vendor's contact) and the Xero PO set to BILLED.

import { fingerprint } from '../fingerprint.ts';
import { audit } from '../storage/audit.ts';
import { getLink, putLink } from '../storage/links.ts';
import { syncroGet } from '../syncro/api.ts';
import { type SyncroPurchaseOrder, syncroPurchaseOrder, syncroRecord } from '../syncro/wire.ts';
import { lookUpThenWrite } from '../xero/batch.ts';
import { NotFoundError, xeroCall } from '../xero/client.ts';
import { type XeroPurchaseOrder, xeroBills, xeroIgnored, xeroPurchaseOrders } from '../xero/wire.ts';
import { ensureContact, vendorSource } from './contacts.ts';
import type { SyncContext } from './context.ts';
import { ensureItems } from './items.ts';
import { billPayload, purchaseOrderPayload } from './map/purchase-orders.ts';
import { isFinished, purchaseOrderDecision } from './rules.ts';

export const xeroPurchaseOrderUrl = (id: string) => `https://go.xero.com/Accounts/Payable/PurchaseOrders/View/${id}`;

export async function pushPurchaseOrder(ctx: SyncContext, poId: number, now: number): Promise<void> {
  const po = await syncroGet(
    ctx.syncro,
    `/purchase_orders/${poId}`,
    syncroRecord('purchase_order', syncroPurchaseOrder),
  );
  const base = { kind: 'purchase_order' as const, syncroId: po.id, syncroUpdatedAt: po.updated_at };
  const link = await getLink('purchase_order', po.id);
  const decision = purchaseOrderDecision(po, ctx.settings, { inXero: Boolean(link?.xeroId) });
  if (decision.action !== 'sync') {
    await putLink({ ...base, state: decision.action === 'skip' ? 'skipped' : 'off', reason: decision.reason }, now);
    return;
  }
  const vendor = po.vendor ?? (await ctx.vendor(po.vendor_id));
  const contactId = await ensureContact(vendorSource(vendor), now);
  const used = po.line_items.flatMap((line) => {
    const product = line.product_id ? ctx.products.get(line.product_id) : undefined;
    const code = line.product_id ? ctx.codes.get(line.product_id) : undefined;
    return product && code ? [{ product, code }] : [];
  });
  const [itemFailure] = (await ensureItems(used, ctx.settings, now)).values();
  if (itemFailure) throw itemFailure;
  const lineContext = {
    contactId,
    itemCodeOf: (productId: number) => ctx.codes.get(productId),
    settings: ctx.settings,
    productOf: (productId: number) => ctx.products.get(productId),
  };
  const finished = isFinished(po);
  const payload = purchaseOrderPayload(po, lineContext);
  const print = fingerprint({ payload, finished });
  if (link?.state === 'synced' && link.fingerprint === print) return;

  const keys = { xeroId: link?.xeroId, number: po.number, date: payload.Date };
  const order = await lookUpThenWrite(async () => {
    const found = await findPurchaseOrder(keys);
    if (found?.Status === 'BILLED') return found;
    const { PurchaseOrders } = await xeroCall(
      {
        method: 'POST',
        path: '/PurchaseOrders',
        body: { PurchaseOrders: [found ? { ...payload, PurchaseOrderID: found.PurchaseOrderID } : payload] },
        idempotencyKey: `po-${po.id}-${found ? 'update' : 'create'}-${print}`,
      },
      xeroPurchaseOrders,
    );
    return PurchaseOrders[0];
  });
  if (!order) throw new Error(`Xero returned no purchase order for ${po.number}`);
  if (finished) await billOnce(po, lineContext, contactId, order, now);
  await putLink(
    {
      ...base,
      xeroId: order.PurchaseOrderID,
      state: 'synced',
      fingerprint: print,
      xeroUrl: xeroPurchaseOrderUrl(order.PurchaseOrderID),
    },
    now,
  );
}

export interface PurchaseOrderKeys {
  /** The PurchaseOrderID this install stored when it pushed the PO. */
  xeroId?: string;
  number: string;
  /** The PO's Date as pushed (`YYYY-MM-DD`), where a numeric number is looked for. */
  date?: string;
}

/** Xero's by-number route answers 404 for a purely numeric PurchaseOrderNumber (XeroAPI/xero-php-oauth2#251). */
export const isNumericPurchaseOrderNumber = (number: string) => /^\s*[-+]?\d+(\.\d+)?\s*$/.test(number);

/** The Xero PO: by the stored id first, then by number — for a numeric number, from the list of POs of its date. */
export async function findPurchaseOrder(keys: PurchaseOrderKeys): Promise<XeroPurchaseOrder | undefined> {
  if (keys.xeroId) {
    const stored = await getPurchaseOrder(keys.xeroId);
    if (stored) return stored;
  }
  if (!isNumericPurchaseOrderNumber(keys.number)) return getPurchaseOrder(keys.number);
  return listedPurchaseOrder(keys.number, keys.date);
}

async function getPurchaseOrder(idOrNumber: string): Promise<XeroPurchaseOrder | undefined> {
  try {
    const { PurchaseOrders } = await xeroCall(
      { method: 'GET', path: `/PurchaseOrders/${encodeURIComponent(idOrNumber)}` },
      xeroPurchaseOrders,
    );
    return PurchaseOrders.find((order) => order.Status !== 'DELETED');
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

const listPageSize = 100;
const dayMs = 86_400_000;
const dayAround = (date: string, days: number) => new Date(Date.parse(date) + days * dayMs).toISOString().slice(0, 10);

/**
 * A PO found in `GET /PurchaseOrders` (filters: xero_accounting.yaml#/paths/~1PurchaseOrders), by its number.
 * With its date, only the POs of that day are read (a day either side: whether DateTo is inclusive is not
 * documented); without one, every page.
 */
async function listedPurchaseOrder(number: string, date?: string): Promise<XeroPurchaseOrder | undefined> {
  const dates: { DateFrom?: string; DateTo?: string } = date
    ? { DateFrom: dayAround(date, -1), DateTo: dayAround(date, 1) }
    : {};
  for (let page = 1; ; page++) {
    const { PurchaseOrders } = await xeroCall(
      { method: 'GET', path: '/PurchaseOrders', query: { ...dates, page: String(page) } },
      xeroPurchaseOrders,
    );
    const match = PurchaseOrders.find(
      (order) => order.PurchaseOrderNumber.trim() === number.trim() && order.Status !== 'DELETED',
    );
    if (match) return match;
    if (PurchaseOrders.length < listPageSize) return undefined;
  }
}

async function billOnce(
  po: SyncroPurchaseOrder,
  lineContext: Parameters<typeof billPayload>[1],
  contactId: string,
  order: XeroPurchaseOrder,
  now: number,
) {
  const created = await lookUpThenWrite(async () => {
    const { Invoices } = await xeroCall(
      { method: 'GET', path: '/Invoices', query: { InvoiceNumbers: po.number, where: 'Type=="ACCPAY"', page: '1' } },
      xeroBills,
    );
    // ACCPAY numbers are not unique in Xero: the bill is ours when it is the vendor's.
    const bill = Invoices.find(
      (invoice) =>
        invoice.Contact.ContactID === contactId && invoice.Status !== 'DELETED' && invoice.Status !== 'VOIDED',
    );
    if (bill) return false;
    // Not read: the bill is found again by the look-up above.
    await xeroCall(
      {
        method: 'PUT',
        path: '/Invoices',
        body: { Invoices: [billPayload(po, lineContext)] },
        idempotencyKey: `bill-${po.id}`,
      },
      xeroIgnored,
    );
    return true;
  });
  if (created) await audit(`purchase_order:${po.id}`, 'info', `Created the bill for finished PO ${po.number}`, now);
  if (order.Status !== 'BILLED') {
    // Marking BILLED twice does no harm: sent again as it is after a lost answer.
    await lookUpThenWrite(() =>
      xeroCall(
        {
          method: 'POST',
          path: `/PurchaseOrders/${order.PurchaseOrderID}`,
          body: { PurchaseOrders: [{ PurchaseOrderID: order.PurchaseOrderID, Status: 'BILLED' }] },
          idempotencyKey: `po-billed-${po.id}`,
        },
        xeroIgnored,
      ),
    );
  }
}
