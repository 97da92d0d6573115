// The popup's settings verbs: the choices the connected organisation offers, and saving the person's choices.
import { type Settings, type SettingsChoices, validateSettings } from '../settings.ts';
import { choicesFrom, suggestSettings, upgradeSettings, type XeroAccount } from '../settings-choices.ts';
import { loadGrant, loadSettings, loadSyncro, saveSettings } from '../storage/store.ts';
import { syncroPaymentMethods } from '../syncro/api.ts';
import { xeroCall } from '../xero/client.ts';
import { xeroAccounts, xeroTaxRates } from '../xero/wire.ts';
import { failed, type PopupApiDeps, type PopupHandlers } from './popup-handlers.ts';

type SettingsVerb = 'choices' | 'settings.save';

/** The choices, and the accounts they come from (their default tax types inform the suggestions). */
async function loadOrganisation(): Promise<{ choices: SettingsChoices; accounts: XeroAccount[] }> {
  const syncro = await loadSyncro();
  if (!syncro) throw new Error('Save the Syncro connection first: payment methods come from Syncro.');
  const [accounts, taxRates, paymentMethods] = await Promise.all([
    xeroCall({ method: 'GET', path: '/Accounts' }, xeroAccounts),
    xeroCall({ method: 'GET', path: '/TaxRates' }, xeroTaxRates),
    syncroPaymentMethods(syncro),
  ]);
  return { choices: choicesFrom(accounts.Accounts, taxRates.TaxRates, paymentMethods), accounts: accounts.Accounts };
}

/** After a connection changes: fill empty settings with the likeliest choices, when both systems are there. */
export async function suggestFromConnections(): Promise<void> {
  try {
    const settings = await loadSettings();
    const { choices, accounts } = await loadOrganisation();
    await saveSettings(suggestSettings(upgradeSettings(settings, choices, accounts) ?? settings, choices, accounts));
  } catch {
    // one side is not connected yet: the user chooses later
  }
}

export function settingsApi(deps: Pick<PopupApiDeps, 'onSettingsSaved'>): PopupHandlers<SettingsVerb> {
  return {
    async choices() {
      try {
        const { choices, accounts } = await loadOrganisation();
        // Settings saved by an earlier version are upgraded in place now that the accounts are at hand.
        const upgraded = upgradeSettings(await loadSettings(), choices, accounts);
        if (upgraded) await saveSettings(upgraded);
        return { ok: true, choices };
      } catch (error) {
        return failed(error);
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
        choices = (await loadOrganisation()).choices;
      } catch (error) {
        return failed(error);
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
