// The popup's drift verbs: the synced invoices whose total or balance differs from Xero's (lib/sync/drift.ts
// finds them), linked on both sides, and a check now.
import type { DriftEntry, DriftResponses } from '../drift.ts';
import { errorText } from '../errors.ts';
import { syncroOrigin } from '../messages.ts';
import { syncedInvoiceLinks } from '../storage/links.ts';
import { enqueue } from '../storage/outbox.ts';
import { loadSyncro } from '../storage/store.ts';
import { recordPagePath } from '../syncro/pages.ts';
import { failed, type PopupHandlers } from './popup-handlers.ts';

/** The drifted invoices, newest Syncro id first. */
export async function driftEntries(): Promise<DriftEntry[]> {
  const [links, syncro] = await Promise.all([syncedInvoiceLinks(), loadSyncro()]);
  if (!syncro) return [];
  const origin = syncroOrigin(syncro.subdomain);
  return links
    .flatMap((link) => (link.drift ? [{ link, drift: link.drift }] : []))
    .sort((a, b) => b.link.syncroId - a.link.syncroId)
    .map(({ link, drift }) => ({
      ...drift,
      syncroId: link.syncroId,
      syncroUrl: `${origin}${recordPagePath({ kind: 'invoice', id: link.syncroId })}`,
      ...(link.xeroUrl ? { xeroUrl: link.xeroUrl } : {}),
    }));
}

/** How many synced invoices differ from Xero (the Reconcile tab's count). */
export async function driftCount(): Promise<number> {
  return (await syncedInvoiceLinks()).filter((link) => link.drift).length;
}

export function driftApi(runSync: () => void): PopupHandlers<keyof DriftResponses> {
  return {
    async 'drift.list'() {
      try {
        return { ok: true, entries: await driftEntries() };
      } catch (error) {
        return failed(error);
      }
    },
    async 'drift.checkNow'() {
      try {
        await enqueue('drift-check', 'all', Date.now());
      } catch (error) {
        return { ok: false, error: `Nothing checked: ${errorText(error)}` }; // no pair to check for
      }
      runSync();
      return { ok: true, message: 'Comparing totals and balances with Xero now.' };
    },
  };
}
