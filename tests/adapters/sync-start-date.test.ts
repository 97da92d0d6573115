// The optional sync start date: older invoices stay out of Xero (and say why when pushed by hand), while those
// already in Xero keep being updated. Its own file: a fresh Xero rate window, not the one the change tests used.
import { describe, expect, it } from 'vitest';
import { enqueue } from '../../lib/jobs/outbox.ts';
import { loadSettings, saveSettings } from '../../lib/store.ts';
import { getLink } from '../../lib/sync/links.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

async function run(kind: string, key: string) {
  await enqueue(kind, key, Date.now());
  await runUntilIdle(locks);
}

async function salesInvoices() {
  const state = await admin().state<{
    xero: { organisations: Array<{ invoices: Array<{ Type: string; InvoiceNumber: string; Total: number }> }> };
  }>();
  return (state.xero.organisations[0]?.invoices ?? []).filter((invoice) => invoice.Type === 'ACCREC');
}

describe('the sync start date', () => {
  it('leaves out invoices dated before it, explains why on Re-Sync, and keeps invoices already in Xero updated', {
    timeout: 90_000,
  }, async () => {
    await connectedInstall();
    await run('invoice', '48208'); // dated 2026-11-09, in Xero before the start date is set
    await saveSettings({ ...(await loadSettings()), syncFromDate: '2026-11-10' });
    await run('sync-all', 'all');

    const numbers = (await salesInvoices()).map((invoice) => invoice.InvoiceNumber);
    expect(numbers).toContain('1014'); // 2026-11-21
    expect(numbers).toContain('1008'); // already in Xero
    expect(numbers).not.toContain('1007'); // 2026-11-07
    expect(numbers).not.toContain('1015'); // 2025-11-26
    expect(await getLink('invoice', 48207)).toBeUndefined(); // not even read

    await run('invoice', '48207'); // a technician's Re-Sync: the reason is recorded, nothing written
    expect(await getLink('invoice', 48207)).toMatchObject({
      state: 'skipped',
      reason: 'Dated before the sync start date (2026-11-10) — change the start date in the popup to include it',
    });

    await admin().admin('POST', '/syncro/invoices/48208', { line_items: [{ product_id: 501, quantity: 1 }] });
    await run('changes', 'tick');
    const updated = (await salesInvoices()).filter((invoice) => invoice.InvoiceNumber === '1008');
    expect(updated).toHaveLength(1);
    expect(await getLink('invoice', 48208)).toMatchObject({ state: 'synced' });
    const state = await admin().state<{
      syncro: { accounts: { acme: { invoices: Array<{ id: number; total: string }> } } };
    }>();
    const total = state.syncro.accounts.acme.invoices.find((invoice) => invoice.id === 48208)?.total;
    expect(updated[0]?.Total).toBe(Number(total));
  });
});
