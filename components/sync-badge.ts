// The badge: a light-DOM host carrying the contract's data attributes, its look in an open shadow root so
// Syncro's CSS cannot restyle it (and ours cannot leak out). Every text is set with textContent: reasons may
// echo page or Xero text. Colours keep white text at 4.5:1 or better.
import type { RecordRef } from '../lib/records.ts';
import { type RecordStatus, stateLabels } from '../lib/sync-state.ts';

export const badgeTag = 'syncro-xero-badge';

const colours: Record<RecordStatus['state'], string> = {
  synced: '#1e7e34',
  'not-synced': '#5c636a',
  pending: '#8a5a00',
  failed: '#c82333',
  skipped: '#5a6268',
  off: '#6c757d',
};

const style = `
  :host { display: inline-flex; align-items: center; gap: 4px; margin-left: 6px; font: 600 11px/1.4 system-ui, sans-serif; vertical-align: middle; }
  .label { color: #fff; border-radius: 3px; padding: 1px 6px; letter-spacing: .02em; }
  .reason, .when { color: #495057; font-weight: 400; }
  a { color: #0b5f86; font-weight: 400; }
  [hidden] { display: none; }
`;

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

let sharedSheet: CSSStyleSheet | undefined;

/** One constructed stylesheet shared by every badge's shadow root (a <style> each costs style work per badge). */
function adoptStyle(shadow: ShadowRoot): void {
  try {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(style);
    }
    shadow.adoptedStyleSheets = [sharedSheet];
  } catch {
    const sheet = document.createElement('style');
    sheet.textContent = style;
    shadow.append(sheet);
  }
}

export function createBadge(record: RecordRef): HTMLElement {
  const host = document.createElement(badgeTag);
  host.dataset.syncroKind = record.kind;
  host.dataset.syncroId = String(record.id);
  host.setAttribute('role', 'group');
  host.setAttribute('aria-label', 'Xero sync');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyle(shadow);
  const label = document.createElement('span');
  label.className = 'label';
  label.setAttribute('part', 'label');
  const reason = document.createElement('span');
  reason.className = 'reason';
  const link = document.createElement('a');
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.textContent = 'View in Xero';
  const time = document.createElement('span');
  time.className = 'when';
  shadow.append(label, reason, link, time);
  return host;
}

export function renderBadge(host: HTMLElement, status: RecordStatus): void {
  const shadow = host.shadowRoot;
  if (!shadow) return;
  const label = shadow.querySelector<HTMLElement>('.label');
  const reason = shadow.querySelector<HTMLElement>('.reason');
  const link = shadow.querySelector<HTMLAnchorElement>('a');
  const time = shadow.querySelector<HTMLElement>('.when');
  const synced = status.state === 'synced';
  host.dataset.xeroSync = status.state;
  const detail = synced
    ? status.foundInXero
      ? 'found in Xero, synced by another install'
      : status.syncedAt
        ? `synced ${when.format(status.syncedAt)}`
        : ''
    : (status.reason ?? '');
  host.title = detail;
  host.setAttribute('aria-label', `Xero sync: ${stateLabels[status.state]}${detail ? ` — ${detail}` : ''}`);
  if (label) {
    label.textContent = stateLabels[status.state];
    label.style.background = colours[status.state];
  }
  if (reason) reason.textContent = status.reason && !synced ? `— ${status.reason}` : '';
  if (link) {
    link.hidden = !(synced && status.xeroUrl);
    if (status.xeroUrl) link.href = status.xeroUrl;
  }
  if (time) time.textContent = synced && detail ? `· ${detail}` : '';
}
