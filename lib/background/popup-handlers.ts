// What every group of popup verbs shares: the handler shape the router (popup-api.ts) assembles, the
// dependencies the background gives it, and the one way an error becomes the text the popup shows.
import { errorText } from '../errors.ts';
import type { PopupRequest, PopupResponses } from '../messages.ts';
import type { Settings } from '../settings.ts';
import type { WebAuthFlow } from '../xero/connect.ts';

/** The handlers of some popup verbs: each takes its request and answers what the popup shows. */
export type PopupHandlers<V extends PopupRequest['type'] = PopupRequest['type']> = {
  [T in V]: (request: Extract<PopupRequest, { type: T }>) => Promise<PopupResponses[T]>;
};

export interface PopupApiDeps {
  /** The build-time default client ID (WXT_XERO_CLIENT_ID), or ''. */
  defaultClientId: string;
  redirectUri: string;
  launchWebAuthFlow: WebAuthFlow;
  nextPollAt: () => Promise<number | undefined>;
  /** Starts the outbox now (it runs until nothing is due). */
  runSync: () => void;
  /** After a Syncro connection is saved: the content script follows the connected subdomain. */
  onSyncroSaved?: (subdomain: string) => Promise<void>;
  /** After the Syncro token is forgotten: the content script is removed from the subdomain. */
  onSyncroForgotten?: () => Promise<void>;
  /** After settings are saved (the payment poll's alarm follows them). */
  onSettingsSaved?: (settings: Settings) => Promise<void>;
}

/**
 * The text the popup shows for an error. Every error the background throws at the popup (SyncroError,
 * XeroGrantError, ReconnectNeeded, NotPairedError…) carries a message written for a person.
 */

/** The popup's answer to a verb that failed. */
export const failed = (error: unknown): { ok: false; error: string } => ({ ok: false, error: errorText(error) });
