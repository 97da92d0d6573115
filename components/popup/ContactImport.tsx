// "Import Xero contacts": customers and suppliers in Xero that no Syncro record stands for, shown first with
// what would happen to each (created, or linked to the Syncro record of the same name), then imported.
import { useState } from 'preact/hooks';
import type { ActionResult, ContactImportCandidate } from '../../lib/messages.ts';
import { ask } from '../../lib/popup-client.ts';
import { ResultMessage } from './ResultMessage.tsx';
import { useAction } from './use-action.ts';

export function ContactImport({ onChanged }: { onChanged: () => Promise<void> }) {
  const [candidates, setCandidates] = useState<ContactImportCandidate[]>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const importing = useAction<ActionResult>(onChanged);

  const preview = async () => {
    setLoading(true);
    setError(undefined);
    importing.clear();
    try {
      const answer = await ask({ type: 'contacts.preview' });
      if (answer.ok) {
        setCandidates(answer.candidates);
        setChosen(new Set(answer.candidates.map((candidate) => candidate.contactId)));
      } else setError(answer.error);
    } finally {
      setLoading(false);
    }
  };

  const toggle = (contactId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(contactId);
    else next.delete(contactId);
    setChosen(next);
  };

  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Import Xero contacts</h2>
      <button type="button" class="secondary" disabled={loading} onClick={() => void preview()}>
        Preview Xero contacts to import
      </button>
      {loading && <p class="busy">Reading Xero and Syncro…</p>}
      {error && (
        <p role="alert" class="message message-error">
          {error}
        </p>
      )}
      {candidates && candidates.length === 0 && <p role="status">Every Xero customer and supplier is in Syncro.</p>}
      {candidates && candidates.length > 0 && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void importing
              .run(() => ask({ type: 'contacts.import', contactIds: [...chosen] }))
              .then(() => setCandidates(undefined));
          }}
        >
          <ul class="contact-candidates">
            {candidates.map((candidate) => (
              <li key={candidate.contactId} data-xero-contact-id={candidate.contactId}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.has(candidate.contactId)}
                    onChange={(event) => toggle(candidate.contactId, event.currentTarget.checked)}
                  />{' '}
                  {candidate.name} — {candidate.kind === 'vendor' ? 'vendor' : 'customer'},{' '}
                  {candidate.action === 'create'
                    ? 'new in Syncro'
                    : `linked to Syncro ${candidate.kind} ${candidate.syncroId}`}
                </label>
              </li>
            ))}
          </ul>
          <button type="submit" disabled={importing.pending || chosen.size === 0}>
            Import {chosen.size} contact{chosen.size === 1 ? '' : 's'}
          </button>
        </form>
      )}
      <ResultMessage result={importing.result} />
    </section>
  );
}
