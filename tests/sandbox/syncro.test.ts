import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxClient } from './client.ts';
import type { Fake } from './fake.ts';
import type { SandboxResponse } from './http.ts';
import { type Sandbox, startSandbox } from './server.ts';
import { createSyncro } from './syncro/index.ts';
import { centsToDecimal } from './syncro/money.ts';

const T0 = Date.UTC(2026, 5, 15, 12, 0, 0);
const HOUR = 3_600_000;

// Seed facts the tests (and other suites) rely on.
const INVOICE = {
  zeroUnpaid: 48201,
  zeroPaid: 48202,
  refund: 48203,
  open: 48204,
  paid: 48205,
  partial: 48206,
  equalA: 48208,
  equalB: 48209,
  discount: 48210,
  mixed: 48211,
};
const CUSTOMER = { globex: 2002, cafe: 2004, xss: 2006, smithJohn: 2007, smithSarah: 2008 };
const PO = { open: 901, ordered: 902, finished: 903 };

// Response JSON is inspected ad hoc by the assertions, so it is deliberately untyped.
// biome-ignore lint/suspicious/noExplicitAny: arbitrary JSON under test
type Json = any;

interface Call {
  token?: string | null;
  body?: unknown;
  form?: Record<string, string>;
  host?: string;
  headers?: Record<string, string>;
}

let now = T0;
let syncro: Fake;

async function call(method: string, target: string, options: Call = {}): Promise<SandboxResponse & { body: Json }> {
  const url = new URL(`https://x${target}`);
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? 'demo-token' : options.token;
  if (token !== null && target.startsWith('/api/')) headers.authorization = `Bearer ${token}`;
  let rawBody = '';
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    rawBody = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    rawBody = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await syncro.handle({
    method,
    host: options.host ?? 'acme.syncromsp.com',
    path: url.pathname,
    query: url.searchParams,
    headers,
    rawBody,
  });
  return response as SandboxResponse & { body: Json };
}

const api = (path: string, options?: Call) => call('GET', `/api/v1${path}`, options);
const invoice = async (id: number | string) => (await api(`/invoices/${id}`)).body.invoice;
const payment = async (id: number) => (await api(`/payments/${id}`)).body.payment;

/** The balance the fake holds for an invoice (its API gives none: neither the list nor the detail has one). */
async function heldBalance(id: number): Promise<string | undefined> {
  const { accounts } = syncro.snapshot() as { accounts: Record<string, { invoices: Json[] }> };
  return accounts.acme?.invoices.find((candidate) => candidate.id === id)?.balance_due;
}

/** The payments of an invoice, each as `GET /payments/{id}` gives it. */
const paymentsOf = async (id: number) =>
  Promise.all((await invoice(id)).payments.map((entry: { id: number }) => payment(entry.id)));

beforeEach(() => {
  now = T0;
  syncro = createSyncro({ now: () => now });
  syncro.seed();
});

