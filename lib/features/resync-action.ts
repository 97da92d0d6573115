// Feature: "Re-Sync to Xero" on invoice and PO detail pages — an item in the page's Actions menu (a Bootstrap
// dropdown, or an ARIA menu built only while open), or a button beside the title where no menu is found.
// Activating it queues the record now; the badge follows over the badge port (PENDING, then SYNCED/FAILED).
// Only a trusted click (a person's, by mouse or keyboard) counts; a page script's click does nothing.
import { createNotice, showNotice } from '../../components/sync-notice.ts';
import type { BadgeChannel } from '../content/badge-channel.ts';
import type { FeatureContext } from '../content/feature-context.ts';
import type { PageWatch } from '../content/page-watch.ts';
import { type AskResync, requestResync } from '../content/resync.ts';
import type { RecordRef } from '../records.ts';
import {
  addActionsMenuItem,
  classifyPage,
  findActionsMenu,
  findDetailTitle,
  type SyncroPage,
} from '../syncro/pages.ts';

export const resyncLabel = 'Re-Sync to Xero';
const marker = 'data-syncro-xero-resync';

export const resyncActionRule = (page: SyncroPage) => page.view === 'detail';

export function startResyncAction(
  ctx: FeatureContext,
  watch: PageWatch,
  channel: BadgeChannel,
  askResync: AskResync,
): void {
  const added = new Set<HTMLElement>();
  const resync = async (record: RecordRef, title: HTMLElement | null) => {
    let notice = title?.parentElement?.querySelector<HTMLElement>('syncro-xero-notice') ?? null;
    if (!notice && title) {
      notice = createNotice();
      title.after(notice);
      added.add(notice);
    }
    if (notice) showNotice(notice, 'Queued for Xero…');
    try {
      const answer = await requestResync([record], askResync, channel);
      if (notice) showNotice(notice, answer.queued > 0 ? 'Re-sync queued' : (answer.reason ?? 'Not queued'));
    } catch {
      if (notice) showNotice(notice, 'The extension did not answer: reload the page and try again.');
    }
  };

  watch.subscribe(() => {
    const page = classifyPage(new URL(location.href));
    if (!resyncActionRule(page) || page.view !== 'detail') return;
    const title = findDetailTitle(document, page.record.kind);
    const actions = findActionsMenu(document);
    const activate = (element: HTMLElement) => {
      element.setAttribute(marker, '');
      added.add(element);
      element.addEventListener('click', (event) => {
        event.preventDefault(); // a menu link goes to "#"; the page's own handler still closes the menu
        // Only a person's click queues work: a page script's .click() or dispatched event is not trusted.
        if (!event.isTrusted) return;
        void resync(page.record, findDetailTitle(document, page.record.kind));
      });
    };
    if (actions) {
      // An ARIA menu exists only while open and is built afresh each time: the item is added each time.
      if (actions.menu && !actions.menu.querySelector(`[${marker}]`)) {
        activate(addActionsMenuItem(actions.menu, resyncLabel));
      }
      return;
    }
    if (title && !title.parentElement?.querySelector(`button[${marker}]`)) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = resyncLabel;
      button.style.marginLeft = '8px';
      title.after(button);
      activate(button);
    }
  });

  ctx.onInvalidated(() => {
    for (const element of added) (element.closest('li') ?? element).remove();
  });
}
