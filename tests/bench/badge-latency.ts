// P1 — badge latency on Syncro's invoice list, in real headless Chromium with the built extension: from the first
// row of the list in the DOM to every row's badge showing its status, for 100 and 1,000 rows, with the service
// worker already running (warm) and stopped before the load (cold). Baseline: the naive design, one runtime
// message per row, run through the real extension from its content script's own world.
import type { BrowserContext, Page } from '@playwright/test';
import { SandboxClient } from '../sandbox/client.ts';
import { startSandbox } from '../sandbox/server.ts';
import { connectExtension, contentScriptWorld, ensureBuilt, launch, median, sleep, WorkerTarget } from './chromium.ts';
import { type Figure, ms } from './figures.ts';

const sizes = [100, 1000];
const warmLoads = 7;
const coldLoads = 5;

/** What the page's main world records (performance.now(), ms since navigation start; -1: not yet). */
interface Marks {
  /** The first MutationObserver callback that saw a list row, and the one that saw the last. */
  firstRow: number;
  rowsComplete: number;
  /**
   * The first callback that saw a badge element: the end of the content script's task that scanned the page,
   * placed every row's badge and posted the `watch`.
   */
  firstBadge: number;
  /** Every row's badge carries `data-xero-sync` (set when its status is rendered). */
  allPainted: number;
  /** How many tasks rendered first statuses: each port message is its own task, so this counts answers. */
  paintBatches: number;
  painted: number;
}