describe('Syncro API auth', () => {
  it.each([
    ['a missing token', null],
    ['an unknown token', 'nope'],
    ['an expired token', 'expired-token'],
  ])('answers 401 to %s, in words that do not speak of permissions', async (_what, token) => {
    const response = await api('/invoices', { token });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: expect.any(String) });
    expect(response.body.error).not.toMatch(/permission/i);
  });

  it('accepts a raw Authorization header and ?api_key=', async () => {
    expect((await api('/me', { token: null, headers: { authorization: 'demo-token' } })).status).toBe(200);
    expect((await api('/me?api_key=readonly-token', { token: null })).status).toBe(200);
  });

  it('answers 401 with the swagger\'s "Not authorized" body when the token lacks the permission', async () => {
    // syncro_swagger.json#/paths/~1contacts/get/responses/401
    const response = await call('POST', '/api/v1/payments', {
      token: 'readonly-token',
      body: { customer_id: 2001, amount_cents: 100, payment_method: 'Cash' },
    });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: 'Not authorized. Please ask account admin to update your group permissions.',
    });
    expect((await api('/invoices', { token: 'readonly-token' })).status).toBe(200);
  });

  it('returns the current user from /me', async () => {
    const { body } = await api('/me');
    expect(body).toMatchObject({ user_id: 1, user_name: 'Demo Tech', subdomain: 'acme' });
  });

  it('treats other subdomains as unknown accounts', async () => {
    expect((await api('/me', { host: 'other.syncromsp.com' })).status).toBe(404);
    expect((await call('GET', '/invoices', { host: 'other.syncromsp.com' })).status).toBe(404);
  });

  it('lets admin add tokens with chosen permissions', async () => {
    await syncro.admin({
      method: 'POST',
      host: '',
      path: '/tokens',
      query: new URLSearchParams(),
      headers: {},
      rawBody: JSON.stringify({ token: 'po-only', permissions: ['Purchase Orders - List/Search'] }),
    });
    expect((await api('/purchase_orders', { token: 'po-only' })).status).toBe(200);
    expect((await api('/invoices', { token: 'po-only' })).status).toBe(401);
  });

  it('answers 404 JSON to unknown routes and 400 to malformed JSON', async () => {
    expect((await api('/nothing')).status).toBe(404);
    expect((await call('PUT', `/api/v1/payments/7001`, { body: {} })).status).toBe(404);
    expect((await call('POST', '/api/v1/payments', { body: '{oops' })).status).toBe(400);
  });
});

describe('Syncro API lists', () => {
  it('pages invoices 25 at a time and POs 20 at a time', async () => {
    syncro.seed({ invoices: 60 });
    const first = await api('/invoices');
    expect(first.body.invoices).toHaveLength(25);
    expect(first.body.meta).toEqual({ total_pages: 3, page: 1 });
    expect((await api('/invoices?page=3')).body.invoices).toHaveLength(10);
    const ids = new Set<number>();
    for (let page = 1; page <= 3; page++)
      for (const row of (await api(`/invoices?page=${page}`)).body.invoices) ids.add(row.id);
    expect(ids.size).toBe(60);
    const pos = await api('/purchase_orders');
    expect(pos.body.purchase_orders).toHaveLength(20);
    expect((await api('/purchase_orders?page=2')).body.purchase_orders).toHaveLength(10);
  });

  it('sends no `meta` with POs, vendors and products, as their swagger examples have none', async () => {
    for (const [path, key] of [
      ['/purchase_orders', 'purchase_orders'],
      ['/vendors', 'vendors'],
      ['/products', 'products'],
    ] as const) {
      const { body } = await api(path);
      expect(Object.keys(body), path).toEqual([key]);
    }
  });

  it('lists invoices without balance_due (absent from #/paths/~1invoices/get)', async () => {
    const rows = (await api('/invoices')).body.invoices;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).not.toHaveProperty('balance_due');
  });

  it('lists POs oldest first (the order is undocumented): the newest are on the last page', async () => {
    syncro.seed({ invoices: 60 });
    const ids: number[] = [];
    for (let page = 1; page <= 2; page++)
      ids.push(...(await api(`/purchase_orders?page=${page}`)).body.purchase_orders.map((po: Json) => po.id));
    expect(ids).toHaveLength(30);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('filters invoices by paid, unpaid and since_updated_at', async () => {
    const all = (await api('/invoices?page=1')).body.meta.total_pages;
    expect(all).toBeGreaterThan(0);
    const paid = (await api('/invoices?paid=true')).body.invoices;
    expect(paid.length).toBeGreaterThan(0);
    expect(paid.every((row: Json) => row.is_paid)).toBe(true);
    const unpaid = (await api('/invoices?unpaid=true')).body.invoices;
    expect(unpaid.every((row: Json) => !row.is_paid)).toBe(true);
    const since = new Date(now - 10 * 24 * HOUR).toISOString();
    const recent = (await api(`/invoices?since_updated_at=${since}`)).body.invoices;
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((row: Json) => row.updated_at >= since)).toBe(true);
  });

  it('filters customers, products and payments', async () => {
    const smiths = (await api('/customers?business_name=Smith%20%26%20Co')).body.customers;
    expect(smiths.map((c: Json) => c.id)).toEqual([CUSTOMER.smithJohn, CUSTOMER.smithSarah]);
    const maria = (await api('/customers?query=garcia')).body.customers[0];
    expect(maria).toMatchObject({ business_name: null, business_then_name: 'Maria Garcia', fullname: 'Maria Garcia' });
    const byUpc = (await api('/products?upc_code=887276476043')).body.products;
    expect(byUpc).toHaveLength(2);
    const globex = (await api('/payments?query=Globex')).body.payments;
    expect(globex.every((found: Json) => found.customer.business_name === 'Globex Corporation')).toBe(true);
    expect(globex.find((found: Json) => found.ref_num === 'CHK-1001')).toMatchObject({
      ref_num: 'CHK-1001',
      payment_method: 'Check',
      invoice_ids: [INVOICE.paid],
      payment_amount: 450,
    });
    expect((await api('/payment_methods')).body.payment_methods.map((m: Json) => m.name)).toContain('Bank Transfer');
  });
});

