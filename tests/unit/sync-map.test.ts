import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint, fnv1a64 } from '../../lib/fingerprint.ts';
import { isSyncroPaymentReference, syncroPaymentReference } from '../../lib/keys.ts';
import { allocateProportionally, lineAmountCents } from '../../lib/money.ts';
import { formatMoney } from '../../lib/money-text.ts';
import { collisionName, contactName, customerContact, vendorContact, vendorName } from '../../lib/sync/map/contacts.ts';
import { invoicePayload } from '../../lib/sync/map/invoices.ts';
import { itemCodes, productItem } from '../../lib/sync/map/items.ts';
import { paymentPayload } from '../../lib/sync/map/payments.ts';
import { billPayload, type PurchaseOrderContext, purchaseOrderPayload } from '../../lib/sync/map/purchase-orders.ts';
import { cutText, datePart, MappingError } from '../../lib/sync/map/text.ts';
import type { SyncroProduct, SyncroPurchaseOrder, SyncroVendor } from '../../lib/syncro/wire.ts';
import type { XeroLineItemPayload } from '../../lib/xero/payloads.ts';
import { defaultSpecsDir, loadSpecValidator, type SpecValidator } from '../sandbox/specs.ts';
import { lineTaxCents, toScaled } from '../sandbox/xero/money.ts';
import {
  customer,
  invoiceArb,
  invoiceCtx,
  settings,
  syncroInvoice,
  syncroLine,
  xeroLineTotal,
} from './syncro-generators.ts';

const vendor = (fields: Partial<SyncroVendor> = {}): SyncroVendor => ({
  id: 4,
  updated_at: '2026-09-01T10:00:00.000Z',
  ...fields,
});

describe('contact names', () => {
  it.each([
    [{ business_name: '  Acme Pty  ', firstname: 'Ann', lastname: 'Lee' }, 'Acme Pty'],
    [{ business_name: '', firstname: ' Ann ', lastname: ' Lee ' }, 'Ann Lee'],
    [{ business_name: null, firstname: 'Ann', lastname: null }, 'Ann'],
    [{ firstname: '', lastname: 'Lee' }, 'Lee'],
    [{ business_name: '   ', business_then_name: 'Wonk Donk' }, 'Wonk Donk'],
    [{}, 'Customer 42'],
    [{ business_name: 'Zürich Café 東京 🚀' }, 'Zürich Café 東京 🚀'],
    [{ business_name: '<img src=x onerror=alert(1)>' }, '<img src=x onerror=alert(1)>'],
    [{ business_name: 'O\'Brien & Sons "Ltd"' }, 'O\'Brien & Sons "Ltd"'],
  ])('%j → %j', (fields, name) => {
    expect(contactName(customer(fields))).toBe(name);
  });

  it('is never empty and never over 255 characters', () => {
    fc.assert(
      fc.property(
        fc.record({
          business_name: fc.option(fc.string()),
          firstname: fc.option(fc.string()),
          lastname: fc.option(fc.string()),
        }),
        (fields) => {
          const name = contactName(customer(fields));
          expect(name.trim()).toBe(name);
          expect(name.length).toBeGreaterThan(0);
          expect(Array.from(name).length).toBeLessThanOrEqual(255);
        },
      ),
    );
    expect(contactName(customer({ business_name: 'x'.repeat(300) }))).toHaveLength(255);
  });

  it('collision names add the id and stay within 255', () => {
    expect(collisionName('Acme Pty', 42)).toBe('Acme Pty (42)');
    const long = collisionName('y'.repeat(255), 12345);
    expect(long).toHaveLength(255);
    expect(long.endsWith(' (12345)')).toBe(true);
    expect(vendorName({ id: 5, name: '  ' })).toBe('Vendor 5');
    expect(vendorName({ id: 5, name: ' C & S Wholesalers ' })).toBe('C & S Wholesalers');
  });

  it('customer contacts carry the natural key and only well-formed details', () => {
    expect(
      customerContact(
        customer({
          firstname: 'Ann',
          lastname: 'Lee',
          email: ' ann@acme.test ',
          phone: '603-344-5555',
          address: '44 Billings Circle',
          city: 'Keene',
          state: 'NH',
          zip: '03455',
        }),
        'Acme Pty',
      ),
    ).toEqual({
      Name: 'Acme Pty',
      ContactNumber: 'SYNCRO-C-42',
      FirstName: 'Ann',
      LastName: 'Lee',
      EmailAddress: 'ann@acme.test',
      Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '603-344-5555' }],
      Addresses: [
        { AddressType: 'STREET', AddressLine1: '44 Billings Circle', City: 'Keene', Region: 'NH', PostalCode: '03455' },
      ],
    });
    expect(customerContact(customer({ email: 'not an email', phone: ' ' }), 'X')).toEqual({
      Name: 'X',
      ContactNumber: 'SYNCRO-C-42',
    });
  });

  it('vendor contacts use SYNCRO-V and the rep names', () => {
    expect(vendorContact(vendor({ name: 'C & S', rep_first_name: 'Bill', rep_last_name: 'Sales' }), 'C & S')).toEqual({
      Name: 'C & S',
      ContactNumber: 'SYNCRO-V-4',
      FirstName: 'Bill',
      LastName: 'Sales',
    });
  });
});

