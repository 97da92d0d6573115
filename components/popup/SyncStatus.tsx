// At a glance, beside both connections (the Status tab): the payment poll, the record counts and Xero's daily API
// allowance, with the manual actions. Names of organisations and users are left to the connection sections.
import { jobNames } from '../../lib/activity.ts';
import type { PopupStatus } from '../../lib/messages.ts';
import { formatMoment } from '../../lib/money-text.ts';
import { ask } from '../../lib/popup-client.ts';
import { ResultMessage } from './ResultMessage.tsx';
import { useAction } from './use-action.ts';

interface SyncStatusProps {
  status: PopupStatus | undefined;
  onChanged: () => Promise<void>;
}

const when = (time: number | undefined, otherwise: string) => (time === undefined ? otherwise : formatMoment(time));

export function SyncStatus({ status, onChanged }: SyncStatusProps) {
  const action = useAction(onChanged);
  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">Sync status</h2>
      {status ? (
        <dl class="facts">
          <dt>Last payment poll</dt>
          <dd>{when(status.poll.last, 'never')}</dd>
          <dt>Next payment poll</dt>
          <dd>{when(status.poll.next, 'not scheduled')}</dd>
          <dt>Pending</dt>
          <dd>{status.counts.pending}</dd>
          <dt>Failed</dt>
          <dd>{status.counts.failed}</dd>
          <dt>Skipped</dt>
          <dd>{status.counts.skipped}</dd>
          <dt>Xero API calls left today</dt>
          <dd>{status.xeroDayRemaining?.toLocaleString() ?? 'unknown'}</dd>
        </dl>
      ) : (
        <p class="hint">Status not available yet.</p>
      )}
      {status?.problem && (
        <p class="notice notice-warn" role="alert">
          {`The last ${jobNames[status.problem.job]?.toLowerCase() ?? 'sync'} failed (${when(status.problem.at, '')}): ${status.problem.message}`}
        </p>
      )}
      {status?.backfill && (
        <label class="progress">
          Sync progress
          <progress
            max={status.backfill.total}
            value={status.backfill.total - status.counts.pending}
          >{`${status.backfill.total - status.counts.pending} of ${status.backfill.total}`}</progress>
        </label>
      )}
      <div class="buttons">
        <button
          type="button"
          disabled={action.pending}
          onClick={() => void action.run(() => ask({ type: 'sync.now' }))}
        >
          Sync now
        </button>
        <button
          type="button"
          disabled={action.pending}
          onClick={() => void action.run(() => ask({ type: 'products.syncAll' }))}
        >
          Sync all products
        </button>
        <button
          type="button"
          disabled={action.pending}
          onClick={() => void action.run(() => ask({ type: 'payments.pollNow' }))}
        >
          Poll payments now
        </button>
      </div>
      <ResultMessage result={action.result} success="Done." persistent />
    </section>
  );
}
