// The content features on saved Syncro pages (tests/fixtures/syncro, via linkedom): badges drawn only from the
// status store, the store's one request per page view, the fallback "Re-Sync to Xero" button in a shadow root,
// and a broken feature beside working ones.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { defineFeature, runFeatures } from '../../lib/content/feature-runner.ts';
import type { Resync } from '../../lib/content/resync.ts';
import { createStatusStore, type StatusStore } from '../../lib/content/status-store.ts';
import { recordBadgesRule, startRecordBadges } from '../../lib/features/record-badges.ts';
import { resyncActionRule, startResyncAction } from '../../lib/features/resync-action.ts';
import type { RecordStatus, SyncState } from '../../lib/sync-state.ts';
import { fakeChannel, fakePage } from './content-fakes.ts';

const INVOICE_IDS = Array.from({ length: 30 }, (_, i) => 48230 - i);
const fixture = (name: string) =>
  parseHTML(readFileSync(path.join(import.meta.dirname, '../fixtures/syncro', name), 'utf8')).document;
const blankPage = (body: string) => parseHTML(`<!DOCTYPE html><html><body>${body}</body></html>`).document;

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
  vi.unstubAllGlobals();
});

/** The content script's wiring around a document: watch, port, store, and the given features. */
function open(document: Document, path: string, options: { parsing?: boolean } = {}) {
  vi.stubGlobal('document', document);
  const page = fakePage(path, options);
  const port = fakeChannel();
  const statuses = createStatusStore(page.ctx, page.watch, port.channel, page.currentUrl);
  return { page, port, statuses };
}

const badgeStates = (document: Document) =>
  Object.fromEntries(
    [...document.querySelectorAll<HTMLElement>('syncro-xero-badge')].map((badge) => [
      Number(badge.dataset.syncroId),
      badge.dataset.xeroSync ?? null,
    ]),
  );
/** The text in an element's shadow root (linkedom gives a shadow root itself no textContent). */
const shadowText = (host: Element | null) =>
  [...(host?.shadowRoot?.childNodes ?? [])].map((node) => node.textContent ?? '').join(' ');
const allIn = (state: SyncState | null) => Object.fromEntries(INVOICE_IDS.map((id) => [id, state]));

describe('record badges over the status store', () => {
  it('a broken feature beside them is logged by name; every row still gets its badge and its status', () => {
    const document = fixture('invoice-list.html');
    const { page, port, statuses } = open(document, '/invoices');
    runFeatures(
      page.ctx,
      page.watch,
      [
        defineFeature('broken', recordBadgesRule, () => {
          throw new Error('boom');
        }),
        defineFeature('record-badges', recordBadgesRule, (run) => startRecordBadges(run, statuses)),
      ],
      page.currentUrl,
    );
    expect(warn.mock.calls.map(([message]) => message)).toEqual(['Syncro ⇄ Xero: feature "broken" failed']);
    expect(badgeStates(document)).toEqual(allIn(null));
    port.push(Object.fromEntries(INVOICE_IDS.map((id) => [`invoice:${id}`, { state: 'synced' as const }])));
    expect(badgeStates(document)).toEqual(allIn('synced'));
  });

  it('asks once for every row, draws what the port says, and adds nothing on later changes', () => {
    const document = fixture('invoice-list.html');
    const { page, port, statuses } = open(document, '/invoices');
    runFeatures(page.ctx, page.watch, [badgesFeature(statuses)], page.currentUrl);
    page.change();
    expect(port.asked).toHaveLength(1);
    expect(port.asked[0]?.map((record) => record.id)).toEqual(INVOICE_IDS);
    // The printed number rides along for finding the record in Xero.
    expect(port.asked[0]?.find((record) => record.id === 48212)?.number).toBe('1012');

    port.push({ 'invoice:48212': { state: 'failed', reason: 'Xero said no' }, 'invoice:48230': { state: 'off' } });
    page.change();
    expect(document.querySelectorAll('syncro-xero-badge')).toHaveLength(30);
    expect(badgeStates(document)).toMatchObject({ 48212: 'failed', 48230: 'off', 48229: null });
    expect(shadowText(document.querySelector('[data-syncro-id="48212"]'))).toContain('Xero said no');
    expect(port.asked).toHaveLength(1);
  });

  it('a queued re-sync shows PENDING at once (OFF stays OFF) and asks the port again for the outcome', () => {
    const document = fixture('invoice-list.html');
    const { page, port, statuses } = open(document, '/invoices');
    runFeatures(page.ctx, page.watch, [badgesFeature(statuses)], page.currentUrl);
    port.push({ 'invoice:48212': { state: 'failed', reason: 'x' }, 'invoice:48230': { state: 'off', reason: 'y' } });
    const queued = [
      { kind: 'invoice' as const, id: 48212 },
      { kind: 'invoice' as const, id: 48230 },
    ];
    statuses.markQueued(queued);
    expect(badgeStates(document)).toMatchObject({ 48212: 'pending', 48230: 'off' });
    expect(port.asked.at(-1)).toEqual(queued);
    port.push({ 'invoice:48212': { state: 'synced' } });
    expect(badgeStates(document)).toMatchObject({ 48212: 'synced' });
  });

  it('a new page view: the old badges go, the port is reset, a late answer for the old page is ignored', () => {
    const document = fixture('invoice-list.html');
    const { page, port, statuses } = open(document, '/invoices');
    runFeatures(page.ctx, page.watch, [badgesFeature(statuses)], page.currentUrl);
    page.navigate('/customers/2001');
    expect(document.querySelectorAll('syncro-xero-badge')).toHaveLength(0);
    expect(port.opened).toEqual([{ kind: 'invoice' }, undefined]);
    port.push({ 'invoice:48212': { state: 'synced' } });
    expect(statuses.get({ kind: 'invoice', id: 48212 })).toBeUndefined();
  });
});

