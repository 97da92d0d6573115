// lib/content/feature-runner.ts: features start only on the pages their rule accepts, are stopped when the page
// changes away, and a throw in one (at start, later, sync or async) is logged under its name while the others go on.
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { defineFeature, type FeatureRun, type PageOf, runFeatures } from '../../lib/content/feature-runner.ts';
import type { SyncroPage } from '../../lib/syncro/pages.ts';
import { fakePage } from './content-fakes.ts';

const isList = (page: SyncroPage): page is PageOf<'list'> => page.view === 'list';
const isDetail = (page: SyncroPage): page is PageOf<'detail'> => page.view === 'detail';
const isAny = (page: SyncroPage): page is SyncroPage => page.view !== undefined;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

const warnedNames = () => warn.mock.calls.map(([message]) => String(message));

describe('runFeatures: isolation', () => {
  it('a feature that throws as it starts is logged by name; the other starts and follows page changes', () => {
    const page = fakePage('/invoices');
    const changes: string[] = [];
    const aborted: string[] = [];
    runFeatures(
      page.ctx,
      page.watch,
      [
        defineFeature('broken', isAny, (run) => {
          run.signal.addEventListener('abort', () => aborted.push('broken'));
          run.onChange(() => changes.push('broken'));
          throw new Error('markup not as expected');
        }),
        defineFeature('healthy', isAny, (run) => run.onChange(() => changes.push('healthy'))),
      ],
      page.currentUrl,
    );
    page.change();
    expect(changes).toEqual(['healthy', 'healthy']);
    // What the broken feature had set up is undone at once.
    expect(aborted).toEqual(['broken']);
    expect(warnedNames()).toEqual(['Syncro ⇄ Xero: feature "broken" failed']);
    expect(warn.mock.calls[0]?.[1]).toEqual(new Error('markup not as expected'));
  });

  it('an async failure at start is logged by name and undoes that feature only', async () => {
    const page = fakePage('/invoices/48212');
    const aborted: string[] = [];
    runFeatures(
      page.ctx,
      page.watch,
      [
        defineFeature('rejects', isDetail, async (run) => {
          run.signal.addEventListener('abort', () => aborted.push('rejects'));
          await settle();
          throw new Error('no answer');
        }),
        defineFeature('healthy', isDetail, (run) => {
          run.signal.addEventListener('abort', () => aborted.push('healthy'));
        }),
      ],
      page.currentUrl,
    );
    await settle();
    await settle();
    expect(warnedNames()).toEqual(['Syncro ⇄ Xero: feature "rejects" failed']);
    expect(aborted).toEqual(['rejects']);
  });

  it('a throw in a later callback is logged by name; both features keep running', async () => {
    const page = fakePage('/invoices');
    const seen: string[] = [];
    let asyncCallback: (() => void) | undefined;
    runFeatures(
      page.ctx,
      page.watch,
      [
        defineFeature('flaky', isList, (run) => {
          run.onChange(() => {
            seen.push('flaky');
            throw new Error('row vanished');
          });
          asyncCallback = run.guard(async () => {
            throw new Error('late');
          });
        }),
        defineFeature('steady', isList, (run) => run.onChange(() => seen.push('steady'))),
      ],
      page.currentUrl,
    );
    page.change();
    asyncCallback?.();
    await settle();
    expect(seen).toEqual(['flaky', 'steady', 'flaky', 'steady']);
    expect(warnedNames()).toEqual(Array(3).fill('Syncro ⇄ Xero: feature "flaky" failed'));
    expect(warn.mock.calls.map(([, error]) => (error as Error).message)).toEqual([
      'row vanished',
      'row vanished',
      'late',
    ]);
  });
});

describe('runFeatures: page rules', () => {
  it('starts a feature only on pages its rule accepts, with the classified page, once per page view', () => {
    const page = fakePage('/invoices');
    const starts: SyncroPage[] = [];
    runFeatures(
      page.ctx,
      page.watch,
      [defineFeature('detail only', isDetail, (run: FeatureRun<PageOf<'detail'>>) => starts.push(run.page))],
      page.currentUrl,
    );
    page.change();
    expect(starts).toEqual([]);
    page.navigate('/invoices/48212');
    page.change();
    expect(starts).toEqual([{ view: 'detail', record: { kind: 'invoice', id: 48212 } }]);
    page.navigate('/purchase_orders/903');
    expect(starts).toEqual([
      { view: 'detail', record: { kind: 'invoice', id: 48212 } },
      { view: 'detail', record: { kind: 'purchase_order', id: 903 } },
    ]);
  });

  it('stops a feature when the page changes away: its signal aborts and it hears of no further change', () => {
    const page = fakePage('/invoices');
    const log: string[] = [];
    runFeatures(
      page.ctx,
      page.watch,
      [
        defineFeature('list', isList, (run) => {
          run.onChange(() => log.push(`change ${run.page.kind}`));
          run.signal.addEventListener('abort', () => log.push(`stop ${run.page.kind}`));
        }),
      ],
      page.currentUrl,
    );
    page.navigate('/invoices/48212');
    page.change();
    page.navigate('/purchase_orders');
    page.invalidate();
    page.change();
    expect(log).toEqual(['change invoice', 'stop invoice', 'change purchase_order', 'stop purchase_order']);
  });

  it('a rule that throws is logged by name and its feature is left off', () => {
    const page = fakePage('/invoices');
    const started: string[] = [];
    const broken = (_page: SyncroPage): _page is SyncroPage => {
      throw new Error('bad rule');
    };
    runFeatures(
      page.ctx,
      page.watch,
      [
        defineFeature('bad rule', broken, () => started.push('bad rule')),
        defineFeature('good rule', isList, () => started.push('good rule')),
      ],
      page.currentUrl,
    );
    expect(started).toEqual(['good rule']);
    expect(warnedNames()).toEqual(['Syncro ⇄ Xero: feature "bad rule" failed']);
  });
});

describe('runFeatures: while the page is parsed', () => {
  it('starts features at once, lets them follow each parser step, and calls onChange from the end of parsing on', () => {
    const page = fakePage('/invoices', { parsing: true });
    const log: string[] = [];
    runFeatures(
      page.ctx,
      page.watch,
      [
        defineFeature('list', isList, (run) => {
          log.push('start');
          run.onParsing(() => log.push('step'));
          run.onChange(() => log.push('change'));
        }),
      ],
      page.currentUrl,
    );
    page.parsing();
    page.parsing();
    expect(log).toEqual(['start', 'step', 'step']);
    page.parsed();
    page.change();
    expect(log).toEqual(['start', 'step', 'step', 'change', 'change']);
  });
});
