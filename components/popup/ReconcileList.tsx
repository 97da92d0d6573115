// Xero payments the import would not guess about, for a person to decide: "Apply to invoice…" (choose the
// Syncro invoice; another customer's invoice only after an inline confirmation naming both customers) or
// "Dismiss" (already entered by hand). Every field is Xero or Syncro text, rendered as text.
import { useState } from 'preact/hooks';
import type { ActionResult, ConfirmOtherCustomer, ReconcileEntry } from '../../lib/messages.ts';
import { formatDay, formatMoney } from '../../lib/money-text.ts';
import { ask } from '../../lib/popup-client.ts';
import { ResultMessage } from './ResultMessage.tsx';
import { useAction } from './use-action.ts';

interface ReconcileListProps {
  entries: ReconcileEntry[];
  currency: string | undefined;
  onChanged: () => Promise<void>;
  /** In the popup the list is cut short, with a link to the full page. */
  limit?: number;
}

export function ReconcileList({ entries, currency, onChanged, limit }: ReconcileListProps) {
  const shown = limit === undefined ? entries : entries.slice(0, limit);
  return (
    <section aria-labelledby="reconcile-heading">
      <h2 id="reconcile-heading">Payments to reconcile</h2>
      {entries.length === 0 ? (
        <p class="hint">Nothing to reconcile</p>
      ) : (
        <ul class="reconcile" aria-labelledby="reconcile-heading">
          {shown.map((entry) => (
            <ReconcileItem key={entry.xeroPaymentId} entry={entry} currency={currency} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {shown.length < entries.length && (
        <p>
          <a href="/popup.html?view=full#reconcile" target="_blank" rel="noopener">
            All {entries.length} payments to reconcile
          </a>
        </p>
      )}
    </section>
  );
}

function ReconcileItem({
  entry,
  currency,
  onChanged,
}: {
  entry: ReconcileEntry;
  currency?: string;
  onChanged: () => Promise<void>;
}) {
  const action = useAction<ActionResult | ConfirmOtherCustomer>(onChanged);
  const [invoiceText, setInvoiceText] = useState(entry.candidates[0] ? String(entry.candidates[0]) : '');
  const invoiceId = Number(invoiceText);
  const fieldId = `apply-${entry.xeroPaymentId}`;
  // Another customer's invoice: nothing was written; the person is asked, shown both customers, right here.
  const asked = action.result && 'confirm' in action.result ? action.result : undefined;
  const apply = (confirmOtherCustomer: boolean) =>
    void action.run(() =>
      ask({
        type: 'reconcile.apply',
        paymentId: entry.xeroPaymentId,
        invoiceId,
        ...(confirmOtherCustomer ? { confirmOtherCustomer } : {}),
      }),
    );
  return (
    <li data-xero-payment-id={entry.xeroPaymentId}>
      <div class="reconcile-line">
        <strong class="amount">{formatMoney(entry.amountCents, entry.currency ?? currency)}</strong>
        <span class="customer">{entry.customer}</span>
        <time dateTime={entry.date}>{formatDay(entry.date)}</time>
      </div>
      <p class="reason">
        {entry.reason}
        {entry.xeroInvoiceNumber ? ` (Xero invoice ${entry.xeroInvoiceNumber})` : ''}
      </p>
      <form
        class="reconcile-actions"
        onSubmit={(event) => {
          event.preventDefault();
          if (Number.isInteger(invoiceId) && invoiceId > 0) apply(false);
        }}
      >
        <label for={fieldId}>Syncro invoice id</label>
        {entry.candidates.length > 0 ? (
          <select
            id={fieldId}
            value={invoiceText}
            onChange={(event) => {
              setInvoiceText(event.currentTarget.value);
              action.clear();
            }}
          >
            {entry.candidates.map((id) => (
              <option key={id} value={String(id)}>
                {id}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={fieldId}
            inputMode="numeric"
            value={invoiceText}
            onInput={(event) => {
              setInvoiceText(event.currentTarget.value);
              action.clear();
            }}
          />
        )}
        <button type="submit" disabled={action.pending || !(invoiceId > 0)}>
          Apply to invoice…
        </button>
        <button
          type="button"
          class="secondary"
          disabled={action.pending}
          onClick={() => void action.run(() => ask({ type: 'reconcile.dismiss', paymentId: entry.xeroPaymentId }))}
        >
          Dismiss
        </button>
      </form>
      {asked ? (
        <fieldset class="confirm-step">
          <legend>Another customer's invoice</legend>
          <p role="alert">{asked.error}</p>
          <button type="button" disabled={action.pending} onClick={() => apply(true)}>
            Apply to {asked.confirm.invoiceCustomer}'s invoice
          </button>
          <button type="button" class="secondary" disabled={action.pending} onClick={() => action.clear()}>
            Cancel
          </button>
        </fieldset>
      ) : (
        <ResultMessage result={action.result} success="Done." />
      )}
    </li>
  );
}
