// Which records just changed state (queued, pushed, failed…), for whoever shows them live: the background's
// badge ports. In-process only: the outbox and the links run in the same worker as the ports.

/** Record keys (`kind:id`) that changed, or 'all' when a setting or the connection changed every status. */
export type Changed = ReadonlySet<string> | 'all';
type Listener = (changed: Changed) => void;

const listeners = new Set<Listener>();

export function onRecordsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function recordsChanged(keys: Iterable<string> | 'all'): void {
  if (listeners.size === 0) return;
  const changed: Changed = keys === 'all' ? 'all' : new Set(keys);
  for (const listener of listeners) listener(changed);
}
