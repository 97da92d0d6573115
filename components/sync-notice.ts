// A short message beside a record's title after "Re-Sync to Xero" (queued, or why not), announced politely.
// Shadow root for isolation; text only.
import { shadowHost } from './shadow-host.ts';

export const noticeTag = 'syncro-xero-notice';

export function createNotice(): HTMLElement {
  const { host, shadow } = shadowHost(
    noticeTag,
    ':host{display:inline-block;margin-left:8px;font:400 12px/1.4 system-ui,sans-serif;color:#333}',
  );
  const text = document.createElement('span');
  text.setAttribute('role', 'status');
  shadow.append(text);
  return host;
}

export function showNotice(host: HTMLElement, message: string): void {
  const text = host.shadowRoot?.querySelector('[role="status"]');
  if (text) text.textContent = message;
}
