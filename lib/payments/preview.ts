// "Preview import": what a poll over the last days would do with each Xero payment and why, in the words the
// popup shows, without writing anything.
import type { BaseContext } from '../sync/context.ts';
import { pageDecider } from './gather.ts';
import { describePayment } from './import-state.ts';
import { type PaymentDecision, reconcileReasonText, type SkipReason } from './match.ts';
import { modifiedPayments } from './xero-payments.ts';

export interface PreviewEntry {
  paymentId: string;
  amountCents: number;
  date: string;
  customer: string;
  xeroInvoiceNumber?: string;
  outcome: 'apply' | 'list' | 'skip';
  reason: string;
  invoiceId?: number;
}

export async function previewImport(ctx: BaseContext, now: number, days: number): Promise<PreviewEntry[]> {
  const since = new Date(now - days * 86_400_000).toISOString();
  const decider = pageDecider(ctx);
  const entries: PreviewEntry[] = [];
  for await (const page of modifiedPayments(since)) {
    for (const { payment, decision } of await decider(page)) {
      const base = describePayment(payment);
      if (decision.action === 'apply') {
        entries.push({ ...base, outcome: 'apply', invoiceId: decision.invoiceId, reason: appliedBecause(decision) });
      } else if (decision.action === 'reconcile') {
        entries.push({ ...base, outcome: 'list', reason: reconcileReasonText[decision.reason] });
      } else entries.push({ ...base, outcome: 'skip', reason: skipText[decision.reason] });
    }
  }
  return entries;
}

const skipText: Record<SkipReason, string> = {
  'pushed-from-syncro': 'Sent from Syncro by this extension — never imported back',
  'already-in-syncro': 'Already in Syncro',
  deleted: 'Deleted in Xero',
};

const appliedBecause = (decision: Extract<PaymentDecision, { action: 'apply' }>) =>
  decision.rule === 1
    ? 'On a Xero invoice that came from this Syncro invoice'
    : 'The only open invoice of the customer with this balance';
