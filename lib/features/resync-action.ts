// Feature: "Re-Sync to Xero" on invoice and PO detail pages — an item in the page's Actions menu (a Bootstrap
// dropdown, or an ARIA menu built only while open), or a button beside the title where no menu is found.
// Activating it queues the record now; the badge follows the status store (PENDING, then SYNCED/FAILED).
// Only a trusted click (a person's, by mouse or keyboard) counts; a page script's click does nothing.
import { createResyncButton, type ResyncButton, resyncButtonTag } from '../../components/resync-button.ts';
import { createNotice, noticeTag, showNotice } from '../../components/sync-notice.ts';
import type { FeatureRun, PageOf } from '../content/feature-runner.ts';
import type { Resync } from '../content/resync.ts';
import { addActionsMenuItem, findActionsMenu, findDetailTitle, type SyncroPage } from '../syncro/pages.ts';

export const resyncLabel = 'Re-Sync to Xero';
const marker = 'data-syncro-xero-resync';

export const resyncActionRule = (page: SyncroPage): page is PageOf<'detail'> => page.view === 'detail';

export function startResyncAction(run: FeatureRun<PageOf<'detail'>>, resync: Resync): void {
  const { record } = run.page;
  const menuItems = new Set<HTMLElement>();
  let fallback: ResyncButton | undefined;
  let notice: HTMLElement | undefined;
  const title = () => findDetailTitle(document, record.kind);

  const tell = (message: string) => {
    const heading = title();
    if (!heading) return;
    notice ??= createNotice();
    if (!notice.isConnected) {
      removeCopies(heading.parentElement, noticeTag, notice);
      (fallback?.host.isConnected ? fallback.host : heading).after(notice);
    }
    showNotice(notice, message);
  };
  const queue = run.guard(async () => {
    tell('Queued for Xero…');
    try {
      const answer = await resync([record]);
      tell(answer.queued > 0 ? 'Re-sync queued' : (answer.reason ?? 'Not queued'));
    } catch {
      tell('The extension did not answer: reload the page and try again.');
    }
  });
  const onClick = (event: Event) => {
    event.preventDefault(); // a menu link goes to "#"; the page's own handler still closes the menu
    // Only a person's click queues work: a page script's .click() or dispatched event is not trusted.
    if (event.isTrusted) queue();
  };

  run.onChange(() => {
    const actions = findActionsMenu(document);
    if (actions) {
      fallback?.host.remove();
      // An ARIA menu exists only while open and is built afresh each time: the item is added each time.
      if (!actions.menu) return;
      const present = actions.menu.querySelector<HTMLElement>(`[${marker}]`);
      if (present && menuItems.has(present)) return;
      if (present) entryOf(present).remove(); // the page's copy of our item, without our listener
      const item = addActionsMenuItem(actions.menu, resyncLabel);
      item.setAttribute(marker, '');
      item.addEventListener('click', onClick);
      menuItems.add(item);
      return;
    }
    const heading = title();
    if (!heading) return;
    if (!fallback) {
      fallback = createResyncButton(resyncLabel);
      fallback.button.addEventListener('click', onClick);
    }
    if (heading.nextElementSibling !== fallback.host) {
      removeCopies(heading.parentElement, resyncButtonTag, fallback.host);
      heading.after(fallback.host);
    }
  });

  run.signal.addEventListener('abort', () => {
    for (const item of menuItems) entryOf(item).remove();
    fallback?.host.remove();
    notice?.remove();
  });
}

/** What was added to the menu for an item: its own list item when it has one, else the item itself. */
const entryOf = (item: HTMLElement): HTMLElement =>
  item.parentElement?.childElementCount === 1 && item.parentElement.localName === 'li' ? item.parentElement : item;

/** Copies the page made of our elements when re-rendering from its own HTML: empty, without a shadow root. */
function removeCopies(parent: Element | null, tag: string, ours: HTMLElement): void {
  for (const copy of parent?.querySelectorAll(tag) ?? []) if (copy !== ours) copy.remove();
}
