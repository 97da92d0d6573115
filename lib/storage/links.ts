// What the extension knows of each Syncro record's counterpart in Xero, and its badge state, in the current
// pair's scope (lib/storage/pair.ts): a link says "this Syncro account's record is that organisation's record".
import { recordsChanged } from '../change-feed.ts';
import type { Link } from './db.ts';
import { getByKeys, pairDatabase, readPaired } from './pair.ts';

export const linkKey = (kind: Link['kind'], syncroId: number) => `${kind}:${syncroId}`;

export async function getLink(kind: Link['kind'], syncroId: number): Promise<Link | undefined> {
  return (await pairDatabase()).get('links', linkKey(kind, syncroId));
}

export async function putLink(link: Omit<Link, 'key' | 'updatedAt'>, now: number): Promise<Link> {
  const stored: Link = { ...link, key: linkKey(link.kind, link.syncroId), updatedAt: now };
  await (await pairDatabase()).put('links', stored);
  recordsChanged([stored.key]);
  return stored;
}

/** For badges and planning: no pair, no links. */
export const getLinks = (keys: string[]): Promise<Map<string, Link>> => getByKeys('links', keys);

/** Every synced invoice's link (read locally, no call): the drift check's candidates. No pair: none. */
export async function syncedInvoiceLinks(): Promise<Link[]> {
  const synced = await readPaired((db) => db.getAllFromIndex('links', 'byState', 'synced'), []);
  return synced.filter((link) => link.kind === 'invoice' && link.xeroId);
}

/**
 * Records (or clears) what the drift check found on a synced invoice, re-read in the write's transaction so a push
 * finishing meanwhile is not undone; its badge follows. `updatedAt` stays: it is when the invoice was synced.
 */
export async function setDrift(syncroId: number, drift: Link['drift']): Promise<void> {
  const key = linkKey('invoice', syncroId);
  const tx = (await pairDatabase()).transaction('links', 'readwrite');
  const link = await tx.store.get(key);
  if (link?.state === 'synced') {
    const { drift: _previous, ...rest } = link;
    await tx.store.put(drift ? { ...rest, drift } : rest);
  }
  await tx.done;
  recordsChanged([key]);
}
