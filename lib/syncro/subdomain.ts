// Which Syncro account a URL belongs to, so the popup can prefill "Syncro subdomain" from the active tab.
// Strict on purpose: only https://<one label>.syncromsp.com counts, so look-alike hosts never prefill.

const syncroHost = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.syncromsp\.com$/;

export function syncroSubdomainOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return undefined;
  // URL has already lower-cased the host; a trailing dot ("acme.syncromsp.com.") does not match, on purpose.
  return syncroHost.exec(parsed.hostname)?.[1];
}