describe('badges while the list is parsed', () => {
  const xeroUrl = (id: number) => `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${id}`;
  const snapshot = {
    kind: 'invoice' as const,
    from: 48205,
    common: { state: 'not-synced' as const },
    entries: [
      [48212, { state: 'failed', reason: 'Xero said no' }],
      [48213, { state: 'synced', xeroUrl: xeroUrl(48213), syncedAt: 1_800_000_000_000 }],
      [48201, { state: 'skipped', reason: '$0 invoice' }],
    ] as Array<[number, RecordStatus]>,
  };

  /** The fixture's list with its rows taken out, to be added back one parser step at a time. */
  function parsingList() {
    const document = fixture('invoice-list.html');
    const rows = [...document.querySelectorAll<HTMLElement>('tr[data-invoice-id]')];
    for (const row of rows) row.remove();
    const body = document.querySelector('tbody') as HTMLElement;
    return { document, rows, body };
  }

  it('asks for the page view at once, and for a detail page names its record', () => {
    const list = open(blankPage(''), '/invoices', { parsing: true });
    expect(list.port.opened).toEqual([{ kind: 'invoice' }]);
    const detail = open(blankPage(''), '/purchase_orders/903', { parsing: true });
    expect(detail.port.opened).toEqual([{ kind: 'purchase_order', id: 903 }]);
    const other = open(blankPage(''), '/customers/2001', { parsing: true });
    expect(other.port.opened).toEqual([undefined]);
  });

  it("draws each row's badge from the snapshot as the row is added, and names every row in one message once parsed", () => {
    const { document, rows, body } = parsingList();
    const { page, port, statuses } = open(document, '/invoices', { parsing: true });
    runFeatures(page.ctx, page.watch, [badgesFeature(statuses)], page.currentUrl);
    port.snapshot(snapshot);
    for (const row of rows) {
      body.append(row);
      page.parsing();
      const id = Number(row.dataset.invoiceId);
      // In the same call: drawn, or (below the snapshot's ids, and not listed) left for the port's answer.
      const expected =
        id === 48201
          ? 'skipped'
          : id === 48212
            ? 'failed'
            : id === 48213
              ? 'synced'
              : id >= 48205
                ? 'not-synced'
                : undefined;
      expect(badgeStates(document)[id], String(id)).toBe(expected);
    }
    expect(shadowText(document.querySelector('[data-syncro-id="48212"]'))).toContain('Xero said no');
    expect(
      document.querySelector('[data-syncro-id="48213"]')?.shadowRoot?.querySelector('a')?.getAttribute('href'),
    ).toBe(xeroUrl(48213));
    expect(port.asked).toEqual([]);

    page.parsed();
    expect(document.querySelectorAll('syncro-xero-badge')).toHaveLength(30);
    expect(port.asked).toHaveLength(1);
    expect(port.asked[0]?.map((record) => record.id).sort()).toEqual([...INVOICE_IDS].sort());
    expect(port.asked[0]?.find((record) => record.id === 48212)?.number).toBe('1012');
    // What the snapshot did not cover comes with the answer.
    port.push({ 'invoice:48202': { state: 'synced', xeroUrl: xeroUrl(48202) } });
    expect(badgeStates(document)).toMatchObject({ 48202: 'synced', 48203: null, 48212: 'failed' });
  });

  it('rows parsed before the snapshot arrives are badged, drawn, when it does; once parsed, each row has one badge', () => {
    const { document, rows, body } = parsingList();
    const { page, port, statuses } = open(document, '/invoices', { parsing: true });
    runFeatures(page.ctx, page.watch, [badgesFeature(statuses)], page.currentUrl);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    // The parser adds the row, then its cells: the link arrives in a later step than its row.
    const cells = [...first.children];
    for (const cell of cells) cell.remove();
    body.append(first);
    page.parsing();
    expect(badgeStates(document)).toEqual({});
    first.append(...cells);
    body.append(second);
    page.parsing();
    expect(badgeStates(document)).toEqual({}); // no empty badge meanwhile
    port.snapshot({ ...snapshot, from: 0 });
    expect(badgeStates(document)).toEqual({ 48230: 'not-synced', 48229: 'not-synced' });
    page.parsed();
    expect(document.querySelectorAll('syncro-xero-badge')).toHaveLength(2);
  });
});

