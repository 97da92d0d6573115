// A Chromium profile whose Syncro/Xero hostnames resolve to the sandbox, with or without the built extension:
// shared by the e2e fixtures and the Chromium benchmarks, so both run the browser the same way.
import { type BrowserContext, chromium } from '@playwright/test';
import type { Sandbox } from '../sandbox/server.ts';
import { extensionDir } from './global-setup.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchWithExtension(
  sandbox: Sandbox,
  headless = true,
  withExtension = true,
): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath: chromiumPath,
    headless,
    args: [
      ...(headless ? ['--headless=new'] : []),
      ...(withExtension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...sandbox.chromiumArgs,
    ],
  });
}

export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}
