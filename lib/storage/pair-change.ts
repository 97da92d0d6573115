// Changing either side of the pair (another Syncro subdomain, another Xero organisation) moves the extension to
// another scope (lib/storage/pair.ts). The popup asks first, naming both pairs; the change itself waits until no sync run
// is under way, so that nothing a run read in one scope is written into the other.
import { describePair, type Pair } from './pair.ts';

/** One sync run at a time (lib/sync/runner.ts), and no pair change while a run holds it. */
export const outboxLockName = 'syncro-xero:outbox';

/** The connections as stored now (either may be missing). */
export interface Connections {
  syncro?: { subdomain: string };
  grant?: { tenantId?: string; organisationName?: string };
}

export type SideChange = { subdomain: string } | { tenantId: string; organisationName?: string };

export interface PairChange {
  from: Pair;
  to: Pair;
}

/**
 * The pair a change leaves and the one it leads to, or undefined when it leaves none: no pair was ever complete
 * (the first one forms without a question), or the change keeps the pair. Each side is the one connected now, or
 * else the last pair's (a side disconnected for a while still belongs to that pair).
 */
export function pairChange(now: Connections, last: Pair | undefined, change: SideChange): PairChange | undefined {
  const subdomain = now.syncro?.subdomain ?? last?.subdomain;
  const organisation = now.grant?.tenantId
    ? { tenantId: now.grant.tenantId, organisationName: now.grant.organisationName }
    : last && { tenantId: last.tenantId, organisationName: last.organisationName };
  if (!subdomain || !organisation) return undefined;
  const from = withName({ subdomain, ...organisation });
  const to = withName(
    'tenantId' in change
      ? { ...from, tenantId: change.tenantId, organisationName: change.organisationName }
      : { ...from, subdomain: change.subdomain },
  );
  return from.subdomain === to.subdomain && from.tenantId === to.tenantId ? undefined : { from, to };
}

const withName = ({ organisationName, ...pair }: Pair): Pair => ({
  ...pair,
  ...(organisationName ? { organisationName } : {}),
});

/** The question the popup shows before the change; nothing is saved until the person confirms. */
export function pairChangeQuestion({ from, to }: PairChange): string {
  return `Switch from ${describePair(from)} to ${describePair(to)}? Each pair keeps its own links, queue and history; switching back to ${describePair(from)} finds them intact.`;
}

let changesWaiting = 0;

/** True while a pair change waits for the sync run to end: the run stops after the work in hand. */
export const pairChangeWaiting = (): boolean => changesWaiting > 0;

/** Runs `change` (a write of a connection that changes the pair) once no sync run is under way. */
export async function changePair<T>(
  change: () => Promise<T>,
  locks: Pick<LockManager, 'request'> = navigator.locks,
): Promise<T> {
  changesWaiting++;
  try {
    return (await locks.request(outboxLockName, change)) as T;
  } finally {
    changesWaiting--;
  }
}
