// What goes into a Xero request: `where` literals Xero can parse, Idempotency-Keys within its 128 characters and
// bound to the organisation, and the permission a path needs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quotableInWhere, whereAnyOf } from '../../lib/xero/batch.ts';
import { idempotencyHeader, isMissingScope, scopeFor } from '../../lib/xero/failures.ts';

describe('where literals', () => {
  it('keeps quotes, backslashes and control characters out of a where filter', () => {
    expect(quotableInWhere('Acme & Sons (NZ) Ltd')).toBe(true);
    expect(quotableInWhere("O'Brien Plumbing")).toBe(true);
    expect(quotableInWhere('Bob "The Builder" Repairs')).toBe(false);
    expect(quotableInWhere('A\\B Ltd')).toBe(false);
    expect(quotableInWhere('Two\nLines')).toBe(false);
    expect(whereAnyOf('Name', ['A', "O'Brien"])).toEqual(['Name=="A" OR Name=="O\'Brien"']);
    expect(() => whereAnyOf('Name', ['ok', 'Bob "The Builder"'])).toThrow(/cannot be written/);
  });

  it('writes every quotable value as it is, twenty to a clause', () => {
    const names = Array.from({ length: 45 }, (_, i) => `Customer ${i}`);
    const clauses = whereAnyOf('Name', names);
    expect(clauses).toHaveLength(3);
    expect(clauses.join(' OR ').split(' OR ')).toEqual(names.map((name) => `Name=="${name}"`));
  });
});

describe('Idempotency-Key as sent', () => {
  it('is at most 128 characters, and differs by key and by organisation', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.uuid(),
        fc.string({ maxLength: 500 }),
        fc.string({ maxLength: 500 }),
        (a, b, k1, k2) => {
          const sent = idempotencyHeader(a, k1);
          expect(sent.length).toBeLessThanOrEqual(128);
          expect(idempotencyHeader(a, k1)).toBe(sent);
          if (a !== b) expect(idempotencyHeader(b, k1)).not.toBe(sent);
          if (k1 !== k2) expect(idempotencyHeader(a, k2)).not.toBe(sent);
        },
      ),
    );
  });
});

describe('permissions', () => {
  it('names the scope each path needs, and tells a missing scope from a dead token', () => {
    expect(scopeFor('/Payments')).toBe('accounting.payments');
    expect(scopeFor('/Contacts')).toBe('accounting.contacts');
    expect(scopeFor('/TaxRates')).toBe('accounting.settings');
    expect(scopeFor('/Invoices/abc/History')).toBe('accounting.invoices');
    expect(scopeFor('/PurchaseOrders/19200')).toBe('accounting.invoices');
    expect(isMissingScope({ Title: 'Unauthorized', Status: 401, Detail: 'AuthorizationUnsuccessful' })).toBe(true);
    expect(isMissingScope({ Detail: 'AuthenticationUnsuccessful' })).toBe(false);
    expect(isMissingScope({ Detail: 'TokenExpired: token expired at 2026-01-01' })).toBe(false);
    expect(isMissingScope('AuthorizationUnsuccessful')).toBe(false);
  });
});
