import { describe, expect, it } from 'vitest';
import { readOnce } from '../../lib/read-once.ts';

describe('readOnce', () => {
  it('reads each key once, however many ask, and at the same time', async () => {
    const asked: number[] = [];
    const read = readOnce(async (id: number) => {
      asked.push(id);
      return id * 2;
    });
    expect(await Promise.all([read(1), read(1), read(2), read(1)])).toEqual([2, 2, 4, 2]);
    expect(asked).toEqual([1, 2]);
    expect(read.has(1)).toBe(true);
    expect(read.has(3)).toBe(false);
  });

  it('forgets a failed read, so the next ask reads again', async () => {
    let tries = 0;
    const read = readOnce(async (_: 'once') => {
      tries++;
      if (tries === 1) throw new Error('dropped');
      return 'ok';
    });
    await expect(read('once')).rejects.toThrow('dropped');
    expect(read.has('once')).toBe(false);
    expect(await read('once')).toBe('ok');
    expect(await read('once')).toBe('ok');
    expect(tries).toBe(2);
  });
});
