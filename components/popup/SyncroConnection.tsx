// Syncro connection: subdomain + API token, saved together. The background checks the token against Syncro
// before saving anything, so a failure here means nothing was stored. "Disconnect Syncro" forgets the token after
// an inline confirmation; queued work stays and waits for a new connection. Another subdomain than the pair's is
// saved only after an inline confirmation naming both pairs (each keeps its own state).
import { useState } from 'preact/hooks';
import type { ActionResult, ConfirmPairChange, PopupStatus } from '../../lib/messages.ts';
import { ask } from '../../lib/popup-client.ts';
import { Field } from './Field.tsx';
import { ResultMessage } from './ResultMessage.tsx';
import { useAction } from './use-action.ts';

interface SyncroConnectionProps {
  syncro: PopupStatus['syncro'] | undefined;
  /** From the active tab when it is a Syncro page; used when nothing is saved yet. */
  tabSubdomain: string | undefined;
  onChanged: () => Promise<void>;
}

export function SyncroConnection({ syncro, tabSubdomain, onChanged }: SyncroConnectionProps) {
  // Undefined until the user types, so the field follows the saved value (or the tab) as the status loads.
  const [typedSubdomain, setTypedSubdomain] = useState<string>();
  const [token, setToken] = useState('');
  const save = useAction<ActionResult | ConfirmPairChange>(onChanged);
  const disconnect = useAction(onChanged);
  const [confirming, setConfirming] = useState(false);
  const subdomain = typedSubdomain ?? syncro?.subdomain ?? tabSubdomain ?? '';
  // Trust the status; only when it could not be read does the save's own answer decide.
  const connected = syncro ? syncro.connected : save.result?.ok === true;

  // Another pair's subdomain: nothing was saved; the person is asked, shown both pairs, right here.
  const asked = save.result && 'confirm' in save.result ? save.result : undefined;

  const send = async (confirmPairChange: boolean) => {
    const outcome = await save.run(async () =>
      // Checked here rather than with `required`, so the reason shows as text like every other error.
      !subdomain.trim() || !token.trim()
        ? { ok: false, error: 'Enter both the Syncro subdomain and an API token.' }
        : ask({
            type: 'syncro.save',
            subdomain: subdomain.trim().toLowerCase(),
            token: token.trim(),
            ...(confirmPairChange ? { confirmPairChange } : {}),
          }),
    );
    if (outcome.ok) {
      setToken(''); // the secret lives in the background now, not in the popup
      setTypedSubdomain(undefined);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    await send(false);
  };

  return (
    <section aria-labelledby="syncro-heading">
      <h2 id="syncro-heading">Syncro</h2>
      <p class={`connection ${connected ? 'connection-on' : 'connection-off'}`}>
        {connected ? (
          <>
            <strong>Connected to Syncro</strong>
            {syncro?.userName && ` as ${syncro.userName}`}
            {syncro?.subdomain && ` (${syncro.subdomain}.syncromsp.com)`}
          </>
        ) : (
          'No Syncro account saved yet.'
        )}
      </p>
      <form onSubmit={submit}>
        <div class="field-row">
          <Field id="syncro-subdomain" label="Syncro subdomain" hint="The acme in acme.syncromsp.com">
            {(control) => (
              <input
                {...control}
                type="text"
                value={subdomain}
                onInput={(event) => {
                  setTypedSubdomain(event.currentTarget.value);
                  if (asked) save.clear(); // the question named the subdomain as it was
                }}
                autocomplete="off"
                spellcheck={false}
              />
            )}
          </Field>
          <Field
            id="syncro-token"
            label="Syncro API token"
            hint={connected ? 'Saved; enter one only to replace it.' : undefined}
          >
            {(control) => (
              <input
                {...control}
                type="password"
                value={token}
                onInput={(event) => setToken(event.currentTarget.value)}
                autocomplete="off"
              />
            )}
          </Field>
        </div>
        <button type="submit" disabled={save.pending}>
          Save Syncro connection
        </button>
        {connected && !confirming && (
          <button
            type="button"
            class="secondary"
            disabled={save.pending || disconnect.pending}
            onClick={() => {
              disconnect.clear();
              setConfirming(true);
            }}
          >
            Disconnect Syncro
          </button>
        )}
        {save.pending && <span class="busy"> Checking the token with Syncro…</span>}
      </form>
      {confirming && (
        <fieldset class="confirm-step">
          <legend>Disconnect Syncro</legend>
          <p>
            Forget the Syncro API token{syncro?.subdomain ? ` for ${syncro.subdomain}.syncromsp.com` : ''}? Nothing is
            sent to or from Syncro until a token is saved again; queued work is kept and waits.
          </p>
          <button
            type="button"
            disabled={disconnect.pending}
            onClick={async () => {
              await disconnect.run(() => ask({ type: 'syncro.disconnect' }));
              setConfirming(false);
            }}
          >
            Forget the Syncro token
          </button>
          <button type="button" class="secondary" disabled={disconnect.pending} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </fieldset>
      )}
      {asked ? (
        <fieldset class="confirm-step">
          <legend>Another Syncro account</legend>
          <p role="alert">{asked.error}</p>
          <button type="button" disabled={save.pending} onClick={() => void send(true)}>
            Switch to {asked.confirm.to}
          </button>
          <button type="button" class="secondary" disabled={save.pending} onClick={() => save.clear()}>
            Cancel
          </button>
        </fieldset>
      ) : (
        <ResultMessage result={save.result?.ok ? undefined : save.result} />
      )}
      <ResultMessage result={disconnect.result} />
    </section>
  );
}