describe('Syncro invoices', () => {
  it('finds an invoice by id or by number, with line items, payments and balance', async () => {
    const byId = await invoice(INVOICE.partial);
    expect(await invoice('1006')).toEqual(byId);
    expect(byId).toMatchObject({
      number: '1006',
      subtotal: '849.0',
      tax: '70.04',
      total: '919.04',
      is_paid: false,
    });
    expect(await heldBalance(INVOICE.partial)).toBe('519.04');
    expect(byId.line_items[0]).toMatchObject({
      price: '849.0',
      quantity: '1.0',
      taxable: true,
      invoice_id: INVOICE.partial,
    });
    expect(byId.payments).toEqual([{ id: 7002 }]);
    expect(await payment(7002)).toMatchObject({ payment_amount: 400, ref_num: 'CC-4242' });
    expect(byId.customer.id).toBe(2005);
  });

  it('computes totals exactly from line items (discounts, tax, refunds, $0)', async () => {
    expect(await invoice(INVOICE.discount)).toMatchObject({ subtotal: '855.0', tax: '3.71', total: '858.71' });
    expect(await invoice(INVOICE.mixed)).toMatchObject({ subtotal: '466.48', tax: '22.89', total: '489.37' });
    expect(await invoice(INVOICE.refund)).toMatchObject({ total: '-129.89', is_paid: false });
    expect(await invoice(INVOICE.zeroUnpaid)).toMatchObject({ total: '0.0', is_paid: false });
    expect(await invoice(INVOICE.zeroPaid)).toMatchObject({ total: '0.0', is_paid: true, tech_marked_paid: true });
    const [a, b] = [await invoice(INVOICE.equalA), await invoice(INVOICE.equalB)];
    expect([a.customer_id, a.total, a.is_paid]).toEqual([b.customer_id, b.total, b.is_paid]);
  });

  it('formats cents as Rails decimal strings', () => {
    expect([0, 1999, 12050, 5, -12989].map(centsToDecimal)).toEqual(['0.0', '19.99', '120.5', '0.05', '-129.89']);
  });

  it('updates fields with PUT and refuses line edits on paid invoices', async () => {
    now += HOUR;
    const put = await call('PUT', `/api/v1/invoices/${INVOICE.open}`, { body: { po_number: 'PO-1', note: 'hi' } });
    expect(put.body.invoice).toMatchObject({ po_number: 'PO-1', note: 'hi', updated_at: new Date(now).toISOString() });
    const paidLine = (await invoice(INVOICE.paid)).line_items[0].id;
    const refused = await call('PUT', `/api/v1/invoices/${INVOICE.paid}/line_items/${paidLine}`, {
      body: { quantity: 3 },
    });
    expect(refused.status).toBe(422);
    const added = await call('POST', `/api/v1/invoices/${INVOICE.open}/line_items`, {
      body: { product_id: 508, quantity: 2 },
    });
    expect(added.body).toMatchObject({ item: 'USB-C Cable 2m', price: '12.5', quantity: '2.0' });
    expect((await invoice(INVOICE.open)).total).toBe('467.78');
  });
});

