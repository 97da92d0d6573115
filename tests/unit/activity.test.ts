// lib/activity.ts and lib/money-text.ts: what the Activity tab lists and exports, and money and dates as people
// read them (the organisation's currency, the user's locale).
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  type ActivityRow,
  activityCsv,
  activityFileName,
  activityListRequest,
  dayRange,
  filterActivity,
  subjectOf,
  subjectText,
} from '../../lib/activity.ts';
import { centsToDecimal, formatDay, formatMoney } from '../../lib/money-text.ts';
import type { LogEntry } from '../../lib/storage/stored.ts';
import { parseCsv } from './csv-parse.ts';

const t0 = Date.UTC(2026, 10, 2, 9, 30); // any fixed moment: nothing here reads the clock
const hour = 3_600_000;

const entry = (id: number, at: number, subject: string, message: string, level: LogEntry['level'] = 'info') => ({
  id,
  at,
  subject,
  message,
  level,
});

describe('subjects', () => {
  it('names the record an audit subject is about', () => {
    expect(subjectText(subjectOf('invoice:48212'))).toBe('Invoice, Syncro id 48212');
    expect(subjectText(subjectOf('purchase_order:12'))).toBe('Purchase order, Syncro id 12');
    expect(subjectText(subjectOf('customer:7'))).toBe('Customer, Syncro id 7');
    expect(subjectOf('payment-import:2b7c-11')).toEqual({ kind: 'payment-import', paymentId: '2b7c-11' });
    expect(subjectText(subjectOf('payment-import:2b7c-11'))).toBe('Payment from Xero');
    expect(subjectText(subjectOf('sync-all:all'))).toBe('Full sync');
    expect(subjectText(subjectOf('payment-poll:all'))).toBe('Payment poll');
  });

  it('takes nothing odd for a record: an id that is no whole number is a job of that name', () => {
    expect(subjectOf('invoice:all')).toEqual({ kind: 'job', job: 'invoice' });
    expect(subjectOf('invoice:0')).toEqual({ kind: 'job', job: 'invoice' });
    expect(subjectOf('something-new')).toEqual({ kind: 'job', job: 'something-new' });
  });
});

describe('filterActivity', () => {
  const log: LogEntry[] = [
    entry(1, t0, 'invoice:48201', 'Pushed invoice 1001 to Xero'),
    entry(2, t0 + hour, 'invoice:48202', 'Xero said: the contact is archived', 'error'),
    entry(3, t0 + 2 * hour, 'purchase_order:5', 'Pushed purchase order PO-1003 to Xero'),
    entry(4, t0 + 2 * hour, 'payment-import:abc', 'Will retry: Syncro is busy', 'warn'),
  ];

  it('lists newest first, the later written first among entries of one moment', () => {
    expect(filterActivity(log, {}).map((kept) => kept.id)).toEqual([4, 3, 2, 1]);
  });

  it('keeps the entries whose record or message holds the text, in any case', () => {
    expect(filterActivity(log, { record: 'po-1003' }).map((kept) => kept.id)).toEqual([3]);
    expect(filterActivity(log, { record: '48202' }).map((kept) => kept.id)).toEqual([2]);
    expect(filterActivity(log, { record: 'INVOICE' }).map((kept) => kept.id)).toEqual([2, 1]);
    expect(filterActivity(log, { record: 'payment from xero' }).map((kept) => kept.id)).toEqual([4]);
  });

  it('keeps one level, and a date range with both ends included', () => {
    expect(filterActivity(log, { level: 'error' }).map((kept) => kept.id)).toEqual([2]);
    expect(filterActivity(log, { from: t0 + hour, to: t0 + 2 * hour }).map((kept) => kept.id)).toEqual([4, 3, 2]);
    expect(filterActivity(log, { to: t0 + hour - 1 }).map((kept) => kept.id)).toEqual([1]);
  });

  it('keeps exactly the entries every filter agrees on, whatever the log', () => {
    const logs = fc.array(
      fc.record({
        id: fc.nat(),
        at: fc.integer({ min: t0, max: t0 + 100 * hour }),
        level: fc.constantFrom('info' as const, 'warn' as const, 'error' as const),
        subject: fc.constantFrom('invoice:1', 'purchase_order:2', 'sync-all:all'),
        message: fc.string({ maxLength: 8 }),
      }),
    );
    fc.assert(
      fc.property(logs, fc.constantFrom(undefined, 'info' as const, 'error' as const), (all, level) => {
        const kept = filterActivity(all, level ? { level } : {});
        expect(kept).toHaveLength(all.filter((each) => level === undefined || each.level === level).length);
        for (let i = 1; i < kept.length; i++) expect(kept[i - 1]?.at).toBeGreaterThanOrEqual(kept[i]?.at ?? 0);
      }),
    );
  });
});

