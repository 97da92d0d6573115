// REST routes for the user, customers, vendors, products and payment methods; billing lives in api-billing.ts.

import { json } from '../http.ts';
import { billingRoutes } from './api-billing.ts';
import { bodyFields, contains, idFilter, notFound, paginate, type Route } from './api-kit.ts';
import type { Fields } from './invoices.ts';
import { peopleErrors, saveCustomer, saveVendor } from './people.ts';
import { customerJson, paymentMethodJson, productJson, vendorJson } from './serialize.ts';
import { type Account, businessThenName, type Customer } from './store.ts';

const customerColumns: Record<string, (customer: Customer) => string | number> = {
  id: (c) => c.id,
  firstname: (c) => c.firstname.toLowerCase(),
  lastname: (c) => c.lastname.toLowerCase(),
  business_name: (c) => (c.businessName ?? '').toLowerCase(),
  email: (c) => (c.email ?? '').toLowerCase(),
  created_at: (c) => c.createdAt,
  updated_at: (c) => c.updatedAt,
};

/**
 * Syncro's `sort` ("firstname ASC", "city DESC": syncro_swagger.json#/paths/~1customers/get/parameters): a known
 * column, then id. Undocumented: ties and unknown columns; the fake keeps id order.
 */
function sortRows<T extends { id: number }>(
  rows: T[],
  sort: string | null,
  columns: Record<string, (row: T) => string | number>,
): T[] {
  const [column = '', direction = 'ASC'] = (sort ?? '').trim().split(/\s+/);
  const key = columns[column.toLowerCase()];
  if (!key) return rows;
  const sign = direction.toUpperCase() === 'DESC' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return (x < y ? -sign : x > y ? sign : 0) || sign * (a.id - b.id);
  });
}

// 422 body {success, message[], params}: syncro_swagger.json#/paths/~1customers/post/responses/422 and ~1vendors/post.
function createPerson(account: Account, kind: 'customer' | 'vendor', body: Fields, now: number) {
  const errors = peopleErrors(kind, body);
  if (errors.length > 0) return json(422, { success: false, message: errors, params: body });
  return kind === 'customer'
    ? json(200, { customer: customerJson(account, saveCustomer(account, undefined, body, now)) })
    : json(200, { vendor: vendorJson(saveVendor(account, undefined, body, now)) });
}

const catalogRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/me$/,
    permission: null,
    // The keys of syncro_swagger.json#/paths/~1me/get example; permissions summarised as its read/write/delete
    // groups (Undocumented: which token permission sets which flag).
    handle: ({ account, token }) => {
      const user = account.users.get(token.userId);
      const all = token.permissions === 'all';
      const group = (read: string, write: string) => ({
        read: all || (token.permissions !== 'all' && token.permissions.has(read)),
        write: all || (token.permissions !== 'all' && token.permissions.has(write)),
        delete: all,
      });
      return json(200, {
        user_token: token.token,
        user_email: user?.email ?? null,
        user_name: user?.name ?? null,
        user_id: token.userId,
        admin: all,
        can_use_app: true,
        two_factor_required: false,
        subdomain: account.subdomain,
        default_location: null,
        enable_multi_locations: false,
        locations_allowed: [],
        permissions: {
          customer: group('Customers - View Detail', 'Customers - Edit'),
          invoice: group('Invoices - View Details', 'Invoices - Edit'),
          payment: group('Payments - View List', 'Payments - Create'),
        },
      });
    },
  },
  {
    method: 'GET',
    path: /^\/customers$/,
    permission: 'Customers - List/Search',
    handle: ({ req, account }) => {
      const q = req.query;
      // Filters, 25 per page: syncro_swagger.json#/paths/~1customers/get/parameters. Undocumented: "like" is taken
      // as a case-insensitive substring; firstname, lastname and not_id are not modelled.
      const ids = idFilter(req);
      const query = q.get('query');
      const businessName = q.get('business_name');
      const email = q.get('email');
      const includeDisabled = q.get('include_disabled') === 'true';
      const matches = account.customers.rows.filter(
        (c) =>
          (includeDisabled || !c.disabled) &&
          (!ids || ids.has(c.id)) &&
          (!businessName || contains(c.businessName, businessName)) &&
          (!email || (c.email ?? '').toLowerCase() === email.toLowerCase()) &&
          (!query || contains(`${businessThenName(c)} ${c.firstname} ${c.lastname} ${c.email ?? ''}`, query)),
      );
      const { slice, meta } = paginate(sortRows(matches, q.get('sort'), customerColumns), req, 25);
      return json(200, { customers: slice.map((c) => customerJson(account, c)), meta });
    },
  },
  {
    method: 'POST',
    path: /^\/customers$/,
    permission: 'Customers - Create',
    handle: ({ account, body, now }) => createPerson(account, 'customer', bodyFields(body), now),
  },
  {
    method: 'POST',
    path: /^\/vendors$/,
    permission: 'Vendors - New',
    handle: ({ account, body, now }) => createPerson(account, 'vendor', bodyFields(body), now),
  },
  {
    method: 'GET',
    path: /^\/customers\/(\d+)$/,
    permission: 'Customers - View Detail',
    handle: ({ account, params }) => {
      const customer = account.customers.get(Number(params[0]));
      return customer ? json(200, { customer: customerJson(account, customer) }) : notFound();
    },
  },
  {
    method: 'GET',
    path: /^\/vendors$/,
    permission: 'Vendors - List',
    // 100 per page: syncro_swagger.json#/paths/~1vendors/get/parameters. No `meta`, as in that path's example: a
    // client knows the last page only by it being short (or empty).
    handle: ({ req, account }) => {
      const { slice } = paginate(account.vendors.rows, req, 100);
      return json(200, { vendors: slice.map(vendorJson) });
    },
  },
  {
    method: 'GET',
    path: /^\/vendors\/(\d+)$/,
    permission: 'Vendors - View Details',
    handle: ({ account, params }) => {
      const vendor = account.vendors.get(Number(params[0]));
      return vendor ? json(200, { vendor: vendorJson(vendor) }) : notFound();
    },
  },
  {
    method: 'GET',
    path: /^\/products$/,
    permission: 'Products - List/Search',
    handle: ({ req, account }) => {
      const q = req.query;
      const ids = idFilter(req);
      // Filters, 25 per page: syncro_swagger.json#/paths/~1products/get/parameters. No `meta`, as in that path's
      // example.
      const upc = q.get('upc_code');
      const name = q.get('name');
      const query = q.get('query');
      const matches = account.products.rows.filter(
        (p) =>
          (!ids || ids.has(p.id)) &&
          (!upc || p.upcCode === upc) &&
          (!name || contains(p.name, name)) &&
          (!query || contains(`${p.name} ${p.description} ${p.upcCode ?? ''}`, query)),
      );
      const { slice } = paginate(matches, req, 25);
      return json(200, { products: slice.map(productJson) });
    },
  },
  {
    method: 'GET',
    path: /^\/products\/(\d+)$/,
    // syncro_swagger.json#/paths/~1products~1{id}/get: "Required permission: Products - List/Search".
    permission: 'Products - List/Search',
    handle: ({ account, params }) => {
      const product = account.products.get(Number(params[0]));
      return product ? json(200, { product: productJson(product) }) : notFound();
    },
  },
  {
    method: 'GET',
    path: /^\/payment_methods$/,
    permission: null,
    // syncro_swagger.json#/paths/~1payment_methods/get: "All Users except Single Customer Users", so no permission.
    handle: ({ account }) => json(200, { payment_methods: account.paymentMethods.rows.map(paymentMethodJson) }),
  },
];

export const routes: Route[] = [...catalogRoutes, ...billingRoutes];
