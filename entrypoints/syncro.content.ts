import { openBadgeChannel } from '../lib/content/badge-channel.ts';
import { defineFeature, runFeatures } from '../lib/content/feature-runner.ts';
import { startPageWatch } from '../lib/content/page-watch.ts';
import { createResync } from '../lib/content/resync.ts';
import { createStatusStore } from '../lib/content/status-store.ts';
import { bulkResyncRule, startBulkResync } from '../lib/features/bulk-resync.ts';
import { detailViewedRule, startDetailViewed } from '../lib/features/detail-viewed.ts';
import { recordBadgesRule, startRecordBadges } from '../lib/features/record-badges.ts';
import { resyncActionRule, startResyncAction } from '../lib/features/resync-action.ts';
import { badgePortName, type ContentRequest, type ContentResponses } from '../lib/messages.ts';

// Thin wiring: the runner starts each feature on the pages its rule accepts. No secrets ever reach this script.
// Registered at run time for the connected subdomain only (lib/background/content-registration.ts): the
// manifest has no content_scripts entry, so no other Syncro account's pages ever run it.
export default defineContentScript({
  registration: 'runtime',
  matches: ['https://*.syncromsp.com/*'],
  // From the start of parsing: badges go in as rows arrive instead of after the page has settled.
  runAt: 'document_start',
  // WXT's older "started" signal is a window.postMessage the page sees too; it costs milliseconds at the start,
  // while the page is being parsed and the badge port's first answer is awaited. The document event stays.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const ask = <T extends ContentRequest['type']>(request: ContentRequest & { type: T }) =>
      browser.runtime.sendMessage(request) as Promise<ContentResponses[T]>;
    const watch = startPageWatch(ctx);
    const channel = openBadgeChannel(ctx, () => browser.runtime.connect({ name: badgePortName }));
    const statuses = createStatusStore(ctx, watch, channel); // before the runner: see createStatusStore
    const resync = createResync((records) => ask({ type: 'resync', records }), statuses);
    runFeatures(ctx, watch, [
      defineFeature('record-badges', recordBadgesRule, (run) => startRecordBadges(run, statuses)),
      defineFeature('resync-action', resyncActionRule, (run) => startResyncAction(run, resync)),
      defineFeature('bulk-resync', bulkResyncRule, (run) => startBulkResync(run, statuses, resync)),
      defineFeature('detail-viewed', detailViewedRule, (run) =>
        startDetailViewed(run, (record) => ask({ type: 'viewed', record })),
      ),
    ]);
  },
});
