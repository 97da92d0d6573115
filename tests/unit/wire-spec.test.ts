// The schemas of what the product reads, against the official specs in ../shared/specs (skipped, and said so,
// when they are absent): each takes the specs' own examples, and every field it reads is documented there —
// except the beliefs listed below, which the README's table "What we rely on in Syncro and Xero" carries.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import * as syncro from '../../lib/syncro/wire.ts';
import { type AnySchema, type Inspectable, inspect, unwrapOnce } from '../../lib/wire-check.ts';
import * as xero from '../../lib/xero/wire.ts';
import { defaultSpecsDir } from '../sandbox/specs.ts';

const files = {
  syncro: path.join(defaultSpecsDir, 'syncro_swagger.json'),
  xero: path.join(defaultSpecsDir, 'xero_accounting.yaml'),
  identity: path.join(defaultSpecsDir, 'xero-identity.yaml'),
};
const present = Object.values(files).every((file) => existsSync(file));
if (!present) console.info(`wire-spec: skipped: no official specs at ${defaultSpecsDir}`);

/**
 * Fields the product reads that the specs do not document where it reads them: beliefs, each with what backs it.
 * Adding a field to a schema that the specs do not document fails the test below until it is listed here.
 */
const beliefs: Record<string, string> = {
  'GET /invoices balance_due':
    'Not in the invoice list or detail; POST /invoices takes it and working integrations read it. Optional: the balance is computed without it.',
  'GET /invoices/{id} balance_due': 'As above.',
  'GET /invoices/{id} customer_id': 'In the list items (GET /invoices) but not in the detail schema.',
  'GET /invoices/{id} line_items[].id':
    'The detail documents only item and name per line; GET /line_items documents the rest.',
  'GET /invoices/{id} line_items[].quantity': 'As above (GET /line_items: "quantity": "1.0").',
  'GET /invoices/{id} line_items[].price': 'As above (GET /line_items: "price": "64.99").',
  'GET /invoices/{id} line_items[].taxable': 'As above.',
  'GET /invoices/{id} line_items[].discount_percent': 'As above.',
  'GET /invoices/{id} line_items[].discount_dollars': 'As above.',
  'GET /invoices/{id} line_items[].product_id': 'As above.',
  'GET /invoices/{id} line_items[].position': 'As above.',
  'GET /purchase_orders/{id} line_items[].id':
    "The example's line_items is empty; the fields are those of the create_po_line_item answer (cents).",
  'GET /purchase_orders/{id} line_items[].product_id': 'As above.',
  'GET /purchase_orders/{id} line_items[].quantity': 'As above.',
  'GET /purchase_orders/{id} line_items[].cost_cents': 'As above.',
  'GET /purchase_orders/{id} line_items[].position': 'As above.',
};

// ---- what the specs document ----

/** The fields a spec documents at a place: from its schema, its example, or both. */
interface Documented {
  fields: Map<string, Documented>;
  items?: Documented;
}

const empty = (): Documented => ({ fields: new Map() });

function merge(into: Documented, from: Documented): Documented {
  for (const [key, value] of from.fields) into.fields.set(key, merge(into.fields.get(key) ?? empty(), value));
  if (from.items) into.items = merge(into.items ?? empty(), from.items);
  return into;
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** From an OpenAPI schema, following `#/components/schemas/…` references of `root`. */
function fromSchema(schema: unknown, root: Node, seen = new Set<string>()): Documented {
  const doc = empty();
  if (!isNode(schema)) return doc;
  const ref = typeof schema.$ref === 'string' ? schema.$ref : undefined;
  if (ref) {
    if (seen.has(ref)) return doc; // recursive (e.g. Invoice → Payment → Invoice): documented above already
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (isNode(node) ? node[key] : undefined), root);
    return fromSchema(target, root, new Set([...seen, ref]));
  }
  for (const part of (schema.allOf as unknown[] | undefined) ?? []) merge(doc, fromSchema(part, root, seen));
  for (const [key, value] of Object.entries(isNode(schema.properties) ? schema.properties : {})) {
    doc.fields.set(key, fromSchema(value, root, seen));
  }
  if (schema.items) doc.items = fromSchema(schema.items, root, seen);
  return doc;
}

function fromExample(example: unknown): Documented {
  const doc = empty();
  if (Array.isArray(example)) {
    doc.items = empty();
    for (const item of example) merge(doc.items, fromExample(item));
  } else if (isNode(example)) {
    for (const [key, value] of Object.entries(example)) doc.fields.set(key, fromExample(value));
  }
  return doc;
}

/** A Syncro answer as its swagger documents it (schema and example of the 200/201 answer), at `at` inside it. */
function syncroDocumented(spec: Node, method: string, route: string, at: string[]): Documented | undefined {
  const operation = (spec.paths as Record<string, Record<string, Node>>)[route]?.[method];
  const responses = (operation?.responses ?? {}) as Record<string, Node>;
  const content = (responses['200'] ?? responses['201'])?.content as Record<string, Node> | undefined;
  if (!content) return undefined;
  const doc = empty();
  for (const media of Object.values(content))
    merge(merge(doc, fromSchema(media.schema, spec)), fromExample(media.example));
  return at.reduce<Documented | undefined>((node, key) => (key === '[]' ? node?.items : node?.fields.get(key)), doc);
}

