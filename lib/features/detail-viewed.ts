// Feature: opening an invoice or PO detail page checks that record against Xero now (DESIGN: "a Syncro
// detail page viewed … enqueues"). Once per page view, client-side navigations included.
import type { PageWatch } from '../content/page-watch.ts';
import type { ContentResponses } from '../messages.ts';
import type { RecordRef } from '../records.ts';
import { classifyPage, type SyncroPage } from '../syncro/pages.ts';

export const detailViewedRule = (page: SyncroPage) => page.view === 'detail';

export function startDetailViewed(watch: PageWatch, tell: (record: RecordRef) => Promise<ContentResponses['viewed']>) {
  let told: string | undefined;
  watch.subscribe(() => {
    const page = classifyPage(new URL(location.href));
    if (!detailViewedRule(page) || page.view !== 'detail' || told === location.pathname) return;
    told = location.pathname;
    void tell(page.record);
  });
}
