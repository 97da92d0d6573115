import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  centsToAmount,
  divRoundHalfAway,
  MoneyError,
  parseCents,
  parseQuantity,
  parseScaled,
  quantityToNumber,
} from '../../lib/money.ts';

/** Rails-style decimal text for cents, as Syncro renders it: 0 → "0.0", 12050 → "120.5". */
function railsDecimal(cents: number): string {
  const abs = Math.abs(cents);
  const fraction =
    String(abs % 100)
      .padStart(2, '0')
      .replace(/0$/, '') || '0';
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${fraction}`;
}

describe('parseCents', () => {
  it.each([
    ['64.99', 6499],
    ['-129.89', -12989],
    ['0.0', 0],
    ['-0.0', 0],
    ['120.5', 12050],
    ['1', 100],
    ['1.', 100],
    ['.5', 50],
    ['+2.25', 225],
    ['  3.10 ', 310],
    ['1.005', 101],
    ['1.004', 100],
    ['-1.005', -101],
    ['0.005', 1],
    ['0.0049999', 0],
    ['2.675', 268],
    ['1e2', 10000],
    ['1.5E-2', 2],
    ['0.0000001', 0],
    [19.99, 1999],
    [1.005, 101],
    [0.1 + 0.2, 30],
    [-0.5, -50],
    [1e-7, 0],
    [5e-3, 1],
    [1e21 / 1e10, 10000000000000],
    [0, 0],
    [null, 0],
    [undefined, 0],
    ['', 0],
    ['   ', 0],
  ] as const)('%j → %d', (input, cents) => {
    expect(parseCents(input)).toBe(cents);
    expect(Object.is(parseCents(input), -0)).toBe(false);
  });

  it.each(['1,234.50', '$12.00', 'abc', '12abc', '-', '.', '1e', '1.2.3', 'NaN', 'Infinity', '0x10', '1 000', '1e999'])(
    'throws MoneyError on %j',
    (input) => {
      expect(() => parseCents(input)).toThrow(MoneyError);
    },
  );

  it('throws on non-finite numbers and amounts beyond safe integers', () => {
    expect(() => parseCents(Number.NaN)).toThrow(MoneyError);
    expect(() => parseCents(Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(() => parseCents('100000000000000000000')).toThrow(/out of range/);
  });

  it('parses what centsToAmount prints, and Rails text, back to the same cents (±10^9 and beyond)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (cents) => {
        expect(parseCents(centsToAmount(cents))).toBe(cents);
        expect(parseCents(String(centsToAmount(cents)))).toBe(cents);
        expect(parseCents(railsDecimal(cents))).toBe(cents);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 14), max: 10 ** 14 }), (cents) => {
        expect(parseCents(centsToAmount(cents))).toBe(cents);
      }),
    );
  });

  it('centsToAmount prints exactly two decimals or fewer, never float drift', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (cents) => {
        const text = JSON.stringify(centsToAmount(cents));
        expect(text).toMatch(/^-?\d+(\.\d{1,2})?$/);
        expect(text).toBe(railsDecimal(cents).replace(/\.0$/, '').replace(/^-0$/, '0'));
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds a third decimal half away from zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 9 }), (cents, digit) => {
        const text = `${railsDecimal(cents).replace(/\.(\d)$/, '.$10')}${digit}`;
        const up = digit >= 5 ? 1 : 0;
        const negative = text.startsWith('-');
        const expected = negative ? cents - up : cents + up;
        expect(parseCents(text)).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });
});

describe('parseQuantity and quantityToNumber', () => {
  it.each([
    ['1.0', 10_000],
    ['2.5', 25_000],
    ['-1', -10_000],
    ['0.3333', 3_333],
    ['0.33335', 3_334],
    [1.25, 12_500],
    [3, 30_000],
    [null, 0],
  ] as const)('%j → %d', (input, q4) => {
    expect(parseQuantity(input)).toBe(q4);
  });

  it('round-trips every 4-dp quantity through a JSON number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), (q4) => {
        expect(parseQuantity(quantityToNumber(q4))).toBe(q4);
        expect(JSON.stringify(quantityToNumber(q4))).toMatch(/^-?\d+(\.\d{1,4})?$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses non-integers', () => {
    expect(() => quantityToNumber(1.5)).toThrow(MoneyError);
    expect(() => centsToAmount(0.5)).toThrow(MoneyError);
    expect(() => centsToAmount(Number.NaN)).toThrow(MoneyError);
  });

  it('parseScaled works at any scale', () => {
    expect(parseScaled('12.345', 0)).toBe(12);
    expect(parseScaled('12.5', 0)).toBe(13);
    expect(parseScaled('-12.5', 0)).toBe(-13);
    expect(parseScaled('0.5', 0)).toBe(1);
    expect(parseScaled('12.345', 3)).toBe(12_345);
  });
});

describe('divRoundHalfAway', () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [5n, -2n, -3n],
    [4n, 3n, 1n],
    [-4n, 3n, -1n],
    [0n, 7n, 0n],
  ])('%d / %d → %d', (n, d, q) => {
    expect(divRoundHalfAway(n, d)).toBe(q);
  });

  it('matches exact rational rounding', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          const q = divRoundHalfAway(n, d);
          const twice = 2n * n - 2n * q * d; // 2 × (n/d − q) × d, must lie within [−d, d]
          expect(twice <= d && twice >= -d).toBe(true);
          if (twice === d || twice === -d) expect(q < 0n ? -q : q).toBeGreaterThan(n < 0n ? -n / d : n / d);
        },
      ),
    );
  });

  it('refuses division by zero', () => {
    expect(() => divRoundHalfAway(1n, 0n)).toThrow(MoneyError);
  });
});
