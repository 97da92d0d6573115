// The background's answers to the popup: one router over the groups of verbs. Each verb validates, acts, and
// returns a result the popup shows as it is; secrets never leave this module's callers (the popup gets states and
// names, not tokens).
import { activityApi } from './activity-api.ts';
import { connectionApi } from './connection-api.ts';
import { contactsApi } from './contacts-api.ts';
import { driftApi } from './drift-api.ts';
import { paymentApi } from './payment-api.ts';
import type { PopupApiDeps, PopupHandlers } from './popup-handlers.ts';
import { settingsApi } from './settings-api.ts';
import { statusApi } from './status-api.ts';

export type { PopupApiDeps };

/** Every popup verb's handler; the compiler checks that no verb is left without one. */
export function popupApi(deps: PopupApiDeps): PopupHandlers {
  return {
    ...statusApi(deps),
    ...connectionApi(deps),
    ...settingsApi(deps),
    ...paymentApi(deps.runSync),
    ...contactsApi(),
    ...activityApi(),
    ...driftApi(deps.runSync),
  };
}
