import { openBadgeChannel } from '../lib/content/badge-channel.ts';
import { startPageWatch } from '../lib/content/page-watch.ts';
import { startBulkResync } from '../lib/features/bulk-resync.ts';
import { startDetailViewed } from '../lib/features/detail-viewed.ts';
import { startRecordBadges } from '../lib/features/record-badges.ts';
import { startResyncAction } from '../lib/features/resync-action.ts';
import { badgePortName, type ContentRequest, type ContentResponses } from '../lib/messages.ts';

// Thin wiring: each feature decides from the URL whether it applies. No secrets ever reach this script.
// Registered at run time for the connected subdomain only (lib/background/content-registration.ts): the
// manifest has no content_scripts entry, so no other Syncro account's pages ever run it.
export default defineContentScript({
  registration: 'runtime',
  matches: ['https://*.syncromsp.com/*'],
  // From the start of parsing: badges go in as rows arrive instead of after the page has settled.
  runAt: 'document_start',
  main(ctx) {
    const ask = <T extends ContentRequest['type']>(request: ContentRequest & { type: T }) =>
      browser.runtime.sendMessage(request) as Promise<ContentResponses[T]>;
    const askResync = (records: Extract<ContentRequest, { type: 'resync' }>['records']) =>
      ask({ type: 'resync', records });
    const watch = startPageWatch(ctx);
    const channel = openBadgeChannel(ctx, () => browser.runtime.connect({ name: badgePortName }));
    startRecordBadges(ctx, watch, channel);
    startResyncAction(ctx, watch, channel, askResync);
    startBulkResync(ctx, watch, channel, askResync);
    startDetailViewed(watch, (record) => ask({ type: 'viewed', record }));
  },
});
