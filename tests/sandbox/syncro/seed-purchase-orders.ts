// Seed purchase orders: three fixed ones (ids 901 Open, 902 Ordered, 903 Finished), then generated ones.

import { DAY, PRODUCT } from './seed-catalog.ts';
import type { Account, PurchaseOrder } from './store.ts';

interface PoSeed {
  vendorId: number;
  status: string;
  lines: [productId: number, quantity: number][];
  shippingCents: number;
}

const FIXED_POS: PoSeed[] = [
  {
    vendorId: 301,
    status: 'Open',
    lines: [
      [PRODUCT.accessPoint, 5],
      [PRODUCT.cable, 20],
    ],
    shippingCents: 1500,
  },
  { vendorId: 302, status: 'Ordered', lines: [[PRODUCT.desktop, 2]], shippingCents: 0 },
  {
    vendorId: 304,
    status: 'Finished',
    lines: [
      [PRODUCT.ssd, 4],
      [PRODUCT.ssdRefurb, 2],
    ],
    shippingCents: 995,
  },
];

const STOCKED = [PRODUCT.accessPoint, PRODUCT.ssd, PRODUCT.ssdRefurb, PRODUCT.desktop, PRODUCT.cable];
const STATUSES = ['Open', 'Ordered', 'Finished', 'Finished'];

function addPurchaseOrder(account: Account, seed: PoSeed, createdAt: number): PurchaseOrder {
  const id = account.purchaseOrders.nextId();
  const finished = seed.status === 'Finished';
  const po: PurchaseOrder = {
    id,
    number: `PO-${id + 100}`,
    vendorId: seed.vendorId,
    status: seed.status,
    shippingCents: seed.shippingCents,
    otherCents: 0,
    shippingNotes: null,
    deliveryTracking: seed.status === 'Open' ? null : `https://tracking.example/${id}`,
    expectedDate: createdAt + 7 * DAY,
    dueDate: createdAt + 30 * DAY,
    paidDate: finished ? createdAt + 10 * DAY : null,
    lineItems: [],
    createdAt,
    updatedAt: finished ? createdAt + 9 * DAY : createdAt,
  };
  seed.lines.forEach(([productId, quantity], index) => {
    po.lineItems.push({
      id: account.poLineItemIds.next++,
      purchaseOrderId: id,
      productId,
      quantity,
      costCents: account.products.get(productId)?.priceCostCents ?? 0,
      received: finished,
      receivedQuantity: finished ? quantity : 0,
      position: index + 1,
      createdAt,
      updatedAt: createdAt,
    });
  });
  return account.purchaseOrders.add(po);
}

export function seedPurchaseOrders(account: Account, now: number, count: number, random: () => number): void {
  FIXED_POS.slice(0, count).forEach((seed, index) => {
    addPurchaseOrder(account, seed, now - (20 - 5 * index) * DAY);
  });
  const generated = Math.max(0, count - FIXED_POS.length);
  for (let i = 0; i < generated; i++) {
    const lines: [number, number][] = [];
    for (let l = 0, n = 1 + Math.floor(random() * 2); l < n; l++) {
      lines.push([STOCKED[Math.floor(random() * STOCKED.length)] ?? PRODUCT.cable, 1 + Math.floor(random() * 10)]);
    }
    const seed = {
      vendorId: 301 + Math.floor(random() * 4),
      status: STATUSES[i % STATUSES.length] ?? 'Open',
      lines,
      shippingCents: 0,
    };
    addPurchaseOrder(account, seed, now - 365 * DAY + Math.floor((330 * DAY * i) / Math.max(1, generated)));
  }
}
