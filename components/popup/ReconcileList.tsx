// Xero payments the import would not guess about, for the user to apply by hand. Every field is Xero or Syncro
// text, rendered as text.
import type { ReconcileEntry } from '../../lib/messages.ts';
import { formatCents } from './money.ts';

interface ReconcileListProps {
  entries: ReconcileEntry[];
  currency: string | undefined;
}

export function ReconcileList({ entries, currency }: ReconcileListProps) {
  return (
    <section aria-labelledby="reconcile-heading">
      <h2 id="reconcile-heading">Payments to reconcile</h2>
      {entries.length === 0 ? (
        <p class="hint">Nothing to reconcile</p>
      ) : (
        <ul class="reconcile" aria-labelledby="reconcile-heading">
          {entries.map((entry) => (
            <li key={entry.xeroPaymentId} data-xero-payment-id={entry.xeroPaymentId}>
              <div class="reconcile-line">
                <strong class="amount">{formatCents(entry.amountCents, currency)}</strong>
                <span class="customer">{entry.customer}</span>
                <time dateTime={entry.date}>{entry.date}</time>
              </div>
              <p class="reason">{entry.reason}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
