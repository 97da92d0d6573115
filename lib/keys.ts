// The natural keys of the contract (CONTRACT.md, "Records in Xero" and "Records in Syncro"), formatted and parsed
// here and nowhere else, so any install finds what another created. A meta-test (tests/unit/conventions.test.ts)
// fails when another shipped file spells one of these patterns.

const customerPrefix = 'SYNCRO-C-';
const vendorPrefix = 'SYNCRO-V-';
const productPrefix = 'SYNCRO-P-';
const paymentPrefix = 'SYNCRO-PAY-';
const importPrefix = 'XERO-';

/** Contact `ContactNumber` of a Syncro customer. */
export const customerContactNumber = (id: number): string => `${customerPrefix}${id}`;
/** Contact `ContactNumber` of a Syncro vendor. */
export const vendorContactNumber = (id: number): string => `${vendorPrefix}${id}`;

/** The Syncro customer or vendor a ContactNumber names, if it is one of ours. */
export function parseContactNumber(
  contactNumber: string | null | undefined,
): { kind: 'customer' | 'vendor'; id: number } | undefined {
  const match = /^SYNCRO-([CV])-(\d+)$/.exec(contactNumber ?? '');
  if (!match) return undefined;
  return { kind: match[1] === 'C' ? 'customer' : 'vendor', id: Number(match[2]) };
}

/** The Syncro customer id of a `SYNCRO-C-<id>` ContactNumber. */
export const customerOfContactNumber = (contactNumber: string | null | undefined): number | undefined => {
  const parsed = parseContactNumber(contactNumber);
  return parsed?.kind === 'customer' ? parsed.id : undefined;
};

/** Item `Code` of a product without a usable UPC. */
export const productItemCode = (id: number): string => `${productPrefix}${id}`;
/** A `SYNCRO-P-` code is this extension's by definition (a UPC that looks like one is never used). */
export const isProductItemCode = (code: string): boolean => code.toUpperCase().startsWith(productPrefix);

/** Payment `Reference` of a Syncro payment pushed to Xero. */
export const syncroPaymentReference = (id: number): string => `${paymentPrefix}${id}`;

/** True for `SYNCRO-PAY-<id>` alone or followed by a space, so payment 1 never matches SYNCRO-PAY-12. */
export function isSyncroPaymentReference(reference: string | null | undefined, id: number): boolean {
  const prefix = syncroPaymentReference(id);
  const text = reference ?? '';
  return text.startsWith(prefix) && (text.length === prefix.length || text[prefix.length] === ' ');
}

/** A payment this extension sent from Syncro (any `SYNCRO-PAY-…` Reference): never imported back. */
export const isPushedFromSyncro = (reference: string | null | undefined): boolean =>
  (reference ?? '').trimStart().toUpperCase().startsWith(paymentPrefix);

/** Syncro payment `ref_num` of a payment imported from Xero. */
export const importedPaymentRef = (xeroPaymentId: string): string => `${importPrefix}${xeroPaymentId}`;

/** A Syncro payment imported from Xero (its ref_num starts `XERO-`, any case): never pushed back. */
export const isImportedFromXero = (refNum: string | null | undefined): boolean =>
  (refNum ?? '').trim().toUpperCase().startsWith(importPrefix);
