// The badge status of records from what the sync recorded (CONTRACT.md, "Badge states").
import { describe, expect, it } from 'vitest';
import { recordStatuses, type StatusContext } from '../../lib/status.ts';
import type { Link } from '../../lib/storage/db.ts';

const link = (fields: Partial<Link> & Pick<Link, 'syncroId'>): Link => ({
  kind: 'invoice',
  key: `invoice:${fields.syncroId}`,
  state: 'synced',
  updatedAt: 1_800_000_000_000,
  ...fields,
});

const context = (fields: Partial<StatusContext> = {}): StatusContext => ({
  xero: 'connected',
  offReasons: {},
  links: new Map(),
  queued: new Set(),
  ...fields,
});

describe('recordStatuses', () => {
  it('says when a synced record was synced, and links to it', () => {
    const links = new Map([['invoice:1', link({ syncroId: 1, xeroUrl: 'https://go.xero.com/x' })]]);
    expect(recordStatuses([{ kind: 'invoice', id: 1 }], context({ links }))).toEqual({
      'invoice:1': { state: 'synced', xeroUrl: 'https://go.xero.com/x', syncedAt: 1_800_000_000_000 },
    });
  });

  it('shows a record another install pushed as synced (found by number), but not over what this install knows', () => {
    const foundInXero = new Map([
      ['invoice:2', 'https://go.xero.com/2'],
      ['invoice:3', 'https://go.xero.com/3'],
    ]);
    const links = new Map([['invoice:3', link({ syncroId: 3, state: 'failed', reason: 'Xero said no' })]]);
    const statuses = recordStatuses(
      [
        { kind: 'invoice', id: 2 },
        { kind: 'invoice', id: 3 },
      ],
      context({ foundInXero, links }),
    );
    expect(statuses['invoice:2']).toEqual({ state: 'synced', xeroUrl: 'https://go.xero.com/2', foundInXero: true });
    expect(statuses['invoice:3']).toEqual({ state: 'failed', reason: 'Xero said no' });
  });

  it('puts queued before recorded, and connection and PO switch before both', () => {
    const links = new Map([['invoice:4', link({ syncroId: 4 })]]);
    const queued = new Set(['invoice:4']);
    expect(recordStatuses([{ kind: 'invoice', id: 4 }], context({ links, queued }))['invoice:4']).toEqual({
      state: 'pending',
    });
    expect(recordStatuses([{ kind: 'invoice', id: 4 }], context({ links, xero: 'disconnected' }))['invoice:4']).toEqual(
      { state: 'off', reason: 'Xero not connected' },
    );
    expect(
      recordStatuses(
        [{ kind: 'purchase_order', id: 5 }],
        context({ offReasons: { purchase_order: 'Purchase order syncing is disabled' } }),
      )['purchase_order:5'],
    ).toEqual({ state: 'off', reason: 'Purchase order syncing is disabled' });
  });
});