describe('items', () => {
  const product = (id: number, upc: string | null, fields: Partial<SyncroProduct> = {}): SyncroProduct => ({
    id,
    name: `Product ${id}`,
    upc_code: upc,
    price_retail: 19.99,
    price_cost: 10,
    taxable: true,
    ...fields,
  });

  it('uses a unique UPC of at most 30 characters, else SYNCRO-P-<id>', () => {
    const codes = itemCodes([
      product(1, ' 012345678905 '),
      product(2, 'DUP'),
      product(3, 'DUP'),
      product(4, 'c'.repeat(31)),
      product(5, 'c'.repeat(30)),
      product(6, null),
      product(7, '   '),
      product(8, 'abc'),
      product(9, 'ABC'),
      product(10, 'SYNCRO-P-1'),
    ]);
    expect(Object.fromEntries(codes)).toEqual({
      1: '012345678905',
      2: 'SYNCRO-P-2',
      3: 'SYNCRO-P-3',
      4: 'SYNCRO-P-4',
      5: 'c'.repeat(30),
      6: 'SYNCRO-P-6',
      7: 'SYNCRO-P-7',
      8: 'SYNCRO-P-8',
      9: 'SYNCRO-P-9',
      10: 'SYNCRO-P-10',
    });
  });

  it('gives every product a distinct code of at most 30 characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.constantFrom('A', 'a', 'B', ' C', 'C', 'x'.repeat(31), '')), { maxLength: 20 }),
        (upcs) => {
          const codes = itemCodes(upcs.map((upc, i) => product(i + 1, upc)));
          const values = [...codes.values()].map((code) => code.toLowerCase());
          expect(new Set(values).size).toBe(upcs.length);
          for (const code of values) expect(code.length).toBeLessThanOrEqual(30);
        },
      ),
    );
  });

  it('maps a product to an item with prices, accounts and tax type', () => {
    expect(productItem(product(1, null, { description: 'Hourly labour' }), 'SYNCRO-P-1', settings)).toEqual({
      Code: 'SYNCRO-P-1',
      Name: 'Product 1',
      Description: 'Hourly labour',
      IsSold: true,
      SalesDetails: { UnitPrice: 19.99, AccountCode: '200', TaxType: 'OUTPUT' },
      PurchaseDetails: { UnitPrice: 10, AccountCode: '300' },
    });
    const untaxed = productItem(product(2, null, { taxable: false, price_retail: '0.1', price_cost: null }), 'X', {
      ...settings,
      purchasesAccountCode: '',
    });
    expect(untaxed.SalesDetails).toEqual({ UnitPrice: 0.1, AccountCode: '200', TaxType: 'NONE' });
    expect(untaxed.PurchaseDetails).toEqual({ UnitPrice: 0 });
    expect(untaxed.Description).toBe('Product 2');
    // A tracked inventory item's purchase account is its COGS account, which the organisation set.
    const tracked = productItem(product(1, null), 'SYNCRO-P-1', settings, true);
    expect(tracked.PurchaseDetails).toEqual({ UnitPrice: 10 });
    expect(tracked.SalesDetails).toMatchObject({ AccountCode: '200' });
  });

  it('cuts names to 50 code points without splitting an emoji, and trims', () => {
    const emojiAtBoundary = `${'a'.repeat(49)}🚀🚀`;
    expect(productItem(product(1, null, { name: emojiAtBoundary }), 'X', settings).Name).toBe(`${'a'.repeat(49)}🚀`);
    expect(productItem(product(1, null, { name: `${'b'.repeat(49)} tail` }), 'X', settings).Name).toBe('b'.repeat(49));
    expect(productItem(product(1, null, { name: '  ' }), 'X', settings).Name).toBe('Product 1');
    expect(cutText('🚀🚀🚀', 2)).toBe('🚀🚀');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (name) => {
        const cut = productItem(product(1, null, { name }), 'X', settings).Name;
        expect(Array.from(cut).length).toBeLessThanOrEqual(50);
        expect(cut).not.toMatch(/[\uD800-\uDBFF]$/);
      }),
    );
  });
});

