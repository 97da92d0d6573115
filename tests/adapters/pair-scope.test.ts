// State belongs to one pair, a Syncro subdomain with a Xero organisation: what was learnt with acme's Syncro is
// never applied to beta's, switching asks first (naming both pairs), and switching back finds acme's state intact.
import { beforeEach, describe, expect, it } from 'vitest';
import { getImports } from '../../lib/payments/imports.ts';
import { getLink, getLinks, putLink } from '../../lib/storage/links.ts';
import { enqueue, queuedAmong } from '../../lib/storage/outbox.ts';
import { countRecords, loadGrant, loadSyncro, saveGrant } from '../../lib/storage/store.ts';
import { tenantIdFor } from '../sandbox/xero/seed.ts';
import { clientId, connectedInstall, processLocks, runUntilIdle, testPopup, useSandbox } from './harness.ts';
import { installLocks } from './install.ts';

const { admin } = useSandbox();
const locks = processLocks();
installLocks(); // a pair change waits for the outbox's Web Lock, as in the browser

const saved: string[] = [];
const popup = testPopup({
  defaultClientId: clientId,
  onSyncroSaved: async (subdomain) => {
    saved.push(subdomain);
  },
});

const acmeWithAcmeLtd = 'acme.syncromsp.com with Acme MSP Ltd';
const betaWithAcmeLtd = 'beta.syncromsp.com with Acme MSP Ltd';

/** A second Syncro account, beta: its own token, two customers, and invoices 48201–48204 (ids acme has too). */
async function betaAccount(): Promise<void> {
  await admin().admin('POST', '/syncro/tokens', { subdomain: 'beta', token: 'beta-token' });
  for (const name of ['Beta One Ltd', 'Beta Two Ltd']) {
    await admin().admin('POST', '/syncro/customers', { subdomain: 'beta', business_name: name });
  }
  for (let i = 1; i <= 4; i++) {
    await admin().admin('POST', '/syncro/invoices', {
      subdomain: 'beta',
      customer_id: 2002, // Beta Two Ltd: no customer of acme's invoice 48204
      number: `B-${i}`,
      line_items: [{ item: 'Labour', name: 'Remote support', price: '400.00', quantity: 1 }],
    });
  }
}

const saveSyncro = (subdomain: string, token: string, confirmPairChange?: boolean) =>
  popup['syncro.save']({ type: 'syncro.save', subdomain, token, ...(confirmPairChange ? { confirmPairChange } : {}) });

beforeEach(() => {
  saved.length = 0;
});

describe('one pair at a time', () => {
  it('asks before another subdomain, saving nothing; once confirmed, the other pair sees none of acme’s state', async () => {
    await connectedInstall();
    await betaAccount();
    await enqueue('invoice', '48201', Date.now());
    await putLink({ kind: 'invoice', syncroId: 48202, xeroId: 'x-48202', state: 'synced' }, Date.now());

    const asked = await saveSyncro('beta', 'beta-token');
    expect(asked).toEqual({
      ok: false,
      error: `Switch from ${acmeWithAcmeLtd} to ${betaWithAcmeLtd}? Each pair keeps its own links, queue and history; switching back to ${acmeWithAcmeLtd} finds them intact.`,
      confirm: { from: acmeWithAcmeLtd, to: betaWithAcmeLtd },
    });
    expect((await loadSyncro())?.subdomain).toBe('acme');
    expect(saved).toEqual([]);
    expect((await countRecords()).pending).toBe(1);

    expect(await saveSyncro('beta', 'beta-token', true)).toEqual({
      ok: true,
      message: `Connected to Syncro as Demo Tech. Now syncing ${betaWithAcmeLtd}.`,
    });
    expect(await loadSyncro()).toMatchObject({ subdomain: 'beta', token: 'beta-token' });
    expect(saved).toEqual(['beta']);
    expect(await countRecords()).toEqual({ pending: 0, failed: 0, skipped: 0 });
    expect(await getLinks(['invoice:48202'])).toEqual(new Map());
    expect(await queuedAmong([['invoice', '48201']])).toEqual(new Set());
    await enqueue('invoice', '48203', Date.now()); // beta's own work

    // A new token for the same subdomain is no change of pair: no question.
    expect(await saveSyncro('beta', 'beta-token')).toMatchObject({ ok: true });

    // Back to acme: asked again, naming both; acme's link and queue are there, beta's job is not.
    expect(await saveSyncro('acme', 'demo-token')).toMatchObject({
      ok: false,
      confirm: { from: betaWithAcmeLtd, to: acmeWithAcmeLtd },
    });
    expect(await saveSyncro('acme', 'demo-token', true)).toMatchObject({ ok: true });
    expect((await getLink('invoice', 48202))?.xeroId).toBe('x-48202');
    expect(
      await queuedAmong([
        ['invoice', '48201'],
        ['invoice', '48203'],
      ]),
    ).toEqual(new Set(['invoice:48201']));
    expect((await countRecords()).pending).toBe(1);
  });

  it('does not import a Xero payment on an invoice pushed from acme into beta’s invoice with the same id', {
    timeout: 120_000,
  }, async () => {
    await connectedInstall({ importPayments: true, importPaymentMethod: 'Bank Transfer' });
    await betaAccount();
    await enqueue('invoice', '48204', Date.now());
    await runUntilIdle(locks);
    const pushed = await getLink('invoice', 48204);
    expect(pushed?.state).toBe('synced');
    const payment = await admin().admin<{ PaymentID: string }>('POST', '/xero/payments', {
      invoiceId: pushed?.xeroId,
      amountCents: 10_000,
    });

    expect(await saveSyncro('beta', 'beta-token', true)).toMatchObject({ ok: true });
    await enqueue('payment-poll', 'all', Date.now());
    await runUntilIdle(locks);
    const betaPayments = await admin().admin<{ payments: unknown[] }>('GET', '/syncro/payments?subdomain=beta');
    expect(betaPayments.payments).toEqual([]);
    expect((await getImports([payment.PaymentID])).get(payment.PaymentID)?.state).not.toBe('applied');

    // In acme's pair the payment goes where it belongs: its cursor never saw it, its link is intact.
    expect(await saveSyncro('acme', 'demo-token', true)).toMatchObject({ ok: true });
    await enqueue('payment-poll', 'all', Date.now());
    await runUntilIdle(locks);
    const acmePayments = await admin().admin<{ payments: Array<{ ref_num?: string; invoice_ids?: number[] }> }>(
      'GET',
      '/syncro/payments?subdomain=acme',
    );
    expect(acmePayments.payments.find((each) => each.ref_num === `XERO-${payment.PaymentID}`)?.invoice_ids).toEqual([
      48204,
    ]);
    expect(await admin().violations()).toEqual([]);
  });
});

