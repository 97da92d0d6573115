import { browser } from 'wxt/browser';
import { showConnectionOnIcon } from '../lib/background/action-icon.ts';
import { popupApi } from '../lib/background/popup-api.ts';
import { type ContentRequest, type PopupRequest, parseMessage } from '../lib/messages.ts';
import { recordStatuses, type StatusContext } from '../lib/status.ts';
import { loadGrant, loadSettings, onGrantChange } from '../lib/store.ts';

// Wiring only: listeners are registered synchronously at start, as MV3 requires; logic lives in lib/.
export default defineBackground(() => {
  const popup = popupApi({
    defaultClientId: import.meta.env.WXT_XERO_CLIENT_ID ?? '',
    redirectUri: browser.identity.getRedirectURL(),
    launchWebAuthFlow: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
    nextPollAt: async () => (await browser.alarms.get('payment-poll'))?.scheduledTime,
  });

  const answerContent = async (request: ContentRequest) => {
    const [grant, settings] = await Promise.all([loadGrant(), loadSettings()]);
    const context: StatusContext = {
      xero: grant?.state ?? 'disconnected',
      purchaseOrderSyncDisabled: settings.disablePurchaseOrderSync,
    };
    return { statuses: recordStatuses(request.records, context) };
  };

  browser.runtime.onMessage.addListener((message, sender) => {
    const parsed = parseMessage(message, sender, browser.runtime.id);
    switch (parsed.from) {
      case 'content':
        return answerContent(parsed.request);
      case 'extension': {
        const handler = popup[parsed.request.type] as (request: PopupRequest) => Promise<unknown>;
        return handler(parsed.request);
      }
      case 'rejected':
        console.warn(`Syncro ⇄ Xero: message rejected (${parsed.reason})`);
        return Promise.resolve({ ok: false, error: `Rejected: ${parsed.reason}` });
    }
  });

  onGrantChange((grant) => void showConnectionOnIcon(grant));
  void loadGrant().then(showConnectionOnIcon);
});
