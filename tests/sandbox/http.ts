// The sandbox's tiny request/response vocabulary: handlers are plain functions of a parsed request,
// so each fake (Syncro, Xero identity, Xero API, admin) is testable without sockets.

export interface SandboxRequest {
  method: string;
  /** Host header without the port, lower case (e.g. `acme.syncromsp.com`). */
  host: string;
  /** Path without the query string (e.g. `/api/v1/invoices`). */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  rawBody: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Strings are sent as they are; anything else is sent as JSON. */
  body?: unknown;
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/** The shared services every fake gets: one clock, so tests can move time (token expiry, rate windows). */
export interface SandboxContext {
  now(): number;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body };
}

export function html(status: number, body: string): SandboxResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function text(status: number, body: string, contentType = 'text/plain; charset=utf-8'): SandboxResponse {
  return { status, headers: { 'content-type': contentType }, body };
}

export function redirect(location: string, status = 302): SandboxResponse {
  return { status, headers: { location }, body: '' };
}

/** Parses a JSON or form-encoded body; `undefined` when there is none, throws on malformed JSON. */
export function parseBody(req: SandboxRequest): unknown {
  if (!req.rawBody) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(req.rawBody));
  }
  return JSON.parse(req.rawBody);
}

/** Escapes text for HTML so seeded payloads (e.g. `<script>` in a business name) stay inert on sandbox pages. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
