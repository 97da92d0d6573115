// The deterministic seed of account `acme`: fixed notable records first (stable ids), then generated bulk data
// from a seeded PRNG. All times are relative to the `now` passed in (the sandbox clock).

import type { SeedOptions } from '../fake.ts';
import { createInvoice, type Fields } from './invoices.ts';
import { createPayment } from './payments.ts';
import {
  DAY,
  FIXED_CUSTOMER_COUNT,
  generatedCustomerSeed,
  PRODUCT,
  seedCustomer,
  seedCustomers,
  seedPaymentMethods,
  seedProducts,
  seedUsersAndTokens,
  seedVendors,
} from './seed-catalog.ts';
import { seedPurchaseOrders } from './seed-purchase-orders.ts';
import { type Account, balanceDueCents, createAccount, type Invoice } from './store.ts';

/** Default size of the demo data set (fixed notable invoices + generated ordinary ones). */
const DEFAULT_INVOICES = 30;

/** mulberry32: a tiny seeded PRNG, so generated data is identical on every seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type LineSeed = Fields;
interface FixedInvoice {
  customerId: number;
  lines: LineSeed[];
  poNumber?: string;
  techMarkedPaid?: boolean;
  /** Payment taken two days after the invoice date. */
  payment?: { cents: number | 'full'; method: string; refNum: string };
}

const line = (productId: number, quantity = 1, extra: Fields = {}): LineSeed => ({
  product_id: productId,
  quantity,
  ...extra,
});

// Invoice ids 48201… and numbers "1001"… in this order; see the report / README of the syncro fake.
const FIXED_INVOICES: FixedInvoice[] = [
  { customerId: 2001, lines: [line(PRODUCT.remote, 1, { price: 0, name: 'Warranty check (no charge)' })] }, // 1001 $0 unpaid
  { customerId: 2002, lines: [line(PRODUCT.remote, 1, { price: 0, name: 'Goodwill visit' })], techMarkedPaid: true }, // 1002 $0 paid
  { customerId: 2003, lines: [line(PRODUCT.ssd, -1, { name: 'Refund: returned SSD' })] }, // 1003 refund, total < 0
  { customerId: 2004, lines: [line(PRODUCT.onsite, 2), line(PRODUCT.accessPoint)] }, // 1004 open
  {
    customerId: 2002,
    lines: [line(PRODUCT.managed, 10)],
    payment: { cents: 'full', method: 'Check', refNum: 'CHK-1001' },
  }, // 1005 paid
  {
    customerId: 2005,
    lines: [line(PRODUCT.desktop)],
    payment: { cents: 40000, method: 'Credit Card', refNum: 'CC-4242' },
  }, // 1006 partial
  { customerId: 2010, lines: [line(PRODUCT.remote, 1.5)], poNumber: 'PO-7788' }, // 1007 with po_number
  { customerId: 2007, lines: [line(PRODUCT.remote, 2)] }, // 1008 equal total with 1009
  { customerId: 2007, lines: [line(PRODUCT.remote, 2)] }, // 1009
  {
    customerId: 2011,
    lines: [line(PRODUCT.managed, 20, { discount_percent: 10 }), line(PRODUCT.cable, 4, { discount_dollars: '5.00' })],
  }, // 1010 discounts
  {
    customerId: 2009,
    lines: [line(PRODUCT.onsite), line(PRODUCT.ssd, 2), line(PRODUCT.cable, 3), line(PRODUCT.antivirus)],
  }, // 1011 mixed tax
  { customerId: 2006, lines: [line(PRODUCT.remote)] }, // 1012 XSS customer
  {
    customerId: 2008,
    lines: [line(PRODUCT.accessPoint, 2)],
    payment: { cents: 'full', method: 'Check', refNum: 'CHK-1002' },
  }, // 1013 paid
  {
    customerId: 2003,
    lines: [line(PRODUCT.onsite, 3)],
    payment: { cents: 'full', method: 'Bank Transfer', refNum: 'BT-5001' },
  }, // 1014 paid
];

function takePayment(
  account: Account,
  invoice: Invoice,
  cents: number,
  method: string,
  refNum: string,
  at: number,
): void {
  const outcome = createPayment(
    account,
    {
      customer_id: invoice.customerId,
      invoice_id: invoice.id,
      amount_cents: cents,
      payment_method: method,
      ref_num: refNum,
    },
    at,
  );
  if (!outcome.ok) throw new Error(`seed payment for invoice ${invoice.number}: ${outcome.error}`);
}

