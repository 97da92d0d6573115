// What Syncro and Xero send is checked where it arrives, against a schema of the fields the product reads
// (lib/syncro/wire.ts, lib/xero/wire.ts). A missing or malformed field becomes a ResponseShapeError that names
// the record and the field, shown on the record's badge or in the popup: never a silent $0, skip or default.
import * as v from 'valibot';
import { NeedsUserError } from './errors.ts';
import { MoneyError, parseScaled } from './money.ts';

export type WireSystem = 'Syncro' | 'Xero';

// biome-ignore lint/suspicious/noExplicitAny: any schema, whatever its input and output
export type AnySchema = v.GenericSchema<any, any>;

/** The other system sent something the product cannot use: the user sees it; retrying as it is will not help. */
export class ResponseShapeError extends NeedsUserError {
  override name = 'ResponseShapeError';
  constructor(
    message: string,
    readonly system: WireSystem,
    /** E.g. "invoice 48207", "line item 9 of invoice 48207". */
    readonly record: string,
    /** E.g. "total", "Invoice.InvoiceID"; '' when the record itself is unusable. */
    readonly field: string,
  ) {
    super(message);
  }
}

/** How records of a schema are called in messages, and which of their fields name one (the first present). */
interface RecordNaming {
  noun: string;
  ids: readonly string[];
}

/** Marks a schema as a record: `named('invoice', ['id'], v.object(…))` → "invoice 48207" in messages. */
export const named = <S extends AnySchema>(noun: string, ids: readonly string[], schema: S) =>
  v.pipe(schema, v.metadata({ record: { noun, ids } satisfies RecordNaming }));

/** What a field must be, in words, for messages: `described('a decimal amount', …)`. */
export const described = <S extends AnySchema>(expected: string, schema: S) => v.pipe(schema, v.description(expected));

// ---- leaves both systems use ----

export const wholeNumber = described('a whole number', v.pipe(v.number(), v.integer()));
export const text = described('text', v.string());
export const flag = described('true or false', v.boolean());

/**
 * A decimal amount as text ("64.99", "0.0") or a JSON number (19.99). Only its form is checked here; lib/money.ts
 * turns it into cents where it is used. Empty text is refused: it would read as $0.
 */
export const decimal = described(
  'a decimal amount',
  v.pipe(
    v.union([v.string(), v.number()]),
    v.check((value) => isDecimal(value)),
  ),
);

function isDecimal(value: string | number): boolean {
  if (typeof value === 'string' && value.trim() === '') return false;
  try {
    parseScaled(value, 4);
    return true;
  } catch (error) {
    if (error instanceof MoneyError) return false;
    throw error;
  }
}

// ---- checking ----

/** `body` as `schema` reads it, or a ResponseShapeError naming the record and field at fault. */
export function readChecked<S extends AnySchema>(schema: S, body: unknown, system: WireSystem): v.InferOutput<S> {
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  throw shapeError(schema, body, result.issues[0], system);
}

export interface Rejected {
  /** The record's id (its first naming field present), when it has one. */
  id: string | number | undefined;
  error: ResponseShapeError;
}

/**
 * Each item of a list checked on its own: one unusable record does not stop the others. What becomes of the
 * rejected ones is the caller's to say (put the error on that record, or fail the whole list).
 */
export function checkEach<S extends AnySchema>(
  itemSchema: S,
  items: readonly unknown[],
  system: WireSystem,
): { records: Array<v.InferOutput<S>>; rejected: Rejected[] } {
  const records: Array<v.InferOutput<S>> = [];
  const rejected: Rejected[] = [];
  for (const item of items) {
    try {
      records.push(readChecked(itemSchema, item, system));
    } catch (error) {
      if (!(error instanceof ResponseShapeError)) throw error;
      rejected.push({ id: idOf(namingOf(itemSchema), item), error });
    }
  }
  return { records, rejected };
}

// ---- messages ----

/** What valibot's schema objects carry, as far as reading them needs. */
export interface Inspectable {
  type: string;
  wrapped?: AnySchema;
  pipe?: ReadonlyArray<{ kind: string }>;
  entries?: Record<string, AnySchema>;
  item?: AnySchema;
  value?: AnySchema;
  expects?: string;
}

export const inspect = (schema: AnySchema) => schema as unknown as Inspectable;