describe('the Xero side of the pair', () => {
  const first = tenantIdFor(1);
  const second = tenantIdFor(2);

  /** A connected install whose sign-in shared both of the sandbox's organisations (the first one chosen). */
  async function connectedToBoth(): Promise<void> {
    await admin().admin('POST', '/xero/config', { organisations: 2 });
    await connectedInstall();
    const grant = await loadGrant();
    if (!grant) throw new Error('no grant');
    const organisations = [
      { tenantId: first, name: 'Acme MSP Ltd' },
      { tenantId: second, name: 'Acme MSP (NZ) Ltd' },
    ];
    await saveGrant({ ...grant, organisations });
  }

  it('asks before another organisation, then works in that pair', async () => {
    await connectedToBoth();
    await enqueue('invoice', '48201', Date.now());

    const choose = (tenantId: string, confirmPairChange?: boolean) =>
      popup['xero.chooseOrganisation']({
        type: 'xero.chooseOrganisation',
        tenantId,
        ...(confirmPairChange ? { confirmPairChange } : {}),
      });
    expect(await choose(second)).toMatchObject({
      ok: false,
      confirm: { from: acmeWithAcmeLtd, to: 'acme.syncromsp.com with Acme MSP (NZ) Ltd' },
    });
    expect((await loadGrant())?.tenantId).toBe(first);
    expect(await choose(second, true)).toMatchObject({ ok: true });
    expect((await loadGrant())?.tenantId).toBe(second);
    expect((await countRecords()).pending).toBe(0);
    expect(await choose(first, true)).toMatchObject({ ok: true });
    expect((await countRecords()).pending).toBe(1);
  });

  it('connecting again keeps the pair’s organisation when the sign-in shares it, else leaves the choice to the person', async () => {
    await connectedToBoth();
    const connect = () => popup['xero.connect']({ type: 'xero.connect', clientId });
    // The pair's organisation is the second one the sign-in lists: kept, no question.
    expect(
      await popup['xero.chooseOrganisation']({
        type: 'xero.chooseOrganisation',
        tenantId: second,
        confirmPairChange: true,
      }),
    ).toMatchObject({ ok: true });
    await popup['xero.disconnect']({ type: 'xero.disconnect' });
    expect(await connect()).toEqual({ ok: true, message: 'Connected to Xero: Acme MSP (NZ) Ltd' });
    expect((await loadGrant())?.tenantId).toBe(second);

    // A sign-in that no longer shares it: connected, no organisation chosen, and choosing one asks.
    await popup['xero.disconnect']({ type: 'xero.disconnect' });
    await admin().admin('POST', '/xero/config', { organisations: 1 });
    expect(await connect()).toEqual({
      ok: true,
      message:
        'Connected to Xero, but Acme MSP (NZ) Ltd is not among the organisations this sign-in shared: choose the Xero organisation to sync with.',
    });
    const unchosen = await loadGrant();
    expect(unchosen?.state).toBe('connected');
    expect(unchosen?.tenantId).toBeUndefined();
    expect((await popup.status({ type: 'status' })).xero.organisations).toEqual([
      { tenantId: first, name: 'Acme MSP Ltd' },
    ]);
    expect(await popup['xero.chooseOrganisation']({ type: 'xero.chooseOrganisation', tenantId: first })).toMatchObject({
      ok: false,
      confirm: { from: 'acme.syncromsp.com with Acme MSP (NZ) Ltd', to: acmeWithAcmeLtd },
    });
  });
});
