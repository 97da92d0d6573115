// The background's answers to content scripts: statuses only — never a token or a setting.

import type { ContentRequest, ContentResponses, PageRecord } from '../messages.ts';
import { type RecordRef, recordKey, recordKinds } from '../records.ts';
import { recordStatuses } from '../status.ts';
import { getLinks } from '../storage/links.ts';
import { enqueue, queuedAmong } from '../storage/outbox.ts';
import { currentPair } from '../storage/pair.ts';
import { loadGrant, loadSettings } from '../storage/store.ts';
import { pageOffReason } from '../sync/registry.ts';
import type { RecordStatus } from '../sync-state.ts';
import type { FoundInXero } from './found-in-xero.ts';
import { type PageBudget, tooManyRequests } from './tab-limits.ts';

/** A detail page opened: check that record now (only when syncing can happen at all). */
export async function answerViewed(
  request: Extract<ContentRequest, { type: 'viewed' }>,
  runSync: () => void,
  budget: PageBudget,
): Promise<ContentResponses['viewed']> {
  const { queued } = await queueNow([request.record], runSync, budget);
  return { queued: queued > 0 };
}

/** "Re-Sync to Xero": the records are queued now (ahead of any back-off) and the outbox runs. */
export async function answerResync(
  request: Extract<ContentRequest, { type: 'resync' }>,
  runSync: () => void,
  budget: PageBudget,
): Promise<ContentResponses['resync']> {
  return queueNow(request.records, runSync, budget);
}

async function queueNow(
  records: RecordRef[],
  runSync: () => void,
  budget: PageBudget,
): Promise<ContentResponses['resync']> {
  const [grant, settings, pair] = await Promise.all([loadGrant(), loadSettings(), currentPair()]);
  if (grant?.state !== 'connected') {
    return { queued: 0, reason: grant ? 'Reconnect to Xero in the extension popup first.' : 'Xero is not connected.' };
  }
  if ('missing' in pair) return { queued: 0, reason: pair.missing };
  const off = records.map((record) => pageOffReason(record.kind, settings));
  const allowed = records.filter((_, i) => !off[i]);
  if (allowed.length > 0 && !budget.jobs(allowed.length)) return { queued: 0, reason: tooManyRequests };
  const now = Date.now();
  for (const record of allowed) await enqueue(record.kind, String(record.id), now);
  if (allowed.length > 0) runSync();
  const reason = off.find(Boolean);
  return reason ? { queued: allowed.length, reason } : { queued: allowed.length };
}

/** The badge status of each record; records in Xero by another install's hand are looked up meanwhile. */
export async function statusesFor(
  records: PageRecord[],
  found: FoundInXero | undefined,
  budget: PageBudget,
): Promise<Record<string, RecordStatus>> {
  const keys = records.map(recordKey);
  const [grant, settings, links, queued, pair] = await Promise.all([
    loadGrant(),
    loadSettings(),
    getLinks(keys),
    queuedAmong(records.map((record) => [record.kind, String(record.id)])),
    currentPair(),
  ]);
  // Connected to Xero with no organisation chosen: nothing is known or looked up until one is.
  if (grant?.state === 'connected' && 'missing' in pair) {
    return Object.fromEntries(keys.map((key) => [key, { state: 'off', reason: pair.missing } satisfies RecordStatus]));
  }
  const now = Date.now();
  const unchecked =
    found && grant?.state === 'connected'
      ? found.lookUp(
          records.filter((record) => !links.has(recordKey(record)) && !queued.has(recordKey(record))),
          now,
          budget.lookUps,
        )
      : undefined;
  return recordStatuses(records, {
    xero: grant?.state ?? 'disconnected',
    offReasons: Object.fromEntries(recordKinds.map((kind) => [kind, pageOffReason(kind, settings)])),
    links,
    queued,
    foundInXero: found?.known(now),
    ...(unchecked && unchecked.size > 0 ? { notLookedUp: { keys: unchecked, reason: tooManyRequests } } : {}),
  });
}

export async function answerStatuses(
  request: Extract<ContentRequest, { type: 'statuses' }>,
  found: FoundInXero | undefined,
  budget: PageBudget,
): Promise<ContentResponses['statuses']> {
  return { statuses: await statusesFor(request.records, found, budget) };
}
