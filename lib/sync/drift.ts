// The drift check, an outbox job on its own slow alarm (hourly; entrypoints/background.ts) so the change tick's
// idle cost stays as it was: it compares the synced invoices that changed on either side since the last check
// with their other copy, and records what differs on their links (lib/drift.ts says what it can and cannot see).
// A quiet check costs two calls: Syncro's invoices changed since (`since_updated_at`) and Xero's
// (`If-Modified-Since`, xero_accounting.yaml#/paths/~1Invoices/get). The other side of a changed invoice comes from Xero by
// `IDs` (50 a call) or from Syncro's invoice detail (one call each): a run compares at most `driftChecksPerRun`
// invoices and makes at most about `driftReadsPerRun` Syncro reads; the rest wait for the next run. Invoices this
// extension pushed changed in Syncro too, so in steady use the extra reads go to changes made in Xero alone —
// the likely drifts. Nothing is corrected: the badge and the popup say what to check.
import { compareInvoice, driftWarning, type InvoiceDrift, type SyncroFigures } from '../drift.ts';
import type { JobHandler } from '../jobs/handlers.ts';
import { parseCents } from '../money.ts';
import { invoiceReader, readBalance } from '../payments/open-invoices.ts';
import { audit } from '../storage/audit.ts';
import type { Link } from '../storage/db.ts';
import { setDrift, syncedInvoiceLinks } from '../storage/links.ts';
import { readCursor, readPairMeta, writeCursor, writePairMeta } from '../storage/pair.ts';
import { syncroPages } from '../syncro/api.ts';
import { type SyncroInvoiceSummary, syncroInvoiceSummary } from '../syncro/wire.ts';
import { xeroCall } from '../xero/client.ts';
import { xeroInvoiceFigures } from '../xero/wire.ts';
import type { BaseContext } from './context.ts';
import { isPaid } from './rules.ts';

type XeroInvoiceFigures = Awaited<ReturnType<typeof readXeroPage>>[number];

const cursorKey = 'drift.since';
/** Syncro ids whose check waits for a later run (the read budget ran out). */
const backlogKey = 'drift.backlog';
/** How far back the first check of a pair looks. */
const firstLookBackMs = 30 * 86_400_000;
/** Re-read a little before the last check: a record saved while we listed is not missed. */
const overlapMs = 60_000;
/** Syncro reads per run (an invoice's detail, its payments when needed) after which further invoices wait. */
export const driftReadsPerRun = 40;
/** Invoices compared per run at most (their Xero figures by IDs: at most 4 calls). */
const driftChecksPerRun = 200;
const xeroPageSize = 100;

export const driftCheckJob: JobHandler = {
  kind: 'drift-check',
  async run(base, now) {
    await checkDrift(base, now);
  },
};

export interface DriftSummary {
  checked: number;
  drifted: number;
  /** Left for the next run. */
  waiting: number;
}

