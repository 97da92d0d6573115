import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  customerContactNumber,
  customerOfContactNumber,
  importedPaymentRef,
  isImportedFromXero,
  isProductItemCode,
  isPushedFromSyncro,
  isSyncroPaymentReference,
  parseContactNumber,
  productItemCode,
  syncroPaymentReference,
  vendorContactNumber,
} from '../../lib/keys.ts';

const ids = fc.integer({ min: 1, max: 2 ** 31 });

describe('the natural keys of the contract', () => {
  it('format as CONTRACT.md spells them', () => {
    expect(customerContactNumber(101)).toBe('SYNCRO-C-101');
    expect(vendorContactNumber(301)).toBe('SYNCRO-V-301');
    expect(productItemCode(501)).toBe('SYNCRO-P-501');
    expect(syncroPaymentReference(7)).toBe('SYNCRO-PAY-7');
    expect(importedPaymentRef('abc-123')).toBe('XERO-abc-123');
  });

  it('parse back what they format, for every id', () => {
    fc.assert(
      fc.property(ids, (id) => {
        expect(parseContactNumber(customerContactNumber(id))).toEqual({ kind: 'customer', id });
        expect(parseContactNumber(vendorContactNumber(id))).toEqual({ kind: 'vendor', id });
        expect(customerOfContactNumber(customerContactNumber(id))).toBe(id);
        expect(customerOfContactNumber(vendorContactNumber(id))).toBeUndefined();
        expect(isProductItemCode(productItemCode(id))).toBe(true);
        expect(isSyncroPaymentReference(syncroPaymentReference(id), id)).toBe(true);
        expect(isPushedFromSyncro(syncroPaymentReference(id))).toBe(true);
        expect(isImportedFromXero(importedPaymentRef(`p-${id}`))).toBe(true);
      }),
    );
  });

  it('never take another record or a look-alike for ours', () => {
    expect(isSyncroPaymentReference('SYNCRO-PAY-12', 1)).toBe(false);
    expect(isSyncroPaymentReference('SYNCRO-PAY-1 cheque', 1)).toBe(true);
    for (const text of ['SYNCRO-C-', 'SYNCRO-C-1a', 'syncro-c-1', ' SYNCRO-C-1', 'SYNCRO-X-1', '', undefined, null]) {
      expect(parseContactNumber(text)).toBeUndefined();
    }
    expect(isProductItemCode('UPC-123')).toBe(false);
    expect(isPushedFromSyncro('Payment SYNCRO-PAY-1')).toBe(false);
    expect(isPushedFromSyncro('  syncro-pay-3')).toBe(true); // as Xero may return it
    expect(isImportedFromXero(' xero-abc ')).toBe(true);
    expect(isImportedFromXero('CHK-1001')).toBe(false);
  });
});
