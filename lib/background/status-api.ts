// The popup's status (connections, settings, queue, poll, reconciliation list, last problem) and the verbs that
// start a sync of the whole pair.

import type { ActionResult, JobProblem, PopupStatus } from '../messages.ts';
import { lastPollKey } from '../payments/job.ts';
import { enqueue } from '../storage/outbox.ts';
import { NotPairedError, readPairMeta } from '../storage/pair.ts';
import { countRecords, loadGrant, loadSettings, loadSyncro } from '../storage/store.ts';
import { backfillKey } from '../sync/enumerate.ts';
import { jobProblemKey } from '../sync/runner.ts';
import { dayRemaining as xeroDayRemaining } from '../xero/day-limit.ts';
import { describeXeroUser, grantWarning } from '../xero/grant.ts';
import { driftCount } from './drift-api.ts';
import { reconcileEntries } from './payment-api.ts';
import type { PopupApiDeps, PopupHandlers } from './popup-handlers.ts';

type StatusVerb = 'status' | 'sync.now' | 'products.syncAll';

export function statusApi(
  deps: Pick<PopupApiDeps, 'defaultClientId' | 'nextPollAt' | 'runSync'>,
): PopupHandlers<StatusVerb> {
  return {
    async status(): Promise<PopupStatus> {
      const [syncro, grant, settings, counts, dayRemaining, next, last, backfill] = await Promise.all([
        loadSyncro(),
        loadGrant(),
        loadSettings(),
        countRecords(),
        xeroDayRemaining(),
        deps.nextPollAt(),
        readPairMeta<number>(lastPollKey),
        readPairMeta<{ total: number }>(backfillKey),
      ]);
      return {
        syncro: { connected: Boolean(syncro), subdomain: syncro?.subdomain, userName: syncro?.userName },
        xero: {
          state: grant ? grant.state : 'disconnected',
          clientId: grant?.clientId ?? deps.defaultClientId,
          organisations: grant?.organisations ?? [],
          tenantId: grant?.tenantId,
          organisationName: grant?.organisationName,
          baseCurrency: grant?.baseCurrency,
          connectedBy: grant ? describeXeroUser(grant.connectedBy) : undefined,
          warning: grant ? grantWarning(grant, Date.now()) : undefined,
        },
        settings,
        counts,
        ...(backfill && counts.pending > 0 ? { backfill: { total: Math.max(backfill.total, counts.pending) } } : {}),
        poll: { last, next },
        xeroDayRemaining: dayRemaining,
        reconcile: await reconcileEntries(),
        drifted: await driftCount(),
        problem: await readPairMeta<JobProblem>(jobProblemKey),
      };
    },

    async 'sync.now'() {
      const refused = await queueOrRefuse('sync-all');
      if (refused) return refused;
      deps.runSync();
      const grant = await loadGrant();
      return grant?.state === 'connected'
        ? { ok: true, message: 'Sync queued: every invoice and purchase order is checked against Xero.' }
        : { ok: true, message: 'Sync queued; it runs once Xero is connected.' };
    },

    async 'products.syncAll'() {
      const refused = await queueOrRefuse('products');
      if (refused) return refused;
      deps.runSync();
      return { ok: true, message: 'Every Syncro product is being sent to Xero as an item.' };
    },
  };
}

/** Queues a job for the whole pair; without a pair, the refusal to show (nothing can be queued). */
async function queueOrRefuse(kind: string): Promise<ActionResult | undefined> {
  try {
    await enqueue(kind, 'all', Date.now());
    return undefined;
  } catch (error) {
    if (error instanceof NotPairedError) return { ok: false, error: `Nothing queued: ${error.message}` };
    throw error;
  }
}
