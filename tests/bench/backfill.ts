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
      await connectedInstall({ disablePurchaseOrderSync: true, importPaymentMethod: 'Bank Transfer' });
      fetches.reset();
      const started = clock.realMs();
      await enqueue('sync-all', 'all', Date.now());
      await runUntilIdle(locks, 24 * 3_600_000);
      const wallMs = (clock.realMs() - started) * factor;
      const xeroCalls = calls(xero);
      const writes = xeroCalls - calls(xero, 'GET');
      const org = (await admin.state<{ xero: { organisations: XeroState[] } }>()).xero.organisations[0] as XeroState;
      const ours = org.invoices.filter(
        (invoice) => invoice.Type === 'ACCREC' && !invoice.InvoiceNumber.startsWith('XI-'),
      );
      const counts = {
        contacts: org.contacts.filter((contact) => /^SYNCRO-[CV]-/.test(contact.ContactNumber ?? '')).length,
        items: org.items.length,
        invoices: ours.length,
        payments: ours
          .flatMap((invoice) => invoice.Payments ?? [])
          .filter((payment) => payment.Reference?.startsWith('SYNCRO-PAY-')).length,
      };
      const minimum = Object.values(counts).reduce((sum, count) => sum + Math.ceil(count / 50), 0);
      const answered429 = fetches.counts().get(`${xero} status 429`) ?? 0;
      const syncroCalls = calls(syncro);
      const unhandled = await (await pairDatabase()).getAllFromIndex('links', 'byState', 'failed');
      const boundMs = (xeroCalls / 60) * 60_000;
      if (n === 5_000) {
        figures.push(
          {
            id: 'P2',
            what: `Xero calls, backfill of ${n} invoices (${counts.contacts} contacts, ${counts.items} items, ${counts.payments} payments)`,
            measured: `${xeroCalls} calls (${writes} writes)`,
            baseline: `batching minimum ${minimum}; one call per record ${Object.values(counts).reduce((a, b) => a + b, 0)}`,
            goal: '≤ 1.1 × the minimum',
            met: xeroCalls <= 1.1 * minimum,
            note: `writes alone are ${(writes / minimum).toFixed(2)} × the minimum; the rest are the look-ups by natural key that keep installs from duplicating each other`,
          },
          {
            id: 'P2',
            what: `wall time of that backfill (clock compressed ${factor}×, given back in real minutes)`,
            measured: `${(wallMs / 60_000).toFixed(1)} min`,
            baseline: `Xero's 60 calls/min bound ${(boundMs / 60_000).toFixed(1)} min; Syncro's 180/min bound ${(syncroCalls / 180).toFixed(1)} min`,
            goal: 'near the bound, 0 unhandled 429',
            met: unhandled.length === 0,
            note: `${answered429} answers were 429, each honoured with its Retry-After; ${unhandled.length} records failed. Bound by Syncro: one GET /invoices/{id} per invoice (the list has no line items) at 180 calls/min`,
          },
        );
      }

      // P3: quiet change ticks (one rotation: invoices + customers / vendors / newest POs) and a quiet poll.
      await saveSettings({ ...(await loadSettings()), importPayments: true });
      for (let tick = 0; tick < 3; tick++) await enqueue('changes', `settle-${tick}`, Date.now());
      await runUntilIdle(locks, 3_600_000);
      const ctx = await loadBaseContext();
      await pollPayments(ctx, Date.now); // the first poll sees this backfill's own payments (skipped)
      const perTick: string[] = [];
      for (let tick = 0; tick < 3; tick++) {
        fetches.reset();
        await enqueue('changes', `quiet-${tick}`, Date.now());
        await runUntilIdle(locks, 3_600_000);
        perTick.push(`${calls(xero)}+${calls(syncro)}`);
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
