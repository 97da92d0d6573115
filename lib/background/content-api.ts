// The background's answers to content scripts: statuses only — never a token or a setting.

import { type EncodedSnapshot, encodeSnapshot, sameStatus } from '../badge-snapshot.ts';
import type { ContentRequest, ContentResponses, PageRecord, PageView } from '../messages.ts';
import { type RecordRef, recordKey, recordKinds } from '../records.ts';
import { recordStatuses, type StatusContext, unknownRecordStatus } from '../status.ts';
import { enqueue } from '../storage/outbox.ts';
import { currentPair } from '../storage/pair.ts';
import { loadGrant, loadSettings } from '../storage/store.ts';
import { pageOffReason } from '../sync/registry.ts';
import type { RecordStatus } from '../sync-state.ts';
import { type BadgeIndex, storageReads } from './badge-index.ts';
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

/**
 * The badge status of each record; records in Xero by another install's hand are looked up meanwhile. Links and
 * jobs come from the badge index where it covers the records (lib/background/badge-index.ts).
 */
export async function statusesFor(
  records: PageRecord[],
  found: FoundInXero | undefined,
  budget: PageBudget,
  index?: BadgeIndex,
): Promise<Record<string, RecordStatus>> {
  const keys = records.map(recordKey);
  const [grant, settings, { links, queued }, pair] = await Promise.all([
    loadGrant(),
    loadSettings(),
    (index ?? { known: storageReads.known }).known(records),
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

/**
 * What a page opening needs before its rows arrive (lib/badge-snapshot.ts): every record of its kind that the
 * badge index covers, with the detail page's own record beside them when it is older. Nothing is looked up in
 * Xero here: a record found there earlier shows as such, the rest wait for the page to name them with their numbers.
 */
export async function snapshotFor(
  page: PageView,
  found: FoundInXero | undefined,
  index: BadgeIndex,
): Promise<EncodedSnapshot> {
  const { kind } = page;
  const [grant, settings, pair, covered] = await Promise.all([
    loadGrant(),
    loadSettings(),
    currentPair(),
    index.covered(kind),
  ]);
  const context: StatusContext = {
    xero: grant?.state ?? 'disconnected',
    offReasons: { [kind]: pageOffReason(kind, settings) },
    links: covered.links,
    queued: covered.queued,
    foundInXero: found?.known(Date.now()),
  };
  const common: RecordStatus =
    grant?.state === 'connected' && 'missing' in pair
      ? { state: 'off', reason: pair.missing }
      : unknownRecordStatus(kind, context);
  if (common.state === 'off') return encodeSnapshot({ kind, from: 0, common, entries: [] });
  const ids = new Set<number>();
  for (const key of [...covered.links.keys(), ...covered.queued, ...(context.foundInXero?.keys() ?? [])]) {
    const [keyKind, id] = key.split(':');
    // A record found in Xero below the covered ids may have a link the index does not hold: the page asks later.
    if (keyKind === kind && Number(id) >= covered.from) ids.add(Number(id));
  }
  if (page.id !== undefined && page.id < covered.from) {
    const own = await index.known([{ kind, id: page.id }]);
    for (const [key, link] of own.links) context.links.set(key, link);
    for (const key of own.queued) context.queued.add(key);
    ids.add(page.id);
  }
  const records = [...ids].map((id) => ({ kind, id }));
  const statuses = recordStatuses(records, context);
  const entries = records.flatMap(({ id }): Array<[number, RecordStatus]> => {
    const status = statuses[recordKey({ kind, id })];
    return status && (id < covered.from || !sameStatus(status, common)) ? [[id, status]] : [];
  });
  return encodeSnapshot({ kind, from: covered.from, common, entries });
}

export async function answerStatuses(
  request: Extract<ContentRequest, { type: 'statuses' }>,
  found: FoundInXero | undefined,
  budget: PageBudget,
): Promise<ContentResponses['statuses']> {
  return { statuses: await statusesFor(request.records, found, budget) };
}
