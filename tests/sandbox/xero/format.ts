// Xero's wire formats: MS-JSON dates, the response envelope, XML for clients that don't ask for JSON,
// and the error bodies (ValidationException, QueryParseException, problem details).
import { randomUUID } from 'node:crypto';
import { json, type SandboxRequest, type SandboxResponse } from '../http.ts';
import type { ApiObject } from './state.ts';

/**
 * `/Date(1700000000000+0000)/`, as in UpdatedDateUTC, Date, DueDate
 * (https://developer.xero.com/documentation/api/requests-and-responses; xero_accounting.yaml examples).
 */
export function msDate(ms: number): string {
  return `/Date(${ms}+0000)/`;
}

/** `2019-03-07T00:00:00`, as in DateString / DueDateString (xero_accounting.yaml `/Invoices` examples). */
export function dateString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Accepts `2026-11-25`, an ISO date-time, or `/Date(ms[+zzzz])/`; undefined when unparseable. */
export function parseXeroDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  if (ms?.[1]) return Number(ms[1]);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  // Undocumented: a bare date or a zone-less date-time is taken as UTC (Xero ignores the org timezone on the wire).
  const withZone = /T.*(Z|[+-]\d{2}:?\d{2})$/.test(value) || !value.includes('T') ? value : `${value}Z`;
  const parsed = Date.parse(withZone.length === 10 ? `${withZone}T00:00:00Z` : withZone);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * The envelope every Accounting API response is wrapped in (xero_accounting.yaml response examples:
 * Id, Status, ProviderName = the app's name, DateTimeUTC; `#/components/schemas/Pagination`).
 */
export function envelope(nowMs: number, collection: string, records: unknown[], extra: ApiObject = {}): ApiObject {
  return {
    Id: randomUUID(),
    Status: 'OK',
    ProviderName: 'Syncro Xero Sync',
    DateTimeUTC: `/Date(${nowMs})/`,
    ...extra,
    [collection]: records,
  };
}

export function wantsJson(req: SandboxRequest): boolean {
  return (req.headers.accept ?? '').includes('application/json');
}

/**
 * JSON for `Accept: application/json`, XML (Xero's default) otherwise
 * (https://developer.xero.com/documentation/api/requests-and-responses).
 */
export function respond(req: SandboxRequest, status: number, body: ApiObject, xmlRoot = 'Response'): SandboxResponse {
  if (wantsJson(req)) return json(status, body);
  return { status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: toXml(xmlRoot, body) };
}

// xero_accounting.yaml#/components/schemas/Error: ErrorNumber 10 ValidationException with Elements[].ValidationErrors.
export function validationException(elements: ApiObject[]): ApiObject {
  return {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: elements,
  };
}

// ErrorNumber 16 QueryParseException: XeroAPI/Xero-Java#347, XeroAPI/xero-php-oauth2#23 and #307.
export function queryParseException(message: string): ApiObject {
  return { ErrorNumber: 16, Type: 'QueryParseException', Message: message };
}

// Undocumented: ErrorNumber 14 PostDataInvalidException for an unreadable body (Xero's error-code list is not stored).
export function postDataInvalid(message: string): ApiObject {
  return { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: message };
}

/**
 * The RFC 7807-style body Xero's gateway uses for 401/403/404 (as quoted in freakboy3742/pyxero#337 and
 * dcblogdev/laravel-xero#40).
 */
export function problem(status: number, title: string, detail: string): ApiObject {
  return { Type: null, Title: title, Status: status, Detail: detail, Instance: randomUUID(), Extensions: {} };
}

export function apiError(req: SandboxRequest, status: number, body: ApiObject): SandboxResponse {
  return respond(req, status, body, 'ApiException');
}

// --- XML -------------------------------------------------------------------------------------------

function singular(name: string): string {
  if (name.endsWith('sses') || name.endsWith('uses')) return name.slice(0, -2);
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element(singular(name), v)).join('')}</${name}>`;
  if (typeof value === 'object') {
    const inner = Object.entries(value as ApiObject)
      .map(([key, v]) => element(key, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  // XML clients get ISO dates, not the MS-JSON form.
  const text = typeof value === 'string' && value.startsWith('/Date(') ? xmlDate(value) : String(value);
  return `<${name}>${escapeXml(text)}</${name}>`;
}

function xmlDate(value: string): string {
  const ms = parseXeroDate(value);
  return ms === undefined ? value : new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');
}

export function toXml(root: string, body: ApiObject): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, body)}`;
}
