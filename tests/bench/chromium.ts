// Shared by the benchmarks that run real Chromium (P1, P6): the built extension (rebuilt first if a source is
// newer, as the e2e global setup does), a browser with or without it, both connections made through the popup,
// the service worker reached over CDP (heap, evaluate), and the content script's isolated world on a page.
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import globalSetup from '../e2e/global-setup.ts';
import { extensionIdOf, launchWithExtension } from '../e2e/launch.ts';
import { connectBoth } from '../e2e/popup-steps.ts';
import type { Sandbox } from '../sandbox/server.ts';

export { extensionIdOf };

/** Builds `.output/chrome-mv3` unless it is newer than every source (tests/e2e/global-setup.ts). */
export const ensureBuilt = () => globalSetup();

/** A fresh headless profile reaching the sandbox, with or without the extension (tests/e2e/launch.ts). */
export const launch = (sandbox: Sandbox, withExtension = true) => launchWithExtension(sandbox, true, withExtension);

/** Opens the popup in a tab and connects Syncro (`demo-token`, `acme`) and Xero (`demo-client-id`). */
export async function connectExtension(context: BrowserContext): Promise<{ extensionId: string; popup: Page }> {
  const extensionId = await extensionIdOf(context);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await connectBoth(popup);
  return { extensionId, popup };
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/**
 * The extension's service worker over CDP, from a browser session (Playwright cannot open a CDP session on a
 * Worker): attached without flattening, commands go through Target.sendMessageToTarget. Follows restarts: a
 * call after the worker was stopped attaches to the new one (or, with `wake: false`, reports it is gone).
 */
export class WorkerTarget {
  private session?: { sessionId: string; targetId: string };
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  /** How many different worker targets were attached to (1 = the worker was never restarted meanwhile). */
  attachedTargets = new Set<string>();

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = message.id === undefined ? undefined : this.waiting.get(message.id);
      if (!waiter || message.id === undefined) return;
      this.waiting.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
    cdp.on('Target.detachedFromTarget', (event: { sessionId: string }) => {
      if (event.sessionId !== this.session?.sessionId) return;
      this.session = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(new Error('worker detached'));
      this.waiting.clear();
    });
  }

  static async open(context: BrowserContext): Promise<WorkerTarget> {
    const browser = context.browser();
    if (!browser) throw new Error('no browser');
    return new WorkerTarget(await browser.newBrowserCDPSession());
  }

  /** The running worker's target, if any. */
  async find(): Promise<TargetInfo | undefined> {
    const { targetInfos } = (await this.cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    return targetInfos.find((target) => target.type === 'service_worker' && target.url.endsWith('/background.js'));
  }

  private async attach(): Promise<{ sessionId: string; targetId: string } | undefined> {
    const target = await this.find();
    if (!target) return undefined;
    if (this.session?.targetId === target.targetId) return this.session;
    const { sessionId } = (await this.cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    })) as { sessionId: string };
    this.session = { sessionId, targetId: target.targetId };
    this.attachedTargets.add(target.targetId);
    return this.session;
  }

  async call<T>(method: string, params: Record<string, unknown> = {}): Promise<T | undefined> {
    const session = this.session ?? (await this.attach());
    if (!session) return undefined;
    const id = ++this.nextId;
    const answer = new Promise<unknown>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    await this.cdp.send('Target.sendMessageToTarget', {
      sessionId: session.sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return (await answer) as T;
  }

  /** V8's heap of the worker (bytes used, and Blink's embedder heap). Undefined when no worker runs. */
  async heap(): Promise<{ usedSize: number; totalSize: number; embedderHeapUsedSize?: number } | undefined> {
    try {
      return await this.call('Runtime.getHeapUsage');
    } catch {
      return undefined; // stopped between the look-up and the answer
    }
  }

  async collectGarbage(): Promise<void> {
    await this.call('HeapProfiler.collectGarbage');
  }

  /** Evaluates an expression in the worker (awaiting a promise), returning its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const answer = await this.call<{ result: { value: T }; exceptionDetails?: { text: string } }>('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (!answer) throw new Error('no service worker running');
    if (answer.exceptionDetails) throw new Error(`worker evaluate: ${answer.exceptionDetails.text}`);
    return answer.result.value;
  }

  /** Stops the worker the way Chrome stops an idle one (Target.closeTarget, as tests/e2e/worker-steps.ts). */
  async kill(): Promise<boolean> {
    const target = await this.find();
    if (!target) return false;
    await this.cdp.send('Target.closeTarget', { targetId: target.targetId });
    for (let i = 0; i < 100 && (await this.find()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    this.session = undefined;
    return true;
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}

/**
 * The isolated world our content script runs in on `page` (found by its name, the extension's name, and origin):
 * code evaluated there has the content script's `chrome.runtime`, so the background sees our content script
 * on a Syncro tab as the sender — the only sender allowed the content verbs.
 */
export async function contentScriptWorld(page: Page, extensionId: string) {
  const cdp = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: (typeof contexts)[number] }) => {
    contexts.push(event.context);
  });
  await cdp.send('Runtime.enable');
  const world = contexts.findLast(
    (context) => context.origin === `chrome-extension://${extensionId}` && context.auxData?.type === 'isolated',
  );
  if (!world) throw new Error('the content script world is not on this page');
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const answer = (await cdp.send('Runtime.evaluate', {
        expression,
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
      })) as { result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
      if (answer.exceptionDetails) {
        throw new Error(
          `content world: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`,
        );
      }
      return answer.result.value;
    },
    detach: () => cdp.detach(),
  };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
