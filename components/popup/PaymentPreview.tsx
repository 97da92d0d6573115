// "Preview import": a dry run over the last N days showing what the poll would apply, list or skip, and why,
// without writing anything anywhere.
import { useState } from 'preact/hooks';
import type { PopupResponses } from '../../lib/messages.ts';
import { formatDay, formatMoney } from '../../lib/money-text.ts';
import { ask } from '../../lib/popup-client.ts';

type Answer = PopupResponses['payments.preview'];

const outcomeWords = { apply: 'Would apply', list: 'Would list', skip: 'Would skip' } as const;

export function PaymentPreview({ currency }: { currency: string | undefined }) {
  const [daysText, setDaysText] = useState('30');
  const [answer, setAnswer] = useState<Answer>();
  const [pending, setPending] = useState(false);
  const days = Number(daysText);
  const valid = Number.isInteger(days) && days >= 1 && days <= 365;

  const run = async (event: Event) => {
    event.preventDefault();
    if (!valid) return;
    setPending(true);
    setAnswer(undefined);
    try {
      setAnswer(await ask({ type: 'payments.preview', days }));
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview payment import</h2>
      <form onSubmit={run} class="inline-form">
        <label for="preview-days">Days back</label>
        <input
          id="preview-days"
          type="number"
          min={1}
          max={365}
          value={daysText}
          onInput={(event) => setDaysText(event.currentTarget.value)}
        />
        <button type="submit" disabled={pending || !valid}>
          Preview import
        </button>
      </form>
      {pending && <p class="busy">Reading Xero and Syncro…</p>}
      {answer && !answer.ok && (
        <p role="alert" class="message message-error">
          {answer.error}
        </p>
      )}
      {answer?.ok &&
        (answer.entries.length === 0 ? (
          <p role="status">No payments in Xero in that period.</p>
        ) : (
          <table class="preview">
            <caption>Nothing was written: this is what a poll would do.</caption>
            <thead>
              <tr>
                <th scope="col">Outcome</th>
                <th scope="col">Amount</th>
                <th scope="col">Customer</th>
                <th scope="col">Date</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {answer.entries.map((entry) => (
                <tr key={entry.paymentId} data-xero-payment-id={entry.paymentId}>
                  <td>
                    {outcomeWords[entry.outcome]}
                    {entry.invoiceId ? ` to invoice ${entry.invoiceId}` : ''}
                  </td>
                  <td>{formatMoney(entry.amountCents, currency)}</td>
                  <td>{entry.customer}</td>
                  <td>
                    <time dateTime={entry.date}>{formatDay(entry.date)}</time>
                  </td>
                  <td>{entry.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
