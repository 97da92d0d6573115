import { browser } from 'wxt/browser';
import { refreshIcon, showConnectionOnIcon } from '../lib/background/action-icon.ts';
import { badgePorts } from '../lib/background/badge-ports.ts';
import { answerResync, answerStatuses, answerViewed, statusesFor } from '../lib/background/content-api.ts';
import { foundInXero } from '../lib/background/found-in-xero.ts';
import { followPaymentSettings, paymentPollAlarm } from '../lib/background/payment-alarm.ts';
import { popupApi } from '../lib/background/popup-api.ts';
import { onRecordsChanged, recordsChanged } from '../lib/change-feed.ts';
import { enqueue } from '../lib/jobs/outbox.ts';
import { type PopupRequest, parseMessage } from '../lib/messages.ts';
import { loadGrant, loadSettings, onGrantChange } from '../lib/store.ts';
import { runOutbox } from '../lib/sync/runner.ts';

// Wiring only: listeners are registered synchronously at start, as MV3 requires; logic lives in lib/.
export default defineBackground(() => {
  const alarms = { outbox: 'outbox', changes: 'changes' } as const;
  const runSync = () => {
    void runOutbox().catch((error: unknown) => console.error('Syncro ⇄ Xero: sync run failed', error));
  };
  const popup = popupApi({
    defaultClientId: import.meta.env.WXT_XERO_CLIENT_ID ?? '',
    redirectUri: browser.identity.getRedirectURL(),
    launchWebAuthFlow: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
    nextPollAt: async () => (await browser.alarms.get(paymentPollAlarm))?.scheduledTime,
    runSync,
    onSettingsSaved: (settings) => followPaymentSettings(browser.alarms, settings),
  });

  const found = foundInXero(recordsChanged);
  const ports = badgePorts((records) => statusesFor(records, found), browser.runtime.id);
  browser.runtime.onConnect.addListener((port) => {
    if (!ports.accept(port)) port.disconnect();
  });

  browser.runtime.onMessage.addListener((message, sender) => {
    const parsed = parseMessage(message, sender, browser.runtime.id);
    switch (parsed.from) {
      case 'content':
        switch (parsed.request.type) {
          case 'viewed':
            return answerViewed(parsed.request, runSync);
          case 'resync':
            return answerResync(parsed.request, runSync);
          case 'statuses':
            return answerStatuses(parsed.request, found);
        }
        break;
      case 'extension': {
        const handler = popup[parsed.request.type] as (request: PopupRequest) => Promise<unknown>;
        return handler(parsed.request);
      }
      case 'rejected':
        console.warn(`Syncro ⇄ Xero: message rejected (${parsed.reason})`);
        return Promise.resolve({ ok: false, error: `Rejected: ${parsed.reason}` });
    }
  });

  // The outbox tick resumes retries and lapsed leases (a killed worker); the change tick finds edits.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === alarms.changes) void enqueue('changes', 'all', Date.now()).then(runSync);
    if (alarm.name === alarms.outbox) runSync();
    if (alarm.name === paymentPollAlarm) void enqueue('payment-poll', 'all', Date.now()).then(runSync);
  });
  // Re-created on every start, but only when missing: re-creating would push the next tick out each time.
  for (const [name, periodInMinutes] of [
    [alarms.outbox, 1],
    [alarms.changes, 5],
  ] as const) {
    void browser.alarms.get(name).then((existing) => {
      if (!existing) void browser.alarms.create(name, { periodInMinutes });
    });
  }

  void loadSettings().then((settings) => followPaymentSettings(browser.alarms, settings));

  onGrantChange((grant) => {
    void showConnectionOnIcon(grant);
    recordsChanged('all');
    if (grant?.state === 'connected') runSync(); // reconnected: queued work resumes
  });
  void loadGrant().then(showConnectionOnIcon);
  onRecordsChanged((changed) => {
    if (changed !== 'all' && [...changed].some((key) => key.startsWith('payment-import:'))) void refreshIcon();
  });
  runSync();
});
