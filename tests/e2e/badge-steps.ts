// What the badge specs look at on Syncro pages, in both markups the fake serves (Bootstrap tables and dropdowns;
// the "grid" SPA with ARIA rows, an ARIA menu button and a client re-render ~200 ms after load), and what they
// read back from the sandbox. Only the contract's names are used: `syncro-xero-badge` and its data attributes,
// `syncro-xero-bulk`, the "Actions" menu and its "Re-Sync to Xero" item.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import type { SandboxClient } from '../sandbox/client.ts';

export type Markup = 'bootstrap' | 'grid';
export type Kind = 'invoice' | 'purchase_order';
export type BadgeState = 'synced' | 'not-synced' | 'pending' | 'failed' | 'skipped' | 'off';

export const syncroOrigin = 'https://acme.syncromsp.com';

/** The seed: invoices 48201…48230 (numbers 1001…1030) and POs 901…905 (PO-1001…PO-1005). */
export const invoiceIds = Array.from({ length: 30 }, (_, i) => 48201 + i);
export const purchaseOrderIds = [901, 902, 903, 904, 905];
export const ZERO_INVOICE_REASON = '$0 invoice — syncs once marked paid';
export const REFUND_REASON = 'Refund — create it manually in both Syncro and Xero';
/** Customer 2006's business name, as the seed writes it (invoice 48212, number 1012). */
export const XSS_NAME = '<img src=x onerror=alert(1)><script>alert("xss")</script> Ltd';
/** A validation message as Xero words it, for the fake to answer one record with (admin.xeroRefuse). */
export const LOCK_DATE_MESSAGE =
  'The document date cannot be before the end of year lock date, currently set to 30 June 2026.';

export const badge = (page: Page, kind: Kind, id: number): Locator =>
  page.locator(`syncro-xero-badge[data-syncro-kind="${kind}"][data-syncro-id="${id}"]`);
export const invoiceBadge = (page: Page, id: number) => badge(page, 'invoice', id);
export const poBadge = (page: Page, id: number) => badge(page, 'purchase_order', id);

/** The bulk re-sync control on a list page, and its button (named "Re-Sync N selected|not synced to Xero"). */
export const bulk = (page: Page) => page.locator('syncro-xero-bulk');
export const bulkButton = (page: Page) =>
  bulk(page).getByRole('button', { name: /^Re-Sync \d+ (selected|not synced) to Xero$/ });

/** Opens a Syncro page; on the grid markup, waits until its client re-render has replaced the server's nodes. */
export async function openSyncro(page: Page, path: string, markup: Markup): Promise<void> {
  await page.goto(`${syncroOrigin}${path}`);
  if (markup === 'grid') await waitForGridRender(page);
}

export async function waitForGridRender(page: Page, view?: string): Promise<void> {
  const main = view ? `main#app[data-view="${view}"][data-rendered="client"]` : 'main#app[data-rendered="client"]';
  await expect(page.locator(main)).toBeAttached();
}

/** `data-xero-sync` of every badge of `kind` on the page, by record id (null while a badge has no state yet). */
export function badgeStates(page: Page, kind: Kind): Promise<Record<number, string | null>> {
  return page.evaluate((kind) => {
    const states: Record<number, string | null> = {};
    for (const host of document.querySelectorAll<HTMLElement>(`syncro-xero-badge[data-syncro-kind="${kind}"]`)) {
      states[Number(host.dataset.syncroId)] = host.getAttribute('data-xero-sync');
    }
    return states;
  }, kind);
}

/** Every record of `ids` in the given state, except those named in `except`. */
export function statesOf(ids: number[], state: BadgeState, except: Record<number, BadgeState> = {}) {
  return Object.fromEntries(ids.map((id) => [id, except[id] ?? state]));
}

/**
 * Per list row that links to a record of `kind` (a `tr` or an ARIA `row`): the record id from the link, and the
 * `kind:id` of each badge inside the row; plus how many badges the whole page holds.
 */
export function rowBadges(page: Page, kind: Kind) {
  return page.evaluate((kind) => {
    const path = kind === 'invoice' ? /^\/invoices\/(\d+)$/ : /^\/purchase_orders\/(\d+)$/;
    const rows = new Map<Element, number>();
    for (const anchor of document.querySelectorAll('a[href]')) {
      const id = path.exec(anchor.getAttribute('href') ?? '')?.[1];
      const row = id ? anchor.closest('tr, [role="row"]') : null;
      if (row && !rows.has(row)) rows.set(row, Number(id));
    }
    return {
      rows: [...rows].map(([row, id]) => ({
        id,
        badges: [...row.querySelectorAll<HTMLElement>('syncro-xero-badge')].map(
          (host) => `${host.dataset.syncroKind}:${host.dataset.syncroId}`,
        ),
      })),
      onPage: document.querySelectorAll('syncro-xero-badge').length,
    };
  }, kind);
}

