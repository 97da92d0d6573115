// lib/background/badge-ports.ts: a page opening gets its snapshot, and only once its sender is checked; once parsed,
// it hears only of the records whose status differs from that snapshot (none, in the usual case), then of changes;
// a change of every status sends a new snapshot. The tab's budget of followed records still applies.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { badgePorts } from '../../lib/background/badge-ports.ts';
import { tabLimits } from '../../lib/background/tab-limits.ts';
import { decodeSnapshot, encodeSnapshot } from '../../lib/badge-snapshot.ts';
import { recordsChanged } from '../../lib/change-feed.ts';
import { type BadgePortUpdate, badgePortName, type PageRecord, type PageView } from '../../lib/messages.ts';
import { recordKey } from '../../lib/records.ts';
import type { RecordStatus } from '../../lib/sync-state.ts';

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
const invoice = (id: number): PageRecord => ({ kind: 'invoice', id, number: String(id - 47_200) });

/** The worker's state: each record's status (not-synced unless set), and what was asked of it. */
function worker() {
  const statuses = new Map<string, RecordStatus>();
  const asked: { snapshots: PageView[]; statuses: number[] } = { snapshots: [], statuses: [] };
  const statusOf = (key: string): RecordStatus => statuses.get(key) ?? { state: 'not-synced' };
  let allowed = true;
  const ports = badgePorts(
    async (records) => {
      asked.statuses.push(records.length);
      return Object.fromEntries(records.map((record) => [recordKey(record), statusOf(recordKey(record))]));
    },
    async (page) => {
      asked.snapshots.push(page);
      const entries = [...statuses].flatMap(([key, status]): Array<[number, RecordStatus]> => {
        const [kind, id] = key.split(':');
        return kind === page.kind && Number(id) >= 48_205 ? [[Number(id), status]] : [];
      });
      return encodeSnapshot({ kind: page.kind, from: 48_205, common: { state: 'not-synced' }, entries });
    },
    async () => allowed,
  );
  return {
    statuses,
    asked,
    refuse: () => {
      allowed = false;
    },
    connect(tabId = 7) {
      const listeners: Array<(message: unknown) => void> = [];
      const received: BadgePortUpdate[] = [];
      const state = { disconnected: false };
      ports.accept({
        name: badgePortName,
        sender: { id: 'ext', url: 'https://acme.syncromsp.com/invoices', tab: { id: tabId } },
        postMessage: (message) => received.push(message),
        disconnect: () => {
          state.disconnected = true;
        },
        onMessage: { addListener: (listener) => listeners.push(listener) },
        onDisconnect: { addListener: () => undefined },
      });
      return {
        received,
        state,
        post: (message: unknown) => {
          for (const listener of listeners) listener(message);
        },
        /** The statuses messages received, merged. */
        statuses: () =>
          Object.assign({}, ...received.flatMap((message) => (message.type === 'statuses' ? [message.statuses] : []))),
      };
    },
  };
}

afterEach(() => vi.restoreAllMocks());

describe('badge ports', () => {
  it('answers an open page view with its snapshot, and a foreign page with nothing', async () => {
    const background = worker();
    background.statuses.set('invoice:48212', { state: 'failed', reason: 'Xero said no' });
    const page = background.connect();
    page.post({ type: 'open', kind: 'invoice' });
    await settle();
    expect(page.received.map((message) => message.type)).toEqual(['snapshot']);
    const [message] = page.received;
    const view = message?.type === 'snapshot' ? decodeSnapshot(message.snapshot) : undefined;
    expect(view?.status(48212)).toEqual({ state: 'failed', reason: 'Xero said no' });

    background.refuse();
    const foreign = background.connect();
    foreign.post({ type: 'open', kind: 'invoice' });
    await settle();
    expect(foreign.received).toEqual([]);
    expect(foreign.state.disconnected).toBe(true);
  });

  it('once parsed, tells only what differs from the snapshot; a record asked again is answered in full', async () => {
    const background = worker();
    background.statuses.set('invoice:48212', { state: 'failed', reason: 'Xero said no' });
    const page = background.connect();
    page.post({ type: 'open', kind: 'invoice' });
    const shown = Array.from({ length: 30 }, (_, i) => invoice(48_201 + i));
    page.post({ type: 'watch', records: shown, reset: false });
    await settle();
    // Below the snapshot's ids (48201–48204) the page knew nothing: those are told; the rest agree.
    expect(Object.keys(page.statuses()).sort()).toEqual([
      'invoice:48201',
      'invoice:48202',
      'invoice:48203',
      'invoice:48204',
    ]);

    page.received.length = 0;
    page.post({ type: 'watch', records: [invoice(48212)], reset: false });
    await settle();
    expect(page.statuses()).toEqual({ 'invoice:48212': { state: 'failed', reason: 'Xero said no' } });
  });

  it('sends changes as they happen, and a new snapshot when every status may have changed', async () => {
    const background = worker();
    const page = background.connect();
    page.post({ type: 'open', kind: 'invoice' });
    page.post({ type: 'watch', records: [invoice(48210), invoice(48211)], reset: false });
    await settle();
    page.received.length = 0;

    background.statuses.set('invoice:48210', { state: 'pending' });
    recordsChanged(['invoice:48210', 'invoice:48999']);
    await settle(80);
    expect(page.received).toEqual([{ type: 'statuses', statuses: { 'invoice:48210': { state: 'pending' } } }]);

    page.received.length = 0;
    background.statuses.set('invoice:48211', { state: 'off', reason: 'Xero not connected' });
    recordsChanged('all');
    await settle(80);
    expect(page.received.map((message) => message.type)).toEqual(['snapshot']);
    expect(background.asked.snapshots).toHaveLength(2);
  });

  it('refuses records past the tab’s budget, saying why', async () => {
    const background = worker();
    const page = background.connect();
    page.post({ type: 'open', kind: 'invoice' });
    const many = Array.from({ length: tabLimits.watchedRecords + 3 }, (_, i) => invoice(60_000 + i));
    page.post({ type: 'watch', records: many, reset: false });
    await settle();
    const told = page.statuses() as Record<string, RecordStatus>;
    expect(Object.values(told).filter((status) => status.state === 'off')).toHaveLength(3);
    expect(background.asked.statuses).toEqual([tabLimits.watchedRecords]);
  });

  it('a malformed message is refused and changes nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const background = worker();
    const page = background.connect();
    page.post({ type: 'open', kind: 'customer' });
    await settle();
    expect(page.received).toEqual([]);
    expect(warn).toHaveBeenCalledWith('Syncro ⇄ Xero: badge port message rejected');
  });
});
