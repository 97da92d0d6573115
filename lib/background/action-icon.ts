import { browser } from 'wxt/browser';
import type { XeroGrant } from '../xero/grant.ts';

/** The toolbar icon says when Xero needs the user: a red "!" and a tooltip with the reason. */
export async function showConnectionOnIcon(grant: XeroGrant | undefined): Promise<void> {
  const needsUser = grant?.state === 'reconnect-needed';
  await browser.action.setBadgeText({ text: needsUser ? '!' : '' });
  if (needsUser) await browser.action.setBadgeBackgroundColor({ color: '#c82333' });
  await browser.action.setTitle({
    title: needsUser ? `Syncro ⇄ Xero — reconnect to Xero needed` : 'Syncro ⇄ Xero',
  });
}
