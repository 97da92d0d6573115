// The badge: a light-DOM host carrying the contract's data attributes, its look in an open shadow root so
// Syncro's CSS cannot restyle it (and ours cannot leak out). Every text is set with textContent: reasons may
// echo page or Xero text. Colours keep white text at 4.5:1 or better.
import { driftWarning } from '../lib/drift.ts';
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

// The label's colour follows the host's state attribute: nothing to style per badge as it renders.
const style = `
  :host { display: inline-flex; align-items: center; gap: 4px; margin-left: 6px; font: 600 11px/1.4 system-ui, sans-serif; vertical-align: middle; }
  .label { color: #fff; border-radius: 3px; padding: 1px 6px; letter-spacing: .02em; }
  ${Object.entries(colours)
    .map(([state, colour]) => `:host([data-xero-sync="${state}"]) .label { background: ${colour}; }`)
    .join('\n  ')}
  .reason, .when { color: #495057; font-weight: 400; }
  .drift { color: #7a4d00; background: #fff3cd; border-radius: 3px; padding: 0 4px; font-weight: 600; }
  a { color: #0b5f86; font-weight: 400; }
  [hidden] { display: none; }
`;

/** Made on first use: building it costs milliseconds at the content script's start, before any row is drawn. */
let when: Intl.DateTimeFormat | undefined;
function formatWhen(time: number): string {
  when ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return when.format(time);
}

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

interface Parts {
  label: HTMLElement;
  /** The reason, the link to Xero and the sync time: made when a status first needs one of them. */
  detail?: { reason: HTMLElement; link: HTMLAnchorElement; time: HTMLElement };
  /** The drift warning beside SYNCED: made when a status first has one. */
  drift?: HTMLElement;
}

/** Each badge's parts, kept rather than looked up in its shadow root at every render (a long list renders many). */
const partsOf = new WeakMap<HTMLElement, Parts>();

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
  shadow.append(label);
  partsOf.set(host, { label });
  return host;
}

function detailOf(shadow: ShadowRoot, parts: Parts): NonNullable<Parts['detail']> {
  if (parts.detail) return parts.detail;
  const reason = document.createElement('span');
  reason.className = 'reason';
  const link = document.createElement('a');
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.textContent = 'View in Xero';
  link.hidden = true;
  const time = document.createElement('span');
  time.className = 'when';
  shadow.append(reason, link, time);
  parts.detail = { reason, link, time };
  return parts.detail;
}

export function renderBadge(host: HTMLElement, status: RecordStatus): void {
  const shadow = host.shadowRoot;
  const parts = partsOf.get(host);
  if (!shadow || !parts) return;
  const synced = status.state === 'synced';
  host.dataset.xeroSync = status.state;
  const detail = synced
    ? status.foundInXero
      ? 'found in Xero, synced by another install'
      : status.syncedAt
        ? `synced ${formatWhen(status.syncedAt)}`
        : ''
    : (status.reason ?? '');
  if (host.title !== detail) host.title = detail;
  const warning = synced && status.drift ? ` — ${driftWarning(status.drift)}` : '';
  host.setAttribute('aria-label', `Xero sync: ${stateLabels[status.state]}${detail ? ` — ${detail}` : ''}${warning}`);
  parts.label.textContent = stateLabels[status.state];
  renderDrift(host, parts, synced ? status.drift : undefined);
  if (!detail && !status.xeroUrl && !parts.detail) return; // nothing beside the word, now or before
  const { reason, link, time } = detailOf(shadow, parts);
  reason.textContent = status.reason && !synced ? `— ${status.reason}` : '';
  link.hidden = !(synced && status.xeroUrl);
  if (status.xeroUrl) link.href = status.xeroUrl;
  time.textContent = synced && detail ? `· ${detail}` : '';
}

/** A synced invoice whose total or balance differs from Xero's: a warning with both figures, and what to check. */
function renderDrift(host: HTMLElement, parts: Parts, drift: RecordStatus['drift']): void {
  if (!drift) {
    if (host.dataset.xeroDrift !== undefined) delete host.dataset.xeroDrift;
    if (parts.drift) parts.drift.hidden = true;
    return;
  }
  host.dataset.xeroDrift = drift.kind;
  if (!parts.drift) {
    parts.drift = document.createElement('span');
    parts.drift.className = 'drift';
    parts.label.after(parts.drift);
  }
  parts.drift.hidden = false;
  parts.drift.textContent = `⚠ ${driftWarning(drift)}`;
}