describe('invoices', () => {
  it('mirrors lines one to one, in position order, with discounts and taxability', () => {
    const invoice = syncroInvoice(
      [
        syncroLine({ position: 3, name: 'Third', price: '10.0', quantity: '1.0' }),
        syncroLine({
          position: 1,
          name: '',
          item: 'Labor',
          price: '49.99',
          quantity: '2.0',
          taxable: true,
          discount_percent: '15.0',
          product_id: 10,
        }),
        syncroLine({ position: 2, name: 'Flat off', price: '100.0', quantity: '1.0', discount_dollars: '20.0' }),
      ],
      { po_number: ' PO-123 ' },
    );
    const { payload, xeroTotalCents, syncroTotalCents } = invoicePayload(invoice, invoiceCtx);
    expect(payload).toEqual({
      Type: 'ACCREC',
      InvoiceNumber: '1001',
      Reference: 'PO-123',
      Contact: { ContactID: invoiceCtx.contactId },
      Date: '2026-09-01',
      DueDate: '2026-10-01',
      Status: 'AUTHORISED',
      LineAmountTypes: 'Exclusive',
      LineItems: [
        {
          Description: 'Labor',
          Quantity: 2,
          UnitAmount: 49.99,
          ItemCode: 'LAB',
          AccountCode: '200',
          TaxType: 'OUTPUT',
          DiscountRate: 15,
          TaxAmount: 7.01, // 84.98 × 8.25% = 7.01085
        },
        {
          Description: 'Flat off',
          Quantity: 1,
          UnitAmount: 100,
          AccountCode: '200',
          TaxType: 'NONE',
          DiscountAmount: 20,
          TaxAmount: 0,
        },
        { Description: 'Third', Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'NONE', TaxAmount: 0 },
      ],
    });
    expect(xeroTotalCents).toBe(8498 + 701 + 8000 + 1000);
    expect(syncroTotalCents).toBe(xeroTotalCents);
  });

  it('folds a percent and a dollar discount on one line into one DiscountAmount', () => {
    const invoice = syncroInvoice([
      syncroLine({ price: '49.99', quantity: '2.0', discount_percent: '15.0', discount_dollars: '4.98' }),
    ]);
    const [line] = invoicePayload(invoice, invoiceCtx).payload.LineItems;
    expect(line).toMatchObject({ DiscountAmount: 19.98 });
    expect(line).not.toHaveProperty('DiscountRate');
    expect(xeroLineTotal(line as XeroLineItemPayload).lineCents).toBe(8000);
  });

  it('sends Reference only with a PO number, and the status chosen in settings', () => {
    const lines = [syncroLine()];
    expect(invoicePayload(syncroInvoice(lines), invoiceCtx).payload).not.toHaveProperty('Reference');
    expect(invoicePayload(syncroInvoice(lines, { po_number: '  ' }), invoiceCtx).payload).not.toHaveProperty(
      'Reference',
    );
    const draft = invoicePayload(syncroInvoice(lines), {
      ...invoiceCtx,
      settings: { ...settings, invoiceStatus: 'DRAFT' },
    });
    expect(draft.payload.Status).toBe('DRAFT');
  });

  it('never sends an empty description', () => {
    const [line] = invoicePayload(syncroInvoice([syncroLine({ name: ' ', item: null })]), invoiceCtx).payload.LineItems;
    expect(line?.Description).toBe('Item');
  });

  it('spreads Syncro tax over the taxed lines so it sums exactly (3 × $0.10 taxed once)', () => {
    const lines = [1, 2, 3].map(() => syncroLine({ price: '0.1', taxable: true }));
    const invoice = syncroInvoice(lines); // tax = round(0.30 × 8.25%) = 0.02, where Xero per line would say 0.03
    expect(invoice.tax).toBe('0.02');
    const { payload, xeroTotalCents } = invoicePayload(invoice, invoiceCtx);
    expect(payload.LineItems.map((line) => line.TaxAmount)).toEqual([0.01, 0.01, 0]);
    expect(xeroTotalCents).toBe(32);
  });

  it('refuses when Syncro totals do not add up, naming both totals in the organisation’s currency', () => {
    const invoice = { ...syncroInvoice([syncroLine()]), total: '99.0' };
    // The worker's own locale formats them (the message is read in the same browser).
    const usd = (cents: number) => formatMoney(cents, 'USD');
    expect(() => invoicePayload(invoice, invoiceCtx)).toThrow(
      new MappingError(`Totals differ: Xero would total ${usd(10_000)}, Syncro shows ${usd(9_900)} — not pushed`),
    );
    expect(() => invoicePayload(invoice, { ...invoiceCtx, currency: 'GBP' })).toThrow(/£100\.00.*£99\.00/);
    // Not known yet: the amount alone, never a symbol borrowed from another currency.
    expect(() => invoicePayload(invoice, { ...invoiceCtx, currency: '' })).toThrow(
      /total 100\.00, Syncro shows 99\.00/,
    );
  });

  it('refuses tax on a 0% rate, a discount bigger than the line, odd discounts and no lines', () => {
    const taxed = syncroInvoice([syncroLine({ taxable: true })]);
    expect(() => invoicePayload(taxed, { ...invoiceCtx, taxRatePercent: () => 0 })).toThrow(/0%/);
    const over = syncroInvoice([syncroLine({ discount_dollars: '100.01' })]);
    expect(() => invoicePayload(over, invoiceCtx)).toThrow(/more than the line/);
    const pct = syncroInvoice([syncroLine({ discount_percent: '101' })]);
    expect(() => invoicePayload(pct, invoiceCtx)).toThrow(MappingError);
    expect(() => invoicePayload(syncroInvoice([]), invoiceCtx)).toThrow(/no line items/);
    expect(() => invoicePayload(syncroInvoice([syncroLine()], { date: 'yesterday' }), invoiceCtx)).toThrow(
      MappingError,
    );
  });

  it('totals match Syncro to the cent for any invoice Syncro computes, read the way Xero reads it', () => {
    fc.assert(
      fc.property(invoiceArb, (invoice) => {
        const { payload, xeroTotalCents, syncroTotalCents } = invoicePayload(invoice, invoiceCtx);
        expect(xeroTotalCents).toBe(syncroTotalCents);
        expect(payload.LineItems).toHaveLength(invoice.line_items?.length ?? -1);
        const read = payload.LineItems.map(xeroLineTotal);
        expect(read.reduce((sum, line) => sum + line.lineCents + line.taxCents, 0)).toBe(syncroTotalCents);
        expect(read.reduce((sum, line) => sum + line.taxCents, 0)).toBe(Number(toScaled(invoice.tax, 2)));
        payload.LineItems.forEach((line, i) => {
          const source = invoice.line_items?.[i];
          if (Number(toScaled(source?.quantity, 4)) === 0) {
            // Worth nothing in Syncro: its description alone, which Xero takes as a line of no amount.
            expect(Object.keys(line)).toEqual(['Description']);
            return;
          }
          // What Xero takes: never a negative quantity (a credit goes at a negative unit price).
          expect(line.Quantity).toBeGreaterThan(0);
          if (!source?.taxable) expect(line.TaxAmount).toBe(0);
          expect(line.TaxType).toBe(source?.taxable ? 'OUTPUT' : 'NONE');
        });
      }),
      { numRuns: 500 },
    );
  });

  it('sends a credit line as a positive quantity at a negative price, with the exact amount and tax', () => {
    const invoice = syncroInvoice([
      syncroLine({ name: 'Onsite', price: '150.0', quantity: '2.0', taxable: true }),
      syncroLine({ name: 'Returned cable', price: '12.5', quantity: '-1.0', taxable: true, product_id: 10 }),
      syncroLine({ name: 'Goodwill credit', price: '-20.0', quantity: '1.0' }),
      syncroLine({ name: 'Double negative', price: '-3.33', quantity: '-3.0', discount_percent: '10' }),
    ]);
    const { payload, xeroTotalCents, syncroTotalCents } = invoicePayload(invoice, invoiceCtx);
    expect(payload.LineItems.map(({ Quantity, UnitAmount, ItemCode }) => ({ Quantity, UnitAmount, ItemCode }))).toEqual(
      [
        { Quantity: 2, UnitAmount: 150, ItemCode: undefined },
        { Quantity: 1, UnitAmount: -12.5, ItemCode: 'LAB' },
        { Quantity: 1, UnitAmount: -20, ItemCode: undefined },
        { Quantity: 3, UnitAmount: 3.33, ItemCode: undefined },
      ],
    );
    // Tax once on the taxable 287.50 (Syncro's way): 23.72, split 24.75 / −1.03 by largest remainder.
    expect(invoice.tax).toBe('23.72');
    expect(payload.LineItems.map((line) => line.TaxAmount)).toEqual([24.75, -1.03, 0, 0]);
    expect(xeroTotalCents).toBe(syncroTotalCents);
    expect(syncroTotalCents).toBe(30_000 - 1_250 + 2_372 - 2_000 + 899);
  });

  it('sends a zero-quantity line as its description alone, with or without a price', () => {
    const invoice = syncroInvoice([
      syncroLine({ name: 'Onsite', price: '150.0', quantity: '1.0', taxable: true }),
      syncroLine({ name: 'Spare PSU (not used)', price: '89.0', quantity: '0', taxable: true, product_id: 10 }),
      syncroLine({ name: 'Note', price: '0', quantity: '0.0' }),
    ]);
    const { payload, xeroTotalCents, syncroTotalCents } = invoicePayload(invoice, invoiceCtx);
    expect(payload.LineItems.slice(1)).toEqual([{ Description: 'Spare PSU (not used)' }, { Description: 'Note' }]);
    expect(payload.LineItems[0]?.TaxAmount).toBe(12.38);
    expect(xeroTotalCents).toBe(syncroTotalCents);
  });

  it('puts each taxed line within a cent of what Xero would compute, when no line is negative', () => {
    fc.assert(
      fc.property(invoiceArb, (invoice) => {
        const lines = invoice.line_items ?? [];
        fc.pre(lines.every((line) => Number(toScaled(line.quantity, 2)) >= 0));
        for (const line of invoicePayload(invoice, invoiceCtx).payload.LineItems) {
          const { lineCents, taxCents } = xeroLineTotal(line);
          if (line.TaxType === 'OUTPUT')
            expect(Math.abs(taxCents - lineTaxCents(lineCents, 82_500, 'Exclusive'))).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('allocateProportionally and lineAmountCents', () => {
  it.each([
    [2, [10, 10, 10], [1, 1, 0]],
    [10, [1, 3], [3, 7]],
    [4, [100, -50], [8, -4]],
    [5, [0, 0], [5, 0]],
    [-3, [1, 1], [-1, -2]],
    [7, [], []],
  ])('%d over %j → %j', (total, weights, shares) => {
    expect(allocateProportionally(total, weights)).toEqual(shares);
  });

  it('always sums exactly and stays within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.array(fc.integer({ min: -1_000_000, max: 10_000_000 }), { minLength: 1, maxLength: 15 }),
        (total, weights) => {
          const shares = allocateProportionally(total, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          if (sum !== 0) {
            shares.forEach((share, i) => {
              expect(Math.abs(share - (total * (weights[i] ?? 0)) / sum)).toBeLessThan(1 + 1e-6);
            });
          }
        },
      ),
    );
  });

  it('computes line amounts exactly', () => {
    expect(lineAmountCents(4999, 20_000, 150_000)).toBe(8498);
    expect(lineAmountCents(1999, 30_000)).toBe(5997);
    expect(lineAmountCents(1, 5_000)).toBe(1); // 0.005 → 0.01
    expect(lineAmountCents(1, -5_000)).toBe(-1);
    expect(lineAmountCents(10_000, 10_000, 0, 2_000)).toBe(8_000);
  });
});

describe('payments', () => {
  it('builds the payment with the SYNCRO-PAY reference, account and exact amount', () => {
    expect(
      paymentPayload(
        { id: 7001, payment_amount: 64.99, ref_num: 'CHK 1001', applied_at: '2026-09-03T00:00:00.000Z' },
        { xeroInvoiceId: 'inv-1', settings },
      ),
    ).toEqual({
      Invoice: { InvoiceID: 'inv-1' },
      Account: { AccountID: settings.paymentAccountId },
      Date: '2026-09-03',
      Amount: 64.99,
      Reference: 'SYNCRO-PAY-7001 CHK 1001',
    });
    const plain = paymentPayload(
      { id: 7002, payment_amount: 0.1 + 0.2, ref_num: null, applied_at: '2026-09-04T15:00:00.000Z' },
      { xeroInvoiceId: 'inv-1', settings },
    );
    expect(plain).toMatchObject({ Reference: 'SYNCRO-PAY-7002', Date: '2026-09-04', Amount: 0.3 });
    const long = paymentPayload(
      { id: 1, payment_amount: 1, ref_num: 'r'.repeat(400), applied_at: '2026-09-04' },
      { xeroInvoiceId: 'x', settings },
    );
    expect(long.Reference).toHaveLength(255);
    expect(() =>
      paymentPayload({ id: 1, payment_amount: 0, applied_at: '2026-01-01' }, { xeroInvoiceId: 'x', settings }),
    ).toThrow(MappingError);
  });

  it('names the payment account by AccountID; a code saved by an earlier version still works; none is refused', () => {
    const payment = { id: 7001, payment_amount: 10, applied_at: '2026-09-03' };
    const legacy = { ...settings, paymentAccountId: '', paymentAccountCode: '090' };
    expect(paymentPayload(payment, { xeroInvoiceId: 'x', settings: legacy }).Account).toEqual({ Code: '090' });
    const none = { ...settings, paymentAccountId: '' };
    expect(() => paymentPayload(payment, { xeroInvoiceId: 'x', settings: none })).toThrow(/payment account/);
  });

  it.each([
    ['SYNCRO-PAY-1', 1, true],
    ['SYNCRO-PAY-1 CHK 5', 1, true],
    ['SYNCRO-PAY-12', 1, false],
    ['SYNCRO-PAY-1-2', 1, false],
    ['SYNCRO-PAY-12', 12, true],
    ['syncro-pay-1', 1, false],
    [' SYNCRO-PAY-1', 1, false],
    ['', 1, false],
    [null, 1, false],
  ])('isSyncroPaymentReference(%j, %d) → %s', (reference, id, matches) => {
    expect(isSyncroPaymentReference(reference, id)).toBe(matches);
  });

  it('matches only its own id', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.string(), (a, b, rest) => {
        const reference = `${syncroPaymentReference(a)} ${rest}`;
        expect(isSyncroPaymentReference(reference, b)).toBe(a === b);
      }),
    );
  });
});

describe('purchase orders and bills', () => {
  const products = new Map<number, SyncroProduct>([[10, { id: 10, name: 'Widget' }]]);
  const poCtx: PurchaseOrderContext = {
    contactId: '22222222-2222-4222-8222-222222222222',
    currency: 'USD',
    itemCodeOf: (id) => (id === 10 ? 'WID' : undefined),
    settings,
    productOf: (id) => products.get(id),
  };
  const po = (fields: Partial<SyncroPurchaseOrder> = {}): SyncroPurchaseOrder => ({
    id: 901,
    number: 'HB-20260401-1',
    vendor_id: 4,
    status: 'Finished',
    created_at: '2026-04-01T16:44:28.521Z',
    expected_date: '2026-04-07T01:07:34.000Z',
    due_date: '2026-04-22T00:00:00.000Z',
    shipping_notes: ' Leave at the back door ',
    shipping: 12.5,
    other: 0.01,
    total: 62.51,
    line_items: [
      { id: 1, product_id: 10, quantity: 2, cost_cents: 1500, position: 2 },
      { id: 2, product_id: 99, quantity: 4, cost_cents: 500, position: 1 },
    ],
    updated_at: '2026-04-01T16:44:28.530Z',
    ...fields,
  });
  const expectedLines = [
    { Description: 'Item', Quantity: 4, UnitAmount: 5, AccountCode: '300', TaxType: 'NONE' },
    { Description: 'Widget', Quantity: 2, UnitAmount: 15, ItemCode: 'WID', AccountCode: '300', TaxType: 'NONE' },
    { Description: 'Shipping', Quantity: 1, UnitAmount: 12.5, AccountCode: '300', TaxType: 'NONE' },
    { Description: 'Other charges', Quantity: 1, UnitAmount: 0.01, AccountCode: '300', TaxType: 'NONE' },
  ];

  it('builds the purchase order with shipping and other charges as lines', () => {
    expect(purchaseOrderPayload(po(), poCtx)).toEqual({
      PurchaseOrderNumber: 'HB-20260401-1',
      Contact: { ContactID: poCtx.contactId },
      Date: '2026-04-01',
      DeliveryDate: '2026-04-07',
      DeliveryInstructions: 'Leave at the back door',
      Status: 'AUTHORISED',
      LineAmountTypes: 'Exclusive',
      LineItems: expectedLines,
    });
    const bare = purchaseOrderPayload(po({ shipping: 0, other: null, total: 50, shipping_notes: null }), {
      ...poCtx,
      settings: { ...settings, purchaseTaxType: 'INPUT' },
    });
    expect(bare.LineItems).toHaveLength(2);
    expect(bare.LineItems.every((line) => line.TaxType === 'INPUT')).toBe(true);
    expect(bare).not.toHaveProperty('DeliveryInstructions');
  });

  it('takes the purchase tax rate from the settings, and asks for one when none is chosen', () => {
    expect(() => purchaseOrderPayload(po(), { ...poCtx, settings: { ...settings, purchaseTaxType: '' } })).toThrow(
      /tax rate for purchase orders and bills/,
    );
  });

  it('sends a returned PO line at a negative cost and a zero-quantity line as its description', () => {
    const lines = purchaseOrderPayload(
      po({
        shipping: 0,
        other: 0,
        total: 20,
        line_items: [
          { id: 1, product_id: 10, quantity: 2, cost_cents: 1500, position: 1 },
          { id: 2, product_id: 99, quantity: -1, cost_cents: 1000, position: 2 },
          { id: 3, product_id: 10, quantity: 0, cost_cents: 1500, position: 3 },
        ],
      }),
      poCtx,
    ).LineItems;
    expect(lines.map(({ Description, Quantity, UnitAmount }) => ({ Description, Quantity, UnitAmount }))).toEqual([
      { Description: 'Widget', Quantity: 2, UnitAmount: 15 },
      { Description: 'Item', Quantity: 1, UnitAmount: -10 },
      { Description: 'Widget', Quantity: undefined, UnitAmount: undefined },
    ]);
    expect(lines[2]).toEqual({ Description: 'Widget' });
  });

  it('builds the bill for a finished PO: ACCPAY, numbered like the PO, same lines', () => {
    expect(billPayload(po(), poCtx)).toEqual({
      Type: 'ACCPAY',
      InvoiceNumber: 'HB-20260401-1',
      Contact: { ContactID: poCtx.contactId },
      Date: '2026-04-01',
      DueDate: '2026-04-22',
      Status: 'AUTHORISED',
      LineAmountTypes: 'Exclusive',
      LineItems: expectedLines,
    });
    expect(billPayload(po({ due_date: null }), poCtx).DueDate).toBe('2026-04-01');
  });

  it('refuses a PO whose total does not add up, or that has nothing on it', () => {
    expect(() => purchaseOrderPayload(po({ total: 60 }), poCtx)).toThrow(
      `Totals differ: Xero would total ${formatMoney(6_251, 'USD')}`,
    );
    expect(() => purchaseOrderPayload(po({ total: 60 }), { ...poCtx, currency: 'GBP' })).toThrow(/total £62\.51/);
    expect(() => billPayload(po({ line_items: [], shipping: 0, other: 0, total: 0 }), poCtx)).toThrow(/no line items/);
  });
});

describe('datePart', () => {
  it.each([
    ['2019-11-06T00:00:00.000Z', '2019-11-06'],
    ['2019-11-06T00:00:00.000-05:00', '2019-11-06'],
    ['2019-11-06', '2019-11-06'],
    [null, undefined],
    ['', undefined],
  ])('%j → %j', (input, date) => {
    expect(datePart(input)).toBe(date);
  });

  it('throws on text that is not a date', () => {
    expect(() => datePart('06/11/2019')).toThrow(MappingError);
  });
});

describe('payloads conform to the official Xero spec (skipped without specs)', () => {
  let validator: SpecValidator;
  beforeAll(async () => {
    if (existsSync(defaultSpecsDir)) validator = await loadSpecValidator();
  });

  const check = (method: 'PUT' | 'POST', path: string, body: unknown) =>
    validator.check('xero', {
      method,
      host: 'api.xero.com',
      path: `/api.xro/2.0${path}`,
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json' },
      rawBody: JSON.stringify(body),
    });

  it.runIf(existsSync(defaultSpecsDir))('the checker sees a bad body (so a pass means something)', () => {
    expect(check('PUT', '/Invoices', { Invoices: [{ Type: 'NOPE' }] })).not.toBeNull();
    expect(check('PUT', '/Contacts', { Contacts: [{ Name: 'x'.repeat(256) }] })).not.toBeNull();
    expect(check('PUT', '/Items', { Items: [{ Code: 'c'.repeat(31) }] })).not.toBeNull();
    expect(check('PUT', '/Payments', { Payments: [{ Amount: 'ten' }] })).not.toBeNull();
    expect(check('PUT', '/PurchaseOrders', { PurchaseOrders: [{ Status: 'NOPE' }] })).not.toBeNull();
  });

  it.runIf(existsSync(defaultSpecsDir))('invoices (a property over 200 of them)', () => {
    fc.assert(
      fc.property(invoiceArb, (invoice) => {
        const { payload } = invoicePayload({ ...invoice, po_number: 'PO-1' }, invoiceCtx);
        expect(check('PUT', '/Invoices', { Invoices: [payload] })).toBeNull();
        expect(check('POST', '/Invoices', { Invoices: [payload] })).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it.runIf(existsSync(defaultSpecsDir))('contacts, items, payments, purchase orders and bills', () => {
    const full = customer({
      business_name: 'Acme',
      firstname: 'Ann',
      lastname: 'Lee',
      email: 'ann@acme.test',
      phone: '1'.repeat(80),
      address: 'a'.repeat(600),
      city: 'Keene',
      state: 'NH',
      zip: '0'.repeat(60),
    });
    expect(
      check('PUT', '/Contacts', { Contacts: [customerContact(full, collisionName('z'.repeat(255), 42))] }),
    ).toBeNull();
    expect(
      check('PUT', '/Contacts', { Contacts: [vendorContact(vendor({ name: 'C & S', phone: '603' }), 'C & S')] }),
    ).toBeNull();
    const item = productItem(
      { id: 1, name: '🚀'.repeat(60), upc_code: null, price_retail: 19.99, price_cost: 10 },
      'SYNCRO-P-1',
      settings,
    );
    expect(check('PUT', '/Items', { Items: [item] })).toBeNull();
    const payment = paymentPayload(
      { id: 1, payment_amount: 64.99, ref_num: 'CHK', applied_at: '2026-09-03T00:00:00.000Z' },
      { xeroInvoiceId: '33333333-3333-4333-8333-333333333333', settings },
    );
    expect(check('PUT', '/Payments', { Payments: [payment] })).toBeNull();
    const ctx: PurchaseOrderContext = {
      contactId: '22222222-2222-4222-8222-222222222222',
      currency: 'USD',
      itemCodeOf: () => 'WID',
      settings,
      productOf: () => ({ id: 10, name: 'Widget' }),
    };
    const order: SyncroPurchaseOrder = {
      id: 1,
      number: 'PO-1',
      vendor_id: 4,
      created_at: '2026-04-01T16:44:28.521Z',
      expected_date: '2026-04-07T01:07:34.000Z',
      shipping_notes: 'Back door',
      shipping: 5,
      other: 0,
      total: 35,
      line_items: [{ id: 1, product_id: 10, quantity: 2, cost_cents: 1500 }],
      updated_at: '2026-04-01T16:44:28.530Z',
    };
    expect(check('PUT', '/PurchaseOrders', { PurchaseOrders: [purchaseOrderPayload(order, ctx)] })).toBeNull();
    expect(check('PUT', '/Invoices', { Invoices: [billPayload(order, ctx)] })).toBeNull();
  });
});

describe('fingerprint', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('FNV-1a 64 of %j is %s (published test vectors)', (text, hash) => {
    expect(fnv1a64(text)).toBe(hash);
  });

  it('ignores key order at every level and drops undefined like JSON', () => {
    const a = fingerprint({ b: 1, a: { y: [1, { q: 2, p: 1 }], x: 'é🚀' }, u: undefined });
    const b = fingerprint({ a: { x: 'é🚀', y: [1, { p: 1, q: 2 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(canonicalJson({ b: 1, a: [3, 2] })).toBe('{"a":[3,2],"b":1}');
  });

  it('changes when a value, an array order or a type changes', () => {
    const base = fingerprint({ Amount: 64.99, Lines: [1, 2] });
    expect(fingerprint({ Amount: 64.98, Lines: [1, 2] })).not.toBe(base);
    expect(fingerprint({ Amount: 64.99, Lines: [2, 1] })).not.toBe(base);
    expect(fingerprint({ Amount: '64.99', Lines: [1, 2] })).not.toBe(base);
    expect(fingerprint(undefined)).not.toBe(fingerprint(null));
  });

  it('is the same for equal payloads built in any key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(fingerprint(reversed)).toBe(fingerprint(record));
      }),
    );
  });
});