function addSeedInvoice(account: Account, fields: Fields, at: number): Invoice {
  const outcome = createInvoice(account, { due_date: new Date(at + 30 * DAY).toISOString(), ...fields }, at);
  if (!outcome.ok) throw new Error(`seed invoice: ${outcome.error}`);
  return outcome.value;
}

function seedFixedInvoices(account: Account, now: number, count: number): void {
  FIXED_INVOICES.slice(0, count).forEach((seed, index) => {
    // Fixed invoices fall in the last 30 days, one per other day, oldest first.
    const at = now - (30 - 2 * index) * DAY;
    const invoice = addSeedInvoice(
      account,
      {
        customer_id: seed.customerId,
        line_items: seed.lines,
        po_number: seed.poNumber,
        tech_marked_paid: seed.techMarkedPaid,
      },
      at,
    );
    if (seed.payment) {
      const cents = seed.payment.cents === 'full' ? balanceDueCents(invoice) : seed.payment.cents;
      takePayment(account, invoice, cents, seed.payment.method, seed.payment.refNum, at + DAY);
    }
  });
}

const STOCKED_AND_SERVICE = [
  PRODUCT.onsite,
  PRODUCT.remote,
  PRODUCT.managed,
  PRODUCT.accessPoint,
  PRODUCT.ssd,
  PRODUCT.cable,
  PRODUCT.antivirus,
];
const METHODS: [string, string][] = [
  ['Check', 'CHK'],
  ['Credit Card', 'CC'],
  ['Bank Transfer', 'BT'],
  ['Cash', 'CASH'],
];

/** Ordinary invoices spread over the year before the fixed ones: ~45% paid, ~10% partly paid, the rest open. */
function seedGeneratedInvoices(account: Account, now: number, count: number, random: () => number): void {
  const customers = account.customers.rows.filter((customer) => !customer.disabled);
  const start = now - 365 * DAY;
  const span = 330 * DAY;
  for (let i = 0; i < count; i++) {
    const at = start + Math.floor((span * i) / count) + Math.floor(random() * 8) * 3_600_000;
    const customer = customers[Math.floor(random() * customers.length)] ?? customers[0];
    const lineCount = 1 + Math.floor(random() * 3);
    const lines: LineSeed[] = [];
    for (let l = 0; l < lineCount; l++) {
      const productId = STOCKED_AND_SERVICE[Math.floor(random() * STOCKED_AND_SERVICE.length)] ?? PRODUCT.remote;
      lines.push(line(productId, 1 + Math.floor(random() * 4)));
    }
    const invoice = addSeedInvoice(account, { customer_id: customer?.id, line_items: lines }, at);
    const roll = random();
    if (roll < 0.55) {
      const [method, prefix] = METHODS[Math.floor(random() * METHODS.length)] ?? METHODS[0] ?? ['Check', 'CHK'];
      const balance = balanceDueCents(invoice);
      const cents = roll < 0.45 ? balance : Math.max(1, Math.floor(balance / 2));
      takePayment(account, invoice, cents, method, `${prefix}-${2001 + i}`, at + (1 + Math.floor(random() * 20)) * DAY);
    }
  }
}

/** Builds the `acme` account. `invoices` (up to 10,000) scales invoices, customers (N/10) and POs (N/2). */
export function seedAccount(now: number, options: SeedOptions = {}): Account {
  const account = createAccount('acme');
  const random = prng(20240601);
  const setupAt = now - 400 * DAY;
  const invoiceCount = Math.max(0, Math.min(10_000, Math.floor(options.invoices ?? DEFAULT_INVOICES)));
  seedUsersAndTokens(account);
  seedPaymentMethods(account, setupAt);
  seedVendors(account, setupAt);
  seedProducts(account, setupAt);
  seedCustomers(account, setupAt);
  const extraCustomers = Math.max(0, Math.floor(invoiceCount / 10) - FIXED_CUSTOMER_COUNT);
  for (let i = 0; i < extraCustomers; i++) seedCustomer(account, generatedCustomerSeed(i), setupAt + i * 60_000);
  seedFixedInvoices(account, now, invoiceCount);
  seedGeneratedInvoices(account, now, Math.max(0, invoiceCount - FIXED_INVOICES.length), random);
  const poCount = options.invoices === undefined ? 5 : Math.max(3, Math.floor(invoiceCount / 2));
  seedPurchaseOrders(account, now, poCount, random);
  return account;
}
