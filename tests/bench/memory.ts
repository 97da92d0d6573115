// P6 — memory, in real headless Chromium with the built extension:
// - the service worker's JS heap during a full sync ("Sync now", a backfill) of two data sizes, sampled over
//   CDP every 250 ms: its peak, and whether it stays flat as the data grows;
// - what the content script adds to a 1,000-row Syncro invoice list page: the page's heap with the extension
//   (badges on every row) minus the same page in a browser without it.
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { disablePurchaseOrderSync, syncNow } from '../e2e/popup-steps.ts';
import { SandboxClient } from '../sandbox/client.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { connectExtension, ensureBuilt, launch, median, sleep, WorkerTarget } from './chromium.ts';
import { type Figure, mb } from './figures.ts';

/**
 * 200 and 600 invoices (customers N/10): 3× the data, within the few minutes this section may take. The worker's
 * own limiters pace it in real time — Syncro 180 calls a minute, and a backfill reads each invoice's detail
 * (measured: 800 invoices, 925 Syncro calls, 320 s), Xero 60 a minute — so 2,000 would take ~13 minutes. The
 * smaller size still needs more than the first minute's 180 Syncro calls (150 invoices ran in 7 s: no pacing).
 * Purchase orders are switched off ("Disable Purchase Order Syncing"): the seed has N/2 of them and each is pushed
 * on its own (a look-up and a write, ≥ 2 Xero calls), so they alone would take N/30 minutes.
 * `P6_INVOICES=500,2000 npm run bench -- P6` measures other sizes (give two, the smaller first).
 */
const backfillSizes = (process.env.P6_INVOICES ?? '200,600').split(',').map(Number);
const sampleMs = 250;
/** Every this many samples, a full GC first: that sample is the live heap (what the worker holds). */
const gcEvery = 20;
const pageRows = 1000;
const pageLoads = 3;
const flatRatio = 1.25;
const workerGoal = 64 * 2 ** 20;
const pageGoal = 5 * 2 ** 20;

interface Sample {
  at: number;
  used: number;
  /** Taken right after a forced full GC. */
  live: boolean;
}

interface Backfill {
  invoices: number;
  durationMs: number;
  xeroCalls: number;
  syncroCalls: number;
  idle: number;
  peak: number;
  /** The highest live heap (sampled after a forced GC every gcEvery samples). */
  livePeak: number;
  /** The highest live sample in each quarter of the run (a leak climbs from quarter to quarter). */
  quarters: Array<number | undefined>;
  afterGc: number;
  samples: number;
  workers: number;
}

async function backfill(sandbox: Sandbox, context: BrowserContext, invoices: number): Promise<Backfill> {
  const admin = new SandboxClient(sandbox.port);
  const { popup } = await connectExtension(context);
  await disablePurchaseOrderSync(popup);
  const worker = await WorkerTarget.open(context);
  await worker.collectGarbage();
  const idle = (await worker.heap())?.usedSize ?? 0;
  const calls = async () => ({
    xero: (await admin.requests({ host: 'api.xero.com' })).length,
    syncro: (await admin.requests({ host: 'syncromsp.com', pathIncludes: '/api/' })).length,
  });
  const before = await calls();

  const samples: Sample[] = [];
  let sampling = true;
  const sampler = (async () => {
    for (let n = 1; sampling; n++) {
      const live = n % gcEvery === 0;
      if (live) await worker.collectGarbage().catch(() => undefined);
      const heap = await worker.heap();
      if (heap) samples.push({ at: performance.now(), used: heap.usedSize, live });
      await sleep(sampleMs);
    }
  })();
  const started = performance.now();
  await syncNow(popup, 8 * 60_000);
  const durationMs = performance.now() - started;
  sampling = false;
  await sampler;

  await worker.collectGarbage();
  const afterGc = (await worker.heap())?.usedSize ?? 0;
  const after = await calls();
  const workers = worker.attachedTargets.size;
  await worker.close();
  await popup.close();
  const quarters = [0, 1, 2, 3].map((q) => {
    const from = started + (durationMs * q) / 4;
    const to = started + (durationMs * (q + 1)) / 4;
    const live = samples.filter((s) => s.live && s.at >= from && s.at < to).map((s) => s.used);
    return live.length > 0 ? Math.max(...live) : undefined;
  });
  return {
    invoices,
    durationMs,
    xeroCalls: after.xero - before.xero,
    syncroCalls: after.syncro - before.syncro,
    idle,
    peak: Math.max(0, ...samples.map((s) => s.used)),
    livePeak: Math.max(0, ...samples.filter((s) => s.live).map((s) => s.used)),
    quarters,
    afterGc,
    samples: samples.length,
    workers,
  };
}

interface PageHeap {
  used: number;
  embedder: number;
  nodes: number;
}

/** The page's renderer heap after a full GC: V8's JS heap (both worlds) and Blink's (the DOM). */
async function pageHeap(context: BrowserContext, withExtension: boolean): Promise<PageHeap> {
  const page: Page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await page.goto(`https://acme.syncromsp.com/invoices?per_page=${pageRows}`);
  if (withExtension) {
    await page.waitForFunction(
      (rows) => document.querySelectorAll('syncro-xero-badge[data-xero-sync]').length >= rows,
      pageRows,
      { timeout: 30_000 },
    );
  }
  await sleep(1_000);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  await cdp.detach();
  await page.close();
  return {
    used: heap.usedSize,
    embedder: heap.embedderHeapUsedSize ?? 0,
    nodes: metrics.find((metric) => metric.name === 'Nodes')?.value ?? 0,
  };
}

