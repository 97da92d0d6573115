// P2 backfill efficiency and P3 idle cost, in Node against the sandbox, the shipped engine running as the
// service worker would (IndexedDB from fake-indexeddb), with time compressed 10× (scaled-clock.ts): Xero's
// limits are enforced by the sandbox and by the extension's own limiter on the same compressed clock.
import '../adapters/install.ts';
import { pollPayments } from '../../lib/payments/poll.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { pairDatabase } from '../../lib/storage/pair.ts';
import { loadSettings, saveSettings } from '../../lib/storage/store.ts';
import { loadBaseContext } from '../../lib/sync/context.ts';
import { connectedInstall, installLocks, processLocks, runUntilIdle } from '../adapters/install.ts';
import { SandboxClient } from '../sandbox/client.ts';
import { routeRealHostsTo } from '../sandbox/route-fetch.ts';
import { startSandbox } from '../sandbox/server.ts';
import type { Figure } from './figures.ts';
import { countFetches, scaleTime } from './scaled-clock.ts';

const factor = 10;
const xero = 'api.xero.com';
const syncro = 'acme.syncromsp.com';

interface XeroState {
  contacts: Array<{ ContactNumber?: string }>;
  items: unknown[];
  invoices: Array<{ Type: string; InvoiceNumber: string; Payments?: Array<{ Reference?: string }> }>;
  purchaseOrders: unknown[];
}

/** What the backfill left in Xero of ours, by record type. */
function recordCounts(org: XeroState) {
  const ours = org.invoices.filter((invoice) => invoice.Type === 'ACCREC' && !invoice.InvoiceNumber.startsWith('XI-'));
  return {
    contacts: org.contacts.filter((contact) => /^SYNCRO-[CV]-/.test(contact.ContactNumber ?? '')).length,
    items: org.items.length,
    invoices: ours.length,
    payments: ours
      .flatMap((invoice) => invoice.Payments ?? [])
      .filter((payment) => payment.Reference?.startsWith('SYNCRO-PAY-')).length,
    'purchase orders': org.purchaseOrders.length,
    bills: org.invoices.filter((invoice) => invoice.Type === 'ACCPAY').length,
  };
}