describe('Syncro payments as the swagger documents them', () => {
  it("lists an invoice detail's payments as ids only, without balance_due (#/paths/~1invoices~1{id}/get)", async () => {
    const detail = await invoice(INVOICE.partial);
    expect(detail.payments).toEqual([{ id: 7002 }]);
    expect(detail).not.toHaveProperty('balance_due');
  });

  it("gives a payment's amount, date and invoices only from GET /payments/{id} (#/paths/~1payments~1{id}/get)", async () => {
    const [paid] = await paymentsOf(INVOICE.partial);
    expect(paid).toMatchObject({
      id: 7002,
      payment_amount: 400,
      ref_num: 'CC-4242',
      payment_method: 'Credit Card',
      invoice_ids: [INVOICE.partial],
      applied_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/),
    });
    expect((await api('/payments/999999')).status).toBe(404);
  });

  it('does not search ref_num with /payments?query= ("Search query" only, #/paths/~1payments/get)', async () => {
    expect((await payment(7002)).ref_num).toBe('CC-4242');
    expect((await api('/payments?query=CC-4242')).body.payments).toEqual([]);
    const byCustomer = (await api(`/payments?query=${encodeURIComponent('東京テック')}`)).body.payments;
    expect(byCustomer.map((found: Json) => found.id)).toContain(7002);
  });
});

describe('Syncro payments', () => {
  const pay = (body: unknown) => call('POST', '/api/v1/payments', { body });

  it('applies a payment to an invoice and marks it paid when covered', async () => {
    const partial = await pay({
      customer_id: 2004,
      invoice_id: INVOICE.open,
      amount_cents: 10000,
      payment_method: 'Check',
      ref_num: 'CHK-9',
    });
    expect(partial.status).toBe(200);
    expect(partial.body.payment).toMatchObject({
      success: true,
      payment_amount: 100,
      invoice_ids: [INVOICE.open],
      ref_num: 'CHK-9',
      payment_method: 'Check',
    });
    expect(await invoice(INVOICE.open)).toMatchObject({ is_paid: false });
    expect(await heldBalance(INVOICE.open)).toBe('340.71');
    const rest = await pay({ payment: { invoice_number: '1004', amount_cents: 34071, payment_method: 'Cash' } });
    expect(rest.status).toBe(200);
    expect(await invoice(INVOICE.open)).toMatchObject({ is_paid: true, verified_paid: true });
    expect(await heldBalance(INVOICE.open)).toBe('0.0');
    expect((await invoice(INVOICE.open)).payments.map((entry: Json) => entry.id)).toContain(partial.body.payment.id);
  });

  it('splits apply_payments over two invoices', async () => {
    const response = await pay({
      customer_id: CUSTOMER.smithJohn,
      amount_cents: 29000,
      payment_method: 'Bank Transfer',
      apply_payments: { [INVOICE.equalA]: 19000, [INVOICE.equalB]: 10000 },
    });
    expect(response.body.payment.invoice_ids).toEqual([INVOICE.equalA, INVOICE.equalB]);
    expect(await invoice(INVOICE.equalA)).toMatchObject({ is_paid: true });
    expect(await invoice(INVOICE.equalB)).toMatchObject({ is_paid: false });
    expect([await heldBalance(INVOICE.equalA), await heldBalance(INVOICE.equalB)]).toEqual(['0.0', '90.0']);
  });

  it.each([
    [
      'another customer’s invoice',
      { customer_id: CUSTOMER.globex, invoice_id: INVOICE.open, amount_cents: 100, payment_method: 'Cash' },
    ],
    [
      'an unknown payment method',
      { customer_id: 2004, invoice_id: INVOICE.open, amount_cents: 100, payment_method: 'Bitcoin' },
    ],
    ['a missing customer', { amount_cents: 100, payment_method: 'Cash' }],
    ['a zero amount', { customer_id: 2004, amount_cents: 0, payment_method: 'Cash' }],
    ['a fractional amount', { customer_id: 2004, amount_cents: 10.5, payment_method: 'Cash' }],
  ])('rejects %s with 422', async (_what, body) => {
    const response = await pay(body);
    expect(response.status).toBe(422);
    expect(response.body.error).toEqual(expect.any(String));
  });

  it('keeps a payment without invoice as account credit', async () => {
    const response = await pay({ customer_id: 2004, amount_cents: 5000, payment_method: 'Cash' });
    expect(response.body.payment).toMatchObject({ invoice_ids: [], payment_amount: 50 });
  });
});

