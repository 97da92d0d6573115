// The badge: a light-DOM host carrying the contract's data attributes, its look in an open shadow root so
// Syncro's CSS cannot restyle it. Every text is set with textContent: reasons may echo page or Xero text.
import type { RecordRef } from '../lib/records.ts';
import { type RecordStatus, stateLabels } from '../lib/sync-state.ts';

export const badgeTag = 'syncro-xero-badge';

const colours: Record<RecordStatus['state'], string> = {
  synced: '#1e7e34',
  'not-synced': '#6c757d',
  pending: '#b8860b',
  failed: '#c82333',
  skipped: '#5a6268',
  off: '#868e96',
};

const style = `
  :host { display: inline-flex; align-items: center; gap: 4px; margin-left: 6px; font: 600 11px/1.4 system-ui, sans-serif; vertical-align: middle; }
  .label { color: #fff; border-radius: 3px; padding: 1px 6px; letter-spacing: .02em; }
  .reason { color: #555; font-weight: 400; }
  a { color: #13b5ea; font-weight: 400; }
`;

export function createBadge(record: RecordRef): HTMLElement {
  const host = document.createElement(badgeTag);
  host.dataset.syncroKind = record.kind;
  host.dataset.syncroId = String(record.id);
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = document.createElement('style');
  sheet.textContent = style;
  const label = document.createElement('span');
  label.className = 'label';
  label.setAttribute('part', 'label');
  const reason = document.createElement('span');
  reason.className = 'reason';
  const link = document.createElement('a');
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.textContent = 'View in Xero';
  shadow.append(sheet, label, reason, link);
  return host;
}

export function renderBadge(host: HTMLElement, status: RecordStatus): void {
  const shadow = host.shadowRoot;
  if (!shadow) return;
  const [label, reason, link] = [...shadow.querySelectorAll<HTMLElement>('.label, .reason, a')];
  host.dataset.xeroSync = status.state;
  host.title = status.reason ?? '';
  if (label) {
    label.textContent = stateLabels[status.state];
    label.style.background = colours[status.state];
  }
  if (reason) reason.textContent = status.reason ? `— ${status.reason}` : '';
  if (link instanceof HTMLAnchorElement) {
    link.hidden = !(status.state === 'synced' && status.xeroUrl);
    if (status.xeroUrl) link.href = status.xeroUrl;
  }
}
