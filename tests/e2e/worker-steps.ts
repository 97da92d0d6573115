// The extension's service worker as tests handle it: killed the way Chrome stops an idle worker, and asked
// about its alarms.
import type { BrowserContext, Worker } from '@playwright/test';

/** Closes the extension's service worker target through CDP (FIELD-NOTES). True when one was running. */
export async function killWorker(context: BrowserContext): Promise<boolean> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; type: string; url: string }>;
  };
  const worker = targetInfos.find(
    (target) => target.type === 'service_worker' && target.url.endsWith('/background.js'),
  );
  if (worker) await cdp.send('Target.closeTarget', { targetId: worker.targetId });
  await cdp.detach();
  return Boolean(worker);
}

/** The running worker (waiting for one to start). */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  return (
    context.serviceWorkers().find((worker) => worker.url().endsWith('/background.js')) ??
    (await context.waitForEvent('serviceworker'))
  );
}

export async function alarmPeriod(context: BrowserContext, name: string): Promise<number | undefined> {
  const worker = await currentWorker(context);
  return worker.evaluate(async (alarmName) => {
    type Alarms = { get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
    const { chrome } = globalThis as unknown as { chrome: { alarms: Alarms } };
    return (await chrome.alarms.get(alarmName))?.periodInMinutes;
  }, name);
}
