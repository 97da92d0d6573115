// Activity: what the sync did and why, newest first, from the audit log the background keeps 30 days. Filters by
// record, level and dates; each entry links its record in Syncro and in Xero where known; "Export CSV" saves
// exactly the entries the filters keep. Every text is the log's own, rendered as text.
import { useEffect, useState } from 'preact/hooks';
import {
  type ActivityLevel,
  type ActivityList,
  type ActivityRow,
  activityCsv,
  activityFileName,
  activityLevels,
  activityRetentionDays,
  activityRowLimit,
  dayRange,
  levelWords,
} from '../../lib/activity.ts';
import { formatMoment, formatMoney } from '../../lib/money-text.ts';
import { ask } from '../../lib/popup-client.ts';
import { Field } from './Field.tsx';

/** Rows drawn at once; the rest follow on request (the export always has every row the filters keep). */
const pageSize = 200;

export function ActivityLog({ shown, currency }: { shown: boolean; currency: string | undefined }) {
  const [record, setRecord] = useState('');
  const [level, setLevel] = useState<ActivityLevel | ''>('');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [answer, setAnswer] = useState<ActivityList>();
  const [drawn, setDrawn] = useState(pageSize);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (!shown) return;
    let current = true;
    // Typing in "Record" asks once the person pauses, not per key.
    const timer = setTimeout(() => {
      void ask({
        type: 'activity.list',
        ...(record.trim() ? { record: record.trim() } : {}),
        ...(level ? { level } : {}),
        ...dayRange(fromDay, toDay),
      }).then((next) => {
        if (!current) return;
        setAnswer(next);
        setDrawn(pageSize);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [shown, record, level, fromDay, toDay, reloads]);

  const rows = answer?.ok ? answer.rows : [];
  const money = rows.some((row) => row.amountCents !== undefined);
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      <p class="hint">
        What the sync did and why, newest first. Each entry is kept {activityRetentionDays} days, then removed.
      </p>
      <form class="activity-filters" onSubmit={(e) => e.preventDefault()}>
        <Field id="activity-record" label="Record" hint="A number, a Syncro id or words of the message">
          {(control) => (
            <input
              {...control}
              type="search"
              value={record}
              onInput={(event) => setRecord(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="activity-level" label="Level">
          {(control) => (
            <select
              {...control}
              value={level}
              onChange={(event) => setLevel(event.currentTarget.value as ActivityLevel | '')}
            >
              <option value="">All levels</option>
              {activityLevels.map((each) => (
                <option key={each} value={each}>
                  {levelWords[each]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="activity-from" label="From">
          {(control) => (
            <input
              {...control}
              type="date"
              value={fromDay}
              onInput={(event) => setFromDay(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="activity-to" label="To">
          {(control) => (
            <input {...control} type="date" value={toDay} onInput={(event) => setToDay(event.currentTarget.value)} />
          )}
        </Field>
        <div class="buttons">
          <button type="button" class="secondary" onClick={() => setReloads((count) => count + 1)}>
            Refresh
          </button>
          <button type="button" disabled={rows.length === 0} onClick={() => download(rows)}>
            Export CSV
          </button>
        </div>
      </form>
      {!answer && shown && <p class="busy">Loading the activity…</p>}
      {answer && !answer.ok && (
        <p role="alert" class="message message-error">
          {answer.error}
        </p>
      )}
      {answer?.ok && (
        <p role="status" class="hint">
          {answer.truncated
            ? `Showing the newest ${activityRowLimit} entries: narrow the filters to reach older ones.`
            : `${rows.length} ${rows.length === 1 ? 'entry' : 'entries'}`}
        </p>
      )}
      {rows.length > 0 && (
        <table class="activity">
          <caption class="visually-hidden">Activity, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Level</th>
              <th scope="col">Record</th>
              <th scope="col">What happened</th>
              {money && <th scope="col">Amount</th>}
              <th scope="col">Open in</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, drawn).map((row) => (
              <ActivityEntry key={row.id} row={row} money={money} currency={currency} />
            ))}
          </tbody>
        </table>
      )}
      {drawn < rows.length && (
        <button type="button" class="secondary" onClick={() => setDrawn(drawn + pageSize)}>
          Show {Math.min(pageSize, rows.length - drawn)} more
        </button>
      )}
    </section>
  );
}

function ActivityEntry({ row, money, currency }: { row: ActivityRow; money: boolean; currency: string | undefined }) {
  return (
    <tr data-activity-id={row.id} class={`level-${row.level}`}>
      <td>
        <time dateTime={new Date(row.at).toISOString()}>{formatMoment(row.at)}</time>
      </td>
      <td>{levelWords[row.level]}</td>
      <td>{row.record}</td>
      <td>{row.message}</td>
      {money && (
        <td class="amount">
          {row.amountCents === undefined ? '' : formatMoney(row.amountCents, row.currency ?? currency)}
        </td>
      )}
      <td class="record-links">
        {row.syncroUrl && <RecordLink href={row.syncroUrl} system="Syncro" record={row.record} />}
        {row.xeroUrl && <RecordLink href={row.xeroUrl} system="Xero" record={row.record} />}
      </td>
    </tr>
  );
}

function RecordLink({ href, system, record }: { href: string; system: string; record: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {system}
      <span class="visually-hidden">{`: ${record}`}</span>
    </a>
  );
}

/** Saves the rows as a CSV file through the browser's own download (no extra permission). */
function download(rows: readonly ActivityRow[]) {
  const url = URL.createObjectURL(new Blob([activityCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = activityFileName(Date.now());
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