describe('Syncro web pages', () => {
  it('lists invoices with links to /invoices/ID', async () => {
    const { status, body } = await call('GET', '/invoices');
    expect(status).toBe(200);
    expect(body).toContain('<table class="table table-striped');
    expect(body).toContain(`<a href="/invoices/${INVOICE.open}">1004</a>`);
  });

  it('shows an invoice with title, Actions dropdown, Take Payment and customer link', async () => {
    const { body } = await call('GET', `/invoices/${INVOICE.open}`);
    expect(body).toContain('<h1>Invoice #1004</h1>');
    expect(body).toMatch(
      /<div class="btn-group"><button type="button" class="btn btn-default dropdown-toggle" data-toggle="dropdown"[^>]*>Actions <span class="caret"><\/span><\/button><ul class="dropdown-menu dropdown-menu-right">/,
    );
    expect(body).toContain(
      `<a class="btn btn-teal btn-sm" href="/invoices/${INVOICE.open}/payment_form">Take Payment</a>`,
    );
    expect(body).toContain(`<a href="/customers/${CUSTOMER.cafe}">Café Zürich GmbH</a>`);
    expect((await call('GET', `/invoices/${INVOICE.paid}`)).body).not.toContain('Take Payment');
  });

  it('shows purchase orders', async () => {
    const list = (await call('GET', '/purchase_orders')).body;
    expect(list).toContain(`<a href="/purchase_orders/${PO.open}">PO-1001</a>`);
    const detail = (await call('GET', `/purchase_orders/${PO.finished}`)).body;
    expect(detail).toContain('<h1>Purchase Order #PO-1003</h1>');
    expect(detail).toContain('Finished');
    expect(detail).toContain('Actions <span class="caret">');
  });

  it('escapes the script payload from data', async () => {
    const pages = [
      await call('GET', '/invoices'),
      await call('GET', '/invoices/48212'),
      await call('GET', `/customers/${CUSTOMER.xss}`),
    ];
    for (const { body } of pages) {
      expect(body).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; Ltd');
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('<img src=x');
    }
  });

  it('edits an invoice through the form', async () => {
    now += HOUR;
    const before = await invoice(INVOICE.open);
    const lineId = before.line_items[0].id;
    const response = await call('POST', `/invoices/${INVOICE.open}`, {
      form: {
        'invoice[po_number]': 'WEB-1',
        'invoice[note]': 'edited',
        [`line_items[${lineId}][quantity]`]: '3',
        'new_line_item[product_id]': '509',
        'new_line_item[quantity]': '1',
      },
    });
    expect(response).toMatchObject({ status: 302, headers: { location: `/invoices/${INVOICE.open}` } });
    const after = await invoice(INVOICE.open);
    expect(after).toMatchObject({
      po_number: 'WEB-1',
      note: 'edited',
      subtotal: '618.99',
      updated_at: new Date(now).toISOString(),
    });
    expect(after.line_items).toHaveLength(3);
    const refused = await call('POST', `/invoices/${INVOICE.paid}`, { form: { 'new_line_item[product_id]': '509' } });
    expect(refused.status).toBe(422);
  });

  it('takes a payment through the form like the API does', async () => {
    const form = (await call('GET', `/invoices/${INVOICE.partial}/payment_form`)).body;
    expect(form).toContain('value="519.04"');
    const response = await call('POST', `/invoices/${INVOICE.partial}/payments`, {
      form: { 'payment[amount]': '519.04', 'payment[payment_method]': 'Check', 'payment[ref_num]': 'CHK-WEB' },
    });
    expect(response.status).toBe(302);
    expect(await invoice(INVOICE.partial)).toMatchObject({ is_paid: true });
    expect(await heldBalance(INVOICE.partial)).toBe('0.0');
    expect((await paymentsOf(INVOICE.partial)).find((paid: Json) => paid.ref_num === 'CHK-WEB')).toMatchObject({
      payment_amount: 519.04,
    });
  });

  it('marks a purchase order finished', async () => {
    now += HOUR;
    const response = await call('POST', `/purchase_orders/${PO.open}/finish`);
    expect(response.status).toBe(302);
    const po = (await api(`/purchase_orders/${PO.open}`)).body.purchase_order;
    expect(po).toMatchObject({ status: 'Finished', updated_at: new Date(now).toISOString() });
    expect(po.line_items.every((line: Json) => line.received)).toBe(true);
  });
});