// ---- what the schemas read ----

/** The object or array a schema reads, through optional/nullable wrappers and transforms. */
function shapeOf(schema: AnySchema): Inspectable {
  let current = schema;
  for (let inner = unwrapOnce(current); inner; inner = unwrapOnce(current)) current = inner;
  return inspect(current);
}

/** The fields `schema` reads that `doc` does not document, as `a.b[].c`. */
function undocumented(schema: AnySchema, doc: Documented, prefix = ''): string[] {
  const shape = shapeOf(schema);
  if (shape.type === 'array' && shape.item) {
    return doc.items ? undocumented(shape.item, doc.items, `${prefix}[]`) : [`${prefix}[]`];
  }
  if (shape.type !== 'object' || !shape.entries) return [];
  return Object.entries(shape.entries).flatMap(([key, entry]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    const field = doc.fields.get(key);
    return field ? undocumented(entry, field, name) : [name];
  });
}

// ---- which schema reads which answer ----

/** [schema, method, route, where in the answer the schema starts]. */
const syncroReads: Array<[AnySchema, string, string, string[]]> = [
  [syncro.syncroMe, 'get', '/me', []],
  [syncro.syncroPaymentMethods, 'get', '/payment_methods', []],
  [syncro.syncroCustomer, 'get', '/customers', ['customers', '[]']],
  [syncro.syncroCustomer, 'get', '/customers/{id}', ['customer']],
  [syncro.syncroCreated('customer'), 'post', '/customers', ['customer']],
  [syncro.syncroVendor, 'get', '/vendors', ['vendors', '[]']],
  [syncro.syncroVendor, 'get', '/vendors/{id}', ['vendor']],
  [syncro.syncroCreated('vendor'), 'post', '/vendors', ['vendor']],
  [syncro.syncroProduct, 'get', '/products', ['products', '[]']],
  [syncro.syncroInvoiceSummary, 'get', '/invoices', ['invoices', '[]']],
  [syncro.syncroInvoice, 'get', '/invoices/{id}', []],
  [syncro.syncroLineItem, 'get', '/line_items', ['line_items', '[]']],
  [syncro.syncroPayment, 'get', '/payments/{id}', ['payment']],
  [syncro.syncroPayment, 'get', '/payments', ['payments', '[]']],
  [syncro.syncroCreated('payment'), 'post', '/payments', ['payment']],
  [syncro.syncroPurchaseOrderSummary, 'get', '/purchase_orders', ['purchase_orders', '[]']],
  [syncro.syncroPurchaseOrder, 'get', '/purchase_orders/{id}', ['purchase_order']],
  [syncro.syncroPoLineItem, 'post', '/purchase_orders/{id}/create_po_line_item', ['po_line_item']],
];

/** [schema, components.schemas name]; the collection answers are `{ Name: [Item] }` in the spec too. */
const xeroReads: Array<[AnySchema, string]> = [
  [xero.xeroOrganisations, 'Organisations'],
  [xero.xeroAccounts, 'Accounts'],
  [xero.xeroTaxRates, 'TaxRates'],
  [xero.xeroContacts, 'Contacts'],
  [xero.xeroContactsFull, 'Contacts'],
  [xero.xeroContactNumbers, 'Contacts'],
  [xero.xeroItem, 'Item'],
  [xero.xeroInvoices, 'Invoices'],
  [xero.xeroInvoiceSummaries, 'Invoices'],
  [xero.xeroBills, 'Invoices'],
  [xero.xeroPurchaseOrders, 'PurchaseOrders'],
  [xero.xeroPayments, 'Payments'],
  [xero.xeroPaymentWritten, 'Payment'],
  [xero.xeroHistoryRecords, 'HistoryRecords'],
  [xero.xeroRecordStatus, 'Invoice'],
];

/** [schema, method, route, the record's wrapper key] for each answer whose example the schema must take. */
const syncroExamples: Array<[AnySchema, string, string, string | undefined]> = [
  [syncro.syncroMe, 'get', '/me', undefined],
  [syncro.syncroPaymentMethods, 'get', '/payment_methods', undefined],
  [syncro.syncroListPage('customers'), 'get', '/customers', undefined],
  [syncro.syncroCustomer, 'get', '/customers/{id}', 'customer'],
  [syncro.syncroCreated('customer'), 'post', '/customers', 'customer'],
  [syncro.syncroListPage('vendors'), 'get', '/vendors', undefined],
  [syncro.syncroCreated('vendor'), 'post', '/vendors', 'vendor'],
  [syncro.syncroListPage('products'), 'get', '/products', undefined],
  [syncro.syncroListPage('invoices'), 'get', '/invoices', undefined],
  [syncro.syncroPayment, 'get', '/payments/{id}', 'payment'],
  [syncro.syncroCreated('payment'), 'post', '/payments', 'payment'],
  [syncro.syncroListPage('purchase_orders'), 'get', '/purchase_orders', undefined],
  [syncro.syncroPurchaseOrder, 'get', '/purchase_orders/{id}', 'purchase_order'],
];