/** One badge per list row, inside the row, for that row's record; and no badge elsewhere on the page. */
export async function expectOneBadgePerRow(page: Page, kind: Kind, ids: number[]): Promise<void> {
  const expected = {
    rows: [...ids].sort((a, b) => b - a).map((id) => ({ id, badges: [`${kind}:${id}`] })),
    onPage: ids.length,
  };
  await expect
    .poll(async () => {
      const found = await rowBadges(page, kind);
      return { ...found, rows: [...found.rows].sort((a, b) => b.id - a.id) };
    })
    .toEqual(expected);
}

/** A detail page: exactly one badge, for its record, beside (or just under) the title heading. */
export async function expectDetailBadge(page: Page, kind: Kind, id: number, title: RegExp): Promise<Locator> {
  const host = badge(page, kind, id);
  await expect(page.locator('syncro-xero-badge')).toHaveCount(1);
  await expect(host).toHaveCount(1);
  const heading = page.getByRole('heading', { name: title });
  await expect(heading).toBeVisible();
  const [near, far] = [await host.boundingBox(), await heading.boundingBox()];
  if (!near || !far) throw new Error('badge or title not laid out');
  const verticalGap = Math.max(0, near.y - (far.y + far.height), far.y - (near.y + near.height));
  expect(verticalGap, 'the badge sits beside or just under the title').toBeLessThanOrEqual(40);
  return host;
}

/** SYNCED with a link to the record in Xero. */
export async function expectSynced(host: Locator): Promise<void> {
  await expect(host).toHaveAttribute('data-xero-sync', 'synced');
  await expect(host).toContainText('SYNCED');
  await expect(host).not.toContainText('NOT SYNCED');
  await expect(host.getByRole('link', { name: 'View in Xero' })).toHaveAttribute(
    'href',
    /^https:\/\/go\.xero\.com\/.+/,
  );
}

export async function expectSkipped(host: Locator, reason: string): Promise<void> {
  await expect(host).toHaveAttribute('data-xero-sync', 'skipped');
  await expect(host).toContainText('SKIPPED');
  await expect(host).toContainText(reason);
  await expect(host.getByRole('link', { name: 'View in Xero' })).toHaveCount(0);
}

export async function expectFailed(host: Locator, message: string): Promise<void> {
  await expect(host).toHaveAttribute('data-xero-sync', 'failed');
  await expect(host).toContainText('FAILED');
  await expect(host).toContainText(message);
  await expect(host.getByRole('link', { name: 'View in Xero' })).toHaveCount(0);
}

/** Opens the page's "Actions" menu and activates "Re-Sync to Xero" (a dropdown link, or an ARIA menu item). */
export async function clickResync(page: Page, markup: Markup): Promise<void> {
  await page.getByRole('button', { name: 'Actions', exact: true }).click();
  const item =
    markup === 'grid'
      ? page.getByRole('menu').getByRole('menuitem', { name: 'Re-Sync to Xero', exact: true })
      : page.getByRole('listitem').getByRole('link', { name: 'Re-Sync to Xero', exact: true });
  await expect(item).toHaveCount(1);
  await item.click();
}

/** The first Xero organisation's invoices and purchase orders, as the fake renders them. */
export async function xeroRecords(admin: SandboxClient) {
  const { xero } = await admin.state<{
    xero: {
      organisations: Array<{
        invoices: Array<{ InvoiceID: string; Type: string; InvoiceNumber: string; Total: number; Status: string }>;
        purchaseOrders: Array<{ PurchaseOrderNumber: string; Status: string }>;
      }>;
    };
  }>();
  const organisation = xero.organisations[0];
  return {
    sales: (organisation?.invoices ?? []).filter((invoice) => invoice.Type === 'ACCREC'),
    bills: (organisation?.invoices ?? []).filter((invoice) => invoice.Type === 'ACCPAY'),
    purchaseOrders: organisation?.purchaseOrders ?? [],
  };
}

export const salesNumbers = async (admin: SandboxClient) =>
  (await xeroRecords(admin)).sales.map((invoice) => invoice.InvoiceNumber).sort();

/** Syncro's own total of an invoice (the API's decimal), from the sandbox state. */
export async function syncroInvoiceTotal(admin: SandboxClient, id: number): Promise<number> {
  const { syncro } = await admin.state<{
    syncro: { accounts: { acme: { invoices: Array<{ id: number; total: string }> } } };
  }>();
  return Number(syncro.accounts.acme.invoices.find((invoice) => invoice.id === id)?.total);
}

/** axe-core on our UI only (the badges and the bulk control), WCAG 2.x A/AA rules: no violations. */
export async function expectAccessible(page: Page, selectors = ['syncro-xero-badge', 'syncro-xero-bulk']) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  for (const selector of selectors) builder = builder.include(selector);
  const { violations } = await builder.analyze();
  const summary = violations.map((violation) => ({
    rule: violation.id,
    help: violation.help,
    nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
  }));
  expect(summary).toEqual([]);
}
