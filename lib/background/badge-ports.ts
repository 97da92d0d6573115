// Live badges: each Syncro page holds a port and names the records it shows; when the outbox or a setting
// changes a record's state, the page gets that record's new status (only what changed, a few at a time).

import * as v from 'valibot';
import { type Changed, onRecordsChanged } from '../change-feed.ts';
import { type BadgePortUpdate, badgePortMessage, badgePortName, type PageRecord, type Sender } from '../messages.ts';
import { recordKey } from '../records.ts';
import type { RecordStatus } from '../sync-state.ts';
import { tabLimits, tooManyRequests } from './tab-limits.ts';

/** The part of runtime.Port used here. */
export interface BadgePort {
  name: string;
  sender?: Sender & { tab?: { id?: number } };
  postMessage(message: BadgePortUpdate): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** Statuses for records a page in tab `tabId` follows (the tab's budgets apply). */
type StatusesFor = (records: PageRecord[], tabId: number) => Promise<Record<string, RecordStatus>>;
/** Whether a port's sender is our content script on the connected Syncro account (checked once per port). */
type IsConnectedPage = (sender: Sender) => Promise<boolean>;

interface Watcher {
  tabId: number;
  records: Map<string, PageRecord>;
  /** What the page was last told, so only changes travel. */
  sent: Map<string, string>;
}

/** Changes are gathered this long, so a batch of 50 pushed invoices is one message, not 50. */
const gatherMs = 50;

export function badgePorts(statusesFor: StatusesFor, isConnectedPage: IsConnectedPage) {
  const watchers = new Map<BadgePort, Watcher>();
  let pending: Set<string> | 'all' | undefined;
  let scheduled = false;

  const send = async (port: BadgePort, watcher: Watcher, records: PageRecord[]) => {
    if (records.length === 0) return;
    const statuses = await statusesFor(records, watcher.tabId);
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
    /**
     * A port opened by a content script: kept if it is ours on the connected Syncro account, closed otherwise
     * (nothing is answered before the sender is checked). Answers false when the port is not a badge port.
     */
    accept(port: BadgePort): boolean {
      if (port.name !== badgePortName) return false;
      const tabId = port.sender?.tab?.id;
      const watcher: Watcher = { tabId: tabId ?? -1, records: new Map(), sent: new Map() };
      const allowed = port.sender && tabId !== undefined ? isConnectedPage(port.sender) : Promise.resolve(false);
      void allowed.then((ok) => {
        if (ok) watchers.set(port, watcher);
        else port.disconnect();
      });
      port.onDisconnect.addListener(() => watchers.delete(port));
      // Listened to at once (a message before the check would otherwise be lost), acted on after the check.
      port.onMessage.addListener((message) => {
        void allowed.then((ok) => {
          if (ok && watchers.has(port)) follow(port, watcher, message);
        });
      });
      return true;
    },
  };

  function follow(port: BadgePort, watcher: Watcher, message: unknown) {
    const parsed = v.safeParse(badgePortMessage, message);
    if (!parsed.success) {
      console.warn('Syncro ⇄ Xero: badge port message rejected');
      return;
    }
    if (parsed.output.reset) {
      watcher.records.clear();
      watcher.sent.clear();
    }
    // A page follows at most so many records: the rest are told why, and cost neither memory nor look-ups.
    const room = tabLimits.watchedRecords - watcher.records.size;
    const fresh = parsed.output.records.filter((record) => !watcher.records.has(recordKey(record)));
    const refused = new Set(fresh.slice(Math.max(0, room)).map(recordKey));
    const followed = parsed.output.records.filter((record) => !refused.has(recordKey(record)));
    for (const record of followed) {
      watcher.records.set(recordKey(record), record);
      watcher.sent.delete(recordKey(record)); // asked again (e.g. after a Re-Sync): answered in full
    }
    if (refused.size > 0) {
      const off: RecordStatus = { state: 'off', reason: tooManyRequests };
      port.postMessage({ type: 'statuses', statuses: Object.fromEntries([...refused].map((key) => [key, off])) });
    }
    void send(port, watcher, followed).catch((error: unknown) => console.warn('Syncro ⇄ Xero: badge statuses', error));
  }
}
