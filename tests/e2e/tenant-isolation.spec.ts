// Only the connected Syncro account drives the extension: the content script is registered for its subdomain
// alone, the background refuses anything from another origin, and a page that names thousands of records gets no
// more than its tab's budget of Xero look-ups.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Route } from '@playwright/test';
import { tabLimits } from '../../lib/background/tab-limits.ts';
import type { SandboxClient } from '../sandbox/client.ts';
import { expect, test } from './fixtures.ts';
import { connectBoth } from './popup-steps.ts';
import { currentWorker } from './worker-steps.ts';

const badges = (page: Page) => page.locator('syncro-xero-badge');

/**
 * acme's invoice list markup, as its page serves it, read before Syncro is connected (so no badge is in it yet).
 * Served for `url` with its rows replaced when `rows` is given.
 */
async function serveInvoiceList(context: BrowserContext, url: string, rows?: string) {
  const source = await context.newPage();
  await source.goto('https://acme.syncromsp.com/invoices');
  await expect(source.locator('a[href="/invoices/48204"]')).toHaveCount(1);
  await expect(source.locator('syncro-xero-badge')).toHaveCount(0);
  let html = await source.content();
  await source.close();
  if (rows !== undefined) html = html.replace(/<tbody>[\s\S]*?<\/tbody>/, `<tbody>${rows}</tbody>`);
  await context.route(url, (route: Route) => route.fulfill({ contentType: 'text/html', body: html }));
}

/** Invoice rows in the list's markup, for ids no Syncro account has. */
function unknownRows(count: number): string {
  return Array.from({ length: count }, (_, i) => {
    const id = 700_001 + i;
    return `<tr data-invoice-id="${id}"><td></td><td><a href="/invoices/${id}">X-${id}</a></td><td></td><td></td><td></td><td></td><td></td></tr>`;
  }).join('\n');
}

/** The last request's number once the sandbox has seen none for 1.5 s (what was under way has finished). */
async function quietAfter(admin: SandboxClient): Promise<number> {
  let last = -1;
  for (let tries = 0; tries < 20; tries++) {
    const seq = (await admin.requests()).at(-1)?.seq ?? 0;
    if (seq === last) return seq;
    last = seq;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  }
  throw new Error('the sandbox never went quiet');
}

type Forged = { answer?: unknown; error?: string; updates: unknown[]; disconnected: boolean };

/**
 * Runs our own extension's code in the tab at `urlPattern` (scripting.executeScript from the worker: the same
 * sender a content script there would be) and asks the background what a page would ask.
 */
async function askFromTab(context: BrowserContext, urlPattern: string): Promise<Forged> {
  const worker = await currentWorker(context);
  return worker.evaluate(async (pattern) => {
    type Chrome = {
      tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> };
      scripting: {
        executeScript(o: { target: { tabId: number }; func: () => Promise<unknown> }): Promise<[{ result: unknown }]>;
      };
    };
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    const [tab] = await chrome.tabs.query({ url: pattern });
    if (tab?.id === undefined) throw new Error(`no tab at ${pattern}`);
    const [injected] = await chrome.scripting.executeScript({
      target: { tabId: tab.id },
      func: async () => {
        type Runtime = {
          sendMessage(message: unknown): Promise<unknown>;
          connect(o: { name: string }): {
            postMessage(message: unknown): void;
            onMessage: { addListener(listener: (message: unknown) => void): void };
            onDisconnect: { addListener(listener: () => void): void };
          };
        };
        const { runtime } = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome;
        const records = [{ kind: 'invoice', id: 48204, number: '1004' }];
        const asked = await runtime.sendMessage({ type: 'statuses', records }).then(
          (answer) => ({ answer: answer ?? null }),
          (error: unknown) => ({ error: String(error) }),
        );
        const port = runtime.connect({ name: 'syncro-xero:badges' });
        const updates: unknown[] = [];
        let disconnected = false;
        port.onMessage.addListener((message) => updates.push(message));
        port.onDisconnect.addListener(() => {
          disconnected = true;
        });
        port.postMessage({ type: 'watch', records, reset: true });
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        return { ...asked, updates, disconnected };
      },
    });
    return injected.result;
  }, urlPattern) as Promise<Forged>;
}

async function registeredScripts(context: BrowserContext) {
  const worker = await currentWorker(context);
  return worker.evaluate(async () => {
    type Scripting = { getRegisteredContentScripts(): Promise<Array<{ id: string; matches?: string[] }>> };
    const { chrome } = globalThis as unknown as { chrome: { scripting: Scripting } };
    return (await chrome.scripting.getRegisteredContentScripts()).map(({ id, matches }) => ({ id, matches }));
  });
}

