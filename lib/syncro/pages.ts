// ALL knowledge of Syncro's page markup lives here, found by meaning rather than by styling classes, so it
// holds for Bootstrap-style tables and dropdowns as for div grids with ARIA roles (the unit tests run both):
// record links are anchors whose path is /invoices/<id> or /purchase_orders/<id>; a list row is the row
// holding such a link; a detail page's title is the heading "Invoice #…" / "Purchase Order #…"; the actions
// menu is the one opened by the button that says "Actions".
import type { RecordKind, RecordRef } from '../records.ts';

/** The first segment of the path of a kind's pages: `/invoices` (the list) and `/invoices/<id>` (a record). */
const pathSegments: Record<RecordKind, string> = { invoice: 'invoices', purchase_order: 'purchase_orders' };
const kindOfSegment = new Map(Object.entries(pathSegments).map(([kind, segment]) => [segment, kind as RecordKind]));
const recordPath = /^\/([a-z_]+)(?:\/(\d+))?\/?$/;

/** The path of a record's detail page, as the page's own links have it: `/invoices/48212`. */
export const recordPagePath = ({ kind, id }: RecordRef) => `/${pathSegments[kind]}/${id}`;

export type SyncroPage = { view: 'list'; kind: RecordKind } | { view: 'detail'; record: RecordRef } | { view: 'other' };

/** What kind of Syncro page a URL is. */
export function classifyPage(url: URL): SyncroPage {
  return classifyPath(url.pathname);
}

function classifyPath(pathname: string): SyncroPage {
  const [, segment = '', id] = recordPath.exec(pathname) ?? [];
  const kind = kindOfSegment.get(segment);
  if (!kind) return { view: 'other' };
  return id === undefined ? { view: 'list', kind } : { view: 'detail', record: { kind, id: Number(id) } };
}

