// The background's answers to the popup. Each verb validates, acts, and returns a result the popup shows
// as it is; secrets never leave this module's callers (the popup gets states and names, not tokens).

import { enqueue } from '../jobs/outbox.ts';
import type { ActionResult, JobProblem, PopupRequest, PopupResponses, PopupStatus } from '../messages.ts';
import { type Settings, type SettingsChoices, validateSettings } from '../settings.ts';
import { choicesFrom, suggestSettings, upgradeSettings, type XeroAccount } from '../settings-choices.ts';
import {
  countRecords,
  forgetGrant,
  forgetSyncro,
  loadGrant,
  loadSettings,
  loadSyncro,
  readMeta,
  saveGrant,
  saveSettings,
  saveSyncro,
} from '../store.ts';
import { backfillKey } from '../sync/enumerate.ts';
import { jobProblemKey } from '../sync/runner.ts';
import { normaliseSubdomain, SyncroError, syncroMe, syncroPaymentMethods } from '../syncro/api.ts';
import { revokeToken, XeroGrantError } from '../xero/auth.ts';
import { xeroCall } from '../xero/client.ts';
import { connectXero, type WebAuthFlow, withOrganisation } from '../xero/connect.ts';
import { describeXeroUser, grantWarning } from '../xero/grant.ts';
import { dayRemainingKey } from '../xero/http.ts';
import { ReconnectNeeded, underGrantLock, xeroSession } from '../xero/session.ts';
import { xeroAccounts, xeroTaxRates } from '../xero/wire.ts';
import { contactsApi } from './contacts-api.ts';
import { paymentApi, reconcileEntries } from './payment-api.ts';

export interface PopupApiDeps {
  /** The build-time default client ID (WXT_XERO_CLIENT_ID), or ''. */
  defaultClientId: string;
  redirectUri: string;
  launchWebAuthFlow: WebAuthFlow;
  nextPollAt: () => Promise<number | undefined>;
  /** Starts the outbox now (it runs until nothing is due). */
  runSync: () => void;
  /**
   * After the Syncro token is forgotten: the place to remove what exists only for the connected subdomain (its
   * content-script registration, once scripts are registered at run time).
   */
  onSyncroForgotten?: () => Promise<void>;
  /** After settings are saved (the payment poll's alarm follows them). */
  onSettingsSaved?: (settings: Settings) => Promise<void>;
}

type Handlers = {
  [T in PopupRequest['type']]: (request: Extract<PopupRequest, { type: T }>) => Promise<PopupResponses[T]>;
};

