// The list page's bulk "Re-Sync … to Xero" bar: a button and a polite status line, in a shadow root so
// Syncro's CSS and ours stay apart. Text only.
import { plainButton, shadowHost } from './shadow-host.ts';

export const bulkTag = 'syncro-xero-bulk';

export interface BulkBar {
  host: HTMLElement;
  button: HTMLButtonElement;
  status: HTMLElement;
}

const style = `
  :host { display: flex; align-items: center; gap: 10px; margin: 6px 0; font: 400 13px/1.4 system-ui, sans-serif; color: #333; }
  button { font: 600 12px/1.4 system-ui, sans-serif; color: #fff; background: #0b6e9c; border: 0; border-radius: 4px; padding: 5px 10px; cursor: pointer; }
  button:disabled { background: #6c757d; cursor: default; }
  button:focus-visible { outline: 2px solid #0b6e9c; outline-offset: 2px; }
`;

export function createBulkBar(): BulkBar {
  const { host, shadow } = shadowHost(bulkTag, style);
  const button = plainButton();
  const status = document.createElement('span');
  status.setAttribute('role', 'status');
  shadow.append(button, status);
  return { host, button, status };
}
