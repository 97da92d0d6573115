// R4: 10,000 generated Syncro records through the product's own schemas (lib/syncro/wire.ts), then the rules and
// the mapping: nothing throws, every payload is valid against Xero's official spec (when ../shared/specs exists),
// and money is exact to the cent.
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCents } from '../../lib/money.ts';
import { collisionName, contactName, customerContact, vendorContact, vendorName } from '../../lib/sync/map/contacts.ts';
import { invoicePayload } from '../../lib/sync/map/invoices.ts';
import { itemCodes, productItem } from '../../lib/sync/map/items.ts';
import { paymentPayload } from '../../lib/sync/map/payments.ts';
import { purchaseOrderPayload } from '../../lib/sync/map/purchase-orders.ts';
import { MappingError } from '../../lib/sync/map/text.ts';
import { invoiceDecision, paymentDecision, purchaseOrderDecision } from '../../lib/sync/rules.ts';
import {
  syncroCustomer,
  syncroInvoice,
  syncroPayment,
  syncroProduct,
  syncroPurchaseOrder,
  syncroVendor,
} from '../../lib/syncro/wire.ts';
import { type AnySchema, readChecked } from '../../lib/wire-check.ts';
import { defaultSpecsDir, loadSpecValidator, type SpecValidator } from '../sandbox/specs.ts';
import { invoiceArb, invoiceCtx, settings, xeroLineTotal } from '../unit/syncro-generators.ts';

const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom('<img src=x onerror=alert(1)>', '"; DROP TABLE x; --', 'Zürich Café 東京 🚀', '   ', ''),
);
const money = fc.integer({ min: -100_000, max: 10_000_000 }).map((cents) => (cents / 100).toFixed(2));
const updatedAt = fc.constant('2026-11-20T10:00:00.000Z');

/** A generated record as the product receives it: through its schema, which must take it. */
const received = <S extends AnySchema>(schema: S, record: unknown) => readChecked(schema, record, 'Syncro');

const customerArb = fc.record({
  id: fc.integer({ min: 1, max: 10_000_000 }),
  business_name: fc.option(text),
  firstname: fc.option(text),
  lastname: fc.option(text),
  email: fc.option(fc.emailAddress()),
  phone: fc.option(text),
  address: fc.option(text),
  city: fc.option(text),
  zip: fc.option(text),
  updated_at: updatedAt,
});
const vendorArb = fc.record({
  id: fc.integer({ min: 1, max: 1_000_000 }),
  name: text,
  email: fc.option(fc.emailAddress()),
  updated_at: updatedAt,
});
const productArb = fc.record({
  id: fc.integer({ min: 1, max: 1_000_000 }),
  name: text,
  description: fc.option(text),
  price_retail: money,
  price_cost: money,
  upc_code: fc.option(fc.stringMatching(/^[0-9A-Za-z-]{0,40}$/)),
  taxable: fc.boolean(),
  disabled: fc.boolean(),
});
const paymentArb = fc.record({
  id: fc.integer({ min: 1, max: 10_000_000 }),
  payment_amount: money,
  ref_num: fc.option(fc.oneof(text, fc.constant('XERO-abc'))),
  applied_at: fc.constant('2026-11-20T00:00:00.000Z'),
  created_at: fc.constant('2026-11-20T10:00:00.000Z'),
});
const poArb = fc
  .record({
    id: fc.integer({ min: 1, max: 1_000_000 }),
    number: fc.stringMatching(/^[A-Z]{0,3}-?\d{1,8}$/),
    vendor_id: fc.integer({ min: 1, max: 1000 }),
    status: fc.constantFrom('Open', 'Finished', 'finished ', null),
    created_at: fc.constant('2026-11-01T09:00:00-05:00'),
    shipping_notes: fc.option(text),
    line_items: fc.array(
      fc.record({
        id: fc.nat(),
        product_id: fc.option(fc.constant(10)),
        quantity: fc.integer({ min: 1, max: 500 }).map(String),
        cost_cents: fc.integer({ min: 0, max: 1_000_000 }),
      }),
      { maxLength: 8 },
    ),
    updated_at: updatedAt,
  })
  // Syncro's PO total: the lines' quantity × cost, in dollars (syncro_swagger.json#/paths/~1purchase_orders~1{id}/get).
  .map((po) => ({
    ...po,
    total: po.line_items.reduce((sum, line) => sum + Number(line.quantity) * line.cost_cents, 0) / 100,
  }));

