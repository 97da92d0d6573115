// Adapter tests run the shipped adapters in Node against the sandbox, their real hostnames routed to it.
// The parts that need no test runner (install, sign-in, locks, draining the outbox) are in install.ts, shared
// with the benchmarks.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type PopupApiDeps, popupApi } from '../../lib/background/popup-api.ts';
import { SandboxClient } from '../sandbox/client.ts';
import { routeRealHostsTo } from '../sandbox/route-fetch.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';

export {
  clientId,
  connectedInstall,
  processLocks,
  redirectUri,
  runUntilIdle,
  signIn,
  signInWindow,
} from './install.ts';

import { redirectUri, signInWindow } from './install.ts';

/** The background's popup verbs as the worker wires them, with the browser's parts replaced; `deps` override. */
export function testPopup(deps: Partial<PopupApiDeps> = {}) {
  return popupApi({
    defaultClientId: '',
    redirectUri,
    launchWebAuthFlow: signInWindow,
    nextPollAt: async () => undefined,
    runSync: () => undefined,
    ...deps,
  });
}

export function useSandbox(): { sandbox: () => Sandbox; admin: () => SandboxClient } {
  let sandbox: Sandbox;
  let admin: SandboxClient;
  let restore: () => void;
  beforeAll(async () => {
    sandbox = await startSandbox();
    admin = new SandboxClient(sandbox.port);
    restore = routeRealHostsTo(sandbox.port);
  });
  afterAll(async () => {
    restore();
    await sandbox.close();
  });
  beforeEach(async () => {
    await admin.seed();
    await forgetRateWindows();
  });
  return { sandbox: () => sandbox, admin: () => admin };
}

/** The install's stored rate windows count calls that the freshly seeded sandbox has forgotten: they go too. */
async function forgetRateWindows(): Promise<void> {
  const { database } = await import('../../lib/storage/db.ts');
  const db = await database();
  const keys = await db.getAllKeys('meta');
  await Promise.all(keys.filter((key) => key.startsWith('rate-window:')).map((key) => db.delete('meta', key)));
}
