// The payment poll: Xero payments changed since the cursor, a page at a time — facts gathered (gather.ts),
// decided (decide.ts, match.ts), claimed against other installs and created in Syncro after checking Syncro itself
// for the import's ref_num (apply.ts) — and the cursor moves only once every payment of the page has its outcome
// recorded. A killed worker re-reads the page; what was done is found done (imports store, Syncro's ref_num), so
// nothing is lost or repeated.
import { readMeta, writeMeta } from '../storage/store.ts';
import type { BaseContext } from '../sync/context.ts';
import { applyDecisions, type PollSummary, retryDue } from './apply.ts';
import { pageDecider } from './gather.ts';
import { readPaymentCursor, writePaymentCursor } from './imports.ts';
import { invoiceReader } from './open-invoices.ts';
import { modifiedPayments, xeroDateMs } from './xero-payments.ts';

export type { PollSummary };

/** How far back the first poll of a pair looks. */
const firstLookBackDays = 30;

/** One poll: due retries first, then every page of changes. */
export async function pollPayments(ctx: BaseContext, now: () => number): Promise<PollSummary> {
  const summary: PollSummary = { seen: 0, applied: 0, listed: 0, retrying: 0 };
  if (!ctx.settings.importPayments) return summary;
  const installId = await ensureInstallId();
  await retryDue(ctx, now(), summary);
  const since = (await readPaymentCursor()) ?? new Date(now() - firstLookBackDays * 86_400_000).toISOString();
  for await (const page of modifiedPayments(since)) {
    summary.seen += page.length;
    // Decided afresh per page: the previous page's imports changed Syncro's balances.
    const reader = invoiceReader(ctx.syncro);
    const decided = await pageDecider(ctx)(page, reader);
    await applyDecisions(ctx, decided, installId, now(), summary, reader);
    const newest = Math.max(...page.map((payment) => xeroDateMs(payment.UpdatedDateUTC) ?? 0));
    if (newest > 0) await writePaymentCursor(new Date(newest).toISOString());
  }
  return summary;
}

/** This install's id, for claims (claim.ts): made once, kept with the install (not the pair). */
async function ensureInstallId(): Promise<string> {
  const existing = await readMeta<string>('installId');
  if (existing) return existing;
  const id = crypto.randomUUID();
  await writeMeta('installId', id);
  return id;
}
