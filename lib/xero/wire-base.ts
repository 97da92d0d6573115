// The leaves of Xero's wire shapes that lib/xero/wire.ts builds on: ids, amounts, dates, collections.
import * as v from 'valibot';
import { described, named } from '../wire-check.ts';

/** Absent, or null (read as absent). */
export const optional = <S extends v.GenericSchema>(schema: S) =>
  v.optional(
    v.pipe(
      v.nullable(schema),
      v.transform((value) => value ?? undefined),
    ),
  );

/** A Xero id: a GUID as text. */
export const id = described('an id', v.pipe(v.string(), v.minLength(1)));
/** Money and rates are JSON numbers (`"x-is-money": true` in the spec). */
export const amount = described('an amount', v.pipe(v.number(), v.finite()));

/** Xero's JSON dates: `/Date(1732492800000+0000)/`, or ISO text. Milliseconds since the epoch. */
export function xeroDateMs(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value)?.[1];
  const parsed = ms === undefined ? (/^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN) : Number(ms);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** `x-is-msdate` / `x-is-msdate-time` fields. */
export const date = described(
  'a date',
  v.pipe(
    v.string(),
    v.check((value) => xeroDateMs(value) !== undefined),
  ),
);

/** A collection answer: `{ "Invoices": [ … ] }`. */
export const collection = <K extends string, S extends v.GenericSchema>(key: K, item: S) =>
  named(`${key} answer`, [], v.object({ [key]: v.array(item) } as { [P in K]: v.ArraySchema<S, undefined> }));

/** An answer whose body the product does not read (a write whose result is looked up again later). */
export const xeroIgnored = v.unknown();
