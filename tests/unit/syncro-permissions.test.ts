// The permission named when Syncro refuses a call for want of one: what the swagger's "Required permission: …"
// says for each call the product makes (checked against ../shared/specs when it is there), or what Syncro's own
// refusal names.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { permissionNamedIn, requiredPermission } from '../../lib/syncro/permissions.ts';
import { defaultSpecsDir } from '../sandbox/specs.ts';

const swaggerFile = path.join(defaultSpecsDir, 'syncro_swagger.json');

/** Every call the product makes, as lib/ sends it, with the swagger operation it is. */
const calls: Array<[method: string, sent: string, operation: string, permission: string | undefined]> = [
  ['GET', '/me', '/me', undefined],
  ['GET', '/payment_methods', '/payment_methods', undefined],
  ['GET', '/customers?page=2', '/customers', 'Customers - List/Search'],
  ['GET', '/customers?sort=updated_at%20DESC&page=1', '/customers', 'Customers - List/Search'],
  ['GET', '/customers/2001', '/customers/{id}', 'Customers - View Detail'],
  ['POST', '/customers', '/customers', 'Customers - Create'],
  ['GET', '/vendors?page=1', '/vendors', 'Vendors - List'],
  ['GET', '/vendors/3001', '/vendors/{id}', 'Vendors - View Details'],
  ['POST', '/vendors', '/vendors', 'Vendors - New'],
  ['GET', '/products?page=1', '/products', 'Products - List/Search'],
  ['GET', '/invoices?unpaid=true&page=1', '/invoices', 'Invoices - List/Search'],
  ['GET', '/invoices/48204', '/invoices/{id}', 'Invoices - View Details'],
  ['GET', '/payments/7001', '/payments/{id}', 'Payments - View List'],
  ['POST', '/payments', '/payments', 'Payments - Create'],
  ['GET', '/purchase_orders?page=3', '/purchase_orders', 'Purchase Orders - List/Search'],
  ['GET', '/purchase_orders/901', '/purchase_orders/{id}', 'Purchase Orders - View Details'],
];

describe('requiredPermission', () => {
  it.each(calls)('%s %s → %s', (method, sent, _operation, permission) => {
    expect(requiredPermission(method, sent)).toBe(permission);
  });

  it('names nothing for a call it does not know (a PUT, another path)', () => {
    expect(requiredPermission('PUT', '/invoices/48204')).toBeUndefined();
    expect(requiredPermission('GET', '/invoices/48204/line_items')).toBeUndefined();
  });

  it.runIf(existsSync(swaggerFile))('agrees with the swagger for every call', () => {
    const swagger = JSON.parse(readFileSync(swaggerFile, 'utf8')) as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    for (const [method, _sent, operation, permission] of calls) {
      const documentedCall = swagger.paths[operation]?.[method.toLowerCase()];
      expect(documentedCall, `${method} ${operation}`).toBeDefined();
      const documented = /Required permission: ([^\n]+)/.exec(documentedCall?.description ?? '')?.[1]?.trim();
      expect(documented, `${method} ${operation}`).toBe(permission);
    }
  });
});

describe('permissionNamedIn', () => {
  it.each([
    ['Required permission: Invoices - Edit', 'Invoices - Edit'],
    ['Requires permission: Customers - View Detail.', 'Customers - View Detail'],
    ['Missing permission: "Payments - Create"', 'Payments - Create'],
    ['Not authorized. Please ask account admin to update your group permissions.', undefined],
    ['', undefined],
  ])('%j → %j', (said, permission) => {
    expect(permissionNamedIn(said)).toBe(permission);
  });
});
