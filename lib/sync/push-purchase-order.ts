// One Syncro PO → its Xero purchase order (by PurchaseOrderNumber); a finished PO → one bill (ACCPAY,
// InvoiceNumber = the PO number, the vendor's contact) and the Xero PO set to BILLED.
import { syncroGet } from '../syncro/api.ts';
import { NotFoundError, xeroCall } from '../xero/client.ts';
import { ensureContact, vendorSource } from './contacts.ts';
import { type SyncContext, unwrap } from './context.ts';
import { fingerprint } from './fingerprint.ts';
import { ensureItems } from './items.ts';
import { audit, getLink, putLink } from './links.ts';
import { billPayload, purchaseOrderPayload } from './map.ts';
import { isFinished, purchaseOrderDecision } from './rules.ts';
import type { SyncroPurchaseOrder } from './syncro-types.ts';

interface XeroPurchaseOrder {
  PurchaseOrderID: string;
  PurchaseOrderNumber: string;
  Status: string;
}

export const xeroPurchaseOrderUrl = (id: string) => `https://go.xero.com/Accounts/Payable/PurchaseOrders/View/${id}`;

export async function pushPurchaseOrder(ctx: SyncContext, poId: number, now: number): Promise<void> {
  const po = unwrap<SyncroPurchaseOrder>(await syncroGet(ctx.syncro, `/purchase_orders/${poId}`), 'purchase_order');
  const base = { kind: 'purchase_order' as const, syncroId: po.id, syncroUpdatedAt: po.updated_at };
  const link = await getLink('purchase_order', po.id);
  const decision = purchaseOrderDecision(po, ctx.settings, { inXero: Boolean(link?.xeroId) });
  if (decision.action !== 'sync') {
    await putLink({ ...base, state: decision.action === 'skip' ? 'skipped' : 'off', reason: decision.reason }, now);
    return;
  }
  const vendor = po.vendor ?? (await ctx.vendor(po.vendor_id));
  const contactId = await ensureContact(vendorSource(vendor), now);
  const used = (po.line_items ?? []).flatMap((line) => {
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
    purchaseTaxType: ctx.purchaseTaxType,
  };
  const finished = isFinished(po);
  const payload = purchaseOrderPayload(po, lineContext);
  const print = fingerprint({ payload, finished });
  if (link?.state === 'synced' && link.fingerprint === print) return;

  let order = await findPurchaseOrder(po.number);
  if (order?.Status !== 'BILLED') {
    const { PurchaseOrders } = await xeroCall<{ PurchaseOrders: XeroPurchaseOrder[] }>({
      method: 'POST',
      path: '/PurchaseOrders',
      body: { PurchaseOrders: [order ? { ...payload, PurchaseOrderID: order.PurchaseOrderID } : payload] },
      idempotencyKey: `po-${po.id}-${order ? 'update' : 'create'}-${print}`,
    });
    order = PurchaseOrders[0];
  }
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

export async function findPurchaseOrder(number: string): Promise<XeroPurchaseOrder | undefined> {
  try {
    const { PurchaseOrders } = await xeroCall<{ PurchaseOrders: XeroPurchaseOrder[] }>({
      method: 'GET',
      path: `/PurchaseOrders/${encodeURIComponent(number)}`,
    });
    return PurchaseOrders.find((order) => order.Status !== 'DELETED');
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

async function billOnce(
  po: SyncroPurchaseOrder,
  lineContext: Parameters<typeof billPayload>[1],
  contactId: string,
  order: XeroPurchaseOrder,
  now: number,
) {
  const { Invoices } = await xeroCall<{
    Invoices: Array<{ InvoiceID: string; Contact?: { ContactID: string }; Status: string }>;
  }>({
    method: 'GET',
    path: '/Invoices',
    query: { InvoiceNumbers: po.number, where: 'Type=="ACCPAY"', page: '1' },
  });
  // ACCPAY numbers are not unique in Xero: the bill is ours when it is the vendor's.
  const bill = Invoices.find(
    (invoice) =>
      invoice.Contact?.ContactID === contactId && invoice.Status !== 'DELETED' && invoice.Status !== 'VOIDED',
  );
  if (!bill) {
    await xeroCall({
      method: 'PUT',
      path: '/Invoices',
      body: { Invoices: [billPayload(po, lineContext)] },
      idempotencyKey: `bill-${po.id}`,
    });
    await audit(`purchase_order:${po.id}`, 'info', `Created the bill for finished PO ${po.number}`, now);
  }
  if (order.Status !== 'BILLED') {
    await xeroCall({
      method: 'POST',
      path: `/PurchaseOrders/${order.PurchaseOrderID}`,
      body: { PurchaseOrders: [{ PurchaseOrderID: order.PurchaseOrderID, Status: 'BILLED' }] },
      idempotencyKey: `po-billed-${po.id}`,
    });
  }
}
