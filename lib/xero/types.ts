// Xero's Accounting API as its OpenAPI description types it (lib/xero/openapi.d.ts, generated from
// xero_accounting.yaml by `npm run xero-types`): the records, and what each path and method takes and answers, so
// xeroCall and writeBatch check a call's path, query names, body and the schema that reads its answer. Types only:
// nothing here reaches the bundles. Use the records as `import type * as Xero from '…/xero/types.ts'`: `Xero.Invoice`
// is the spec's invoice (every field optional), `XeroInvoice` (lib/xero/wire.ts) the part of one the product read.
import type { components, paths } from './openapi.d.ts';

type Schemas = components['schemas'];

// ---- records, as xero_accounting.yaml#/components/schemas/<Name> ----

export type Contact = Schemas['Contact'];
export type Phone = Schemas['Phone'];
export type Address = Schemas['Address'];
export type Item = Schemas['Item'];
/** An item's SalesDetails or PurchaseDetails. */
export type ItemPrice = Schemas['Purchase'];
export type Invoice = Schemas['Invoice'];
export type LineItem = Schemas['LineItem'];
export type PurchaseOrder = Schemas['PurchaseOrder'];
export type Payment = Schemas['Payment'];
export type Account = Schemas['Account'];
export type TaxRate = Schemas['TaxRate'];
export type HistoryRecord = Schemas['HistoryRecord'];
/** The body of a 400 answer (ValidationException): its Elements carry each record's ValidationErrors. */
export type ErrorBody = Schemas['Error'];

/** A record as the product sends it: the spec's, with the fields `K` it always sets required. */
export type Sent<T, K extends keyof T> = T & { [P in K]-?: NonNullable<T[P]> };

// ---- paths and operations ----

export type Method = 'GET' | 'PUT' | 'POST';
type SpecPath = keyof paths & string;

/** A spec path as a call spells it: `/Invoices/{InvoiceID}/History` → `/Invoices/${string}/History`. */
type Spelled<K extends string> = K extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${Spelled<Tail>}`
  : K;

/** The spec paths that `P` spells. */
type Matching<P extends string> = { [K in SpecPath]: P extends Spelled<K> ? K : never }[SpecPath];
/**
 * Of those, the most specific: `/Invoices/${string}/Email` also spells `/Invoices/{InvoiceID}`, but is a call on
 * `/Invoices/{InvoiceID}/Email` (and so has no GET).
 */
type MostSpecific<Ks extends string> = {
  [K in Ks]: true extends {
    [O in Exclude<Ks, K>]: Spelled<O> extends Spelled<K> ? (Spelled<K> extends Spelled<O> ? false : true) : false;
  }[Exclude<Ks, K>]
    ? never
    : K;
}[Ks];

/**
 * The operation a call of `M` on `P` is: never where the spec has none. A union where the spec has two alike
 * (`/PurchaseOrders/{PurchaseOrderID}` and `/PurchaseOrders/{PurchaseOrderNumber}`).
 */
export type Operation<M extends Method, P extends string> = NonNullable<paths[MostSpecific<Matching<P>>][Lowercase<M>]>;

type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type HeadersOf<O> = O extends { parameters: { header: infer H } } ? H : never;
/** The JSON body the operation takes; never where it takes none. */
export type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
/** The JSON body of its 200 answer. */
export type AnswerOf<O> = O extends { responses: { 200: { content: { 'application/json': infer A } } } } ? A : never;

/** A call's query: the spec's parameter names, each value as it goes in the URL. */
export type QueryFor<O> = [QueryOf<O>] extends [never] ? never : { [N in keyof QueryOf<O>]?: string };
/** The header a call may set, where the operation has it (`Idempotency-Key` on writes, `If-Modified-Since`). */
export type HeaderFor<O, Name extends string> = Name extends keyof HeadersOf<O> ? string : never;

// ---- what a schema reads, against what the spec says comes ----

/**
 * The fields of `Read` (a valibot schema's output) that do not fit `Spec`: a field the spec does not have, or one
 * whose documented values the schema would not all take. Never when it fits. Optional or nullable either side is
 * not compared: the schemas require what the product cannot do without, and the spec marks almost nothing required.
 */
export type Misfits<Spec, Read, At extends string = ''> = unknown extends Read
  ? never // not read
  : [NonNullable<Spec>] extends [readonly (infer SpecItem)[]]
    ? NonNullable<Read> extends readonly (infer ReadItem)[]
      ? Misfits<SpecItem, ReadItem, `${At}[]`>
      : At
    : [NonNullable<Spec>] extends [object]
      ? NonNullable<Read> extends object
        ? {
            [K in keyof NonNullable<Read> & string]-?: K extends keyof NonNullable<Spec>
              ? Misfits<NonNullable<Spec>[K], NonNullable<Read>[K], `${At}.${K}`>
              : `${At}.${K}`;
          }[keyof NonNullable<Read> & string]
        : At
      : [NonNullable<Spec>] extends [Read]
        ? never
        : At;

/** `unknown` when what is read fits the spec; else a type no schema is, naming the misfits in the error. */
export type Fits<Spec, Read> = [Misfits<Spec, Read>] extends [never]
  ? unknown
  : { 'reads what xero_accounting.yaml does not describe': Misfits<Spec, Read> };

/**
 * What a schema reading the answer to `M` on `P` must also be: `unknown` when the spec has that call and the
 * schema reads only what its answer holds. (The path is checked here rather than by a constraint on `P`, which
 * would keep TypeScript from reading a template string such as `/Invoices/${id}/History` as one.)
 */
export type ReadsAnswer<M extends Method, P extends string, Read> = [Operation<M, P>] extends [never]
  ? { 'is not a path of xero_accounting.yaml that takes the method': P }
  : Fits<AnswerOf<Operation<M, P>>, Read>;