/** A link to a path on this site with nothing a URL parser would rewrite (no dot segment, escape or backslash). */
const plainSitePath = /^\/(?!\/)[\w/-]*(?=[?#]|$)/;

/** The record an anchor links to, if it is a same-site link to an invoice or PO detail page. */
export function recordOfLink(anchor: HTMLAnchorElement): RecordRef | null {
  const href = anchor.getAttribute('href');
  if (!href) return null;
  // The page's own links, classified without parsing a URL: on a long list that parsing is most of the cost.
  const path = plainSitePath.exec(href)?.[0];
  if (path !== undefined) {
    const page = classifyPath(path);
    return page.view === 'detail' ? page.record : null;
  }
  const url = new URL(href, anchor.ownerDocument.location?.href ?? 'https://invalid.example/');
  if (anchor.ownerDocument.location && url.origin !== anchor.ownerDocument.location.origin) return null;
  const page = classifyPage(url);
  return page.view === 'detail' ? page.record : null;
}

export interface ListRow {
  record: RecordRef;
  /** The element that stands for the record in the list (a table row, an ARIA row, a card…). */
  row: HTMLElement;
  anchor: HTMLAnchorElement;
}

const textOf = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

function linksToOtherRecords(element: Element, record: RecordRef): boolean {
  for (const anchor of element.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const other = recordOfLink(anchor);
    if (other?.kind === record.kind && other.id !== record.id) return true;
  }
  return false;
}

/**
 * The row of a record link: the nearest table row, `tr` or ARIA `role="row"`. Markup without rows (cards,
 * list items, bare divs) falls back to the widest ancestor that links to no other record of the kind: per
 * record one container, whatever wraps it. (With a single record on the page that is its whole list.)
 */
function rowOf(anchor: HTMLAnchorElement, record: RecordRef): HTMLElement {
  const row = anchor.closest<HTMLElement>('tr, [role="row"]');
  if (row) return row;
  let widest: HTMLElement = anchor;
  let parent = anchor.parentElement;
  while (parent && parent !== anchor.ownerDocument.body && !linksToOtherRecords(parent, record)) {
    widest = parent;
    parent = parent.parentElement;
  }
  return widest;
}

/** The rows that link to a record of `kind`, in page order, one per row (with the first such link in it). */
export function findListRows(root: ParentNode, kind: RecordKind): ListRow[] {
  const rows = new Map<HTMLElement, ListRow>();
  for (const anchor of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const record = recordOfLink(anchor);
    if (record?.kind !== kind) continue;
    const row = rowOf(anchor, record);
    if (!rows.has(row)) rows.set(row, { record, row, anchor });
  }
  return [...rows.values()];
}

/**
 * Follows a list while the page is parsed: each call gives the rows of `kind` whose record link arrived since the
 * last call, to badge each row as it arrives — the record links of `kind` in a table row or ARIA row, one per row.
 * The parser adds links in page order, so the new ones are those past the last seen; a link a script puts earlier
 * in the page, and rows of other markup (cards, list items: a card's extent is known only once the cards after
 * it are parsed), are left to findListRows once the page is parsed.
 */
export function followListRows(root: Document, kind: RecordKind): () => ListRow[] {
  let seen = 0;
  return () => {
    // A live collection, the same object at each call: only the links past `seen` are visited.
    const links = root.getElementsByTagName('a');
    const rows = new Map<HTMLElement, ListRow>();
    for (; seen < links.length; seen++) {
      const anchor = links[seen] as HTMLAnchorElement;
      const record = recordOfLink(anchor);
      if (record?.kind !== kind) continue;
      const row = anchor.closest<HTMLElement>('tr, [role="row"]');
      if (row && !rows.has(row)) rows.set(row, { record, row, anchor });
    }
    return [...rows.values()];
  };
}

const titlePrefixes: Record<RecordKind, string> = { invoice: 'Invoice #', purchase_order: 'Purchase Order #' };

/** The detail page's title: a heading of any level, tag or ARIA role, reading "Invoice #1001" / "Purchase Order #…". */
export function findDetailTitle(root: ParentNode, kind: RecordKind): HTMLElement | null {
  for (const heading of root.querySelectorAll<HTMLElement>('h1, h2, h3, [role="heading"]')) {
    if (textOf(heading).startsWith(titlePrefixes[kind])) return heading;
  }
  return null;
}

export interface ActionsMenu {
  /** The button that says "Actions". */
  toggle: HTMLElement;
  /** Where items go: the dropdown's list, or the ARIA menu while it is rendered (`null` while it is not). */
  menu: HTMLElement | null;
  /**
   * `dropdown`: a list beside the toggle, always in the page (Bootstrap). `aria`: a menu button whose menu
   * (named by its `aria-controls`) may live anywhere and exist only while open: look again once the toggle's
   * `aria-expanded` turns "true".
   */
  kind: 'dropdown' | 'aria';
}

/** The page's "Actions" menu, where a "Re-Sync to Xero" item belongs. */
export function findActionsMenu(root: ParentNode): ActionsMenu | null {
  for (const toggle of root.querySelectorAll<HTMLElement>('button, a, [role="button"]')) {
    if (textOf(toggle) !== 'Actions') continue;
    const controls = toggle.getAttribute('aria-controls');
    if (controls) return { toggle, menu: toggle.ownerDocument.getElementById(controls), kind: 'aria' };
    const list = [...(toggle.parentElement?.children ?? [])].find((sibling) =>
      sibling.matches('ul, ol, [role="menu"]'),
    );
    if (list) return { toggle, menu: list as HTMLElement, kind: 'dropdown' };
  }
  return null;
}

/**
 * Appends an item named `label` to an actions menu in the menu's own item markup: `<li><a href="#">` in a
 * list (with the roles its items carry), else an element like its other `role="menuitem"` items (a `div` when
 * it has none). The label is set as text. Returns the element to listen on (prevent the default of a click:
 * a link goes to "#").
 */
export function addActionsMenuItem(menu: HTMLElement, label: string): HTMLElement {
  const document = menu.ownerDocument;
  const copy = (from: Element | null | undefined, to: Element, names: string[]) => {
    for (const name of names) {
      const value = from?.getAttribute(name);
      if (value) to.setAttribute(name, value);
    }
  };
  if (menu.matches('ul, ol')) {
    const sample = [...menu.children].find((child) => child.localName === 'li' && child.querySelector('a'));
    const item = document.createElement('li');
    const link = item.appendChild(document.createElement('a'));
    copy(sample, item, ['role']);
    copy(sample?.querySelector('a'), link, ['role']);
    link.setAttribute('href', '#');
    link.textContent = label;
    menu.append(item);
    return link;
  }
  const sibling = menu.querySelector('[role="menuitem"]');
  const item = document.createElement(sibling?.localName ?? 'div');
  copy(sibling, item, ['class']);
  item.setAttribute('role', 'menuitem');
  item.setAttribute('tabindex', '-1');
  if (item.localName === 'a') item.setAttribute('href', '#');
  if (item.localName === 'button') item.setAttribute('type', 'button');
  item.textContent = label;
  (sibling?.parentElement ?? menu).append(item);
  return item;
}

/** The number a page prints for a record ("1001", "#1001", "Invoice #1001 Paid" → "1001"), if it looks like one. */
export function printedNumber(text: string | null | undefined, kind: RecordKind): string | undefined {
  const rest = (text ?? '').replace(/\s+/g, ' ').trim().replace(titlePrefixes[kind], '').replace(/^#\s*/, '');
  return /^[\w][\w.#/-]{0,49}/.exec(rest)?.[0];
}

/** The row's own selection checkbox, if the list offers one. */
export function rowCheckbox(row: HTMLElement): HTMLInputElement | null {
  return row.querySelector<HTMLInputElement>('input[type="checkbox"]');
}

/** The list the rows belong to (a table or ARIA grid/table), where a bulk action goes before. */
export function listOf(rows: ListRow[]): HTMLElement | null {
  const first = rows[0]?.row;
  return first?.closest<HTMLElement>('table, [role="table"], [role="grid"]') ?? first?.parentElement ?? null;
}
