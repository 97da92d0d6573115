// The background's answers to the popup. Each verb validates, acts, and returns a result the popup shows
// as it is; secrets never leave this module's callers (the popup gets states and names, not tokens).

import { enqueue } from '../jobs/outbox.ts';
import type {
  ActionResult,
  ConfirmPairChange,
  JobProblem,
  PopupRequest,
  PopupResponses,
  PopupStatus,
} from '../messages.ts';
import { currentPair, describePair, lastPair, NotPairedError, organisationNameOf, readPairMeta } from '../pair.ts';
import { changePair, pairChange, pairChangeQuestion, type SideChange } from '../pair-change.ts';
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
import { jobProblemKey, lastPollKey } from '../sync/runner.ts';
import { normaliseSubdomain, SyncroError, syncroMe, syncroPaymentMethods } from '../syncro/api.ts';
import { revokeToken, XeroGrantError } from '../xero/auth.ts';
import { xeroCall } from '../xero/client.ts';
import { connectXero, type WebAuthFlow, withOrganisation } from '../xero/connect.ts';
import { describeXeroUser, grantWarning } from '../xero/grant.ts';
import { dayRemainingKey } from '../xero/http.ts';
import { freshGrant, ReconnectNeeded, underGrantLock } from '../xero/session.ts';
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
  /** After a Syncro connection is saved: the content script follows the connected subdomain. */
  onSyncroSaved?: (subdomain: string) => Promise<void>;
  /** After the Syncro token is forgotten: the content script is removed from the subdomain. */
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
  /**
   * Before a change of one side: the question when it would leave the current pair (nothing is saved until the
   * person confirms), else undefined.
   */
  const pairQuestion = async (change: SideChange, confirmed: boolean | undefined) => {
    if (confirmed) return undefined;
    const [syncro, grant, last] = await Promise.all([loadSyncro(), loadGrant(), lastPair()]);
    const organisation = grant?.tenantId && { tenantId: grant.tenantId, organisationName: organisationNameOf(grant) };
    const leaving = pairChange({ syncro, grant: organisation || undefined }, last, change);
    if (!leaving) return undefined;
    const from = describePair(leaving.from);
    const to = describePair(leaving.to);
    return { ok: false, error: pairChangeQuestion(leaving), confirm: { from, to } } satisfies ConfirmPairChange;
  };

  /**
   * Saves a connection; when it changes that side, once no sync run is under way (lib/pair-change.ts), and the new
   * pair's own queue runs afterwards.
   */
  const saveSide = async <T>(changesSide: boolean, save: () => Promise<T>): Promise<T> => {
    if (!changesSide) return save();
    const saved = await changePair(save);
    deps.runSync();
    return saved;
  };

  /** " Now syncing acme.syncromsp.com with Demo Company (NZ)." once a change completed a pair. */
  const nowSyncing = async () => {
    const current = await currentPair();
    return 'pair' in current ? ` Now syncing ${describePair(current.pair)}.` : '';
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
        problem: await readPairMeta<JobProblem>(jobProblemKey),
      };
    },

    async 'syncro.save'({ subdomain, token, confirmPairChange }) {
      const normalised = normaliseSubdomain(subdomain);
      if (!normalised) return { ok: false, error: 'Enter the Syncro subdomain, e.g. "acme" for acme.syncromsp.com.' };
      if (!token.trim()) return { ok: false, error: 'Enter a Syncro API token.' };
      try {
        const me = await syncroMe({ subdomain: normalised, token: token.trim() });
        const asked = await pairQuestion({ subdomain: normalised }, confirmPairChange);
        if (asked) return asked;
        const changes = (await loadSyncro())?.subdomain !== normalised;
        await saveSide(changes, () =>
          saveSyncro({ subdomain: normalised, token: token.trim(), userName: me.user_name ?? undefined }),
        );
        await deps.onSyncroSaved?.(normalised);
        await suggestFromConnections();
        const switched = changes ? await nowSyncing() : '';
        return { ok: true, message: `Connected to Syncro as ${me.user_name ?? 'this token'}.${switched}` };
      } catch (error) {
        return fail(error);
      }
    },

    async 'syncro.disconnect'() {
      const syncro = await loadSyncro();
      if (!syncro) return { ok: true, message: 'Syncro was not connected.' };
      const { pending } = await countRecords(); // counted while the pair is complete: the queue waits in it
      await forgetSyncro();
      await deps.onSyncroForgotten?.();
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
        // The organisation of the pair there is (or was), when this sign-in shares it; none to begin with: the first.
        const [current, last] = await Promise.all([loadGrant(), lastPair()]);
        const kept = current?.tenantId ? current : last;
        const grant = await connectXero(
          clientId || deps.defaultClientId,
          deps.redirectUri,
          deps.launchWebAuthFlow,
          (organisations) =>
            !kept?.tenantId
              ? organisations[0]?.tenantId
              : organisations.some((each) => each.tenantId === kept.tenantId)
                ? kept.tenantId
                : undefined,
        );
        // The new grant replaces whatever is stored, after any refresh in flight has saved (not instead of it).
        await saveSide(grant.tenantId !== current?.tenantId, () => underGrantLock(() => saveGrant(grant)));
        await suggestFromConnections();
        if (!grant.tenantId) {
          return {
            ok: true,
            message: `Connected to Xero, but ${kept?.organisationName ?? 'the organisation synced so far'} is not among the organisations this sign-in shared: choose the Xero organisation to sync with.`,
          };
        }
        return { ok: true, message: `Connected to Xero: ${grant.organisationName ?? ''}` };
      } catch (error) {
        return fail(error);
      }
    },

    async 'xero.chooseOrganisation'({ tenantId, confirmPairChange }) {
      try {
        // A fresh access token first (outside the lock: a refresh takes it); no organisation may be chosen yet.
        const current = await freshGrant();
        const named = current?.organisations.find((each) => each.tenantId === tenantId)?.name;
        const asked = await pairQuestion({ tenantId, organisationName: named }, confirmPairChange);
        if (asked) return asked;
        // Under the lock the token cannot rotate meanwhile, and the grant read is the one written back.
        const chosen = await saveSide(current?.tenantId !== tenantId, () =>
          underGrantLock(async (grant) => {
            if (grant?.state !== 'connected') return undefined;
            const organised = await withOrganisation(grant, tenantId);
            await saveGrant(organised);
            return organised;
          }),
        );
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

    ...paymentApi(deps.runSync),
    ...contactsApi(),
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