/** Main world, before any of the page's scripts: a MutationObserver over the whole document. */
function observeBadges(expected: number) {
  const marks: Marks = {
    firstRow: -1,
    rowsComplete: -1,
    firstBadge: -1,
    allPainted: -1,
    paintBatches: 0,
    painted: 0,
  };
  (window as unknown as { __badgeBench: Marks }).__badgeBench = marks;
  let rows = 0;
  const seen = new WeakSet<Node>();
  new MutationObserver((records) => {
    const now = performance.now();
    let paintedHere = 0;
    for (const record of records) {
      if (record.type === 'childList') {
        for (const node of record.addedNodes) {
          if (node.nodeName === 'TR' && (node as Element).hasAttribute('data-invoice-id')) {
            rows += 1;
            if (rows === 1) marks.firstRow = now;
            if (rows === expected) marks.rowsComplete = now;
          } else if (node.nodeName === 'SYNCRO-XERO-BADGE' && marks.firstBadge < 0) marks.firstBadge = now;
        }
      } else if (!seen.has(record.target)) {
        seen.add(record.target);
        paintedHere += 1;
      }
    }
    if (paintedHere === 0) return;
    marks.paintBatches += 1;
    marks.painted += paintedHere;
    if (marks.painted >= expected && marks.allPainted < 0) marks.allPainted = now;
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-xero-sync'] });
}

/**
 * Worker side (warm only: a stopped worker loses it): counts the badge port's `watch` messages and the
 * `statuses` answers posted back, and runtime messages, through listeners added beside the extension's own.
 */
const countMessages = `(() => {
  const g = globalThis;
  if (!g.__benchCounts) {
    g.__benchCounts = { watch: 0, watchRecords: 0, statuses: 0, statusKeys: 0, messages: 0 };
    chrome.runtime.onMessage.addListener(() => { g.__benchCounts.messages += 1; });
    chrome.runtime.onConnect.addListener((port) => {
      port.onMessage.addListener((message) => {
        if (message && message.type === 'watch') { g.__benchCounts.watch += 1; g.__benchCounts.watchRecords += message.records.length; }
      });
      const post = port.postMessage.bind(port);
      port.postMessage = (message) => {
        if (message && message.type === 'statuses') { g.__benchCounts.statuses += 1; g.__benchCounts.statusKeys += Object.keys(message.statuses).length; }
        post(message);
      };
    });
  }
  const counts = { ...g.__benchCounts };
  for (const key of Object.keys(g.__benchCounts)) g.__benchCounts[key] = 0;
  return counts;
})()`;

interface Counts {
  watch: number;
  watchRecords: number;
  statuses: number;
  statusKeys: number;
  messages: number;
}

/**
 * The baseline, run in the content script's isolated world on a Syncro page where no feature applies (so the
 * real badges stay out of it), over the same list table copied in: a badge (shadow root, label) after each
 * row's number, its status asked with the content verb `statuses` — one message per row, all at once (`naive`),
 * or one message for all rows (`batched`, the same harness's calibration) — and rendered as each answer comes.
 * Returns ms from the start of the scan to the last badge rendered. `message`: only the one message for all
 * rows, nothing in the DOM (IPC + the worker's statuses for every record).
 */
const harness = (mode: 'naive' | 'batched' | 'message') => `(async () => {
  const mode = '${mode}';
  const rows = [...document.querySelectorAll('tr[data-invoice-id]')];
  const records = rows.map((row) => ({
    kind: 'invoice',
    id: Number(row.dataset.invoiceId),
    number: row.querySelector('a[href^="/invoices/"]').textContent.trim(),
  }));
  const ask = (list) => chrome.runtime.sendMessage({ type: 'statuses', records: list }).then((answer) => {
    if (!answer || !answer.statuses) throw new Error('no statuses: ' + JSON.stringify(answer));
    return answer.statuses;
  });
  if (mode === 'message') {
    const started = performance.now();
    const statuses = await ask(records);
    const elapsed = performance.now() - started;
    if (Object.keys(statuses).length !== records.length) throw new Error('statuses missing');
    return elapsed;
  }
  const started = performance.now();
  const badges = new Map();
  const placed = [];
  for (const row of rows) {
    const anchor = row.querySelector('a[href^="/invoices/"]');
    const id = Number(row.dataset.invoiceId);
    const host = document.createElement('bench-naive-badge');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = ':host { display: inline-flex; margin-left: 6px } .label { color: #fff; padding: 1px 6px }';
    const label = document.createElement('span');
    label.className = 'label';
    shadow.append(style, label);
    anchor.after(host);
    badges.set('invoice:' + id, { host, label });
    placed.push({ kind: 'invoice', id, number: anchor.textContent.trim() });
  }
  const render = (statuses) => {
    for (const [key, status] of Object.entries(statuses)) {
      const badge = badges.get(key);
      if (!badge) continue;
      badge.host.dataset.xeroSync = status.state;
      badge.label.textContent = status.state;
    }
  };
  if (mode === 'naive') await Promise.all(placed.map((record) => ask([record]).then(render)));
  else render(await ask(placed));
  const elapsed = performance.now() - started;
  const missing = [...badges.values()].filter((badge) => !badge.host.dataset.xeroSync).length;
  for (const { host } of badges.values()) host.remove();
  if (missing > 0) throw new Error(missing + ' badges without a status');
  return elapsed;
})()`;

interface Load {
  marks: Marks & { domContentLoaded: number; loaded: number; states: Record<string, number> };
  counts?: Counts;
  naive: number;
  batched: number;
  message: number;
}

async function measureLoad(
  context: BrowserContext,
  worker: WorkerTarget,
  harnessPage: Awaited<ReturnType<typeof contentScriptWorld>>,
  rows: number,
  cold: boolean,
): Promise<Load> {
  const page: Page = await context.newPage();
  await page.addInitScript(observeBadges, rows);
  if (cold) {
    if (!(await worker.kill())) throw new Error('no service worker to stop');
  } else await worker.evaluate<Counts>(countMessages); // wakes it if needed, and zeroes the counters
  await page.goto(`https://acme.syncromsp.com/invoices?per_page=${rows}`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => (window as unknown as { __badgeBench: Marks }).__badgeBench.allPainted >= 0, null, {
    timeout: 30_000,
  });
  await sleep(150); // any later answer on the port would be counted too
  const marks = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return {
      ...(window as unknown as { __badgeBench: Marks }).__badgeBench,
      domContentLoaded: navigation?.domContentLoadedEventStart ?? -1,
      loaded: navigation?.loadEventStart ?? -1,
      states: [...document.querySelectorAll<HTMLElement>('syncro-xero-badge')].reduce<Record<string, number>>(
        (counts, badge) => {
          const state = badge.dataset.xeroSync ?? 'none';
          counts[state] = (counts[state] ?? 0) + 1;
          return counts;
        },
        {},
      ),
    };
  });
  const counts = cold ? undefined : await worker.evaluate<Counts>(countMessages);
  await page.close(); // its port closes: nothing of this page's stays in the worker's way

  const inHarness = async (mode: 'naive' | 'batched' | 'message') => {
    if (cold) await worker.kill();
    else await worker.evaluate(countMessages);
    return harnessPage.evaluate<number>(harness(mode));
  };
  const naive = await inHarness('naive');
  const batched = await inHarness('batched');
  const message = await inHarness('message');
  return { marks, counts, naive, batched, message };
}

/** A Syncro page no feature applies to (the fake's 404), holding a copy of the `rows`-row list table. */
async function openHarness(context: BrowserContext, extensionId: string, rows: number) {
  const page = await context.newPage();
  await page.goto('https://acme.syncromsp.com/bench-harness');
  await page.evaluate(async (count) => {
    const html = await (await fetch(`/invoices?per_page=${count}`)).text();
    const table = new DOMParser().parseFromString(html, 'text/html').querySelector('table');
    if (!table) throw new Error('no list table');
    document.body.append(document.importNode(table, true));
  }, rows);
  return { page, world: await contentScriptWorld(page, extensionId) };
}

