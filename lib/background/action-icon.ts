import { browser } from 'wxt/browser';
import { toolbarAttention } from '../attention.ts';
import { readPaired } from '../storage/pair.ts';
import { loadGrant } from '../storage/store.ts';
import type { XeroGrant } from '../xero/grant.ts';

/**
 * The toolbar icon says when the user is needed (lib/attention.ts): red with "!" when Xero must be connected
 * again, else amber with the number of Xero payments waiting in the reconciliation list; the tooltip says which.
 */
export async function showConnectionOnIcon(grant: XeroGrant | undefined): Promise<void> {
  const needsUser = grant?.state === 'reconnect-needed';
  const waiting = needsUser ? 0 : await readPaired((db) => db.countFromIndex('imports', 'byState', 'listed'), 0);
  const attention = toolbarAttention(needsUser, waiting);
  await browser.action.setIcon({ path: attention.icon });
  await browser.action.setBadgeText({ text: attention.badgeText });
  if (attention.badgeColour) await browser.action.setBadgeBackgroundColor({ color: attention.badgeColour });
  await browser.action.setTitle({ title: attention.title });
}

/** After the reconciliation list changed. */
export async function refreshIcon(): Promise<void> {
  await showConnectionOnIcon(await loadGrant());
}
