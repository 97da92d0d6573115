// lib/csv.ts: what it writes is RFC 4180, read back field for field by a reader written from the grammar
// (csv-parse.ts), whatever the text holds — commas, quotes, CR, LF, CRLF, Unicode, empty fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../lib/csv.ts';
import { parseCsv } from './csv-parse.ts';

/** Text that leans on what CSV must escape. */
const awkward = fc.string({
  unit: fc.oneof(fc.constantFrom(',', '"', '\r', '\n', '\r\n', ' ', ''), fc.string({ maxLength: 3, unit: 'grapheme' })),
  maxLength: 12,
});

const table = fc
  .integer({ min: 1, max: 6 })
  .chain((width) =>
    fc.array(fc.array(awkward, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
  );

describe('toCsv', () => {
  it('ends every record with CRLF, quotes only what needs it, and doubles inner quotes', () => {
    expect(
      toCsv([
        ['Date', 'Message'],
        ['2026-11-30T08:00:00.000Z', 'He said "no", twice\nthen left'],
      ]),
    ).toBe('Date,Message\r\n2026-11-30T08:00:00.000Z,"He said ""no"", twice\nthen left"\r\n');
  });

  it('quotes a field holding a comma, a quote, CR or LF, and nothing else', () => {
    expect(['a,b', 'a"b', 'a\rb', 'a\nb', 'plain', '', ' spaced '].map(csvField)).toEqual([
      '"a,b"',
      '"a""b"',
      '"a\rb"',
      '"a\nb"',
      'plain',
      '',
      ' spaced ',
    ]);
  });

  it('writes a lone empty field as "" so the record is not an empty line', () => {
    expect(toCsv([['only'], ['']])).toBe('only\r\n""\r\n');
  });

  it('refuses a record of another width than the header', () => {
    expect(() => toCsv([['a', 'b'], ['c']])).toThrow(/record 2 has 1 fields; the header has 2/);
  });

  it('round-trips any table through a strict RFC 4180 reader', () => {
    fc.assert(
      fc.property(table, (records) => {
        expect(parseCsv(toCsv(records))).toEqual(records);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the RFC 4180 reader the tests use', () => {
  it('rejects what the grammar does not allow (so a round trip can fail)', () => {
    expect(() => parseCsv('a,b\n')).toThrow();
    expect(() => parseCsv('a"b\r\n')).toThrow();
    expect(() => parseCsv('"a\r\n')).toThrow();
    expect(() => parseCsv('a,b')).toThrow();
    expect(parseCsv('"a""b",\r\n')).toEqual([['a"b', '']]);
  });
});
