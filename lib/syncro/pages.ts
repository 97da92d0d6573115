// ALL knowledge of Syncro's page markup lives here, found by meaning rather than by styling classes:
// record links are anchors whose path is /invoices/<id> or /purchase_orders/<id>; a detail page's title is
// the heading "Invoice #…" / "Purchase Order #…"; the actions menu is the dropdown whose toggle says "Actions".
import type { RecordKind, RecordRef } from '../records.ts';

const pathPatterns: Record<RecordKind, RegExp> = {
  invoice: /^\/invoices\/(\d+)\/?$/,
  purchase_order: /^\/purchase_orders\/(\d+)\/?$/,
};

const listPaths: Record<RecordKind, RegExp> = {
  invoice: /^\/invoices\/?$/,
  purchase_order: /^\/purchase_orders\/?$/,
};

export type SyncroPage = { view: 'list'; kind: RecordKind } | { view: 'detail'; record: RecordRef } | { view: 'other' };

/** What kind of Syncro page a URL is. */
export function classifyPage(url: URL): SyncroPage {
  for (const kind of Object.keys(pathPatterns) as RecordKind[]) {
    if (listPaths[kind].test(url.pathname)) return { view: 'list', kind };
    const match = pathPatterns[kind].exec(url.pathname);
    if (match) return { view: 'detail', record: { kind, id: Number(match[1]) } };
  }
  return { view: 'other' };
}

/** The record an anchor links to, if it is a same-site link to an invoice or PO detail page. */
export function recordOfLink(anchor: HTMLAnchorElement): RecordRef | null {
  const href = anchor.getAttribute('href');
  if (!href) return null;
  const url = new URL(href, anchor.ownerDocument.location?.href ?? 'https://invalid.example/');
  if (anchor.ownerDocument.location && url.origin !== anchor.ownerDocument.location.origin) return null;
  const page = classifyPage(url);
  return page.view === 'detail' ? page.record : null;
}

export interface ListRow {
  record: RecordRef;
  row: HTMLTableRowElement;
  anchor: HTMLAnchorElement;
}

/** Table rows that link to a record of `kind`, one per row (the first such link in it). */
export function findListRows(root: ParentNode, kind: RecordKind): ListRow[] {
  const rows: ListRow[] = [];
  for (const row of root.querySelectorAll('tr')) {
    for (const anchor of row.querySelectorAll('a[href]')) {
      const record = recordOfLink(anchor as HTMLAnchorElement);
      if (record?.kind === kind) {
        rows.push({ record, row, anchor: anchor as HTMLAnchorElement });
        break;
      }
    }
  }
  return rows;
}

const titlePrefixes: Record<RecordKind, string> = { invoice: 'Invoice #', purchase_order: 'Purchase Order #' };

/** The detail page's title heading ("Invoice #1001"). */
export function findDetailTitle(root: ParentNode, kind: RecordKind): HTMLElement | null {
  for (const heading of root.querySelectorAll<HTMLElement>('h1, h2, h3')) {
    if (heading.textContent?.trim().startsWith(titlePrefixes[kind])) return heading;
  }
  return null;
}

/** The "Actions" dropdown's menu list, where a "Re-Sync to Xero" item belongs. */
export function findActionsMenu(root: ParentNode): HTMLElement | null {
  for (const toggle of root.querySelectorAll<HTMLElement>('button, a')) {
    if (toggle.textContent?.trim() !== 'Actions') continue;
    const menu = toggle.parentElement?.querySelector<HTMLElement>('.dropdown-menu, [role="menu"]');
    if (menu) return menu;
  }
  return null;
}