/** The schema inside an optional/nullable wrapper, or after a transform in a pipe; undefined when none. */
export function unwrapOnce(schema: AnySchema): AnySchema | undefined {
  const shape = inspect(schema);
  if (shape.wrapped) return shape.wrapped;
  const schemas = (shape.pipe ?? []).filter((item) => item.kind === 'schema') as unknown as AnySchema[];
  const last = schemas.at(-1);
  return last && last !== schemas[0] ? last : undefined;
}

function namingOf(schema: AnySchema | undefined): RecordNaming | undefined {
  for (let current = schema; current; current = unwrapOnce(current)) {
    const record = (v.getMetadata(current) as { record?: RecordNaming }).record;
    if (record) return record;
  }
  return undefined;
}

function expectedOf(schema: AnySchema | undefined): string {
  for (let current = schema; current; current = unwrapOnce(current)) {
    const description = v.getDescription(current);
    if (description) return description;
    const naming = namingOf(current);
    if (naming) return `${article(naming.noun)} ${naming.noun}`;
    const type = inspect(current).type;
    if (type === 'array') return 'a list';
    if (type === 'object') return 'an object';
    if (!unwrapOnce(current)) return inspect(current).expects ?? type;
  }
  return 'a value';
}

function childOf(schema: AnySchema | undefined, key: unknown): AnySchema | undefined {
  for (let current = schema; current; current = unwrapOnce(current)) {
    const shape = inspect(current);
    if (shape.type === 'object' && typeof key === 'string') return shape.entries?.[key];
    if (shape.type === 'array') return shape.item;
    if (shape.type === 'record') return shape.value;
  }
  return undefined;
}

const article = (noun: string) => (/^[aeiou]/i.test(noun) ? 'an' : 'a');

function idOf(naming: RecordNaming | undefined, input: unknown): string | number | undefined {
  if (!naming || typeof input !== 'object' || input === null) return undefined;
  for (const key of naming.ids) {
    const value = (input as Record<string, unknown>)[key];
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return value;
  }
  return undefined;
}

function nameOf(naming: RecordNaming, input: unknown): string {
  const id = idOf(naming, input);
  if (id !== undefined) return `${naming.noun} ${id}`;
  return naming.ids.length === 0 ? `the ${naming.noun}` : `${article(naming.noun)} ${naming.noun}`;
}

type Issue = v.BaseIssue<unknown>;

function shapeError(schema: AnySchema, body: unknown, issue: Issue | undefined, system: WireSystem) {
  const path = issue?.path ?? [];
  // Walk down the schema beside the issue's path: the records passed on the way name the place.
  const levels: Array<{ name: string; depth: number; identified: boolean }> = [];
  let current: AnySchema | undefined = schema;
  for (let depth = 0; ; depth++) {
    const step = path[depth];
    // The value at this depth as the schema saw it (after a transform, e.g. a record taken out of its wrapper).
    const input = step ? step.input : depth === 0 ? (issue?.input ?? body) : path[depth - 1]?.value;
    const naming = namingOf(current);
    if (naming) levels.push({ name: nameOf(naming, input), depth, identified: naming.ids.length > 0 });
    if (!step) break;
    current = childOf(current, step.key);
  }
  const innermost = levels.at(-1);
  // "line item 9 of invoice 48207"; a list's envelope ("the invoice list") only when no record is named.
  const records = levels.filter((level) => level.identified);
  const names = (records.length > 0 ? records : levels.slice(-1)).map((level) => level.name).reverse();
  const record = names.length > 0 ? names.join(' of ') : `${system}'s answer`;
  const field = fieldPath(path.slice(innermost?.depth ?? 0));
  const expected = expectedOf(current);
  const received = issue && issue.received !== 'undefined' ? `; it sent ${shorten(issue.received)}` : '';
  const message = field
    ? `${system} sent ${record} without a usable "${field}" (expected ${expected}${received})`
    : `${system} sent ${record} in a form that cannot be used (expected ${expected}${received})`;
  return new ResponseShapeError(message, system, record, field);
}

function fieldPath(steps: ReadonlyArray<{ key: unknown }>): string {
  return steps
    .map((step, i) => (typeof step.key === 'number' ? `[${step.key}]` : `${i === 0 ? '' : '.'}${String(step.key)}`))
    .join('');
}

const shorten = (received: string) => (received.length > 40 ? `${received.slice(0, 37)}…` : received);
