// Sync settings: the seed's three switches plus accounts, tax rates and the rest, each chosen from what the
// connected Xero organisation and Syncro account offer (loaded with `choices`), never typed by hand.
import { useEffect, useState } from 'preact/hooks';
import type { ActionResult, PopupResponses, PopupStatus } from '../../lib/messages.ts';
import { ask } from '../../lib/popup-client.ts';
import {
  type AccountChoice,
  defaultSettings,
  type Settings,
  type SettingsChoices,
  type SettingsErrors,
} from '../../lib/settings.ts';
import { type SettingSwitch, switches } from '../../lib/sync/rules.ts';
import { type ChoiceOption, ChoiceSelect } from './ChoiceSelect.tsx';
import { Field } from './Field.tsx';
import { ResultMessage } from './ResultMessage.tsx';
import { useAction } from './use-action.ts';

interface SyncSettingsProps {
  status: PopupStatus | undefined;
  onChanged: () => Promise<void>;
}

/** What the popup shows and edits: a payment account code saved by an earlier version is upgraded, not shown. */
type SettingKey = Exclude<keyof Settings, 'paymentAccountCode'>;

/** The visible label of each field, also used to name the fields in the error summary. */
const settingLabels: Record<SettingKey, string> = {
  ...(Object.fromEntries(Object.values(switches).map((entry) => [entry.setting, entry.label])) as Record<
    SwitchKey,
    string
  >),
  salesAccountCode: 'Sales account',
  purchasesAccountCode: 'Purchases account',
  paymentAccountId: 'Payment account',
  taxableTaxType: 'Tax rate for taxable lines',
  nonTaxableTaxType: 'Tax rate for non-taxable lines',
  purchaseTaxType: 'Tax rate for purchase orders and bills',
  invoiceStatus: 'Status of new invoices in Xero',
  importPaymentMethod: 'Payment method for imported payments',
  pollIntervalHours: 'Poll for payments every (hours)',
  syncFromDate: 'Sync invoices and purchase orders dated from',
};

type ChoicesAnswer = PopupResponses['choices'] | undefined;
type SwitchKey = SettingSwitch;
type ChoiceKey = Exclude<SettingKey, SwitchKey | 'pollIntervalHours' | 'syncFromDate'>;

const invoiceStatuses: ChoiceOption[] = [
  { value: 'AUTHORISED', label: 'AUTHORISED (approved)' },
  { value: 'DRAFT', label: 'DRAFT' },
];

