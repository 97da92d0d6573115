// What the popup's status answer holds: connections, settings, the queue, the poll, what waits to be reconciled.
import type { Settings } from './settings.ts';
import type { XeroConnectionState } from './status.ts';
import type { JobProblem } from './sync/job-outcomes.ts';
import type { Organisation } from './xero/grant.ts';

export interface ReconcileEntry {
  xeroPaymentId: string;
  amountCents: number;
  /** The Xero invoice's currency, when the poll recorded it (else the organisation's). */
  currency?: string;
  customer: string;
  date: string;
  reason: string;
  reasonCode?: string;
  xeroInvoiceNumber?: string;
  /** Syncro invoice ids the payment could belong to (ties, or the customer's open invoices). */
  candidates: number[];
}

export interface PopupStatus {
  syncro: { connected: boolean; subdomain?: string; userName?: string };
  xero: {
    state: XeroConnectionState;
    clientId: string;
    organisations: Organisation[];
    tenantId?: string;
    organisationName?: string;
    baseCurrency?: string;
    /** Who connected, e.g. "Jane Doe <jane@example.com>" (from the id token at connect time). */
    connectedBy?: string;
    /** Shown when the 60-day refresh token nears its end, or why reconnecting is needed. */
    warning?: string;
  };
  settings: Settings;
  counts: { pending: number; failed: number; skipped: number };
  /** The running full sync: how many records it queued; progress is total − pending. */
  backfill?: { total: number };
  poll: { last?: number; next?: number };
  /** Xero calls left today for the organisation, from the last response's X-DayLimit-Remaining. */
  xeroDayRemaining?: number;
  reconcile: ReconcileEntry[];
  /** Synced invoices whose total or balance differs from Xero's (listed under Reconcile, lib/sync/drift.ts). */
  drifted: number;
  /** Why the last run of a job that stands for no record failed (finding work, the payment poll, all products). */
  problem?: JobProblem;
}