export function popupApi(deps: PopupApiDeps): Handlers {
  const fail = (error: unknown): ActionResult => ({ ok: false, error: messageOf(error) });

  /** The choices, and the accounts they come from (their default tax types inform the suggestions). */
  const loadOrganisation = async (): Promise<{ choices: SettingsChoices; accounts: XeroAccount[] }> => {
    const syncro = await loadSyncro();
    if (!syncro) throw new Error('Save the Syncro connection first: payment methods come from Syncro.');
    const [accounts, taxRates, paymentMethods] = await Promise.all([
      xeroCall({ method: 'GET', path: '/Accounts' }, xeroAccounts),
      xeroCall({ method: 'GET', path: '/TaxRates' }, xeroTaxRates),
      syncroPaymentMethods(syncro),
    ]);
    return { choices: choicesFrom(accounts.Accounts, taxRates.TaxRates, paymentMethods), accounts: accounts.Accounts };
  };
  const loadChoices = async (): Promise<SettingsChoices> => (await loadOrganisation()).choices;

  /** After a connection changes: fill empty settings with the likeliest choices, when both systems are there. */
  const suggestFromConnections = async () => {
    try {
      const settings = await loadSettings();
      const { choices, accounts } = await loadOrganisation();
      await saveSettings(suggestSettings(upgradeSettings(settings, choices, accounts) ?? settings, choices, accounts));
    } catch {
      // one side is not connected yet: the user chooses later
    }
  };

  return {
    async status(): Promise<PopupStatus> {
      const [syncro, grant, settings, counts, dayRemaining, next, last, backfill] = await Promise.all([
        loadSyncro(),
        loadGrant(),
        loadSettings(),
        countRecords(),
        readMeta<number>(dayRemainingKey),
        deps.nextPollAt(),
        readMeta<number>('last-poll'),
        readMeta<{ total: number }>(backfillKey),
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
        problem: await readMeta<JobProblem>(jobProblemKey),
      };
    },

    async 'syncro.save'({ subdomain, token }) {
      const normalised = normaliseSubdomain(subdomain);
      if (!normalised) return { ok: false, error: 'Enter the Syncro subdomain, e.g. "acme" for acme.syncromsp.com.' };
      if (!token.trim()) return { ok: false, error: 'Enter a Syncro API token.' };
      try {
        const me = await syncroMe({ subdomain: normalised, token: token.trim() });
        await saveSyncro({ subdomain: normalised, token: token.trim(), userName: me.user_name ?? undefined });
        await suggestFromConnections();
        return { ok: true, message: `Connected to Syncro as ${me.user_name ?? 'this token'}.` };
      } catch (error) {
        return fail(error);
      }
    },

    async 'syncro.disconnect'() {
      const syncro = await loadSyncro();
      if (!syncro) return { ok: true, message: 'Syncro was not connected.' };
      await forgetSyncro();
      await deps.onSyncroForgotten?.();
      const { pending } = await countRecords();
      return {
        ok: true,
        message: `Disconnected from ${syncro.subdomain}.syncromsp.com: the API token is forgotten.${
          pending === 0
            ? ''
            : ` ${pending} queued record${pending === 1 ? ' waits' : 's wait'} until Syncro is connected again.`
        }`,
      };
    },

    async 'xero.connect'({ clientId }) {
      try {
        const grant = await connectXero(clientId || deps.defaultClientId, deps.redirectUri, deps.launchWebAuthFlow);
        // The new grant replaces whatever is stored, after any refresh in flight has saved (not instead of it).
        await underGrantLock(() => saveGrant(grant));
        await suggestFromConnections();
        return { ok: true, message: `Connected to Xero: ${grant.organisationName ?? ''}` };
      } catch (error) {
        return fail(error);
      }
    },

    async 'xero.chooseOrganisation'({ tenantId }) {
      try {
        await xeroSession(); // a fresh access token first (outside the lock: a refresh takes it)
        // Under the lock the token cannot rotate meanwhile, and the grant read is the one written back.
        const chosen = await underGrantLock(async (grant) => {
          if (grant?.state !== 'connected') return undefined;
          const organised = await withOrganisation(grant, tenantId);
          await saveGrant(organised);
          return organised;
        });
        if (!chosen) return { ok: false, error: 'Xero is not connected.' };
        return { ok: true, message: `Syncing with ${chosen.organisationName ?? 'the chosen organisation'}.` };
      } catch (error) {
        return fail(error);
      }
    },

    async 'xero.disconnect'() {
      // Forgotten under the lock, from the grant as stored then: a refresh in flight has saved its rotated token
      // (the one revoked below), and a refresh waiting for the lock finds no grant.
      const grant = await underGrantLock(async (stored) => {
        if (stored) await forgetGrant();
        return stored;
      });
      if (!grant) return { ok: true, message: 'Xero was not connected.' };
      let note = '';
      try {
        await revokeToken(grant.clientId, grant.refreshToken);
      } catch (error) {
        note = ` (Xero could not be told: ${messageOf(error)} — remove the app under Xero's connected apps.)`;
      }
      return { ok: true, message: `Disconnected from Xero.${note}` };
    },

    async choices() {
      try {
        const { choices, accounts } = await loadOrganisation();
        // Settings saved by an earlier version are upgraded in place now that the accounts are at hand.
        const upgraded = upgradeSettings(await loadSettings(), choices, accounts);
        if (upgraded) await saveSettings(upgraded);
        return { ok: true, choices };
      } catch (error) {
        return { ok: false, error: messageOf(error) };
      }
    },

    async 'settings.save'({ settings }) {
      const grant = await loadGrant();
      if (grant?.state !== 'connected' || !(await loadSyncro())) {
        // Without both connections nothing can be chosen yet: keep the seed's switches, leave the rest.
        const current = await loadSettings();
        await saveSettings({ ...current, ...seedSwitches(settings) });
        return { ok: true, message: 'Saved. Choose accounts and tax rates once Syncro and Xero are connected.' };
      }
      let choices: SettingsChoices;
      try {
        choices = await loadChoices();
      } catch (error) {
        return fail(error);
      }
      const errors = validateSettings(settings, choices);
      if (Object.keys(errors).length > 0)
        return { ok: false, error: 'Nothing saved: fix the marked settings.', errors };
      // A payment account chosen (or not needed) now: the code an earlier version saved is done with.
      const { paymentAccountCode: _legacy, ...chosen } = settings;
      await saveSettings(chosen);
      await deps.onSettingsSaved?.(chosen);
      return { ok: true, message: 'Settings saved.' };
    },

    async 'sync.now'() {
      await enqueue('sync-all', 'all', Date.now());
      deps.runSync();
      const grant = await loadGrant();
      return grant?.state === 'connected'
        ? { ok: true, message: 'Sync queued: every invoice and purchase order is checked against Xero.' }
        : { ok: true, message: 'Sync queued; it runs once Xero is connected.' };
    },

    async 'products.syncAll'() {
      await enqueue('products', 'all', Date.now());
      deps.runSync();
      return { ok: true, message: 'Every Syncro product is being sent to Xero as an item.' };
    },

    ...paymentApi(deps.runSync),
    ...contactsApi(),
  };
}

function seedSwitches(
  settings: Settings,
): Pick<Settings, 'disablePaymentSync' | 'importPayments' | 'disablePurchaseOrderSync'> {
  return {
    disablePaymentSync: settings.disablePaymentSync,
    importPayments: settings.importPayments,
    disablePurchaseOrderSync: settings.disablePurchaseOrderSync,
  };
}

function messageOf(error: unknown): string {
  if (error instanceof SyncroError || error instanceof XeroGrantError || error instanceof ReconnectNeeded) {
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
