// The background's answers to content scripts: statuses only — never a token or a setting.
import { queuedAmong } from '../jobs/outbox.ts';
import type { ContentRequest, ContentResponses } from '../messages.ts';
import { recordKey } from '../records.ts';
import { recordStatuses } from '../status.ts';
import { loadGrant, loadSettings } from '../store.ts';
import { getLinks } from '../sync/links.ts';

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
