/** The Syncro records that carry a Xero badge, identified by their API id (as in the page's own links). */
export type RecordKind = 'invoice' | 'purchase_order';

export interface RecordRef {
  kind: RecordKind;
  id: number;
}

export const recordKinds: readonly RecordKind[] = ['invoice', 'purchase_order'];

export function recordKey({ kind, id }: RecordRef): string {
  return `${kind}:${id}`;
}