/** The list items of each example list, checked with the item schema. */
const syncroExampleItems: Array<[AnySchema, string, string]> = [
  [syncro.syncroCustomer, '/customers', 'customers'],
  [syncro.syncroVendor, '/vendors', 'vendors'],
  [syncro.syncroProduct, '/products', 'products'],
  [syncro.syncroInvoiceSummary, '/invoices', 'invoices'],
  [syncro.syncroPayment, '/payments', 'payments'],
  [syncro.syncroPurchaseOrderSummary, '/purchase_orders', 'purchase_orders'],
  [syncro.syncroLineItem, '/line_items', 'line_items'],
];

/** [schema, method, route] of Xero answers with an example in the spec. */
const xeroExamples: Array<[AnySchema, string, string]> = [
  [xero.xeroOrganisations, 'get', '/Organisation'],
  [xero.xeroAccounts, 'get', '/Accounts'],
  [xero.xeroTaxRates, 'get', '/TaxRates'],
  [xero.xeroContacts, 'get', '/Contacts'],
  [xero.xeroContactsFull, 'get', '/Contacts'],
  [xero.xeroContactNumbers, 'get', '/Contacts'],
  [xero.xeroContacts, 'post', '/Contacts'],
  [xero.xeroInvoices, 'get', '/Invoices'],
  [xero.xeroInvoiceSummaries, 'get', '/Invoices'],
  [v.object({ Invoices: v.array(xero.xeroInvoice) }), 'post', '/Invoices'],
  [xero.xeroPurchaseOrders, 'get', '/PurchaseOrders'],
  [xero.xeroPurchaseOrders, 'post', '/PurchaseOrders'],
  [xero.xeroPurchaseOrders, 'get', '/PurchaseOrders/{PurchaseOrderNumber}'],
  [xero.xeroPayments, 'get', '/Payments'],
];

function example(spec: Node, method: string, route: string): unknown {
  const operation = (spec.paths as Record<string, Record<string, Node>>)[route]?.[method];
  const responses = (operation?.responses ?? {}) as Record<string, Node>;
  const content = (responses['200'] ?? responses['201'])?.content as Record<string, Node> | undefined;
  return Object.values(content ?? {}).find((media) => media.example !== undefined)?.example;
}

const refusal = (schema: AnySchema, body: unknown) => {
  const result = v.safeParse(schema, body);
  return result.success ? null : v.summarize(result.issues);
};

describe.skipIf(!present)('the official specs (../shared/specs)', () => {
  const syncroSpec = present ? (JSON.parse(readFileSync(files.syncro, 'utf8')) as Node) : {};
  const xeroSpec = present ? (loadYaml(readFileSync(files.xero, 'utf8')) as Node) : {};
  const identitySpec = present ? (loadYaml(readFileSync(files.identity, 'utf8')) as Node) : {};

  it('every field the schemas read is documented, or listed as a belief', () => {
    const found: string[] = [];
    for (const [schema, method, route, at] of syncroReads) {
      const doc = syncroDocumented(syncroSpec, method, route, at);
      expect(doc, `${method.toUpperCase()} ${route} ${at.join('.')}`).toBeDefined();
      found.push(...undocumented(schema, doc ?? empty()).map((field) => `${method.toUpperCase()} ${route} ${field}`));
    }
    for (const [schema, name] of xeroReads) {
      const doc = fromSchema({ $ref: `#/components/schemas/${name}` }, xeroSpec);
      expect(doc.fields.size, name).toBeGreaterThan(0);
      found.push(...undocumented(schema, doc).map((field) => `Xero ${name} ${field}`));
    }
    const connection = fromSchema({ $ref: '#/components/schemas/Connection' }, identitySpec);
    found.push(
      ...undocumented(xero.xeroConnectionList, { fields: new Map(), items: connection }).map(
        (f) => `Xero Connection ${f}`,
      ),
    );
    expect([...new Set(found)].sort()).toEqual(Object.keys(beliefs).sort());
  });

  it("each Syncro schema takes the swagger's examples", () => {
    for (const [schema, method, route, key] of syncroExamples) {
      const body = example(syncroSpec, method, route);
      expect(body, `${method} ${route}`).toBeDefined();
      const read = key ? syncro.syncroRecord(key, schema) : schema;
      expect(refusal(read, body), `${method} ${route}`).toBeNull();
    }
    for (const [schema, route, key] of syncroExampleItems) {
      const items = (example(syncroSpec, 'get', route) as Node)[key] as unknown[];
      expect(items.length, route).toBeGreaterThan(0);
      for (const item of items) expect(refusal(schema, item), route).toBeNull();
    }
  });

  it("each Xero schema takes the spec's examples", () => {
    for (const [schema, method, route] of xeroExamples) {
      const body = example(xeroSpec, method, route);
      expect(body, `${method} ${route}`).toBeDefined();
      expect(refusal(schema, body), `${method} ${route}`).toBeNull();
    }
  });
});