async function pageHeaps(context: BrowserContext, withExtension: boolean): Promise<PageHeap> {
  const heaps: PageHeap[] = [];
  for (let i = 0; i < pageLoads; i++) heaps.push(await pageHeap(context, withExtension));
  return {
    used: median(heaps.map((heap) => heap.used)),
    embedder: median(heaps.map((heap) => heap.embedder)),
    nodes: median(heaps.map((heap) => heap.nodes)),
  };
}

export async function run(): Promise<Figure[]> {
  ensureBuilt();
  const started = performance.now();
  const sandbox = await startSandbox({ seed: false });
  const admin = new SandboxClient(sandbox.port);
  const runs: Backfill[] = [];
  let withExtension: PageHeap | undefined;
  let withoutExtension: PageHeap | undefined;
  try {
    for (const invoices of backfillSizes) {
      await admin.seed({ invoices });
      const context = await launch(sandbox); // a fresh profile: nothing left from the previous size
      try {
        const result = await backfill(sandbox, context, invoices);
        runs.push(result);
        console.log(
          `  backfill of ${invoices} invoices: ${(result.durationMs / 1000).toFixed(0)} s, ${result.syncroCalls} Syncro + ${result.xeroCalls} Xero calls, peak ${mb(result.peak)}`,
        );
      } finally {
        await context.close();
      }
    }
    // The list page: 1,000 invoices shown, both connections made, no sync run (every badge has a status).
    await admin.seed({ invoices: pageRows });
    const context = await launch(sandbox);
    try {
      const { popup } = await connectExtension(context);
      await popup.close();
      withExtension = await pageHeaps(context, true);
    } finally {
      await context.close();
    }
    const plain = await launch(sandbox, false);
    try {
      withoutExtension = await pageHeaps(plain, false);
    } finally {
      await plain.close();
    }
  } finally {
    await sandbox.close();
  }
  console.log(`  (P6 ran ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return [...workerFigures(runs), pageFigure(withExtension, withoutExtension)];
}

function workerFigures(runs: Backfill[]): Figure[] {
  const [small, large] = runs;
  const liveRatio = small && large ? large.livePeak / small.livePeak : Number.NaN;
  const peakRatio = small && large ? large.peak / small.peak : Number.NaN;
  const flat = liveRatio <= flatRatio;
  const sizes = `${large?.invoices ?? '?'} vs ${small?.invoices ?? '?'} invoices`;
  return runs.map((run) => ({
    id: 'P6',
    what: `service worker peak JS heap, backfill of ${run.invoices} invoices (${run.invoices / 10} customers, POs off)`,
    measured: `${mb(run.peak)} peak; ${mb(run.livePeak)} live`,
    baseline: `${mb(run.idle)} idle, connected (after GC)`,
    goal: `peak ≤ 64 MB; flat (live peak at ${sizes} ≤ ${flatRatio}×)`,
    met: run.peak <= workerGoal && flat,
    note: [
      `${(run.durationMs / 1000).toFixed(0)} s, ${run.syncroCalls} Syncro API + ${run.xeroCalls} Xero calls, ${run.samples} samples every ${sampleMs} ms (peak: the highest V8 used size, garbage included)`,
      `live heap (a forced full GC every ${(gcEvery * sampleMs) / 1000} s), highest per quarter of the run: ${run.quarters.map((q) => (q === undefined ? '—' : mb(q))).join(', ')}`,
      `after the backfill and a GC: ${mb(run.afterGc)}`,
      run.workers > 1 ? `the worker restarted during the run (${run.workers} targets)` : 'one worker throughout',
      `${sizes}: live peak ${liveRatio.toFixed(2)}×, peak ${peakRatio.toFixed(2)}× for ${large && small ? large.invoices / small.invoices : '?'}× the data`,
    ].join('; '),
  }));
}

function pageFigure(withExtension?: PageHeap, withoutExtension?: PageHeap): Figure {
  if (!withExtension || !withoutExtension) {
    return { id: 'P6', what: 'content script on a list page', measured: 'not measured', baseline: '—', goal: '≤ 5 MB' };
  }
  const added = withExtension.used - withoutExtension.used;
  const addedDom = withExtension.embedder - withoutExtension.embedder;
  return {
    id: 'P6',
    what: `JS heap the content script adds to a ${pageRows}-row invoice list page (median of ${pageLoads} loads, after GC)`,
    measured: mb(added),
    baseline: `${mb(withoutExtension.used)} page without the extension`,
    goal: '≤ 5 MB',
    met: added <= pageGoal,
    note: [
      `page JS heap (V8, main + content-script worlds) ${mb(withExtension.used)} with vs ${mb(withoutExtension.used)} without`,
      `Blink/DOM heap (embedder) ${mb(withExtension.embedder)} vs ${mb(withoutExtension.embedder)} (+${mb(addedDom)}: ${pageRows} badges, each a shadow root)`,
      `DOM nodes ${withExtension.nodes} vs ${withoutExtension.nodes}`,
      `JS + DOM added: ${mb(added + addedDom)}`,
    ].join('; '),
  };
}
