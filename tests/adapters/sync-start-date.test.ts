// The optional sync start date: older invoices stay out of Xero (and say why when pushed by hand), while those
// already in Xero keep being updated. Its own file: a fresh Xero rate window, not the one the change tests used.
import { describe, expect, it } from 'vitest';
import { getLink } from '../../lib/storage/links.ts';
import { enqueue } from '../../lib/storage/outbox.ts';
import { loadSettings, saveSettings } from '../../lib/storage/store.ts';
import { connectedInstall, processLocks, runUntilIdle, useSandbox } from './harness.ts';

const { admin } = useSandbox();
const locks = processLocks();

async function run(kind: string, key: string) {
  await enqueue(kind, key, Date.now());
  await runUntilIdle(locks);
}

/** The seed dates invoices relative to the sandbox's clock: read them rather than assume today's date. */
async function syncroInvoiceDates(): Promise<Map<number, string>> {
  const state = await admin().state<{
    syncro: { accounts: { acme: { invoices: Array<{ id: number; date: number }> } } };
  }>();
  return new Map(
    state.syncro.accounts.acme.invoices.map((invoice) => [
      invoice.id,
      new Date(invoice.date).toISOString().slice(0, 10),
    ]),
  );
}

const dayAfter = (isoDate: string) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

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
    const dates = await syncroInvoiceDates();
    // The start date falls the day after invoice 1008 (48208): 1007 and 1008 are older, 1014 newer.
    const startDate = dayAfter(dates.get(48208) ?? '');
    expect((dates.get(48207) ?? '') < startDate).toBe(true);
    expect((dates.get(48214) ?? '') >= startDate).toBe(true);
    await run('invoice', '48208'); // older than the start date, in Xero before the start date is set
    await saveSettings({ ...(await loadSettings()), syncFromDate: startDate });
    await run('sync-all', 'all');

    const numbers = (await salesInvoices()).map((invoice) => invoice.InvoiceNumber);
    expect(numbers).toContain('1014'); // after the start date
    expect(numbers).toContain('1008'); // already in Xero
    expect(numbers).not.toContain('1007'); // before it
    expect(numbers).not.toContain('1015'); // a year before it
    expect(await getLink('invoice', 48207)).toBeUndefined(); // not even read

    await run('invoice', '48207'); // a technician's Re-Sync: the reason is recorded, nothing written
    expect(await getLink('invoice', 48207)).toMatchObject({
      state: 'skipped',
      reason: `Dated before the sync start date (${startDate}) — change the start date in the popup to include it`,
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
