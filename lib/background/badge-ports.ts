// Live badges: each Syncro page holds a port. As it starts loading it says which page view it is (`open`) and gets a
// snapshot of its kind's statuses at once, to draw each row's badge as the row is parsed; once parsed it names the
// records it shows (`watch`), and hears only of those whose status differs from the snapshot (older records, records
// just looked up in Xero), then of every change (the outbox or a setting), a few at a time.

import * as v from 'valibot';
import { decodeSnapshot, type EncodedSnapshot, type SnapshotView, sameStatus } from '../badge-snapshot.ts';
import { type Changed, onRecordsChanged } from '../change-feed.ts';
import {
  type BadgePortMessage,
  type BadgePortUpdate,
  badgePortMessage,
  badgePortName,
  type PageRecord,
  type PageView,
  type Sender,
} from '../messages.ts';
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
/** What a page view needs before its rows arrive (lib/background/content-api.ts, snapshotFor). */
type SnapshotFor = (page: PageView) => Promise<EncodedSnapshot>;
/** Whether a port's sender is our content script on the connected Syncro account (checked once per port). */
type IsConnectedPage = (sender: Sender) => Promise<boolean>;

interface Watcher {
  tabId: number;
  /** The page view, once the page said (`open`), and what it was told of it. */
  page?: PageView;
  snapshot?: SnapshotView;
  records: Map<string, PageRecord>;
  /** What the page was last told per record (null: unknown, tell it), so only changes travel. */
  sent: Map<string, RecordStatus | null>;
  /** The port's work, one piece at a time in order: an answer never overtakes the `open` before it. */
  queue: Promise<unknown>;
}

/** Changes are gathered this long, so a batch of 50 pushed invoices is one message, not 50. */
const gatherMs = 50;

export function badgePorts(statusesFor: StatusesFor, snapshotFor: SnapshotFor, isConnectedPage: IsConnectedPage) {
  const watchers = new Map<BadgePort, Watcher>();
  let pending: Set<string> | 'all' | undefined;
  let scheduled = false;

  const inTurn = (watcher: Watcher, work: () => Promise<unknown>, what: string) => {
    watcher.queue = watcher.queue
      .then(work)
      .catch((error: unknown) => console.warn(`Syncro ⇄ Xero: badge ${what}`, error));
    return watcher.queue;
  };

  const send = async (port: BadgePort, watcher: Watcher, records: PageRecord[]) => {
    if (records.length === 0) return;
    const statuses = await statusesFor(records, watcher.tabId);
    const changed: Record<string, RecordStatus> = {};
    for (const record of records) {
      const key = recordKey(record);
      const status = statuses[key];
      if (!status) continue;
      const told = watcher.sent.has(key) ? watcher.sent.get(key) : snapshotStatus(watcher, record);
      watcher.sent.set(key, status);
      if (!told || !sameStatus(told, status)) changed[key] = status;
    }
    if (Object.keys(changed).length > 0 && watchers.has(port))
      port.postMessage({ type: 'statuses', statuses: changed });
  };

  const sendSnapshot = async (port: BadgePort, watcher: Watcher, page: PageView, made?: Promise<EncodedSnapshot>) => {
    const snapshot = await (made ?? snapshotFor(page));
    if (!watchers.has(port) || watcher.page !== page) return;
    watcher.snapshot = decodeSnapshot(snapshot);
    watcher.sent.clear(); // compared with the new snapshot from now on
    port.postMessage({ type: 'snapshot', snapshot });
  };

  const flush = () => {
    const changed = pending;
    pending = undefined;
    scheduled = false;
    if (!changed) return;
    for (const [port, watcher] of watchers) {
      void inTurn(
        watcher,
        async () => {
          const all = changed === 'all';
          // Every status may have changed: a page still being parsed draws its next rows from a new snapshot.
          if (all && watcher.page) await sendSnapshot(port, watcher, watcher.page);
          const records = all
            ? [...watcher.records.values()]
            : [...changed].flatMap((key) => watcher.records.get(key) ?? []);
          await send(port, watcher, records);
        },
        'update',
      );
    }
  };

  const onChanged = (changed: Changed) => {
    if (watchers.size === 0) return;
    pending = changed === 'all' || pending === 'all' ? 'all' : new Set([...(pending ?? []), ...changed]);
    if (scheduled) return;
    scheduled = true;
    setTimeout(flush, gatherMs);
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
      const watcher: Watcher = { tabId: tabId ?? -1, records: new Map(), sent: new Map(), queue: Promise.resolve() };
      const allowed = port.sender && tabId !== undefined ? isConnectedPage(port.sender) : Promise.resolve(false);
      void allowed.then((ok) => {
        if (ok) watchers.set(port, watcher);
        else port.disconnect();
      });
      port.onDisconnect.addListener(() => watchers.delete(port));
      // Listened to at once (a message before the check would otherwise be lost), acted on after the check.
      port.onMessage.addListener((message) => {
        const parsed = v.safeParse(badgePortMessage, message);
        const request = parsed.success ? parsed.output : undefined;
        // A page view's snapshot is made while the sender is checked (the page is parsing meanwhile): it is sent
        // only once the check has passed.
        const made = request?.type === 'open' ? snapshotFor(pageOf(request)) : undefined;
        made?.catch(() => undefined);
        void inTurn(
          watcher,
          async () => {
            if ((await allowed) && watchers.has(port)) await follow(port, watcher, request, made);
          },
          'message',
        );
      });
      return true;
    },
  };

  function follow(
    port: BadgePort,
    watcher: Watcher,
    request: BadgePortMessage | undefined,
    made: Promise<EncodedSnapshot> | undefined,
  ): Promise<void> | undefined {
    if (!request) {
      console.warn('Syncro ⇄ Xero: badge port message rejected');
      return;
    }
    if (request.type === 'open' || request.reset) {
      watcher.records.clear();
      watcher.sent.clear();
      watcher.page = undefined;
      watcher.snapshot = undefined;
    }
    if (request.type === 'open') {
      const page = pageOf(request);
      watcher.page = page;
      return sendSnapshot(port, watcher, page, made);
    }
    // A page follows at most so many records: the rest are told why, and cost neither memory nor look-ups.
    const room = tabLimits.watchedRecords - watcher.records.size;
    const fresh = request.records.filter((record) => !watcher.records.has(recordKey(record)));
    const refused = new Set(fresh.slice(Math.max(0, room)).map(recordKey));
    const followed = request.records.filter((record) => !refused.has(recordKey(record)));
    for (const record of followed) {
      const key = recordKey(record);
      // Asked again (e.g. after a Re-Sync): answered in full.
      if (watcher.records.has(key)) watcher.sent.set(key, null);
      watcher.records.set(key, record);
    }
    if (refused.size > 0) {
      const off: RecordStatus = { state: 'off', reason: tooManyRequests };
      port.postMessage({ type: 'statuses', statuses: Object.fromEntries([...refused].map((key) => [key, off])) });
    }
    return send(port, watcher, followed);
  }
}

const pageOf = ({ kind, id }: PageView): PageView => (id !== undefined ? { kind, id } : { kind });

/** What the page drew for a record it has not been told about since its snapshot. */
function snapshotStatus(watcher: Watcher, record: PageRecord): RecordStatus | undefined {
  return watcher.snapshot?.kind === record.kind ? watcher.snapshot.status(record.id) : undefined;
}
