// Shared vocabulary of the REST route handlers.

import { json, type SandboxRequest, type SandboxResponse } from '../http.ts';
import type { Outcome } from './invoices.ts';
import type { Account, ApiToken } from './store.ts';

/** Everything a route handler needs. `params` are the regex groups of the route's path. */
export interface ApiCall {
  req: SandboxRequest;
  account: Account;
  token: ApiToken;
  params: string[];
  body: unknown;
  now: number;
}

export interface Route {
  method: string;
  path: RegExp;
  /** Syncro permission name from the swagger's "Required permission: …" description; `null` = any valid token. */
  permission: string | null;
  handle(call: ApiCall): SandboxResponse;
}

// syncro_swagger.json documents 404 "Invalid request" with no body; the `{"error": …}` body is Undocumented.
export const notFound = (): SandboxResponse => json(404, { error: 'Not found' });

/**
 * Turns a domain outcome into a response: success via `render`, failure as `{"error": …}` (the
 * `{"error": "Validation failed: …"}` shape of RepairShopr's generated invoice docs, research/syncro.md §1.2).
 */
export function respond<T>(outcome: Outcome<T>, render: (value: T) => unknown): SandboxResponse {
  return outcome.ok ? json(200, render(outcome.value)) : json(outcome.status, { error: outcome.error });
}

export function bodyFields(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/**
 * Page slicing with Syncro's `meta` (will_paginate style: 0 entries → 0 pages); `?page=N` from 1 and the meta keys
 * follow syncro_swagger.json#/paths/~1customers/get (full meta) and ~1invoices/get (short meta) examples.
 * Undocumented: a junk or missing `page` means 1.
 */
export function paginate<T>(items: readonly T[], req: SandboxRequest, perPage: number) {
  const requested = Number.parseInt(req.query.get('page') ?? '1', 10);
  const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
  const totalEntries = items.length;
  return {
    slice: items.slice((page - 1) * perPage, page * perPage),
    meta: { total_pages: Math.ceil(totalEntries / perPage), total_entries: totalEntries, per_page: perPage, page },
    /** The two-key `meta` of the swagger's invoice and payment list examples. */
    shortMeta: { total_pages: Math.ceil(totalEntries / perPage), page },
  };
}

/** Ids from `id[]=1&id[]=2` (Rails array params); `undefined` when the filter is absent. */
export function idFilter(req: SandboxRequest, name = 'id[]'): Set<number> | undefined {
  const values = req.query.getAll(name);
  return values.length ? new Set(values.map(Number)) : undefined;
}

export function contains(haystack: string | null | undefined, needle: string): boolean {
  return (haystack ?? '').toLowerCase().includes(needle.toLowerCase());
}
