// What the extension knows of each Syncro record's counterpart in Xero, and its badge state, in the current
// pair's scope (lib/storage/pair.ts): a link says "this Syncro account's record is that organisation's record".
import { recordsChanged } from '../change-feed.ts';
import type { Link } from './db.ts';
import { getByKeys, pairDatabase } from './pair.ts';

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
