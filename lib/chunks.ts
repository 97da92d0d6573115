// Lists cut into runs of at most `size`, for APIs that take so many ids, numbers or records to a call. Pure.
export function chunksOf<T>(values: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new RangeError(`chunk size ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
  return chunks;
}