describe('Syncro web pages in the grid markup', () => {
  const setMarkup = async (markup: unknown) =>
    (await syncro.admin({
      method: 'POST',
      host: '',
      path: '/markup',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json' },
      rawBody: JSON.stringify({ markup }),
    })) as SandboxResponse & { body: Json };
  const page = async (target: string) => (await call('GET', target)).body as string;
  /** What a page says about its records: record links with their text, customer links, and every amount. */
  const facts = (html: string) => ({
    records: [...html.matchAll(/href="(\/(?:invoices|purchase_orders)\/\d+)">([^<]*)</g)].map(([, href, label]) => [
      href,
      label,
    ]),
    customers: [...html.matchAll(/href="\/customers\/(\d+)">([^<]*)</g)].map(([, id, name]) => [id, name]),
    amounts: html.match(/-?\$[\d,]+\.\d\d/g) ?? [],
  });
  const pages = [
    '/invoices',
    `/invoices/${INVOICE.partial}`,
    `/invoices/${INVOICE.discount}`,
    '/invoices/48212',
    '/purchase_orders',
    `/purchase_orders/${PO.open}`,
  ];

  it('serves the same records, customers and amounts as the Bootstrap pages', async () => {
    const bootstrap = await Promise.all(pages.map(page));
    expect((await setMarkup('grid')).body).toEqual({ subdomain: 'acme', markup: 'grid' });
    const grid = await Promise.all(pages.map(page));
    for (const [index, html] of grid.entries()) {
      expect(facts(html), pages[index]).toEqual(facts(bootstrap[index] ?? ''));
    }
    const list = facts(grid[0] ?? '');
    expect(list.records).toHaveLength(30);
    expect(list.records).toContainEqual([`/invoices/${INVOICE.open}`, '1004']);
    expect(facts(grid[4] ?? '').records).toEqual([
      ['/purchase_orders/905', 'PO-1005'],
      ['/purchase_orders/904', 'PO-1004'],
      ['/purchase_orders/903', 'PO-1003'],
      ['/purchase_orders/902', 'PO-1002'],
      ['/purchase_orders/901', 'PO-1001'],
    ]);
  });

  it('uses div grids, non-h1 headings and an ARIA menu button instead of tables and dropdowns', async () => {
    await setMarkup('grid');
    for (const target of pages) {
      const html = await page(target);
      expect(html).not.toMatch(/<(table|tr|td|h1)[\s>]|dropdown|class="btn/);
      expect(html).toContain('<main id="app"');
    }
    expect(await page('/invoices')).toMatch(
      /<div role="row" class="gx-row"><div role="cell"><input type="checkbox" value="48230" aria-label="Select invoice 1030"><\/div><div role="cell"><a href="\/invoices\/48230">1030<\/a><\/div>/,
    );
    const detail = await page(`/invoices/${INVOICE.open}`);
    expect(detail).toContain('<div role="heading" aria-level="1" class="gx-title">Invoice #1004</div>');
    expect(detail).toMatch(/<button [^>]*aria-haspopup="menu" aria-expanded="false" aria-controls="gx-actions-menu"/);
    expect(detail).not.toContain('id="gx-actions-menu"');
    expect(detail).toContain(`&quot;href&quot;:&quot;/invoices/${INVOICE.open}/payment_form&quot;`);
    expect(await page(`/invoices/${INVOICE.paid}`)).not.toContain('Take Payment');
    expect(await page(`/purchase_orders/${PO.finished}`)).toContain(
      '<h2 class="gx-title"><span>Purchase Order</span> #PO-1003</h2>',
    );
  });

  it('keeps the detail actions working: finishing a PO from the menu form', async () => {
    await setMarkup('grid');
    const open = await page(`/purchase_orders/${PO.open}`);
    expect(open).toContain(`<form id="gx-finish-po" method="post" action="/purchase_orders/${PO.open}/finish" hidden>`);
    expect(open).toContain(
      '{&quot;label&quot;:&quot;Mark as Finished&quot;,&quot;submit&quot;:&quot;gx-finish-po&quot;}',
    );
    expect((await call('POST', `/purchase_orders/${PO.open}/finish`)).status).toBe(302);
    const finished = await page(`/purchase_orders/${PO.open}`);
    expect(finished).not.toContain('gx-finish-po');
    expect(finished).toContain('Finished');
    expect((await call('GET', `/invoices/${INVOICE.open}/payment_form`)).status).toBe(200);
  });

  it('answers ?fragment=1 with the view alone, for client-side navigation', async () => {
    await setMarkup('grid');
    const fragment = await page('/invoices/48212?fragment=1');
    expect(fragment).toMatch(/^<main id="app" [^>]*data-page-title="Invoice #1012 \| Syncro"/);
    expect(fragment).not.toMatch(/<html|<script|<nav/);
    expect(fragment).toContain('Invoice #1012');
    expect(facts(fragment)).toEqual(facts(await page('/invoices/48212')));
    expect(await page('/invoices?fragment=1')).toContain('href="/invoices/48212">1012<');
  });

  it('escapes the script payload from data', async () => {
    await setMarkup('grid');
    for (const target of ['/invoices', '/invoices/48212', '/invoices/48212?fragment=1']) {
      const html = await page(target);
      expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; Ltd');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
    }
  });

  it('refuses an unknown markup and leaves the pages as they were', async () => {
    const refused = await setMarkup('table');
    expect(refused.status).toBe(422);
    expect(await page('/invoices')).toContain('<table class="table table-striped');
    expect((await setMarkup('bootstrap')).status).toBe(200);
  });
});

describe('the markup switch over the admin API', () => {
  let sandbox: Sandbox;
  let client: SandboxClient;
  const invoices = async () => (await client.send({ host: 'acme.syncromsp.com', path: '/invoices' })).text;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: false });
    client = new SandboxClient(sandbox.port);
  });
  afterAll(() => sandbox.close());

  it('switches with syncroMarkup and is back to Bootstrap after /__admin/reset or a seed', async () => {
    await client.seed();
    expect(await invoices()).toContain('<table class="table table-striped');
    expect(await client.syncroMarkup('grid')).toEqual({ subdomain: 'acme', markup: 'grid' });
    const grid = await invoices();
    expect(grid).toContain('<div role="table" aria-label="Invoices"');
    expect(grid).not.toContain('<table');
    await client.reset();
    await expect(client.syncroMarkup('grid')).rejects.toThrow(/404/);
    await client.seed();
    expect(await invoices()).toContain('<table class="table table-striped');
    await client.syncroMarkup('grid');
    await client.seed();
    expect(await invoices()).toContain('<table class="table table-striped');
    expect(await client.admin('GET', '/syncro/markup')).toEqual({ subdomain: 'acme', markup: 'bootstrap' });
  });
});

describe('Syncro seed', () => {
  it('is deterministic', () => {
    const first = JSON.stringify(syncro.snapshot());
    syncro.seed();
    expect(JSON.stringify(syncro.snapshot())).toBe(first);
  });

  it('scales to 10,000 invoices quickly', async () => {
    const started = performance.now();
    syncro.seed({ invoices: 10_000 });
    expect(performance.now() - started).toBeLessThan(2000);
    const last = await api('/invoices?page=400');
    expect(last.body.meta).toEqual({ total_pages: 400, page: 400 });
    expect(last.body.invoices).toHaveLength(25);
    expect((await api('/invoices?page=401')).body.invoices).toHaveLength(0);
  });
});
