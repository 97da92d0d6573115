// Feature: opening an invoice or PO detail page checks that record against Xero now (DESIGN: "a Syncro
// detail page viewed … enqueues"). Once per page view.
import type { ContentResponses } from '../messages.ts';
import type { RecordRef } from '../records.ts';
import { classifyPage } from '../syncro/pages.ts';

export function startDetailViewed(tell: (record: RecordRef) => Promise<ContentResponses['viewed']>): void {
  const page = classifyPage(new URL(location.href));
  if (page.view === 'detail') void tell(page.record);
}
