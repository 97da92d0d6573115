// lib/badge-snapshot.ts: what a page is told as it opens says, once decoded, exactly what was encoded — for every
// id, listed, covered or not — through JSON (how a port carries it), and stays small when records share a state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot, newestIds, type Snapshot, sameStatus } from '../../lib/badge-snapshot.ts';
import { type RecordStatus, syncStates } from '../../lib/sync-state.ts';

const status: fc.Arbitrary<RecordStatus> = fc.record(
  {
    state: fc.constantFrom(...syncStates),
    reason: fc.constantFrom('$0 invoice — syncs once marked paid', 'Xero said no', '', 'Too many requests'),
    xeroUrl: fc.oneof(
      fc.uuid().map((id) => `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${id}`),
      fc.uuid().map((id) => `https://go.xero.com/Accounts/Payable/PurchaseOrders/View/${id}`),
      fc.string(),
    ),
    syncedAt: fc.integer({ min: 0, max: 4_000_000_000_000 }),
    foundInXero: fc.boolean(),
  },
  { requiredKeys: ['state'] },
);

/** Mostly what a synced tenant has: SYNCED with the record's own link and time (one shape, many records). */
const entryStatus = fc.oneof(
  { weight: 1, arbitrary: status },
  {
    weight: 3,
    arbitrary: fc.record({
      state: fc.constant('synced' as const),
      xeroUrl: fc.uuid().map((id) => `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${id}`),
      syncedAt: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
    }),
  },
);

const snapshot: fc.Arbitrary<Snapshot & { entries: Array<[number, RecordStatus]> }> = fc.record({
  kind: fc.constantFrom('invoice' as const, 'purchase_order' as const),
  from: fc.integer({ min: 0, max: 200 }),
  common: status,
  // Small ids, so that runs of consecutive ids occur.
  entries: fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 250 }), entryStatus), {
    selector: ([id]) => id,
    maxLength: 200,
  }),
});

const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('snapshot encoding', () => {
  it('decodes to each listed status, the common status from `from` up, and nothing below', () => {
    fc.assert(
      fc.property(snapshot, (input) => {
        const view = decodeSnapshot(throughJson(encodeSnapshot(input)));
        const listed = new Map(input.entries);
        expect(view.kind).toBe(input.kind);
        for (let id = 0; id <= 260; id++) {
          const expected = listed.get(id) ?? (id >= input.from ? input.common : undefined);
          expect(view.status(id), `id ${id}`).toEqual(expected);
        }
      }),
    );
  });

  it('does not depend on the order the entries come in', () => {
    fc.assert(
      fc.property(
        snapshot.chain((input) =>
          fc.tuple(fc.constant(input), fc.shuffledSubarray(input.entries, { minLength: input.entries.length })),
        ),
        ([input, shuffled]) => {
          expect(encodeSnapshot({ ...input, entries: shuffled })).toEqual(encodeSnapshot(input));
        },
      ),
    );
  });

  it('holds one run per stretch of consecutive ids in one state, whatever their own links and times', () => {
    // Xero's ids share nothing: a different GUID per invoice.
    const guid = (i: number) => {
      const hex = Array.from({ length: 4 }, (_, part) => ((i + 1) * 2_654_435_761 * (part + 7)) % 2 ** 32)
        .map((word) => word.toString(16).padStart(8, '0'))
        .join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    };
    const synced = Array.from({ length: 1_000 }, (_, i): [number, RecordStatus] => [
      48_201 + i,
      {
        state: 'synced',
        xeroUrl: `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${guid(i)}`,
        syncedAt: 1_800_000_000_000 + i * 1_500,
      },
    ]);
    const failed: [number, RecordStatus] = [49_300, { state: 'failed', reason: 'Xero said no' }];
    const encoded = encodeSnapshot({
      kind: 'invoice',
      from: 48_000,
      common: { state: 'not-synced' },
      entries: [...synced, failed],
    });
    expect(encoded.runs).toEqual([48_201, 1_000, 0, 49_300 - 49_200, 1, 1]);
    expect(encoded.urlPrefix).toBe('https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=');
    expect(encoded.times.slice(0, 3)).toEqual([1_800_000_000_000, 1_500, 1_500]);
    // A thousand synced invoices, each with its own link (a GUID) and time, in under 50 bytes each.
    expect(JSON.stringify(encoded).length).toBeLessThan(1_000 * 50);
    expect(decodeSnapshot(encoded).status(48_700)).toEqual(synced[499]?.[1]);
  });

  it('with syncing off, is the common status alone', () => {
    const off: RecordStatus = { state: 'off', reason: 'Purchase order syncing is disabled' };
    const encoded = encodeSnapshot({ kind: 'purchase_order', from: 0, common: off, entries: [] });
    expect(JSON.stringify(encoded).length).toBeLessThan(200);
    expect(decodeSnapshot(encoded).status(903)).toEqual(off);
  });
});

describe('sameStatus', () => {
  it('is equality of what a badge shows', () => {
    fc.assert(
      fc.property(status, status, (a, b) => {
        expect(sameStatus(a, b)).toBe(
          JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort()),
        );
        expect(sameStatus(a, { ...a })).toBe(true);
      }),
    );
  });
});

describe('newestIds', () => {
  it('keeps the newest distinct ids up to the bound, and every id from `from` up is kept', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 })), fc.integer({ min: 0, max: 50 }), (ids, limit) => {
        const { ids: kept, from } = newestIds(ids, limit);
        const distinct = new Set(ids);
        expect(kept.length).toBe(Math.min(limit, distinct.size));
        expect(new Set(kept).size).toBe(kept.length);
        for (const id of distinct) expect(kept.includes(id), `id ${id}`).toBe(id >= from);
      }),
    );
  });
});
