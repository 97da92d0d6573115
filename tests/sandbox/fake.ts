import type { Handler, SandboxContext } from './http.ts';

/** Options of the seed data set. `invoices` scales the data for benchmarks (default: the small demo set). */
export interface SeedOptions {
  invoices?: number;
}

/**
 * One fake system (Syncro, or Xero identity + API). The server core owns sockets, recording, fault
 * injection, rate limits and spec validation; a fake owns only its data and business rules.
 */
export interface Fake {
  /** Requests to this fake's hosts. */
  handle: Handler;
  /** Admin requests under `/__admin/<name>`; the path it sees is the rest (e.g. `/payments`). */
  admin: Handler;
  /** Forget everything, back to an empty world (no seed). */
  reset(): void;
  /** Reset, then load the seed data set. */
  seed(options?: SeedOptions): void;
  /** A JSON-serialisable view of the whole state, for tests (`GET /__admin/state`). */
  snapshot(): unknown;
}

export type FakeFactory = (ctx: SandboxContext) => Fake;
