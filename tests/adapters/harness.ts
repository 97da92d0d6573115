// Adapter tests run the shipped adapters in Node against the sandbox, their real hostnames routed to it.
// The parts that need no test runner (install, sign-in, locks, draining the outbox) are in install.ts, shared
// with the benchmarks.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
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
  beforeEach(() => admin.seed());
  return { sandbox: () => sandbox, admin: () => admin };
}
