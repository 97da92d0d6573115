// The Syncro fake: REST API (`/api/v1`) and web pages for `SUBDOMAIN.syncromsp.com`, one account per subdomain.
// Base URL: syncro_swagger.json#/servers (`https://{subdomain}.syncromsp.com/api/v1`).

import type { Fake, FakeFactory } from '../fake.ts';
import type { SandboxRequest } from '../http.ts';
import { handleAdmin } from './admin.ts';
import { handleApi } from './api.ts';
import { seedAccount } from './seed.ts';
import { snapshotAccount } from './snapshot.ts';
import type { Account } from './store.ts';
import { handleWeb } from './web.ts';

const HOST_SUFFIX = '.syncromsp.com';

function subdomainOf(req: SandboxRequest): string | undefined {
  return req.host.endsWith(HOST_SUFFIX) ? req.host.slice(0, -HOST_SUFFIX.length) : undefined;
}

export const createSyncro: FakeFactory = (ctx): Fake => {
  const accounts = new Map<string, Account>();
  return {
    handle(req) {
      const subdomain = subdomainOf(req);
      const account = subdomain === undefined ? undefined : accounts.get(subdomain);
      if (req.path === '/api/v1' || req.path.startsWith('/api/v1/')) {
        return handleApi(req, account, req.path.slice('/api/v1'.length), ctx.now());
      }
      return handleWeb(req, account, ctx.now());
    },
    admin: (req) => handleAdmin({ accounts, now: ctx.now }, req),
    reset() {
      accounts.clear();
    },
    seed(options) {
      accounts.clear();
      const account = seedAccount(ctx.now(), options);
      accounts.set(account.subdomain, account);
    },
    snapshot() {
      return {
        accounts: Object.fromEntries(
          [...accounts].map(([subdomain, account]) => [subdomain, snapshotAccount(account)]),
        ),
      };
    },
  };
};
