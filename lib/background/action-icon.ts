import { browser } from 'wxt/browser';
import { readPaired } from '../storage/pair.ts';
import { loadGrant } from '../storage/store.ts';
import type { XeroGrant } from '../xero/grant.ts';

/**
 * The toolbar icon says when the user is needed: a red "!" when Xero must be connected again, else the number
 * of Xero payments waiting in the reconciliation list; the tooltip says which.
 */
export async function showConnectionOnIcon(grant: XeroGrant | undefined): Promise<void> {
  const needsUser = grant?.state === 'reconnect-needed';
  const waiting = needsUser ? 0 : await readPaired((db) => db.countFromIndex('imports', 'byState', 'listed'), 0);
  await browser.action.setBadgeText({ text: needsUser ? '!' : waiting > 0 ? String(waiting) : '' });
  if (needsUser || waiting > 0) {
    await browser.action.setBadgeBackgroundColor({ color: needsUser ? '#c82333' : '#8a5a00' });
  }
  await browser.action.setTitle({
    title: needsUser
      ? 'Syncro ⇄ Xero — reconnect to Xero needed'
      : waiting > 0
        ? `Syncro ⇄ Xero — ${waiting} payment${waiting === 1 ? '' : 's'} to reconcile`
        : 'Syncro ⇄ Xero',
  });
}

/** After the reconciliation list changed. */
export async function refreshIcon(): Promise<void> {
  await showConnectionOnIcon(await loadGrant());
}
