// "Re-Sync to Xero" as a button beside a record's title, for pages whose Actions menu cannot be found. Its look
// lives in a shadow root like the badges', so Syncro's CSS and ours stay apart and the page's DOM gets no style.
import { plainButton, shadowHost } from './shadow-host.ts';

export const resyncButtonTag = 'syncro-xero-resync';

const style = `
  :host { display: inline-block; margin-left: 8px; vertical-align: middle; }
  button { font: 600 12px/1.4 system-ui, sans-serif; color: #fff; background: #0b6e9c; border: 0; border-radius: 4px; padding: 3px 10px; cursor: pointer; }
  button:focus-visible { outline: 2px solid #0b6e9c; outline-offset: 2px; }
`;

export interface ResyncButton {
  host: HTMLElement;
  button: HTMLButtonElement;
}

export function createResyncButton(label: string): ResyncButton {
  const { host, shadow } = shadowHost(resyncButtonTag, style);
  const button = plainButton(label);
  shadow.append(button);
  return { host, button };
}
