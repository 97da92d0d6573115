// The popup's "Import Xero contacts": a preview, then the import of the chosen contacts.
import { loadSyncContext } from '../sync/context.ts';
import { importContacts, previewContactImport } from '../sync/import-contacts.ts';
import { failed, type PopupHandlers } from './popup-handlers.ts';

type ContactVerb = 'contacts.preview' | 'contacts.import';

export function contactsApi(): PopupHandlers<ContactVerb> {
  return {
    async 'contacts.preview'() {
      try {
        return { ok: true, candidates: await previewContactImport(await loadSyncContext()) };
      } catch (error) {
        return failed(error);
      }
    },
    async 'contacts.import'({ contactIds }) {
      try {
        const result = await importContacts(await loadSyncContext(), contactIds, Date.now());
        const done = `Created ${result.created} and linked ${result.linked} in Syncro.`;
        if (result.failed.length === 0) return { ok: true, message: done };
        const failures = result.failed.map((failure) => `${failure.name}: ${failure.error}`).join('; ');
        return { ok: false, error: `${done} Not imported: ${failures}` };
      } catch (error) {
        return failed(error);
      }
    },
  };
}
