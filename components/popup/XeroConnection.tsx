// Xero connection: OAuth sign-in with the app's client ID, the organisation to sync with, and disconnecting.
// Every control stays rendered in every state (disabled when it cannot apply) so it is always found by name.
// Another organisation than the pair's is chosen only after an inline confirmation naming both pairs.
import { useState } from 'preact/hooks';
import type { ActionResult, ConfirmPairChange, PopupStatus } from '../../lib/messages.ts';
import { ask } from '../../lib/popup-client.ts';
import { Field } from './Field.tsx';
import { ResultMessage } from './ResultMessage.tsx';
import { useAction } from './use-action.ts';

interface XeroConnectionProps {
  xero: PopupStatus['xero'] | undefined;
  onChanged: () => Promise<void>;
}

export function XeroConnection({ xero, onChanged }: XeroConnectionProps) {
  const [typedClientId, setTypedClientId] = useState<string>();
  const signIn = useAction(onChanged);
  // Choosing an organisation and disconnecting: separate from sign-in, which can wait minutes on the user.
  const change = useAction<ActionResult | ConfirmPairChange>(onChanged);
  // The organisation asked about: nothing was saved; the person is asked, shown both pairs, right here.
  const [askedFor, setAskedFor] = useState<string>();
  const asked = change.result && 'confirm' in change.result ? change.result : undefined;
  const choose = async (tenantId: string, confirmPairChange: boolean) => {
    setAskedFor(tenantId);
    await change.run(() =>
      ask({ type: 'xero.chooseOrganisation', tenantId, ...(confirmPairChange ? { confirmPairChange } : {}) }),
    );
  };
  const pending = signIn.pending || change.pending;
  const clientId = typedClientId ?? xero?.clientId ?? '';
  const state = xero?.state ?? 'disconnected';
  const organisations = xero?.organisations ?? [];
  // Several organisations, or one that is not the pair's (connect left the choice to the person).
  const choosing = organisations.length > 1 || (state === 'connected' && organisations.length > 0 && !xero?.tenantId);

  const connect = async (event: Event) => {
    event.preventDefault();
    const outcome = await signIn.run(async () =>
      clientId.trim()
        ? ask({ type: 'xero.connect', clientId: clientId.trim() })
        : { ok: false, error: 'Enter the client ID of your Xero app.' },
    );
    if (outcome.ok) setTypedClientId(undefined);
  };

  return (
    <section aria-labelledby="xero-heading">
      <h2 id="xero-heading">Xero</h2>
      <XeroState xero={xero} />
      {xero?.warning && state !== 'reconnect-needed' && <p class="notice notice-warn">{xero.warning}</p>}
      {choosing && (
        <Field id="xero-organisation" label="Xero organisation">
          {(control) => (
            <select
              {...control}
              value={xero?.tenantId ?? ''}
              disabled={pending}
              onChange={(event) => {
                const tenantId = event.currentTarget.value;
                if (tenantId) void choose(tenantId, false);
              }}
            >
              {!xero?.tenantId && <option value="">Choose an organisation…</option>}
              {organisations.map((organisation) => (
                <option key={organisation.tenantId} value={organisation.tenantId}>
                  {organisation.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <form onSubmit={connect}>
        <Field
          id="xero-client-id"
          label="Xero client ID"
          hint={state === 'connected' ? undefined : 'From your app at developer.xero.com'}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              value={clientId}
              onInput={(event) => setTypedClientId(event.currentTarget.value)}
              autocomplete="off"
              spellcheck={false}
            />
          )}
        </Field>
        <div class="buttons">
          {/* Connected, the same sign-in connects again: another organisation or user, or fresh consent. */}
          <button type="submit" disabled={pending}>
            {state === 'connected' ? 'Reconnect to Xero' : 'Connect to Xero'}
          </button>
          <button
            type="button"
            class="secondary"
            disabled={pending || state === 'disconnected'}
            onClick={() => void change.run(() => ask({ type: 'xero.disconnect' }))}
          >
            Disconnect Xero
          </button>
        </div>
        {signIn.pending && <p class="busy">Waiting for Xero… finish signing in in the Xero window.</p>}
      </form>
      {/* A sign-in that left the organisation to choose says why. */}
      <ResultMessage
        result={signIn.result?.ok && !(state === 'connected' && !xero?.tenantId) ? undefined : signIn.result}
      />
      {asked && askedFor ? (
        <fieldset class="confirm-step">
          <legend>Another Xero organisation</legend>
          <p role="alert">{asked.error}</p>
          <button type="button" disabled={pending} onClick={() => void choose(askedFor, true)}>
            Switch to {asked.confirm.to}
          </button>
          <button type="button" class="secondary" disabled={pending} onClick={() => change.clear()}>
            Cancel
          </button>
        </fieldset>
      ) : (
        <ResultMessage result={change.result?.ok ? undefined : change.result} />
      )}
    </section>
  );
}

function XeroState({ xero }: { xero: PopupStatus['xero'] | undefined }) {
  if (xero?.state === 'reconnect-needed') {
    return (
      <div class="notice notice-error">
        <strong>Reconnect to Xero needed</strong>
        {xero.warning && <p>{xero.warning}</p>}
      </div>
    );
  }
  if (xero?.state === 'connected') {
    return (
      <p class="connection connection-on">
        <strong>Connected to Xero</strong>
        {xero.organisationName && (
          <>
            {': '}
            <span class="organisation">{xero.organisationName}</span>
          </>
        )}
        {xero.baseCurrency && ` (base currency ${xero.baseCurrency})`}
        {xero.connectedBy && (
          <>
            {' — by '}
            <span class="connected-by">{xero.connectedBy}</span>
          </>
        )}
      </p>
    );
  }
  return <p class="connection connection-off">No Xero organisation linked yet.</p>;
}
