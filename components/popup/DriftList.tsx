// Synced invoices whose total or balance differs between Syncro and Xero, each with both figures, what to check
// and a link to each system. Nothing is corrected here: a person checks and fixes it where it went wrong.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { driftAdvice, driftFigures } from '../../lib/drift.ts';
import type { DriftEntry } from '../../lib/messages.ts';
import { ask } from '../../lib/popup-client.ts';
import { ResultMessage } from './ResultMessage.tsx';
import { useAction } from './use-action.ts';

const refreshMs = 4000;

export function DriftList({ shown }: { shown: boolean }) {
  const [entries, setEntries] = useState<DriftEntry[]>();
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    const answer = await ask({ type: 'drift.list' });
    if (answer.ok) {
      setEntries(answer.entries);
      setError(undefined);
    } else setError(answer.error);
  }, []);
  const check = useAction(load);

  useEffect(() => {
    if (!shown) return;
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    return () => clearInterval(timer);
  }, [shown, load]);

  return (
    <section aria-labelledby="drift-heading">
      <h2 id="drift-heading">Invoices that differ from Xero</h2>
      {error && (
        <p role="alert" class="message message-error">
          {error}
        </p>
      )}
      <p class="hint">
        Synced invoices are compared with Xero every hour. Nothing is changed automatically: check each one in both
        systems.
      </p>
      {entries?.length === 0 && <p class="hint">No synced invoice differs from Xero</p>}
      {entries && entries.length > 0 && (
        <ul class="drift-list" aria-labelledby="drift-heading">
          {entries.map((entry) => (
            <li key={entry.syncroId} data-xero-drift={entry.kind} data-syncro-id={entry.syncroId}>
              <div class="reconcile-line">
                <strong>{driftAdvice[entry.kind].headline}</strong>
                <span class="amount">{driftFigures(entry)}</span>
              </div>
              <p class="reason">
                Invoice {entry.syncroId}: {driftAdvice[entry.kind].check}.{' '}
                <a href={entry.syncroUrl} target="_blank" rel="noopener noreferrer">
                  Open in Syncro
                </a>
                {entry.xeroUrl && (
                  <>
                    {' · '}
                    <a href={entry.xeroUrl} target="_blank" rel="noopener noreferrer">
                      Open in Xero
                    </a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        class="secondary"
        disabled={check.pending}
        onClick={() => void check.run(() => ask({ type: 'drift.checkNow' }))}
      >
        Compare with Xero now
      </button>
      <ResultMessage result={check.result} />
    </section>
  );
}
