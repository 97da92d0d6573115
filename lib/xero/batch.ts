// Batched writes: up to 50 records a call with summarizeErrors=false, so one bad record never fails the
// rest, and each record's own result (StatusAttributeString, ValidationErrors) is read back.
import { fingerprint } from '../sync/fingerprint.ts';
import { xeroCall } from './client.ts';

export const batchSize = 50;

export type RecordResult<T> = { ok: true; record: T } | { ok: false; message: string };

interface Returned {
  StatusAttributeString?: string;
  ValidationErrors?: Array<{ Message?: string }>;
}

export async function writeBatch<T>(
  method: 'PUT' | 'POST',
  collection: 'Contacts' | 'Items' | 'Invoices' | 'Payments' | 'PurchaseOrders',
  records: readonly unknown[],
): Promise<Array<RecordResult<T>>> {
  const results: Array<RecordResult<T>> = [];
  for (let start = 0; start < records.length; start += batchSize) {
    const chunk = records.slice(start, start + batchSize);
    const body = { [collection]: chunk };
    const response = await xeroCall<Record<string, Array<T & Returned>>>({
      method,
      path: `/${collection}`,
      query: { summarizeErrors: 'false' },
      body,
      // The same records sent again (a retry after a lost answer) replay instead of creating twice.
      idempotencyKey: `${collection}-${method}-${fingerprint(body)}`,
    });
    const returned = response[collection] ?? [];
    chunk.forEach((_, i) => {
      const record = returned[i];
      if (!record) results.push({ ok: false, message: `Xero returned no result for this ${collection} record` });
      else if (record.StatusAttributeString === 'ERROR') {
        const messages = (record.ValidationErrors ?? []).map((error) => error.Message).filter(Boolean);
        results.push({ ok: false, message: messages.join(' ') || 'Xero refused the record' });
      } else results.push({ ok: true, record });
    });
  }
  return results;
}

/** `Field=="a" OR Field=="b"`, in chunks short enough for a URL. */
export function whereAnyOf(field: string, values: readonly string[], chunk = 20): string[] {
  const clauses: string[] = [];
  for (let start = 0; start < values.length; start += chunk) {
    clauses.push(
      values
        .slice(start, start + chunk)
        .map((value) => `${field}==${JSON.stringify(value)}`)
        .join(' OR '),
    );
  }
  return clauses;
}
