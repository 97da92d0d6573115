// The Activity tab: the pair's audit log (lib/storage/audit.ts) as a person reads it — newest first, filtered by
// record, level and dates, each entry named by the record it is about, and exported as CSV. Pure: the background
// (lib/background/activity-api.ts) reads the log and the links; this decides what is shown and written.
import * as v from 'valibot';
import { toCsv } from './csv.ts';
import { centsToDecimal } from './money-text.ts';
import type { Link, LogEntry } from './storage/stored.ts';

/** How long the log keeps an entry; the Activity tab states it. */
export const activityRetentionDays = 30;

/** At most this many entries go to the popup (and into one export); the newest are kept. */
export const activityRowLimit = 5000;

export const activityLevels = ['info', 'warn', 'error'] as const;
export type ActivityLevel = (typeof activityLevels)[number];

export const levelWords: Record<ActivityLevel, string> = { info: 'Info', warn: 'Warning', error: 'Error' };

/** What the Activity tab asks for: every part optional; `from` and `to` are epoch milliseconds, both included. */
export const activityListRequest = v.object({
  type: v.literal('activity.list'),
  /** Text the record's name or the message contains ("invoice 1001", "PO-12", "48212"), any case. */
  record: v.optional(v.pipe(v.string(), v.maxLength(100))),
  level: v.optional(v.picklist(activityLevels)),
  from: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  to: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export type ActivityFilter = Omit<v.InferOutput<typeof activityListRequest>, 'type'>;

/** One entry as the popup shows it. */
export interface ActivityRow {
  id: number;
  at: number;
  level: ActivityLevel;
  /** The record it is about, in words: "Invoice, Syncro id 48212", "Payment poll". */
  record: string;
  message: string;
  amountCents?: number;
  currency?: string;
  syncroUrl?: string;
  xeroUrl?: string;
}

export type ActivityList = { ok: true; rows: ActivityRow[]; truncated: boolean } | { ok: false; error: string };

/** What an audit subject (`invoice:48212`, `payment-import:<Xero PaymentID>`, `sync-all:all`) is about. */
export type ActivitySubject =
  | { kind: SyncroRecordKind; id: number }
  | { kind: 'payment-import'; paymentId: string }
  | { kind: 'job'; job: string };

/** The kinds of record a link can stand for: each has its words below. */
type SyncroRecordKind = Link['kind'];

const recordWords: Record<SyncroRecordKind, string> = {
  invoice: 'Invoice',
  purchase_order: 'Purchase order',
  customer: 'Customer',
  vendor: 'Vendor',
  product: 'Product',
  payment: 'Payment',
};

/** What each job that stands for no record is called. */
export const jobNames: Record<string, string> = {
  'sync-all': 'Full sync',
  changes: 'Check for changes',
  'payment-poll': 'Payment poll',
  products: 'Product sync',
  'drift-check': 'Comparison with Xero',
};

export function subjectOf(subject: string): ActivitySubject {
  const split = subject.indexOf(':');
  const kind = split < 0 ? subject : subject.slice(0, split);
  const key = split < 0 ? '' : subject.slice(split + 1);
  if (kind in recordWords && /^[1-9]\d{0,15}$/.test(key)) return { kind: kind as SyncroRecordKind, id: Number(key) };
  if (kind === 'payment-import' && key) return { kind: 'payment-import', paymentId: key };
  return { kind: 'job', job: kind };
}

/** The record in words. Syncro ids are the ones in its page addresses (the number a document prints may differ). */
export function subjectText(subject: ActivitySubject): string {
  if (subject.kind === 'payment-import') return 'Payment from Xero';
  if (subject.kind === 'job') return jobNames[subject.job] ?? subject.job;
  return `${recordWords[subject.kind]}, Syncro id ${subject.id}`;
}

/** The entries a filter keeps, newest first (entries of the same moment: the later written first). */
export function filterActivity(entries: readonly LogEntry[], filter: ActivityFilter): LogEntry[] {
  const text = filter.record?.trim().toLowerCase() ?? '';
  return entries
    .filter(
      (entry) =>
        (filter.level === undefined || entry.level === filter.level) &&
        (filter.from === undefined || entry.at >= filter.from) &&
        (filter.to === undefined || entry.at <= filter.to) &&
        (text === '' ||
          `${subjectText(subjectOf(entry.subject))}\n${entry.subject}\n${entry.message}`.toLowerCase().includes(text)),
    )
    .sort((a, b) => b.at - a.at || (b.id ?? 0) - (a.id ?? 0));
}

/**
 * The epoch range of whole local days, as a date field gives them (`YYYY-MM-DD`, either may be empty): from the
 * first day's start to the last day's end, in the user's time zone. An unreadable day leaves that end open.
 */
export function dayRange(fromDay: string, toDay: string): Pick<ActivityFilter, 'from' | 'to'> {
  const start = (day: string, offset: number) => {
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    return parts ? new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]) + offset).getTime() : undefined;
  };
  const from = start(fromDay, 0);
  const next = start(toDay, 1);
  return { ...(from !== undefined ? { from } : {}), ...(next !== undefined ? { to: next - 1 } : {}) };
}

/**
 * The rows as an RFC 4180 CSV file: an ISO 8601 (UTC) date column, then what the tab shows. Amount and currency
 * columns come when any row carries money, the amount in decimal ("1234.50", never a locale's "1.234,50").
 */
export function activityCsv(rows: readonly ActivityRow[]): string {
  const money = rows.some((row) => row.amountCents !== undefined);
  const header = ['Date (UTC)', 'Level', 'Record', 'Message', ...(money ? ['Amount', 'Currency'] : [])];
  return toCsv([
    [...header, 'Syncro link', 'Xero link'],
    ...rows.map((row) => [
      new Date(row.at).toISOString(),
      levelWords[row.level],
      row.record,
      row.message,
      ...(money
        ? [
            row.amountCents === undefined ? '' : centsToDecimal(row.amountCents),
            row.amountCents === undefined ? '' : (row.currency ?? ''),
          ]
        : []),
      row.syncroUrl ?? '',
      row.xeroUrl ?? '',
    ]),
  ]);
}

/** The export's file name, e.g. `syncro-xero-activity-2026-11-30.csv` (the day the export was made). */
export const activityFileName = (now: number) => `syncro-xero-activity-${new Date(now).toISOString().slice(0, 10)}.csv`;
