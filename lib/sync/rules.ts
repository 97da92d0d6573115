// The seed's rules: which Syncro records go to Xero. Pure; the reasons are shown on badges verbatim.

import { isImportedFromXero as isImportedRef } from '../keys.ts';
import { parseCents } from '../money.ts';
import type { Settings } from '../settings.ts';
import type { SyncroInvoiceSummary, SyncroPayment, SyncroPurchaseOrder } from '../syncro/wire.ts';
import { xeroDateMs } from '../xero/wire.ts';

export type InvoiceDecision = { action: 'sync' } | { action: 'skip'; reason: string };
export type RecordDecision =
  | { action: 'sync' }
  | { action: 'off'; reason: string }
  | { action: 'skip'; reason: string };

export const ZERO_INVOICE_REASON = '$0 invoice — syncs once marked paid';
export const REFUND_REASON = 'Refund — create it manually in both Syncro and Xero';
export const PAYMENTS_OFF_REASON = 'Payment syncing is disabled';
export const IMPORT_OFF_REASON = 'Payment import is off';
export const IMPORTED_PAYMENT_REASON = 'Imported from Xero — never sent back';
export const NON_POSITIVE_PAYMENT_REASON = 'Payment of $0 or less — nothing to send to Xero';
export const PURCHASE_ORDERS_OFF_REASON = 'Purchase order syncing is disabled';
/** The settings switches (CONTRACT.md, "Popup") that turn a record type off, or an import on. */
export type SettingSwitch = 'disablePaymentSync' | 'importPayments' | 'disablePurchaseOrderSync';
export interface RecordSwitch {
  setting: SettingSwitch;
  /** The checkbox's exact label (CONTRACT.md, "Popup"). */
  label: string;
  /** The setting's value that means "off". */
  offWhen: boolean;
  /** What a badge says while off. */
  reason: string;
}

export const switches = {
  payments: {
    setting: 'disablePaymentSync',
    label: 'Disable Syncing of Payments',
    offWhen: true,
    reason: PAYMENTS_OFF_REASON,
  },
  paymentImport: {
    setting: 'importPayments',
    label: 'Attempt to Import Payments from Xero',
    offWhen: false,
    reason: IMPORT_OFF_REASON,
  },
  purchaseOrders: {
    setting: 'disablePurchaseOrderSync',
    label: 'Disable Purchase Order Syncing',
    offWhen: true,
    reason: PURCHASE_ORDERS_OFF_REASON,
  },
} as const satisfies Record<string, RecordSwitch>;

/** Why a record under `recordSwitch` is off with these settings, or undefined when it syncs. */
export const offBy = (recordSwitch: RecordSwitch | undefined, settings: Settings): string | undefined =>
  recordSwitch && settings[recordSwitch.setting] === recordSwitch.offWhen ? recordSwitch.reason : undefined;

export const beforeStartReason = (date: string) =>
  `Dated before the sync start date (${date}) — change the start date in the popup to include it`;

/** What a rule needs to know beyond the record: whether it is already in Xero (then it is kept up to date). */
export interface RecordFacts {
  inXero: boolean;
}

/** Records dated before the start date stay out of Xero, unless they are there already. */
export function isBeforeStart(date: string | null | undefined, settings: Settings, facts: RecordFacts): boolean {
  const day = date?.slice(0, 10);
  return Boolean(settings.syncFromDate && day && day < settings.syncFromDate && !facts.inXero);
}

/** Paid in any of Syncro's three senses (a $0 invoice is closed by a tech marking it paid). */
export function isPaid(invoice: Pick<SyncroInvoiceSummary, 'is_paid' | 'verified_paid' | 'tech_marked_paid'>): boolean {
  return Boolean(invoice.is_paid || invoice.verified_paid || invoice.tech_marked_paid);
}

/** What the rules read of an invoice: a list item carries it all. */
type InvoiceDecisionFields = Pick<
  SyncroInvoiceSummary,
  'date' | 'total' | 'is_paid' | 'verified_paid' | 'tech_marked_paid'
>;

export function invoiceDecision(
  invoice: InvoiceDecisionFields,
  settings: Settings,
  facts: RecordFacts = { inXero: false },
): InvoiceDecision {
  if (isBeforeStart(invoice.date, settings, facts)) {
    return { action: 'skip', reason: beforeStartReason(settings.syncFromDate) };
  }
  const total = parseCents(invoice.total);
  if (total < 0) return { action: 'skip', reason: REFUND_REASON };
  if (total === 0 && !isPaid(invoice)) return { action: 'skip', reason: ZERO_INVOICE_REASON };
  return { action: 'sync' };
}

/** `XERO-<PaymentID>` is the ref_num given to payments imported from Xero. */
export function isImportedFromXero(payment: Pick<SyncroPayment, 'ref_num'>): boolean {
  return isImportedRef(payment.ref_num);
}

export function paymentDecision(
  payment: Pick<SyncroPayment, 'payment_amount' | 'ref_num'>,
  settings: Settings,
): RecordDecision {
  const off = offBy(switches.payments, settings);
  if (off) return { action: 'off', reason: off };
  if (isImportedFromXero(payment)) return { action: 'skip', reason: IMPORTED_PAYMENT_REASON };
  if (parseCents(payment.payment_amount) <= 0) return { action: 'skip', reason: NON_POSITIVE_PAYMENT_REASON };
  return { action: 'sync' };
}

export function purchaseOrderDecision(
  po: Pick<SyncroPurchaseOrder, 'created_at'>,
  settings: Settings,
  facts: RecordFacts = { inXero: false },
): RecordDecision {
  const off = offBy(switches.purchaseOrders, settings);
  if (off) return { action: 'off', reason: off };
  if (isBeforeStart(po.created_at, settings, facts)) {
    return { action: 'skip', reason: beforeStartReason(settings.syncFromDate) };
  }
  return { action: 'sync' };
}

/** A finished PO is billed in Xero. */
export function isFinished(po: Pick<SyncroPurchaseOrder, 'status'>): boolean {
  return (po.status ?? '').trim().toLowerCase() === 'finished';
}

/**
 * Whether a record found in Xero that this install has not linked yet is taken as it is, with no write: Xero's
 * copy was saved at or after Syncro's last edit of the record (another install pushed it since, or this one did
 * before a crash). Without either date it is written again, which is always safe.
 */
export function isCurrentInXero(xeroUpdated: string | undefined, syncroUpdatedAt: string | undefined): boolean {
  const xeroMs = xeroDateMs(xeroUpdated);
  const syncroMs = Date.parse(syncroUpdatedAt ?? '');
  return xeroMs !== undefined && Number.isFinite(syncroMs) && xeroMs >= syncroMs;
}