test('another Syncro subdomain gets no content script, no badge, no answer and causes no call', async ({
  admin,
  context,
  popup,
}) => {
  const manifest = JSON.parse(readFileSync(path.resolve('.output/chrome-mv3/manifest.json'), 'utf8'));
  expect(manifest.content_scripts).toBeUndefined();
  expect(await registeredScripts(context)).toEqual([]); // nothing runs anywhere before Syncro is connected

  await serveInvoiceList(context, 'https://other.syncromsp.com/invoices');
  await connectBoth(popup);
  expect(await registeredScripts(context)).toEqual([{ id: 'syncro-pages', matches: ['https://acme.syncromsp.com/*'] }]);

  // The popup loads the organisation's accounts and tax rates after connecting: the window starts once that is done.
  const before = await quietAfter(admin);
  const other = await context.newPage();
  await other.goto('https://other.syncromsp.com/invoices');
  await expect(other.locator('a[href="/invoices/48204"]')).toHaveCount(1); // the same markup, the same links
  await other.waitForTimeout(3_000);
  await expect(badges(other)).toHaveCount(0);
  const calls = (await admin.requests({ sinceSeq: before })).filter(
    (call) => call.host === 'api.xero.com' || call.path.startsWith('/api/v1'),
  );
  expect(calls.map((call) => `${call.host} ${call.path}`)).toEqual([]);

  // A message and a badge port sent from that origin by our own code are refused: no statuses, the port closed.
  const forged = await askFromTab(context, 'https://other.syncromsp.com/*');
  expect(forged.answer ?? null).toBeNull();
  expect(forged.updates).toEqual([]);
  expect(forged.disconnected).toBe(true);

  // The same page on the connected account gets its badges, and the same questions are answered.
  const acme = await context.newPage();
  await acme.goto('https://acme.syncromsp.com/invoices');
  await expect(acme.locator('syncro-xero-badge[data-syncro-id="48204"]')).toHaveAttribute(
    'data-xero-sync',
    'not-synced',
  );
  const answered = await askFromTab(context, 'https://acme.syncromsp.com/*');
  expect(answered.answer).toMatchObject({ statuses: { 'invoice:48204': { state: 'not-synced' } } });
  expect(answered.updates).toHaveLength(1);
  expect(answered.disconnected).toBe(false);

  // "Disconnect Syncro" removes the registration: a reload of acme's page runs nothing either.
  await popup.bringToFront();
  await popup.getByRole('button', { name: 'Disconnect Syncro' }).click();
  await popup.getByRole('button', { name: 'Forget the Syncro token' }).click();
  await expect(popup.getByText(/Disconnected from acme\.syncromsp\.com/)).toBeVisible();
  await expect.poll(() => registeredScripts(context)).toEqual([]);
  await acme.reload();
  await acme.waitForTimeout(1_500);
  await expect(badges(acme)).toHaveCount(0);
});

test('a page naming 5,000 unknown invoices spends no more Xero look-ups than its tab may', async ({
  admin,
  context,
  popup,
}) => {
  const attack = 'https://acme.syncromsp.com/invoices?per_page=5000';
  await serveInvoiceList(context, attack, unknownRows(5_000));
  await connectBoth(popup);
  const before = (await admin.requests()).at(-1)?.seq ?? 0;
  const started = Date.now();
  const page = await context.newPage();
  await page.goto(attack);
  await expect(page.locator('tbody tr')).toHaveCount(5_000);
  // Past the records a tab may follow, badges say so instead of asking; past the look-up budget, likewise.
  const limited = page.locator('syncro-xero-badge[data-xero-sync="off"]');
  await expect(limited).toHaveCount(5_000 - tabLimits.watchedRecords, { timeout: 30_000 });
  await expect(limited.first()).toContainText('Too many requests');
  const unchecked = page.locator('syncro-xero-badge[data-xero-sync="not-synced"]', { hasText: 'Too many requests' });
  await expect(unchecked).toHaveCount(tabLimits.watchedRecords - tabLimits.lookUpsPerMinute, { timeout: 30_000 });
  await page.waitForTimeout(2_000); // any look-up still in flight arrives

  const lookUps = (await admin.requests({ host: 'api.xero.com', sinceSeq: before })).filter((call) =>
    call.query.includes('InvoiceNumbers'),
  );
  const minutes = Math.ceil((Date.now() - started) / 60_000);
  const perCall = 40; // lib/background/found-in-xero.ts
  expect(lookUps.length).toBeGreaterThan(0); // the budget is spent, not zero: the limit is what stops it
  expect(lookUps.length).toBeLessThanOrEqual(minutes * Math.ceil(tabLimits.lookUpsPerMinute / perCall));
  const numbersAsked = lookUps.reduce(
    (sum, call) => sum + (new URLSearchParams(call.query).get('InvoiceNumbers')?.split(',').length ?? 0),
    0,
  );
  expect(numbersAsked).toBeLessThanOrEqual(minutes * tabLimits.lookUpsPerMinute);
});