describe('"Re-Sync to Xero" on a detail page', () => {
  it('with no Actions menu: one button beside the title, in a shadow root, with no style on the page', () => {
    const document = blankPage('<main><h1>Invoice #1012</h1><p>Total $10.00</p></main>');
    const { page } = open(document, '/invoices/48212');
    const resync = vi.fn<Resync>(async () => ({ queued: 1 }));
    runFeatures(page.ctx, page.watch, [resyncFeature(resync)], page.currentUrl);
    page.change();

    const hosts = document.querySelectorAll<HTMLElement>('syncro-xero-resync');
    expect(hosts).toHaveLength(1);
    const host = hosts[0] as HTMLElement;
    expect(host.previousElementSibling?.textContent).toBe('Invoice #1012');
    expect(document.querySelectorAll('button, [style]')).toHaveLength(0); // nothing of ours in the page's DOM
    const button = host.shadowRoot?.querySelector('button');
    expect(button?.textContent).toBe('Re-Sync to Xero');
    expect(button?.getAttribute('type')).toBe('button');
  });

  it('queues the record only on a trusted click, and says so beside the title', async () => {
    const document = blankPage('<main><h1>Invoice #1012</h1></main>');
    const { page } = open(document, '/invoices/48212');
    const resync = vi.fn<Resync>(async () => ({ queued: 1 }));
    runFeatures(page.ctx, page.watch, [resyncFeature(resync)], page.currentUrl);
    const button = document.querySelector('syncro-xero-resync')?.shadowRoot?.querySelector('button');
    const click = (trusted: boolean) => {
      const event = new (document.defaultView?.Event ?? Event)('click', { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'isTrusted', { value: trusted });
      button?.dispatchEvent(event);
    };
    click(false);
    expect(resync).not.toHaveBeenCalled();
    expect(document.querySelector('syncro-xero-notice')).toBeNull();
    click(true);
    await vi.waitFor(() =>
      expect(shadowText(document.querySelector('syncro-xero-notice'))).toContain('Re-sync queued'),
    );
    expect(resync.mock.calls).toEqual([[[{ kind: 'invoice', id: 48212 }]]]);
  });

  it('with the Actions menu: one item in it, no fallback button, and the item gone when the page changes', () => {
    const document = fixture('invoice-detail.html');
    const { page } = open(document, '/invoices/48212');
    runFeatures(page.ctx, page.watch, [resyncFeature(vi.fn<Resync>())], page.currentUrl);
    page.change();
    const items = () => [...document.querySelectorAll('a')].filter((link) => link.textContent === 'Re-Sync to Xero');
    expect(items()).toHaveLength(1);
    expect(document.querySelector('syncro-xero-resync')).toBeNull();
    page.navigate('/invoices');
    expect(items()).toHaveLength(0);
  });
});

const badgesFeature = (statuses: StatusStore) =>
  defineFeature('record-badges', recordBadgesRule, (run) => startRecordBadges(run, statuses));
const resyncFeature = (resync: Resync) =>
  defineFeature('resync-action', resyncActionRule, (run) => startResyncAction(run, resync));
