// Batched writes: up to 50 records a call with summarizeErrors=false, so one bad record never fails the
// rest, and each record's own result (StatusAttributeString, ValidationErrors) is read back. Also the two rules
// every write by natural key follows: look up before writing again after a lost answer, and `where` strings
// Xero can parse.

import type * as v from 'valibot';
import { chunksOf } from '../chunks.ts';
import { fingerprint } from '../fingerprint.ts';
import { retryInPlace } from '../retry-in-place.ts';
import { type AnySchema, ResponseShapeError, readChecked } from '../wire-check.ts';
import { xeroCall } from './client.ts';
import { UncertainWriteError } from './failures.ts';
import type { AnswerOf, BodyOf, Fits, Invoice, Operation, QueryFor } from './types.ts';
import { xeroRecordStatus, xeroWriteAnswer } from './wire.ts';

export const batchSize = 50;

export type RecordResult<T> = { ok: true; record: T } | { ok: false; message: string };

type Write = 'PUT' | 'POST';
type Collection = 'Contacts' | 'Items' | 'Invoices' | 'Payments' | 'PurchaseOrders';
/** The collections `M` writes in batches: where `/<collection>` takes summarizeErrors (xero_accounting.yaml). */
type Batched<M extends Write> = {
  [C in Collection]: 'summarizeErrors' extends keyof QueryFor<Operation<M, `/${C}`>> ? C : never;
}[Collection];
/** One record of `{ "<collection>": [ … ] }`, a body or an answer. */
type RecordOf<Body, C extends string> = Body extends { [K in C]?: Array<infer R> } ? R : never;
type Operated<M extends Write, C extends string> = Operation<M, `/${C}`>;

/** Writes `records`; each one's result is read with `item` (lib/xero/wire.ts), so an unusable one fails alone. */
export async function writeBatch<M extends Write, C extends Batched<M>, S extends AnySchema>(
  method: M,
  collection: C,
  records: ReadonlyArray<RecordOf<BodyOf<Operated<M, C>>, C>>,
  item: S & Fits<RecordOf<AnswerOf<Operated<M, C>>, C>, v.InferOutput<S>>,
): Promise<Array<RecordResult<v.InferOutput<S>>>> {
  const results: Array<RecordResult<v.InferOutput<S>>> = [];
  for (const chunk of chunksOf(records, batchSize)) {
    const returned = await writeChunk(method, collection, chunk);
    chunk.forEach((_, i) => {
      const record = returned[i];
      results.push(
        record === undefined
          ? { ok: false, message: `Xero returned no result for this ${collection} record` }
          : resultOf(record, item),
      );
    });
  }
  return results;
}

/**
 * One call of a batch; its records as Xero answered them. Typed as a write of invoices: the spec's types hold for
 * each collection, as writeBatch's signature checks, but TypeScript cannot follow one known only when running.
 */
async function writeChunk(method: Write, collection: string, chunk: unknown[]): Promise<unknown[]> {
  const key = collection as 'Invoices';
  const body = { [key]: chunk as Invoice[] };
  const answer = await xeroCall(
    {
      method: method as 'POST',
      path: `/${key}`,
      query: { summarizeErrors: 'false' },
      body,
      // Xero may replay a repeat of the same records; nothing relies on it (see lookUpThenWrite).
      idempotencyKey: `${collection}-${method}-${fingerprint(body)}`,
    },
    xeroWriteAnswer(key),
  );
  return answer[key] ?? [];
}

/** One record of a batch's answer: refused by Xero (its own words), unusable (named), or read. */
function resultOf<S extends AnySchema>(record: unknown, item: S): RecordResult<v.InferOutput<S>> {
  try {
    const status = readChecked(xeroRecordStatus, record, 'Xero');
    if (status.StatusAttributeString === 'ERROR') {
      const messages = (status.ValidationErrors ?? []).map((error) => error.Message).filter(Boolean);
      return { ok: false, message: messages.join(' ') || 'Xero refused the record' };
    }
    return { ok: true, record: readChecked(item, record, 'Xero') };
  } catch (error) {
    if (error instanceof ResponseShapeError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Runs a look-up-then-write step again, look-up included, when Xero's answer to one of its writes was lost: the
 * write may have been saved, and the look-up by natural key finds it so it is updated, not created twice.
 */
export async function lookUpThenWrite<T>(step: () => Promise<T>): Promise<T> {
  return retryInPlace(step, { attempts: 3, retryable: (error) => error instanceof UncertainWriteError });
}

/**
 * Whether a value can be a `where` string literal. Xero's filter has no escape for `"` (`Name=="a\"b"` answers
 * QueryParseException: Syntax error — XeroAPI/Xero-Java#347, waynerobinson/xeroizer#160); a backslash or a control
 * character is kept out too, as nothing documents how they are read. Such values are looked up another way.
 */
export const quotableInWhere = (value: string): boolean => !/["\\\p{Cc}]/u.test(value);

/** `Field=="a" OR Field=="b"`, in chunks short enough for a URL; every value must be quotableInWhere. */
export function whereAnyOf(field: string, values: readonly string[], chunk = 20): string[] {
  const unquotable = values.find((value) => !quotableInWhere(value));
  if (unquotable !== undefined) throw new Error(`${field} "${unquotable}" cannot be written in a Xero where filter`);
  return chunksOf(values, chunk).map((run) => run.map((value) => `${field}=="${value}"`).join(' OR '));
}