/** The mapping's answer, or undefined when it refused the record with a MappingError (shown on its badge). */
function refusedOr<T>(map: () => T): T | undefined {
  try {
    return map();
  } catch (error) {
    if (error instanceof MappingError && error.message.length > 0) return undefined;
    throw error;
  }
}

describe('R4: generated records through rules and mapping', () => {
  let validator: SpecValidator | undefined;
  beforeAll(async () => {
    if (existsSync(defaultSpecsDir)) validator = await loadSpecValidator();
  });
  const valid = (path: string, key: string, record: unknown) => {
    if (!validator) return; // without ../shared/specs the shape is not checked (reported as skipped below)
    const problem = validator.check('xero', {
      method: 'PUT',
      host: 'api.xero.com',
      path: `/api.xro/2.0${path}`,
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json' },
      rawBody: JSON.stringify({ [key]: [record] }),
    });
    expect(problem).toBeNull();
  };

  it('4,000 invoices: decided, mapped, valid, and exact to the cent as Xero reads them', () => {
    fc.assert(
      fc.property(invoiceArb, (generated) => {
        const invoice = received(syncroInvoice, generated);
        const decision = invoiceDecision(invoice, settings);
        if (decision.action === 'skip') {
          expect(parseCents(invoice.total) <= 0).toBe(true);
          return;
        }
        const { payload, xeroTotalCents, syncroTotalCents } = invoicePayload(invoice, invoiceCtx);
        expect(xeroTotalCents).toBe(syncroTotalCents);
        const read = payload.LineItems.map(xeroLineTotal);
        expect(read.reduce((sum, line) => sum + line.lineCents + line.taxCents, 0)).toBe(syncroTotalCents);
        valid('/Invoices', 'Invoices', payload);
      }),
      { numRuns: 4_000 },
    );
  });

  it('2,000 customers and vendors: named, collision-named and valid contacts', () => {
    fc.assert(
      fc.property(customerArb, vendorArb, (generatedCustomer, generatedVendor) => {
        const customer = received(syncroCustomer, generatedCustomer);
        const vendor = received(syncroVendor, generatedVendor);
        const name = contactName(customer);
        expect(name.length).toBeGreaterThan(0);
        valid('/Contacts', 'Contacts', customerContact(customer, collisionName(name, customer.id)));
        valid('/Contacts', 'Contacts', vendorContact(vendor, vendorName(vendor)));
      }),
      { numRuns: 1_000 },
    );
  });

  it('6,000 products, payments and purchase orders: mapped, or refused with a reason, never a crash', () => {
    fc.assert(
      fc.property(productArb, paymentArb, poArb, (generatedProduct, generatedPayment, generatedPo) => {
        const product = received(syncroProduct, generatedProduct);
        const payment = received(syncroPayment, generatedPayment);
        const po = received(syncroPurchaseOrder, generatedPo);
        const code = itemCodes([product]).get(product.id);
        expect(code).toBeTruthy();
        valid('/Items', 'Items', productItem(product, code as string, settings));
        if (paymentDecision(payment, settings).action === 'sync') {
          const mapped = paymentPayload(payment, { xeroInvoiceId: '11111111-1111-4111-8111-111111111111', settings });
          expect(Math.round(mapped.Amount * 100)).toBe(parseCents(payment.payment_amount));
          valid('/Payments', 'Payments', mapped);
        }
        if (purchaseOrderDecision(po, settings).action === 'sync') {
          const mapped = refusedOr(() =>
            purchaseOrderPayload(po, {
              contactId: '22222222-2222-4222-8222-222222222222',
              currency: 'USD',
              itemCodeOf: () => 'LAB',
              productOf: () => undefined,
              settings,
            }),
          );
          if (mapped) valid('/PurchaseOrders', 'PurchaseOrders', mapped);
          else expect(po.line_items).toEqual([]); // the only refusal: Xero needs at least one line
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it.runIf(!existsSync(defaultSpecsDir))('spec validation skipped: ../shared/specs is absent', () => {
    expect(validator).toBeUndefined();
  });
});
