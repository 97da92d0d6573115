// The background's answers to content scripts: statuses only — never a token or a setting.
import { enqueue, queuedAmong } from '../jobs/outbox.ts';
import type { ContentRequest, ContentResponses } from '../messages.ts';
import { recordKey } from '../records.ts';
import { recordStatuses } from '../status.ts';
import { loadGrant, loadSettings } from '../store.ts';
import { getLinks } from '../sync/links.ts';

/** A detail page opened: check that record now (only when syncing can happen at all). */
export async function answerViewed(
  request: Extract<ContentRequest, { type: 'viewed' }>,
  runSync: () => void,
): Promise<ContentResponses['viewed']> {
  const [grant, settings] = await Promise.all([loadGrant(), loadSettings()]);
  const off = request.record.kind === 'purchase_order' && settings.disablePurchaseOrderSync;
  if (grant?.state !== 'connected' || off) return { queued: false };
  await enqueue(request.record.kind, String(request.record.id), Date.now());
  runSync();
  return { queued: true };
}

export async function answerStatuses(
  request: Extract<ContentRequest, { type: 'statuses' }>,
): Promise<ContentResponses['statuses']> {
  const keys = request.records.map(recordKey);
  const [grant, settings, links, queued] = await Promise.all([
    loadGrant(),
    loadSettings(),
    getLinks(keys),
    queuedAmong(request.records.map((record) => [record.kind, String(record.id)])),
  ]);
  return {
    statuses: recordStatuses(request.records, {
      xero: grant?.state ?? 'disconnected',
      purchaseOrderSyncDisabled: settings.disablePurchaseOrderSync,
      links,
      queued,
    }),
  };
}