export async function run(): Promise<Figure[]> {
  installLocks(); // the token refresh takes its Web Lock, as in the browser
  const clock = scaleTime(factor);
  const fetches = countFetches();
  const sandbox = await startSandbox({ seed: false });
  const admin = new SandboxClient(sandbox.port);
  const unroute = routeRealHostsTo(sandbox.port);
  const locks = processLocks();
  const figures: Figure[] = [];
  /** "12 GET Invoices, 3 PUT Payments…" for one host, most first. */
  const callsByPath = () => (host: string) =>
    [...fetches.byPath()]
      .filter(([key]) => key.startsWith(`${host} `))
      .sort((a, b) => b[1] - a[1])
      .map(([key, count]) => `${count} ${key.slice(host.length + 1)}`)
      .join(', ');
  const calls = (host: string, method?: string) =>
    [...fetches.counts()].reduce(
      (sum, [key, count]) =>
        key.startsWith(`${host} `) && !key.includes(' status ') && (!method || key.endsWith(` ${method}`))
          ? sum + count
          : sum,
      0,
    );
  try {
    for (const n of (process.env.BENCH_SIZES ?? '100,5000').split(',').map(Number)) {
      await admin.seed({ invoices: n });
      await connectedInstall({ importPaymentMethod: 'Bank Transfer' }); // purchase orders on
      fetches.reset();
      const started = clock.realMs();
      await enqueue('sync-all', 'all', Date.now());
      await runUntilIdle(locks, 24 * 3_600_000);
      const wallMs = (clock.realMs() - started) * factor;
      const xeroCalls = calls(xero);
      const writes = xeroCalls - calls(xero, 'GET');
      const breakdown = callsByPath();
      const org = (await admin.state<{ xero: { organisations: XeroState[] } }>()).xero.organisations[0] as XeroState;
      const counts = recordCounts(org);
      // Every record type written ⌈records/50⌉ times, plus the finished POs marked BILLED (Xero refuses a PO
      // created BILLED); nothing was in Xero before, so no list read is needed beyond one per type.
      const minimum =
        Object.values(counts).reduce((sum, count) => sum + Math.ceil(count / 50), 0) + Math.ceil(counts.bills / 50);
      const answered429 = fetches.counts().get(`${xero} status 429`) ?? 0;
      const syncroCalls = calls(syncro);
      const unhandled = await (await pairDatabase()).getAllFromIndex('links', 'byState', 'failed');
      const xeroBoundMs = (xeroCalls / 60) * 60_000;
      const syncroBoundMs = (syncroCalls / 180) * 60_000;
      const described = Object.entries(counts)
        .map(([type, count]) => `${count} ${type}`)
        .join(', ');
      figures.push(
        {
          id: 'P2',
          what: `Xero calls, backfill of ${n} invoices with POs on (${described})`,
          measured: `${xeroCalls} calls (${writes} writes)`,
          baseline: `batching minimum ${minimum} (writes); one call per record ${Object.values(counts).reduce((a, b) => a + b, 0)}`,
          goal: '≤ 1.1 × the minimum',
          met: xeroCalls <= 1.1 * minimum,
          note: `${(xeroCalls / minimum).toFixed(2)} × the minimum. Xero: ${breakdown(xero)}. Syncro: ${breakdown(syncro)}`,
        },
        {
          id: 'P2',
          what: `wall time of that backfill (clock compressed ${factor}×, given back in real minutes)`,
          measured: `${(wallMs / 60_000).toFixed(1)} min`,
          baseline: `Xero's 60/min bound for these calls ${(xeroBoundMs / 60_000).toFixed(1)} min; Syncro's 180/min bound for ${syncroCalls} calls ${(syncroBoundMs / 60_000).toFixed(1)} min`,
          goal: '≤ 1.05 × the slower bound, 0 unhandled 429',
          met: wallMs <= 1.05 * Math.max(xeroBoundMs, syncroBoundMs) && unhandled.length === 0,
          note: `${(wallMs / Math.max(xeroBoundMs, syncroBoundMs)).toFixed(2)} × the slower bound; ${answered429} answers were 429, each honoured; ${unhandled.length} records failed`,
        },
      );

      // A second install joining the organisation, where everything is in Xero already: what it reads and writes.
      await connectedInstall({ importPaymentMethod: 'Bank Transfer' });
      fetches.reset();
      await enqueue('sync-all', 'all', Date.now());
      await runUntilIdle(locks, 24 * 3_600_000);
      const joinReads = calls(xero, 'GET');
      const joinWrites = calls(xero) - joinReads;
      const inXero = { ...counts, items: org.items.length };
      const listMinimum = Object.values(inXero).reduce((sum, count) => sum + Math.max(1, Math.ceil(count / 1000)), 0);
      figures.push({
        id: 'P2',
        what: `second install joining that organisation (everything in Xero): Xero writes, and reads`,
        measured: `${joinWrites} writes, ${joinReads} reads`,
        baseline: `list-read minimum ${listMinimum} (⌈records/1,000⌉, at least one, per type)`,
        goal: '0 writes; reads ≤ 1.1 × the list-read minimum',
        met: joinWrites === 0 && joinReads <= 1.1 * listMinimum,
        note: `Xero: ${breakdown(xero)}`,
      });

      // P3: quiet change ticks (one rotation: invoices + customers / vendors / newest POs) and a quiet poll.
      await saveSettings({ ...(await loadSettings()), importPayments: true });
      for (let tick = 0; tick < 3; tick++) await enqueue('changes', `settle-${tick}`, Date.now());
      await runUntilIdle(locks, 3_600_000);
      const ctx = await loadBaseContext();
      await pollPayments(ctx, Date.now); // the first poll sees this backfill's own payments (skipped)
      const perTick: string[] = [];
      const tickCalls: string[] = [];
      for (let tick = 0; tick < 3; tick++) {
        fetches.reset();
        await enqueue('changes', `quiet-${tick}`, Date.now());
        await runUntilIdle(locks, 3_600_000);
        perTick.push(`${calls(xero)}+${calls(syncro)}`);
        tickCalls.push(callsByPath()(syncro));
      }
      fetches.reset();
      await pollPayments(ctx, Date.now);
      const poll = `${calls(xero)}+${calls(syncro)}`;
      figures.push({
        id: 'P3',
        what: `idle cost at ${n} invoices (${Math.max(12, n / 10)} customers): Xero+Syncro calls per quiet tick, and per quiet poll`,
        measured: `ticks ${perTick.join(', ')}; poll ${poll}`,
        baseline: 'listing everything each tick: ≈ every page of every list',
        goal: '≤ 2 each, flat in data size',
        met: [...perTick, poll].every((pair) => pair.split('+').every((count) => Number(count) <= 2)),
        note: `Syncro, tick by tick: ${tickCalls.join('; ')}`,
      });
    }
  } finally {
    unroute();
    await sandbox.close();
    fetches.restore();
    clock.restore();
  }
  return figures;
}
