// What a failed Xero call means, where it is not what it seems: a write whose answer was lost may have been saved,
// and a 401 may be a missing permission rather than a lost connection. Also the Idempotency-Key as sent.

import { NeedsUserError, RetryableError } from '../errors.ts';
import { fnv1a64 } from '../fingerprint.ts';

/**
 * Xero's answer to a write was lost (dropped connection, timeout, 5xx): it may have been saved. It is never sent
 * again blindly — how long Xero keeps an Idempotency-Key, and for whom, is not documented
 * (developer.xero.com/documentation/guides/idempotent-requests/idempotency) — so the caller looks the record up
 * by its natural key before writing again (lib/xero/batch.ts `lookUpThenWrite`), now or on the job's next try.
 */
export class UncertainWriteError extends RetryableError {}

/** Passing trouble: for a write, an uncertain outcome. */
export function passingTrouble(method: string, what: string): RetryableError {
  return method === 'GET'
    ? new RetryableError(what)
    : new UncertainWriteError(`${what}; it may have been saved, so it is looked up before writing again`);
}

/**
 * A valid token without the scope a call needs: Xero answers 401 with Detail `AuthorizationUnsuccessful`
 * (XeroAPI/Xero-NetStandard#178, #298), where a dead token says AuthenticationUnsuccessful or TokenExpired.
 */
export function isMissingScope(body: unknown): boolean {
  return (
    typeof body === 'object' && body !== null && (body as { Detail?: unknown }).Detail === 'AuthorizationUnsuccessful'
  );
}

/** The granular scope (research/xero.md §1.6) an Accounting API path needs. */
export function scopeFor(path: string): string {
  const resource = path.split('/')[1]?.toLowerCase() ?? '';
  if (resource === 'contacts') return 'accounting.contacts';
  if (resource === 'payments' || resource === 'batchpayments') return 'accounting.payments';
  if (['accounts', 'taxrates', 'organisation', 'items'].includes(resource)) return 'accounting.settings';
  return 'accounting.invoices';
}

export function missingPermission(method: string, path: string): NeedsUserError {
  const scope = scopeFor(path);
  return new NeedsUserError(
    `Xero refused ${method} ${path}: the connection lacks the "${scope}" permission. Disconnect Xero and connect again, allowing it.`,
  );
}

/**
 * The Idempotency-Key as sent: at most 128 characters (xero_accounting.yaml#/components/parameters/idempotencyKey)
 * whatever the caller's key, and bound to the organisation — should Xero scope keys by app rather than by
 * organisation, two organisations' identical requests must not replay each other's answer.
 */
export function idempotencyHeader(tenantId: string, key: string): string {
  const scoped = `${tenantId}\n${key}`;
  return `sx-${fnv1a64(scoped)}${fnv1a64(`${key}\n${tenantId}`)}`;
}
