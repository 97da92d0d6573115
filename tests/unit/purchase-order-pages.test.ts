// Finding Syncro's newest POs whatever the list's order: which pages a change tick reads, and what it remembers.
import { describe, expect, it } from 'vitest';
import {
  orderOf,
  type PageMemory,
  type PurchaseOrderPage,
  parseMemory,
  readAllPages,
  readRecentPages,
} from '../../lib/sync/purchase-order-pages.ts';

const perPage = 20;

/** A PO list of ids 1..count, 20 a page, in the given order; records which pages were read. */
function list(count: number, order: 'oldest-first' | 'newest-first', meta = true) {
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  if (order === 'newest-first') ids.reverse();
  const reads: number[] = [];
  const readPage = async (page: number): Promise<PurchaseOrderPage> => {
    reads.push(page);
    const orders = ids.slice((page - 1) * perPage, page * perPage).map((id) => ({
      id,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    }));
    return { orders, pageSize: perPage, ...(meta ? { totalPages: Math.ceil(count / perPage) } : {}) };
  };
  return { readPage, reads };
}

const idsRead = (result: Awaited<ReturnType<typeof readRecentPages>>) =>
  result === 'unordered' ? [] : result.pages.flatMap((page) => page.orders.map((po) => po.id));

describe('orderOf', () => {
  it('reads rising, falling, mixed, and too few ids', () => {
    expect(orderOf([3, 7, 9])).toBe('ascending');
    expect(orderOf([9, 7, 3])).toBe('descending');
    expect(orderOf([3, 9, 7])).toBe('unordered');
    expect(orderOf([4, 4])).toBe('unordered');
    expect(orderOf([5])).toBeUndefined();
    expect(orderOf([])).toBeUndefined();
  });
});

describe('readRecentPages', () => {
  it('oldest first: reads page 1 and the last page once, then the last page alone', async () => {
    const first = list(45, 'oldest-first');
    const learnt = await readRecentPages(first.readPage, undefined);
    expect(first.reads).toEqual([1, 3]);
    expect(idsRead(learnt)).toContain(45);
    const memory = (learnt as { memory: PageMemory }).memory;
    expect(memory).toEqual({ order: 'ascending', lastPage: 3 });

    const quiet = list(45, 'oldest-first');
    expect(idsRead(await readRecentPages(quiet.readPage, memory))).toContain(45);
    expect(quiet.reads).toEqual([3]);

    // 20 POs more: the page remembered and the new one, which holds only new POs.
    const grown = list(65, 'oldest-first');
    const after = await readRecentPages(grown.readPage, memory);
    expect(grown.reads).toEqual([3, 4]);
    expect(idsRead(after)).toEqual(expect.arrayContaining([46, 65]));
    expect((after as { memory: PageMemory }).memory).toEqual({ order: 'ascending', lastPage: 4 });
  });

  it('newest first: page 1 alone', async () => {
    const first = list(45, 'newest-first');
    const learnt = await readRecentPages(first.readPage, undefined);
    expect(first.reads).toEqual([1]);
    expect(idsRead(learnt)[0]).toBe(45);
    expect((learnt as { memory: PageMemory }).memory).toEqual({ order: 'descending', lastPage: 1 });
  });

  it('a last page remembered from before the order was known, in a list newest first: page 1 as well', async () => {
    const found = list(45, 'newest-first');
    const result = await readRecentPages(found.readPage, { lastPage: 3 });
    expect(found.reads).toEqual([3, 1]);
    expect(idsRead(result)).toContain(45);
  });

  it('gives up on reading a few pages when a page contradicts the order remembered, or has none', async () => {
    const flipped = list(45, 'newest-first');
    expect(await readRecentPages(flipped.readPage, { order: 'ascending', lastPage: 3 })).toBe('unordered');
    const shuffled = async (): Promise<PurchaseOrderPage> => ({
      orders: [5, 1, 9].map((id) => ({ id, created_at: '2026-01-01', updated_at: '2026-01-01' })),
      totalPages: 1,
      pageSize: perPage,
    });
    expect(await readRecentPages(shuffled, undefined)).toBe('unordered');
  });

  it('without meta (the swagger documents none on the PO list): a page shorter than 20 is the last', async () => {
    const found = list(45, 'oldest-first', false);
    const result = await readRecentPages(found.readPage, { order: 'ascending', lastPage: 3 });
    expect(found.reads).toEqual([3]);
    expect((result as { memory: PageMemory }).memory).toEqual({ order: 'ascending', lastPage: 3 });

    // A full last page: only the next one says whether POs were added.
    const full = list(40, 'oldest-first', false);
    await readRecentPages(full.readPage, { order: 'ascending', lastPage: 2 });
    expect(full.reads).toEqual([2, 3]);

    // Nothing remembered: page by page to the short one.
    const fresh = list(45, 'oldest-first', false);
    expect((await readRecentPages(fresh.readPage, undefined)) as { memory: PageMemory }).toMatchObject({
      memory: { order: 'ascending', lastPage: 3 },
    });
    expect(fresh.reads).toEqual([1, 2, 3]);

    // The list shrank below the page remembered: back to its end.
    const shrunk = list(30, 'oldest-first', false);
    const back = await readRecentPages(shrunk.readPage, { order: 'ascending', lastPage: 3 });
    expect(shrunk.reads).toEqual([3, 2]);
    expect(idsRead(back)).toContain(30);
    expect((back as { memory: PageMemory }).memory).toEqual({ order: 'ascending', lastPage: 2 });
  });
});

describe('readAllPages', () => {
  it('reads every page and remembers the order and the last page', async () => {
    const all = list(45, 'oldest-first');
    const result = await readAllPages(all.readPage);
    expect(all.reads).toEqual([1, 2, 3]);
    expect(result.pages.flatMap((page) => page.orders)).toHaveLength(45);
    expect(result.memory).toEqual({ order: 'ascending', lastPage: 3 });
    const empty = await readAllPages(list(0, 'oldest-first').readPage);
    expect(empty.memory).toEqual({ lastPage: 1 });
  });

  it('without meta, stops at the first page shorter than 20', async () => {
    const all = list(45, 'oldest-first', false);
    expect((await readAllPages(all.readPage)).memory).toEqual({ order: 'ascending', lastPage: 3 });
    expect(all.reads).toEqual([1, 2, 3]);
  });
});

describe('parseMemory', () => {
  it('reads what was stored and refuses anything else', () => {
    expect(parseMemory(JSON.stringify({ order: 'ascending', lastPage: 3 }))).toEqual({
      order: 'ascending',
      lastPage: 3,
    });
    expect(parseMemory(JSON.stringify({ lastPage: 2 }))).toEqual({ lastPage: 2 });
    for (const bad of [undefined, '', 'nope', '{"lastPage":0}', '{"lastPage":2,"order":"sideways"}', 'null']) {
      expect(parseMemory(bad)).toBeUndefined();
    }
  });
});
