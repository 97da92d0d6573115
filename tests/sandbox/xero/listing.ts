// The query features Xero's GET list endpoints share: If-Modified-Since, IDs-style list parameters,
// `where`, `order` and paging with a `pagination` block.
import type { SandboxRequest } from '../http.ts';
import { parseXeroDate } from './format.ts';
import type { ApiObject } from './state.ts';
import { compileWhere, WhereError } from './where.ts';

export interface ListOptions {
  /** Query parameters holding comma lists, mapped to the record field they match (e.g. IDs → InvoiceID). */
  listParams?: Record<string, string>;
  /**
   * Paged endpoints return 100 records per page (xero_accounting.yaml `page` on /Invoices, /Contacts, /Payments)
   * unless `pageSize` says otherwise; its 1000 maximum is from secondary sources (research/xero.md §2.9).
   */
  paged: boolean;
}

export interface ListResult {
  records: ApiObject[];
  pagination?: { page: number; pageSize: number; pageCount: number; itemCount: number };
}

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

function field(record: ApiObject, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as ApiObject | undefined)?.[key], record);
}

/**
 * `If-Modified-Since` accepts ISO (`2026-01-01T00:00:00Z`) or HTTP dates, accurate to the second
 * (https://developer.xero.com/documentation/api/requests-and-responses). Undocumented: the fake keeps records
 * modified strictly after it.
 */
function modifiedSince(req: SandboxRequest): number | undefined {
  const header = req.headers['if-modified-since'];
  if (!header) return undefined;
  const ms = parseXeroDate(header) ?? Date.parse(header);
  if (Number.isNaN(ms)) throw new WhereError(`Invalid If-Modified-Since header '${header}'`);
  return ms;
}

function sortKey(value: unknown): number | string {
  if (typeof value === 'number') return value;
  const ms = parseXeroDate(value);
  return ms ?? String(value ?? '').toLowerCase();
}

// `order` ("InvoiceNumber ASC"): the `order` parameter of xero_accounting.yaml#/paths/~1Invoices/get.
// Undocumented: ties keep store order; a malformed clause is answered as a QueryParseException.
function orderBy(records: ApiObject[], order: string): ApiObject[] {
  const keys = order.split(',').map((part) => {
    const [name = '', direction = 'ASC'] = part.trim().split(/\s+/);
    if (!/^[A-Za-z.]+$/.test(name) || !/^(ASC|DESC)$/i.test(direction)) {
      throw new WhereError(`Invalid order clause '${part.trim()}'`);
    }
    return { name, sign: direction.toUpperCase() === 'DESC' ? -1 : 1 };
  });
  return [...records].sort((a, b) => {
    for (const { name, sign } of keys) {
      const x = sortKey(field(a, name));
      const y = sortKey(field(b, name));
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    return 0;
  });
}

function positiveInt(req: SandboxRequest, name: string, fallback: number): number {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new WhereError(`Invalid value '${raw}' for parameter ${name}`);
  return value;
}

/** Filters, orders and pages rendered records; throws WhereError for malformed queries. */
export function listRecords(req: SandboxRequest, all: ApiObject[], options: ListOptions): ListResult {
  let records = all;
  const since = modifiedSince(req);
  if (since !== undefined) {
    records = records.filter((record) => (parseXeroDate(record.UpdatedDateUTC) ?? 0) > since);
  }
  // IDs-style lists: comma-separated (xero_accounting.yaml#/paths/~1Invoices/get `IDs`, `InvoiceNumbers`, `Statuses`).
  for (const [param, path] of Object.entries(options.listParams ?? {})) {
    const raw = req.query.get(param);
    if (!raw) continue;
    const wanted = new Set(raw.split(',').map((value) => value.trim().toLowerCase()));
    records = records.filter((record) => wanted.has(String(field(record, path) ?? '').toLowerCase()));
  }
  const where = req.query.get('where');
  if (where) records = records.filter(compileWhere(where));
  const order = req.query.get('order');
  if (order) records = orderBy(records, order);
  if (!options.paged) return { records };
  const page = positiveInt(req, 'page', 1);
  const pageSize = Math.min(positiveInt(req, 'pageSize', DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const itemCount = records.length;
  return {
    records: records.slice((page - 1) * pageSize, page * pageSize),
    pagination: { page, pageSize, pageCount: Math.ceil(itemCount / pageSize), itemCount },
  };
}
