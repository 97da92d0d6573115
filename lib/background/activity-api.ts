// The popup's Activity verb: the pair's audit log, filtered (lib/activity.ts), each entry with its record linked on
// both sides where the extension knows it — the Syncro page of an invoice or PO (the invoice a Xero payment was
// imported to), and the Xero record its link holds.
import {
  type ActivityList,
  type ActivityRow,
  type ActivitySubject,
  activityRowLimit,
  filterActivity,
  subjectOf,
  subjectText,
} from '../activity.ts';
import { syncroOrigin } from '../messages.ts';
import { getImports } from '../payments/imports.ts';
import type { RecordRef } from '../records.ts';
import { readAudit } from '../storage/audit.ts';
import type { Link, LogEntry, PaymentImport } from '../storage/db.ts';
import { linkKey } from '../storage/links.ts';
import { getByKeys } from '../storage/pair.ts';
import { loadGrant, loadSyncro } from '../storage/store.ts';
import { recordPagePath } from '../syncro/pages.ts';
import { failed, type PopupHandlers } from './popup-handlers.ts';

export function activityApi(): PopupHandlers<'activity.list'> {
  return {
    async 'activity.list'({ record, level, from, to }): Promise<ActivityList> {
      try {
        const kept = filterActivity(await readAudit(from, to), {
          ...(record !== undefined ? { record } : {}),
          ...(level !== undefined ? { level } : {}),
        });
        const shown = kept.slice(0, activityRowLimit);
        return { ok: true, rows: await withLinks(shown), truncated: kept.length > shown.length };
      } catch (error) {
        return failed(error);
      }
    },
  };
}

/** The Syncro page a record's entries link to: invoices and POs, whose page addresses the contract names. */
const pageRecord = (subject: ActivitySubject, imported: PaymentImport | undefined): RecordRef | undefined => {
  if (subject.kind === 'invoice' || subject.kind === 'purchase_order') return { kind: subject.kind, id: subject.id };
  if (subject.kind === 'payment-import' && imported?.invoiceId !== undefined)
    return { kind: 'invoice', id: imported.invoiceId };
  return undefined;
};

async function withLinks(entries: LogEntry[]): Promise<ActivityRow[]> {
  const subjects = entries.map((entry) => subjectOf(entry.subject));
  const paymentIds = subjects.flatMap((subject) => (subject.kind === 'payment-import' ? [subject.paymentId] : []));
  const imports = await getImports([...new Set(paymentIds)]);
  const importOf = (subject: ActivitySubject) =>
    subject.kind === 'payment-import' ? imports.get(subject.paymentId) : undefined;
  const linkKeyOf = (subject: ActivitySubject): string | undefined => {
    const page = pageRecord(subject, importOf(subject));
    if (page) return linkKey(page.kind, page.id);
    return subject.kind === 'job' || subject.kind === 'payment-import' ? undefined : linkKey(subject.kind, subject.id);
  };
  const keys = [...new Set(subjects.flatMap((subject) => linkKeyOf(subject) ?? []))];
  const [links, syncro, grant] = await Promise.all([getByKeys('links', keys), loadSyncro(), loadGrant()]);
  const origin = syncro ? syncroOrigin(syncro.subdomain) : undefined;

  return entries.map((entry, index): ActivityRow => {
    const subject = subjects[index] as ActivitySubject;
    const imported = importOf(subject);
    const page = pageRecord(subject, imported);
    const key = linkKeyOf(subject);
    const link: Link | undefined = key ? links.get(key) : undefined;
    // An imported payment's amount is the import's when the entry itself names none; without a currency of its
    // own, an amount is in the organisation's.
    const amountCents = entry.amountCents ?? imported?.amountCents;
    const currency = (entry.amountCents !== undefined ? entry.currency : imported?.currency) ?? grant?.baseCurrency;
    return {
      id: entry.id ?? 0,
      at: entry.at,
      level: entry.level,
      record: subjectText(subject),
      message: entry.message,
      ...(amountCents !== undefined ? { amountCents } : {}),
      ...(amountCents !== undefined && currency ? { currency } : {}),
      ...(origin && page ? { syncroUrl: `${origin}${recordPagePath(page)}` } : {}),
      ...(link?.xeroUrl ? { xeroUrl: link.xeroUrl } : {}),
    };
  });
}
