// The content script runs only on the connected Syncro account: it is registered at run time for
// `https://<subdomain>.syncromsp.com/*` (developer.chrome.com/docs/extensions/reference/api/scripting,
// registerContentScripts; persistAcrossSessions keeps it over browser restarts), moved when the subdomain
// changes and removed when Syncro is disconnected. The manifest has no content_scripts entry.
import { syncroOrigin } from '../messages.ts';

export const contentScriptId = 'syncro-pages';
/** Where WXT writes the entrypoint `syncro.content.ts` (registration: 'runtime'). */
export const contentScriptFile = 'content-scripts/syncro.js';

/** The part of `chrome.scripting` used here. */
export interface ScriptingApi {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string; matches?: string[] }[]>;
  registerContentScripts(scripts: ContentScriptRegistration[]): Promise<unknown>;
  updateContentScripts(scripts: ContentScriptRegistration[]): Promise<unknown>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<unknown>;
}

export interface ContentScriptRegistration {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_start';
  allFrames: false;
  persistAcrossSessions: true;
}

/** The registration for one Syncro account's pages. */
export function contentScriptFor(subdomain: string): ContentScriptRegistration {
  return {
    id: contentScriptId,
    js: [contentScriptFile],
    matches: [`${syncroOrigin(subdomain)}/*`],
    // From the start of parsing: badges go in as rows arrive instead of after the page has settled.
    runAt: 'document_start',
    allFrames: false,
    persistAcrossSessions: true,
  };
}

/** Makes the registration match the connection: registered for `subdomain`, or absent when there is none. */
export async function followSyncroConnection(scripting: ScriptingApi, subdomain: string | undefined): Promise<void> {
  const [existing] = await scripting.getRegisteredContentScripts({ ids: [contentScriptId] });
  if (!subdomain) {
    if (existing) await scripting.unregisterContentScripts({ ids: [contentScriptId] });
    return;
  }
  const wanted = contentScriptFor(subdomain);
  if (!existing) await scripting.registerContentScripts([wanted]);
  else if (existing.matches?.join() !== wanted.matches.join()) await scripting.updateContentScripts([wanted]);
}
