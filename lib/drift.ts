// Balance drift: a synced invoice whose total or balance differs between Syncro and Xero (a payment entered in
// one system only, a credit note in Xero, an edit Xero refused). Pure: the comparison, the words a person reads,
// and the popup verbs' shapes. Nothing here corrects anything: the warning says what to check.
//
// What the comparison can see, cheaply: Syncro's list gives each invoice's total and whether it is paid
// (`is_paid`, `verified_paid`, `tech_marked_paid`) but no `balance_due` (syncro_swagger.json#/paths/~1invoices/get),
// Xero's gives `Total` and `AmountDue`. So it sees a different total; an invoice paid in Syncro but still due in
// Xero (its Syncro balance is 0); and, when Xero shows something paid or credited, Syncro's balance worked out
// from its payments (read only then). What it cannot see: a part payment in Syncro alone on an invoice Xero shows
// wholly due (that would take reading every open invoice's payments), nor a balance when a Syncro payment is
// split over several invoices (Syncro does not say each one's share): no drift is claimed there.
import * as v from 'valibot';
import { formatMoney } from './money-text.ts';

export type DriftKind = 'total' | 'balance';

/** What a drift check found on one invoice; kept on its link (lib/storage/stored.ts). */
export interface InvoiceDrift {
  kind: DriftKind;
  /** Xero's figure: `Total` for a total drift, `AmountDue` for a balance drift. */
  xeroCents: number;
  /** Syncro's: its total, or its balance. */
  syncroCents: number;
  /** The Xero invoice's currency (Syncro's amounts are taken to be in it). */
  currency?: string;
  checkedAt: number;
}

/** What a badge carries of a drift (no time: the snapshot stays compact). */
export type DriftFigures = Omit<InvoiceDrift, 'checkedAt'>;

export interface SyncroFigures {
  totalCents: number;
  paid: boolean;
  /** `balance_due` where Syncro gives it (the swagger does not), or the balance worked out from its payments. */
  balanceCents?: number | 'unknown';
}

export interface XeroFigures {
  totalCents: number;
  amountDueCents: number;
  currency?: string;
}

/**
 * The drift between an invoice's two copies, nothing when they agree as far as can be seen, or 'needs-balance'
 * when only Syncro's balance (from its payments) can tell: Xero shows part of it paid or credited and Syncro,
 * not marked paid, gave no balance.
 */
export function compareInvoice(syncro: SyncroFigures, xero: XeroFigures): DriftFigures | 'needs-balance' | undefined {
  const currency = xero.currency ? { currency: xero.currency } : {};
  if (syncro.totalCents !== xero.totalCents) {
    return { kind: 'total', xeroCents: xero.totalCents, syncroCents: syncro.totalCents, ...currency };
  }
  const balance = syncro.paid ? 0 : syncro.balanceCents;
  if (balance === 'unknown') return undefined;
  if (balance === undefined) return xero.amountDueCents === xero.totalCents ? undefined : 'needs-balance';
  return balance === xero.amountDueCents
    ? undefined
    : { kind: 'balance', xeroCents: xero.amountDueCents, syncroCents: balance, ...currency };
}

/** "Xero: $120.00 due · Syncro: $0.00 due" (balance) or "Xero: $120.00 · Syncro: $100.00" (total). */
export function driftFigures(drift: DriftFigures, locale?: string): string {
  const due = drift.kind === 'balance' ? ' due' : '';
  const money = (cents: number) => formatMoney(cents, drift.currency, locale);
  return `Xero: ${money(drift.xeroCents)}${due} · Syncro: ${money(drift.syncroCents)}${due}`;
}

/** What differs, and what the person should check; nothing is changed for them. */
export const driftAdvice: Record<DriftKind, { headline: string; check: string }> = {
  balance: { headline: 'Balance differs', check: 'check the payments and credit notes in both' },
  total: { headline: 'Total differs', check: 'check the invoice lines in both' },
};

/** "Balance differs — Xero: $0.00 due · Syncro: $120.00 due: check the payments and credit notes in both". */
export function driftWarning(drift: DriftFigures, locale?: string): string {
  const { headline, check } = driftAdvice[drift.kind];
  return `${headline} — ${driftFigures(drift, locale)}: ${check}`;
}

/** The popup's drift verbs: the list of drifted invoices, and a check now. */
export const driftRequests = [
  v.object({ type: v.literal('drift.list') }),
  v.object({ type: v.literal('drift.checkNow') }),
] as const;

/** One drifted invoice as the popup lists it, linked on both sides. */
export interface DriftEntry extends DriftFigures {
  syncroId: number;
  syncroUrl: string;
  xeroUrl?: string;
  checkedAt: number;
}

export interface DriftResponses {
  'drift.list': { ok: true; entries: DriftEntry[] } | { ok: false; error: string };
  'drift.checkNow': { ok: true; message?: string } | { ok: false; error: string };
}