const spread = (values: number[]) =>
  `${ms(median(values))} (min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))})`;

export async function run(): Promise<Figure[]> {
  ensureBuilt();
  const started = performance.now();
  const sandbox = await startSandbox({ seed: false });
  const context = await launch(sandbox);
  const figures: Figure[] = [];
  try {
    await new SandboxClient(sandbox.port).seed({ invoices: Math.max(...sizes) });
    const { extensionId, popup } = await connectExtension(context);
    await popup.close(); // its status poll would wake a stopped worker
    const worker = await WorkerTarget.open(context);

    for (const rows of sizes) {
      const harness = await openHarness(context, extensionId, rows);
      // Warm-up load (not counted): the first look at these records starts the worker's background look-ups
      // by number in Xero (remembered for 10 minutes), which would otherwise overlap the first measured load.
      await measureLoad(context, worker, harness.world, rows, false);
      await sleep(1_500);
      const warm: Load[] = [];
      for (let i = 0; i < warmLoads; i++) warm.push(await measureLoad(context, worker, harness.world, rows, false));
      const cold: Load[] = [];
      for (let i = 0; i < coldLoads; i++) cold.push(await measureLoad(context, worker, harness.world, rows, true));
      await harness.world.detach();
      await harness.page.close();
      figures.push(figure(rows, 'warm', warm), figure(rows, 'cold', cold));
    }
    await worker.close();
  } finally {
    await context.close();
    await sandbox.close();
  }
  console.log(`  (P1 ran ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return figures;
}

function figure(rows: number, mode: 'warm' | 'cold', loads: Load[]): Figure {
  const total = loads.map(({ marks }) => marks.allPainted - marks.firstRow);
  const ownPart = loads.map(({ marks }) => marks.allPainted - marks.firstBadge);
  const untilScan = loads.map(({ marks }) => marks.firstBadge - marks.firstRow);
  const parse = loads.map(({ marks }) => marks.rowsComplete - marks.firstRow);
  const dcl = loads.map(({ marks }) => marks.domContentLoaded - marks.firstRow);
  const load = loads.map(({ marks }) => marks.loaded - marks.firstRow);
  // The naive design in the same page load: the wait until the content script runs, then per-row messages.
  const naive = loads.map((load) => load.marks.firstBadge - load.marks.firstRow + load.naive);
  const goal = rows <= 100 ? 16 : 50;
  const batches = [...new Set(loads.map(({ marks }) => marks.paintBatches))].join('/');
  const counts = loads.flatMap(({ counts }) => (counts ? [counts] : []));
  const roundTrips =
    mode === 'warm'
      ? `worker saw per load: ${[...new Set(counts.map((c) => `${c.watch} watch (${c.watchRecords} records) → ${c.statuses} statuses answer (${c.statusKeys} statuses), ${c.messages} runtime messages`))].join('; ')}`
      : 'worker counters cannot survive a stopped worker; by design one watch per load (the port opens, one watch names every placed badge)';
  return {
    id: 'P1',
    what: `badge latency, ${rows} rows, ${mode} worker (median of ${loads.length} loads)`,
    measured: `${ms(median(total))} first row → all badges rendered`,
    baseline: `${ms(median(naive))} naive (one message per row)`,
    goal: mode === 'warm' ? `≤ ${goal} ms, one round trip` : `— (warm goal ≤ ${goal} ms)`,
    met: mode === 'warm' ? median(total) <= goal && counts.every((c) => c.watch === 1 && c.statuses === 1) : undefined,
    note: [
      `no sync was run before (the worker still reads links and the outbox for every record): badge states ${JSON.stringify(loads[0]?.marks.states)}`,
      `first row → all: ${spread(total)}`,
      `rows parsed (first → last row seen): ${spread(parse)}`,
      `DOMContentLoaded at first row + ${spread(dcl)}, load event at + ${spread(load)}`,
      `first row → badges placed (injection at document_idle — at load, or at most 200 ms after DOMContentLoaded — then script start, scan, place, post): ${spread(untilScan)}`,
      `badges placed → all rendered (the page watch's re-scan, style/layout of the new badges, the port round trip with the worker's statuses, render): ${spread(ownPart)}`,
      `statuses rendered in ${batches} task(s) per load`,
      roundTrips,
      `baseline harness alone (scan, ${rows} parallel 'statuses' messages, render): ${spread(loads.map((l) => l.naive))}; same harness with one message for all rows: ${spread(loads.map((l) => l.batched))}; that one message alone (IPC + the worker's statuses of ${rows} records, no DOM): ${spread(loads.map((l) => l.message))}`,
    ].join('; '),
  };
}
