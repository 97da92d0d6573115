// Playwright fixtures: the sandbox (one per worker), and per test a fresh Chromium profile with the built
// extension whose real hostnames resolve to the sandbox.
import { type BrowserContext, test as base, type Page } from '@playwright/test';
import { SandboxClient } from '../sandbox/client.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { extensionIdOf, launchWithExtension } from './launch.ts';

export { chromiumPath, extensionIdOf, launchWithExtension } from './launch.ts';

interface WorkerFixtures {
  sandbox: Sandbox;
}

interface TestFixtures {
  /** The sandbox's admin API, reset and seeded with the demo data before each test. */
  admin: SandboxClient;
  context: BrowserContext;
  extensionId: string;
  /** The extension's popup, opened in a normal tab. */
  popup: Page;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sandbox: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
    async ({}, use) => {
      const sandbox = await startSandbox();
      await use(sandbox);
      await sandbox.close();
    },
    { scope: 'worker' },
  ],
  admin: async ({ sandbox }, use) => {
    const admin = new SandboxClient(sandbox.port);
    await admin.seed();
    await use(admin);
  },
  context: async ({ sandbox }, use) => {
    const context = await launchWithExtension(sandbox);
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
  },
  popup: async ({ context, extensionId }, use) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await use(page);
  },
});

export const expect = test.expect;
