// lib/drift.ts: the comparison of a synced invoice's two copies — a drift only where the figures it can see
// differ, both figures as they are, and the words a person reads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot, sameStatus } from '../../lib/badge-snapshot.ts';
import { compareInvoice, driftFigures, driftWarning } from '../../lib/drift.ts';
import { recordStatuses } from '../../lib/status.ts';
import type { Link } from '../../lib/storage/db.ts';

const cents = fc.integer({ min: 0, max: 10_000_000 });

describe('compareInvoice', () => {
  it('finds a balance drift when Syncro is paid and Xero still has something due, with both figures', () => {
    expect(compareInvoice({ totalCents: 12_000, paid: true }, { totalCents: 12_000, amountDueCents: 12_000 })).toEqual({
      kind: 'balance',
      xeroCents: 12_000,
      syncroCents: 0,
    });
  });

  it('asks for Syncro’s balance when Xero shows part paid and Syncro is not marked paid', () => {
    expect(compareInvoice({ totalCents: 12_000, paid: false }, { totalCents: 12_000, amountDueCents: 0 })).toBe(
      'needs-balance',
    );
    expect(
      compareInvoice(
        { totalCents: 12_000, paid: false, balanceCents: 12_000 },
        { totalCents: 12_000, amountDueCents: 0, currency: 'NZD' },
      ),
    ).toEqual({ kind: 'balance', xeroCents: 0, syncroCents: 12_000, currency: 'NZD' });
  });

  it('claims nothing where it cannot see: an open invoice Xero shows wholly due, a balance that is unknown', () => {
    expect(compareInvoice({ totalCents: 500, paid: false }, { totalCents: 500, amountDueCents: 500 })).toBeUndefined();
    expect(
      compareInvoice({ totalCents: 500, paid: false, balanceCents: 'unknown' }, { totalCents: 500, amountDueCents: 0 }),
    ).toBeUndefined();
  });

  it('reports a different total before any balance', () => {
    fc.assert(
      fc.property(cents, cents, cents, fc.boolean(), (syncroTotal, xeroTotal, due, paid) => {
        fc.pre(syncroTotal !== xeroTotal);
        const found = compareInvoice({ totalCents: syncroTotal, paid }, { totalCents: xeroTotal, amountDueCents: due });
        expect(found).toEqual({ kind: 'total', xeroCents: xeroTotal, syncroCents: syncroTotal });
      }),
    );
  });

  it('with equal totals and a known balance: a drift exactly when the balances differ, carrying them as they are', () => {
    fc.assert(
      fc.property(cents, cents, cents, (total, balance, due) => {
        const found = compareInvoice(
          { totalCents: total, paid: false, balanceCents: balance },
          { totalCents: total, amountDueCents: due },
        );
        if (balance === due) expect(found).toBeUndefined();
        else expect(found).toEqual({ kind: 'balance', xeroCents: due, syncroCents: balance });
      }),
    );
  });

  it('a paid Syncro invoice agrees exactly when Xero has nothing due', () => {
    fc.assert(
      fc.property(cents, cents, (total, due) => {
        const found = compareInvoice({ totalCents: total, paid: true }, { totalCents: total, amountDueCents: due });
        expect(found === undefined).toBe(due === 0);
      }),
    );
  });
});

describe('the words', () => {
  it('show both figures in the organisation’s currency, and what to check', () => {
    const drift = { kind: 'balance' as const, xeroCents: 12_000, syncroCents: 0, currency: 'USD' };
    expect(driftFigures(drift, 'en-US')).toBe('Xero: $120.00 due · Syncro: $0.00 due');
    expect(driftWarning(drift, 'en-US')).toBe(
      'Balance differs — Xero: $120.00 due · Syncro: $0.00 due: check the payments and credit notes in both',
    );
    expect(driftFigures({ kind: 'total', xeroCents: 10_050, syncroCents: 10_000, currency: 'NZD' }, 'en-NZ')).toBe(
      'Xero: $100.50 · Syncro: $100.00',
    );
  });
});

describe('a drift on its way to the badge', () => {
  const drift = { kind: 'balance' as const, xeroCents: 0, syncroCents: 12_000, currency: 'USD' };
  const link = (syncroId: number, state: Link['state'], withDrift: boolean): Link => ({
    key: `invoice:${syncroId}`,
    kind: 'invoice',
    syncroId,
    state,
    updatedAt: 1_800_000_000_000,
    ...(withDrift ? { drift: { ...drift, checkedAt: 1_800_000_100_000 } } : {}),
  });

  it('is carried by a synced record’s status, without when it was checked, and by no other state', () => {
    const links = new Map([
      ['invoice:1', link(1, 'synced', true)],
      ['invoice:2', link(2, 'failed', true)],
      ['invoice:3', link(3, 'synced', false)],
    ]);
    const statuses = recordStatuses(
      [1, 2, 3].map((id) => ({ kind: 'invoice' as const, id })),
      { xero: 'connected', offReasons: {}, links, queued: new Set() },
    );
    expect(statuses['invoice:1']?.drift).toEqual(drift);
    expect(statuses['invoice:2']?.drift).toBeUndefined();
    expect(statuses['invoice:3']?.drift).toBeUndefined();
  });

  it('survives the page snapshot, and a changed figure is a changed status', () => {
    const drifted = { state: 'synced' as const, syncedAt: 5, drift };
    const view = decodeSnapshot(
      encodeSnapshot({
        kind: 'invoice',
        from: 1,
        common: { state: 'not-synced' },
        entries: [
          [1, { state: 'synced', syncedAt: 4 }],
          [2, drifted],
          [3, { state: 'synced', syncedAt: 6 }],
        ],
      }),
    );
    expect(view.status(2)).toEqual(drifted);
    expect(view.status(1)?.drift).toBeUndefined();
    expect(view.status(3)?.drift).toBeUndefined();
    expect(sameStatus(drifted, { ...drifted, drift: { ...drift } })).toBe(true);
    expect(sameStatus(drifted, { ...drifted, drift: { ...drift, syncroCents: 11_999 } })).toBe(false);
    expect(sameStatus(drifted, { state: 'synced', syncedAt: 5 })).toBe(false);
  });
});
