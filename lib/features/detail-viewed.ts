// Feature: opening an invoice or PO detail page checks that record against Xero now (DESIGN: "a Syncro
// detail page viewed … enqueues"). Once per page view (the runner starts it once per view), client-side
// navigations included.
import type { FeatureRun, PageOf } from '../content/feature-runner.ts';
import type { ContentResponses } from '../messages.ts';
import type { RecordRef } from '../records.ts';
import type { SyncroPage } from '../syncro/pages.ts';

export const detailViewedRule = (page: SyncroPage): page is PageOf<'detail'> => page.view === 'detail';

export function startDetailViewed(
  run: FeatureRun<PageOf<'detail'>>,
  tell: (record: RecordRef) => Promise<ContentResponses['viewed']>,
): Promise<unknown> {
  return tell(run.page.record);
}
