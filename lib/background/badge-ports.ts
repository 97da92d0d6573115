// Live badges: each Syncro page holds a port and names the records it shows; when the outbox or a setting
// changes a record's state, the page gets that record's new status (only what changed, a few at a time).

import * as v from 'valibot';
import { type Changed, onRecordsChanged } from '../change-feed.ts';
import {
  type BadgePortUpdate,
  badgePortMessage,
  badgePortName,
  isSyncroContentScript,
  type PageRecord,
  type Sender,
} from '../messages.ts';
import { recordKey } from '../records.ts';
import type { RecordStatus } from '../sync-state.ts';

/** The part of runtime.Port used here. */
export interface BadgePort {
  name: string;
  sender?: Sender;
  postMessage(message: BadgePortUpdate): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

type StatusesFor = (records: PageRecord[]) => Promise<Record<string, RecordStatus>>;

interface Watcher {
  records: Map<string, PageRecord>;
  /** What the page was last told, so only changes travel. */
  sent: Map<string, string>;
}

/** Changes are gathered this long, so a batch of 50 pushed invoices is one message, not 50. */
const gatherMs = 50;

export function badgePorts(statusesFor: StatusesFor, extensionId: string) {
  const watchers = new Map<BadgePort, Watcher>();
  let pending: Set<string> | 'all' | undefined;
  let scheduled = false;

  const send = async (port: BadgePort, watcher: Watcher, records: PageRecord[]) => {
    if (records.length === 0) return;
    const statuses = await statusesFor(records);
    const changed: Record<string, RecordStatus> = {};
    for (const [key, status] of Object.entries(statuses)) {
      const text = JSON.stringify(status);
      if (watcher.sent.get(key) === text) continue;
      watcher.sent.set(key, text);
      changed[key] = status;
    }
    if (Object.keys(changed).length > 0 && watchers.has(port))
      port.postMessage({ type: 'statuses', statuses: changed });
  };

  const flush = async () => {
    const changed = pending;
    pending = undefined;
    scheduled = false;
    if (!changed) return;
    for (const [port, watcher] of watchers) {
      const records =
        changed === 'all'
          ? [...watcher.records.values()]
          : [...changed].flatMap((key) => watcher.records.get(key) ?? []);
      await send(port, watcher, records).catch((error: unknown) => console.warn('Syncro ⇄ Xero: badge update', error));
    }
  };

  const onChanged = (changed: Changed) => {
    if (watchers.size === 0) return;
    pending = changed === 'all' || pending === 'all' ? 'all' : new Set([...(pending ?? []), ...changed]);
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => void flush(), gatherMs);
  };
  onRecordsChanged(onChanged);

  return {
    /** A port opened by a content script: kept if it is ours on a Syncro page, closed otherwise. */
    accept(port: BadgePort): boolean {
      if (port.name !== badgePortName) return false;
      if (!port.sender || !isSyncroContentScript(port.sender, extensionId)) {
        port.disconnect();
        return true;
      }
      const watcher: Watcher = { records: new Map(), sent: new Map() };
      watchers.set(port, watcher);
      port.onDisconnect.addListener(() => watchers.delete(port));
      port.onMessage.addListener((message) => {
        const parsed = v.safeParse(badgePortMessage, message);
        if (!parsed.success) {
          console.warn('Syncro ⇄ Xero: badge port message rejected');
          return;
        }
        if (parsed.output.reset) {
          watcher.records.clear();
          watcher.sent.clear();
        }
        for (const record of parsed.output.records) {
          watcher.records.set(recordKey(record), record);
          watcher.sent.delete(recordKey(record)); // asked again (e.g. after a Re-Sync): answered in full
        }
        void send(port, watcher, parsed.output.records).catch((error: unknown) =>
          console.warn('Syncro ⇄ Xero: badge statuses', error),
        );
      });
      return true;
    },
  };
}