export async function checkDrift(ctx: BaseContext, now: () => number): Promise<DriftSummary> {
  const startedAt = now();
  const since = (await readCursor(cursorKey)) ?? new Date(startedAt - firstLookBackMs).toISOString();
  const links = await syncedInvoiceLinks();
  const bySyncroId = new Map(links.map((link) => [link.syncroId, link]));
  const byXeroId = new Map(links.map((link) => [link.xeroId ?? '', link]));

  const syncroListed = new Map<number, SyncroInvoiceSummary>();
  const path = `/invoices?since_updated_at=${encodeURIComponent(since)}`;
  for await (const page of syncroPages(ctx.syncro, path, 'invoices', syncroInvoiceSummary)) {
    for (const invoice of page) if (bySyncroId.has(invoice.id)) syncroListed.set(invoice.id, invoice);
  }
  const xeroListed = new Map<string, XeroInvoiceFigures>();
  for (let page = 1; ; page++) {
    const invoices = await readXeroPage(since, page);
    for (const invoice of invoices) if (byXeroId.has(invoice.InvoiceID)) xeroListed.set(invoice.InvoiceID, invoice);
    if (invoices.length < xeroPageSize) break;
  }

  // Those left over first, then what Xero shows paid or credited (the likelier drifts), then the rest. A drift
  // already recorded is checked again only when either side changes (or the push re-wrote the Xero copy).
  const xeroChanged = [...xeroListed.values()].map((invoice) => ({
    id: byXeroId.get(invoice.InvoiceID)?.syncroId ?? 0,
    moved: invoice.AmountDue !== invoice.Total,
  }));
  const ordered = [
    ...((await readPairMeta<number[]>(backlogKey)) ?? []),
    ...syncroListed.keys(),
    ...xeroChanged.filter((each) => each.moved).map((each) => each.id),
    ...xeroChanged.filter((each) => !each.moved).map((each) => each.id),
  ];
  const all = [...new Set(ordered)].filter((id) => bySyncroId.has(id));
  // After a backfill every invoice changed in Xero: a run takes its share, the rest wait (and cost nothing now).
  const candidates = all.slice(0, driftChecksPerRun);
  const waiting = all.slice(driftChecksPerRun);

  const missing = candidates.flatMap((id) => {
    const xeroId = bySyncroId.get(id)?.xeroId ?? '';
    return xeroListed.has(xeroId) ? [] : [xeroId];
  });
  for (let at = 0; at < missing.length; at += 50) {
    const { Invoices } = await xeroCall(
      { method: 'GET', path: '/Invoices', query: { IDs: missing.slice(at, at + 50).join(','), summaryOnly: 'true' } },
      xeroInvoiceFigures,
    );
    for (const invoice of Invoices) xeroListed.set(invoice.InvoiceID, invoice);
  }

  const reader = invoiceReader(ctx.syncro);
  const summary: DriftSummary = { checked: 0, drifted: 0, waiting: 0 };
  let reads = 0;
  for (const id of candidates) {
    const link = bySyncroId.get(id) as Link;
    // Not found by its id (deleted in Xero, say): the push finds that out and says so; no figure to compare.
    const xero = xeroListed.get(link.xeroId ?? '');
    if (!xero) continue;
    let syncro = syncroListed.get(id);
    if (!syncro) {
      if (reads >= driftReadsPerRun) {
        waiting.push(id);
        continue;
      }
      reads++;
      syncro = await reader.detail(id);
    }
    const figures = {
      totalCents: parseCents(xero.Total),
      amountDueCents: parseCents(xero.AmountDue),
      ...((xero.CurrencyCode ?? ctx.baseCurrency) ? { currency: xero.CurrencyCode ?? ctx.baseCurrency } : {}),
    };
    const own: SyncroFigures = {
      totalCents: parseCents(syncro.total),
      paid: isPaid(syncro),
      ...(syncro.balance_due !== undefined && syncro.balance_due !== null
        ? { balanceCents: parseCents(syncro.balance_due) }
        : {}),
    };
    let found = compareInvoice(own, figures);
    if (found === 'needs-balance') {
      // Syncro's balance from its payments: the detail (if the list gave the figures) and each payment, counted.
      reads += (syncroListed.has(id) ? 1 : 0) + (await reader.detail(id)).payments.length;
      const { balanceCents } = await readBalance(reader, id);
      found = compareInvoice({ ...own, balanceCents }, figures);
    }
    const drift = found && found !== 'needs-balance' ? { ...found, checkedAt: startedAt } : undefined;
    await record(link, drift, startedAt);
    summary.checked++;
    if (drift) summary.drifted++;
  }
  summary.waiting = waiting.length;
  await writePairMeta(backlogKey, waiting);
  await writeCursor(cursorKey, new Date(startedAt - overlapMs).toISOString());
  return summary;
}

/** Sales invoices changed in Xero since the cursor (a payment or credit note changes UpdatedDateUTC), a page. */
async function readXeroPage(since: string, page: number) {
  const { Invoices } = await xeroCall(
    {
      method: 'GET',
      path: '/Invoices',
      query: { where: 'Type=="ACCREC"', summaryOnly: 'true', page: String(page) },
      ifModifiedSince: since,
    },
    xeroInvoiceFigures,
  );
  return Invoices;
}

const sameDrift = (a: InvoiceDrift | undefined, b: InvoiceDrift | undefined) =>
  a?.kind === b?.kind && a?.xeroCents === b?.xeroCents && a?.syncroCents === b?.syncroCents;

/** Writes a drift found or gone, and notes it in the audit log; the same drift again writes nothing. */
async function record(link: Link, drift: InvoiceDrift | undefined, now: number): Promise<void> {
  if (sameDrift(link.drift, drift)) return;
  await setDrift(link.syncroId, drift);
  const subject = `invoice:${link.syncroId}`;
  if (drift) await audit(subject, 'warn', driftWarning(drift), now);
  else await audit(subject, 'info', 'Total and balance agree with Xero again', now);
}
