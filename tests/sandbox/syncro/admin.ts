// Test-only admin API of the Syncro fake (paths relative to /__admin/syncro), JSON in and out.
// Accounts are picked by `subdomain` in the body or query (default `acme`).

import { json, parseBody, type SandboxRequest, type SandboxResponse } from '../http.ts';
import { bodyFields, notFound, respond } from './api-kit.ts';
import { addLineItem, createInvoice, type Fields, updateInvoiceFields, updateLineItem } from './invoices.ts';
import { createPayment } from './payments.ts';
import { saveCustomer, saveVendor } from './people.ts';
import { ALL_PERMISSIONS } from './permissions.ts';
import { seedPaymentMethods } from './seed-catalog.ts';
import { customerJson, invoiceDetailJson, paymentJson, purchaseOrderJson, vendorJson } from './serialize.ts';
import { type Account, createAccount, findInvoice, finishPurchaseOrder } from './store.ts';

export interface AdminState {
  accounts: Map<string, Account>;
  now(): number;
}

/** A new empty account (one user, the standard payment methods) for multi-account tests. */
function ensureAccount(state: AdminState, subdomain: string): Account {
  let account = state.accounts.get(subdomain);
  if (!account) {
    account = createAccount(subdomain);
    account.users.add({ id: 1, name: 'Demo Tech', email: `tech@${subdomain}.example` });
    seedPaymentMethods(account, state.now());
    state.accounts.set(subdomain, account);
  }
  return account;
}

function addToken(account: Account, body: Fields): SandboxResponse {
  const token = typeof body.token === 'string' ? body.token : '';
  if (!token) return json(422, { error: 'token is required' });
  const requested = body.permissions ?? 'all';
  if (requested !== 'all' && !(Array.isArray(requested) && requested.every((name) => typeof name === 'string'))) {
    return json(422, { error: 'permissions must be "all" or an array of permission names', known: ALL_PERMISSIONS });
  }
  const permissions = requested === 'all' ? 'all' : new Set(requested as string[]);
  const userId = typeof body.user_id === 'number' && account.users.get(body.user_id) ? body.user_id : 1;
  account.tokens.set(token, { token, userId, permissions, expired: body.expired === true });
  return json(201, { token, subdomain: account.subdomain, permissions: requested, expired: body.expired === true });
}

/** Patches header fields, then each `line_items` entry: with `id` it is updated, without it is added. */
function patchInvoice(account: Account, invoiceKey: string, body: Fields, now: number): SandboxResponse {
  const invoice = findInvoice(account, invoiceKey);
  if (!invoice) return notFound();
  const { line_items: lines, subdomain: _subdomain, ...header } = body;
  for (const line of Array.isArray(lines) ? (lines as Fields[]) : []) {
    const outcome =
      line.id === undefined
        ? addLineItem(account, invoice, line, now)
        : updateLineItem(account, invoice, Number(line.id), line, now);
    if (!outcome.ok) return json(outcome.status, { error: outcome.error });
  }
  return respond(updateInvoiceFields(account, invoice, header, now), (updated) => ({
    invoice: invoiceDetailJson(account, updated),
  }));
}

export function handleAdmin(state: AdminState, req: SandboxRequest): SandboxResponse {
  let body: Fields;
  try {
    body = bodyFields(parseBody(req));
  } catch {
    return json(400, { error: 'Invalid JSON body' });
  }
  const subdomain = String(body.subdomain ?? req.query.get('subdomain') ?? 'acme');
  const now = state.now();
  const segments = req.path.split('/').filter(Boolean);
  const [resource, id, action] = segments;
  const route = `${req.method} ${resource ?? ''}${id === undefined ? '' : '/:id'}${action === undefined ? '' : `/${action}`}`;
  if (route === 'POST tokens') return addToken(ensureAccount(state, subdomain), body);
  const account = state.accounts.get(subdomain);
  if (!account) return notFound();
  switch (route) {
    case 'POST invoices':
      return respond(createInvoice(account, body, now), (invoice) => ({
        invoice: invoiceDetailJson(account, invoice),
      }));
    case 'POST invoices/:id':
      return patchInvoice(account, id ?? '', body, now);
    case 'POST payments':
      return respond(createPayment(account, body, now), (payment) => ({ payment: paymentJson(account, payment) }));
    case 'GET payments': {
      const invoiceId = req.query.get('invoice_id');
      const payments = account.payments.rows.filter(
        (payment) =>
          !invoiceId || payment.applications.some((application) => String(application.invoiceId) === invoiceId),
      );
      return json(200, { payments: payments.map((payment) => paymentJson(account, payment)) });
    }
    case 'POST customers':
      return json(201, { customer: customerJson(account, saveCustomer(account, undefined, body, now)) });
    case 'POST customers/:id': {
      const customer = account.customers.get(Number(id));
      return customer
        ? json(200, { customer: customerJson(account, saveCustomer(account, customer, body, now)) })
        : notFound();
    }
    case 'POST vendors':
      return json(201, { vendor: vendorJson(saveVendor(account, undefined, body, now)) });
    case 'POST vendors/:id': {
      const vendor = account.vendors.get(Number(id));
      return vendor ? json(200, { vendor: vendorJson(saveVendor(account, vendor, body, now)) }) : notFound();
    }
    case 'POST purchase_orders/:id': {
      // Edited as on Syncro's PO page: its number and shipping notes.
      const po = account.purchaseOrders.get(Number(id));
      if (!po) return notFound();
      if (typeof body.number === 'string' && body.number.trim()) po.number = body.number;
      if (typeof body.shipping_notes === 'string' || body.shipping_notes === null)
        po.shippingNotes = body.shipping_notes;
      po.updatedAt = now;
      return json(200, { purchase_order: purchaseOrderJson(account, po) });
    }
    case 'POST purchase_orders/:id/finish': {
      const po = account.purchaseOrders.get(Number(id));
      return po ? json(200, { purchase_order: purchaseOrderJson(account, finishPurchaseOrder(po, now)) }) : notFound();
    }
    case 'GET markup':
      return json(200, { subdomain: account.subdomain, markup: account.markup });
    case 'POST markup':
      // Which markup the web pages use: `bootstrap` (default, restored by reset/seed) or `grid`.
      if (body.markup !== 'bootstrap' && body.markup !== 'grid') {
        return json(422, { error: 'markup must be "bootstrap" or "grid"' });
      }
      account.markup = body.markup;
      return json(200, { subdomain: account.subdomain, markup: account.markup });
    default:
      return notFound();
  }
}
