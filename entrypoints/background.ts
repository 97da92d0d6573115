import { browser } from 'wxt/browser';
import { refreshIcon, showConnectionOnIcon } from '../lib/background/action-icon.ts';
import { badgeIndex } from '../lib/background/badge-index.ts';
import { badgePorts } from '../lib/background/badge-ports.ts';
import { answerResync, answerStatuses, answerViewed, snapshotFor, statusesFor } from '../lib/background/content-api.ts';
import { followSyncroConnection } from '../lib/background/content-registration.ts';
import { foundInXero } from '../lib/background/found-in-xero.ts';
import { followPaymentSettings, paymentPollAlarm } from '../lib/background/payment-alarm.ts';
import { popupApi } from '../lib/background/popup-api.ts';
import { pageBudget, tabAllowance } from '../lib/background/tab-limits.ts';
import { onRecordsChanged, recordsChanged } from '../lib/change-feed.ts';
import { registerJobHandlers } from '../lib/jobs/handlers.ts';
import {
  isConnectedContentScript,
  type PopupRequest,
  parseMessage,
  type Sender,
  syncroOrigin,
} from '../lib/messages.ts';
import { paymentPollJob } from '../lib/payments/job.ts';
import { enqueue } from '../lib/storage/outbox.ts';
import { NotPairedError } from '../lib/storage/pair.ts';
import { loadGrant, loadSettings, loadSyncro, onGrantChange } from '../lib/storage/store.ts';
import { driftCheckJob } from '../lib/sync/drift.ts';
import { runOutbox } from '../lib/sync/runner.ts';

// Wiring only: listeners are registered synchronously at start, as MV3 requires; logic lives in lib/.
export default defineBackground(() => {
  const alarms = { outbox: 'outbox', changes: 'changes', drift: 'drift-check' } as const;
  // Jobs the sync engine runs without knowing them (lib/jobs/handlers.ts): registered before the first run.
  registerJobHandlers([paymentPollJob, driftCheckJob]);
  const runSync = () => {
    void runOutbox().catch((error: unknown) => console.error('Syncro ⇄ Xero: sync run failed', error));
  };
  const found = foundInXero(recordsChanged);
  const popup = popupApi({
    defaultClientId: import.meta.env.WXT_XERO_CLIENT_ID ?? '',
    redirectUri: browser.identity.getRedirectURL(),
    launchWebAuthFlow: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
    nextPollAt: async () => (await browser.alarms.get(paymentPollAlarm))?.scheduledTime,
    runSync,
    onSettingsSaved: (settings) => followPaymentSettings(browser.alarms, settings),
    onSyncroSaved: (subdomain) => {
      found.forget();
      return followSyncroConnection(browser.scripting, subdomain);
    },
    onSyncroForgotten: () => {
      found.forget();
      return followSyncroConnection(browser.scripting, undefined);
    },
  });
  // The registration follows the stored connection (also after an update or a crash between save and register).
  void loadSyncro().then((syncro) => followSyncroConnection(browser.scripting, syncro?.subdomain));

  /** The connected account's origin, read afresh for every sender: the one source of truth is the store. */
  const connectedOrigin = async () => {
    const syncro = await loadSyncro();
    return syncro ? syncroOrigin(syncro.subdomain) : undefined;
  };
  const isConnectedPage = async (sender: Sender) =>
    isConnectedContentScript(sender, browser.runtime.id, await connectedOrigin());

  const allowance = tabAllowance();
  const index = badgeIndex();
  const ports = badgePorts(
    (records, tabId) => statusesFor(records, found, pageBudget(allowance, tabId), index),
    (page) => snapshotFor(page, found, index),
    isConnectedPage,
  );
  browser.runtime.onConnect.addListener((port) => {
    if (!ports.accept(port)) port.disconnect();
  });

  const answer = async (message: unknown, sender: Sender & { tab?: { id?: number } }) => {
    const parsed = parseMessage(message, sender, browser.runtime.id, await connectedOrigin());
    switch (parsed.from) {
      case 'content': {
        const budget = pageBudget(allowance, sender.tab?.id ?? -1);
        switch (parsed.request.type) {
          case 'viewed':
            return answerViewed(parsed.request, runSync, budget);
          case 'resync':
            return answerResync(parsed.request, runSync, budget);
          case 'statuses':
            return answerStatuses(parsed.request, found, budget);
        }
        break;
      }
      case 'extension': {
        const handler = popup[parsed.request.type] as (request: PopupRequest) => Promise<unknown>;
        return handler(parsed.request);
      }
      case 'rejected':
        console.warn(`Syncro ⇄ Xero: message rejected (${parsed.reason})`);
        // A page (of another Syncro account, say) gets no answer at all; an extension page learns why.
        return sender.tab ? undefined : { ok: false, error: `Rejected: ${parsed.reason}` };
    }
  };
  browser.runtime.onMessage.addListener((message, sender) => answer(message, sender));

  /** A scheduled job; without a complete pair there is nothing to do it for (the popup says what is missing). */
  const queueThenRun = (kind: 'changes' | 'payment-poll' | 'drift-check') =>
    void enqueue(kind, 'all', Date.now()).then(runSync, (error: unknown) => {
      if (!(error instanceof NotPairedError)) console.error(`Syncro ⇄ Xero: ${kind} not queued`, error);
    });
  // The outbox tick resumes retries and lapsed leases (a killed worker); the change tick finds edits.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === alarms.changes) queueThenRun('changes');
    if (alarm.name === alarms.outbox) runSync();
    if (alarm.name === paymentPollAlarm) queueThenRun('payment-poll');
    if (alarm.name === alarms.drift) queueThenRun('drift-check');
  });
  // Re-created on every start, but only when missing: re-creating would push the next tick out each time.
  for (const [name, periodInMinutes] of [
    [alarms.outbox, 1],
    [alarms.changes, 5],
    // Totals and balances against Xero's (lib/sync/drift.ts): hourly, apart from the change tick's idle budget.
    [alarms.drift, 60],
  ] as const) {
    void browser.alarms.get(name).then((existing) => {
      if (!existing) void browser.alarms.create(name, { periodInMinutes });
    });
  }

  void loadSettings().then((settings) => followPaymentSettings(browser.alarms, settings));

  let organisation: string | undefined;
  onGrantChange((grant) => {
    // Another organisation, or none: what was found in Xero is not known any more (a token refresh keeps it).
    if (grant?.tenantId !== organisation) found.forget();
    organisation = grant?.tenantId;
    void showConnectionOnIcon(grant);
    recordsChanged('all');
    if (grant?.state === 'connected') runSync(); // reconnected: queued work resumes
  });
  void loadGrant().then((grant) => {
    organisation = grant?.tenantId;
    return showConnectionOnIcon(grant);
  });
  onRecordsChanged((changed) => {
    if (changed !== 'all' && [...changed].some((key) => key.startsWith('payment-import:'))) void refreshIcon();
  });
  runSync();
});