describe('dayRange', () => {
  it('runs from the first local day’s start to the last local day’s end', () => {
    const { from, to } = dayRange('2026-11-02', '2026-11-03');
    expect(from).toBe(new Date(2026, 10, 2).getTime());
    expect(to).toBe(new Date(2026, 10, 4).getTime() - 1);
  });

  it('leaves an empty or unreadable end open', () => {
    expect(dayRange('', '')).toEqual({});
    expect(dayRange('2026-11-02', 'soon')).toEqual({ from: new Date(2026, 10, 2).getTime() });
  });
});

describe('the activity.list message', () => {
  it('takes the filters and refuses what is not one', () => {
    expect(v.safeParse(activityListRequest, { type: 'activity.list', level: 'warn', from: 0 }).success).toBe(true);
    expect(v.safeParse(activityListRequest, { type: 'activity.list', level: 'debug' }).success).toBe(false);
    expect(v.safeParse(activityListRequest, { type: 'activity.list', from: 1.5 }).success).toBe(false);
    expect(v.safeParse(activityListRequest, { type: 'activity.list', record: 'x'.repeat(101) }).success).toBe(false);
  });
});

describe('activityCsv', () => {
  const pushed: ActivityRow = {
    id: 1,
    at: t0,
    level: 'info',
    record: 'Invoice, Syncro id 48201',
    message: 'Pushed invoice 1001 to Xero',
    syncroUrl: 'https://acme.syncromsp.com/invoices/48201',
    xeroUrl: 'https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=x',
  };
  const imported: ActivityRow = {
    id: 2,
    at: t0 + hour,
    level: 'warn',
    record: 'Payment from Xero',
    message: 'Will retry: "Syncro", busy\nagain',
    amountCents: 123_450,
    currency: 'NZD',
  };

  it('writes an ISO date column and what the tab shows, with no money columns when no row has money', () => {
    expect(parseCsv(activityCsv([pushed]))).toEqual([
      ['Date (UTC)', 'Level', 'Record', 'Message', 'Syncro link', 'Xero link'],
      ['2026-11-02T09:30:00.000Z', 'Info', pushed.record, pushed.message, pushed.syncroUrl, pushed.xeroUrl],
    ]);
  });

  it('adds the amount in decimal and its currency when any row carries money', () => {
    expect(parseCsv(activityCsv([imported, pushed]))).toEqual([
      ['Date (UTC)', 'Level', 'Record', 'Message', 'Amount', 'Currency', 'Syncro link', 'Xero link'],
      ['2026-11-02T10:30:00.000Z', 'Warning', 'Payment from Xero', imported.message, '1234.50', 'NZD', '', ''],
      ['2026-11-02T09:30:00.000Z', 'Info', pushed.record, pushed.message, '', '', pushed.syncroUrl, pushed.xeroUrl],
    ]);
  });

  it('names the file after the day of the export', () => {
    expect(activityFileName(t0)).toBe('syncro-xero-activity-2026-11-02.csv');
  });
});

describe('money and dates as people read them', () => {
  it('writes cents as an exact decimal, read back to the same cents', () => {
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(centsToDecimal(123_456)).toBe('1234.56');
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.boolean(), (magnitude, negative) => {
        const cents = negative ? -magnitude : magnitude;
        const [whole = '', fraction = ''] = centsToDecimal(cents).replace('-', '').split('.');
        expect((BigInt(whole) * 100n + BigInt(fraction)) * (cents < 0 ? -1n : 1n)).toBe(BigInt(cents));
      }),
    );
  });

  it("shows the organisation's currency, never a borrowed dollar sign", () => {
    expect(formatMoney(123_450, 'GBP', 'en-GB')).toBe('£1,234.50');
    expect(formatMoney(123_450, 'NZD', 'en-US')).toBe('NZ$1,234.50');
    expect(formatMoney(123_450, 'AUD', 'en-AU')).toBe('$1,234.50');
    expect(formatMoney(-5, 'EUR', 'de-DE')).toBe('-0,05\u00a0€');
    expect(formatMoney(123_450, undefined, 'en-US')).toBe('1,234.50');
    expect(formatMoney(100, 'not a code', 'en-US')).toBe('1.00 not a code');
  });

  it('keeps every digit of a large amount (no float on the way)', () => {
    expect(formatMoney(9_007_199_254_740_991, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
  });

  it('shows a calendar day as that day in the user’s locale, wherever the user is', () => {
    expect(formatDay('2026-11-30', 'en-GB')).toBe('30 Nov 2026');
    expect(formatDay('2026-01-01', 'en-US')).toBe('Jan 1, 2026');
    expect(formatDay('not a day', 'en-US')).toBe('not a day');
  });
});
