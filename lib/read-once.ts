// One read per key: later asks for the same key share the first read's promise. A read that fails is forgotten,
// so the next ask reads again (a rate-limit pause or a dropped connection is not kept as the answer).

export function readOnce<K, T>(read: (key: K) => Promise<T>): { (key: K): Promise<T>; has(key: K): boolean } {
  const reads = new Map<K, Promise<T>>();
  const ask = (key: K): Promise<T> => {
    let found = reads.get(key);
    if (!found) {
      const reading = read(key);
      found = reading;
      reads.set(key, reading);
      reading.catch(() => {
        if (reads.get(key) === reading) reads.delete(key);
      });
    }
    return found;
  };
  return Object.assign(ask, { has: (key: K) => reads.has(key) });
}
