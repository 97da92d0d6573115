import { startDetailViewed } from '../lib/features/detail-viewed.ts';
import { startRecordBadges } from '../lib/features/record-badges.ts';
import type { ContentRequest, ContentResponses } from '../lib/messages.ts';

// Thin wiring: each feature decides from the URL whether it applies. No secrets ever reach this script.
export default defineContentScript({
  matches: ['https://*.syncromsp.com/*'],
  main(ctx) {
    const ask = <T extends ContentRequest['type']>(request: ContentRequest & { type: T }) =>
      browser.runtime.sendMessage(request) as Promise<ContentResponses[T]>;
    startRecordBadges(ctx, (records) => ask({ type: 'statuses', records }));
    startDetailViewed((record) => ask({ type: 'viewed', record }));
  },
});
