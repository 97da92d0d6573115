// A stable hash of a payload, so an update whose payload did not change can be skipped.

/** JSON with object keys sorted at every level; undefined properties dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  // JSON.stringify gives undefined (despite its type) for undefined and functions at the top level.
  const text: string | undefined = JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
  return text ?? 'undefined';
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** FNV-1a 64 of the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}

/** Hash of the canonical JSON: equal payloads give equal fingerprints whatever their key order. */
export function fingerprint(payload: unknown): string {
  return fnv1a64(canonicalJson(payload));
}
