// Text and dates as Xero takes them, and the error for a record Xero would refuse. Pure.

/** A record Xero would refuse or misstate; the message is shown to the user as is. */
export class MappingError extends Error {
  override name = 'MappingError';
}

/** The first `max` code points, never splitting a surrogate pair (Xero counts characters, not UTF-16 units). */
export function cutText(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join('');
}

export const clean = (text: string | null | undefined): string => (text ?? '').trim();
/** Trimmed text, or undefined when empty, so optional fields are left out. */
export const optional = (text: string | null | undefined, max: number): string | undefined =>
  clean(text) ? cutText(clean(text), max).trim() : undefined;

/** "2019-11-06T00:00:00.000Z" → "2019-11-06": Syncro's calendar dates are midnight UTC, taken as given. */
export function dayOf(timestamp: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(timestamp.trim());
  if (!match?.[1]) throw new MappingError(`"${timestamp}" is not a date Xero understands`);
  return match[1];
}

/** dayOf for a date Syncro may leave out. */
export const datePart = (timestamp: string | null | undefined): string | undefined =>
  timestamp ? dayOf(timestamp) : undefined;