export function SyncSettings({ status, onChanged }: SyncSettingsProps) {
  const ready = status?.syncro.connected === true && status.xero.state === 'connected';
  const tenantId = status?.xero.tenantId;
  const [choices, setChoices] = useState<ChoicesAnswer>();
  // Edits live in a draft so the few-second status poll never overwrites what the user is choosing.
  const [draft, setDraft] = useState<Settings>();
  const [pollText, setPollText] = useState<string>();
  const [choicesAttempt, setChoicesAttempt] = useState(0);
  const save = useAction<ActionResult>(onChanged);

  useEffect(() => {
    setChoices(undefined);
    if (!ready) return;
    let current = true;
    ask({ type: 'choices' }).then((answer) => current && setChoices(answer));
    return () => {
      current = false;
    };
  }, [ready, tenantId, choicesAttempt]);

  const settings = draft ?? status?.settings ?? defaultSettings;
  const loaded: SettingsChoices | undefined = choices?.ok ? choices.choices : undefined;
  const errors: SettingsErrors = save.result && !save.result.ok ? (save.result.errors ?? {}) : {};
  const update = <K extends keyof Settings>(key: K, value: Settings[K]) => setDraft({ ...settings, [key]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    const hours = Number(pollText ?? settings.pollIntervalHours);
    const outcome = await save.run(async () =>
      Number.isInteger(hours) && hours >= 1
        ? ask({ type: 'settings.save', settings: { ...settings, pollIntervalHours: hours } })
        : {
            ok: false,
            error: 'Some settings need attention.',
            errors: { pollIntervalHours: 'Poll every whole number of hours, at least 1.' },
          },
    );
    if (outcome.ok) {
      setDraft(undefined);
      setPollText(undefined);
    }
  };

  // Sales and purchases accounts are chosen by code (what line items take); the payment account by its id,
  // and shown by name alone when it has no code (bank accounts often have none).
  const label = (account: AccountChoice) => (account.code ? `${account.code} — ${account.name}` : account.name);
  const accounts = (list: AccountChoice[] | undefined) =>
    list?.flatMap((account) => (account.code ? [{ value: account.code, label: label(account) }] : []));
  const paymentAccounts = loaded?.paymentAccounts.map((account) => ({ value: account.id, label: label(account) }));
  const rates = (list: SettingsChoices['taxRates'] | undefined) =>
    list?.map((rate) => ({ value: rate.taxType, label: `${rate.name} (${rate.rate}%)` }));
  const taxRates = rates(loaded?.taxRates);
  const select = (key: ChoiceKey) => ({
    id: `setting-${key}`,
    label: settingLabels[key],
    value: settings[key],
    error: errors[key],
    onChange: (value: string) => update(key, value as Settings[typeof key]),
  });
  const checkbox = (key: SwitchKey) => (
    <Field key={key} id={`setting-${key}`} label={settingLabels[key]} error={errors[key]} inline>
      {(control) => (
        <input
          {...control}
          type="checkbox"
          checked={settings[key]}
          onChange={(event) => update(key, event.currentTarget.checked)}
        />
      )}
    </Field>
  );

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Xero settings</h2>
      <ChoicesNotice ready={ready} choices={choices} retry={() => setChoicesAttempt((attempt) => attempt + 1)} />
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Payments and purchase orders</legend>
          {Object.values(switches).map((entry) => checkbox(entry.setting))}
        </fieldset>
        <fieldset>
          <legend>Accounts and tax</legend>
          <ChoiceSelect {...select('salesAccountCode')} options={accounts(loaded?.salesAccounts)} />
          <ChoiceSelect {...select('purchasesAccountCode')} options={accounts(loaded?.purchasesAccounts)} />
          <ChoiceSelect {...select('paymentAccountId')} options={paymentAccounts} />
          <ChoiceSelect {...select('taxableTaxType')} options={taxRates} />
          <ChoiceSelect {...select('nonTaxableTaxType')} options={taxRates} />
          <ChoiceSelect
            {...select('purchaseTaxType')}
            options={rates(loaded?.purchaseTaxRates)}
            hint="Rates that apply to expenses, e.g. GST or VAT on purchases."
          />
          <ChoiceSelect
            {...select('invoiceStatus')}
            options={invoiceStatuses}
            hint="Payments, in either direction, need AUTHORISED invoices."
          />
        </fieldset>
        <fieldset>
          <legend>Start date</legend>
          <Field
            id="setting-syncFromDate"
            label={settingLabels.syncFromDate}
            error={errors.syncFromDate}
            hint="Optional. Leave empty to sync everything; records already in Xero are kept up to date either way."
          >
            {(control) => (
              <input
                {...control}
                type="date"
                value={settings.syncFromDate}
                onInput={(event) => update('syncFromDate', event.currentTarget.value)}
              />
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>Payment import</legend>
          <ChoiceSelect
            {...select('importPaymentMethod')}
            options={loaded?.paymentMethods.map((method) => ({ value: method, label: method }))}
          />
          <Field
            id="setting-pollIntervalHours"
            label={settingLabels.pollIntervalHours}
            error={errors.pollIntervalHours}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                min={1}
                max={168}
                step={1}
                inputMode="numeric"
                value={pollText ?? String(settings.pollIntervalHours)}
                onInput={(event) => setPollText(event.currentTarget.value)}
              />
            )}
          </Field>
        </fieldset>
        <ErrorSummary result={save.result} />
        <button type="submit" disabled={save.pending}>
          Save Xero Settings
        </button>
        {save.result?.ok && <ResultMessage result={save.result} success="Settings saved" />}
      </form>
    </section>
  );
}

function ChoicesNotice({ ready, choices, retry }: { ready: boolean; choices: ChoicesAnswer; retry: () => void }) {
  if (!ready) return <p class="hint">Connect Syncro and Xero to choose accounts, tax rates and payment method.</p>;
  if (!choices) return <p class="busy">Loading accounts and tax rates…</p>;
  if (!choices.ok) {
    return (
      <div class="message message-error">
        <p role="alert">{choices.error}</p>
        <button type="button" class="secondary" onClick={retry}>
          Load the choices again
        </button>
      </div>
    );
  }
  return null;
}

/** One alert naming every field that needs attention; each field shows its own message beside it. */
function ErrorSummary({ result }: { result: ActionResult | undefined }) {
  if (!result || result.ok) return null;
  const fields = Object.keys(result.errors ?? {}) as SettingKey[];
  return (
    <div role="alert" class="message message-error">
      <p>{result.error}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={field}>
              <a href={`#setting-${field}`}>{settingLabels[field] ?? field}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
