import type { SandboxRequest, SandboxResponse } from './http.ts';

export interface RecordedRequest {
  seq: number;
  time: number;
  host: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | undefined>;
  body: string;
  status: number;
  /** Present when the body broke the official spec (answered 400). */
  specErrors?: string[];
}

export interface RequestFilter {
  host?: string;
  method?: string;
  pathIncludes?: string;
  sinceSeq?: number;
}

/** Every request the fakes received, bounded so a 10,000-invoice benchmark does not hoard memory. */
export class RequestLog {
  private entries: RecordedRequest[] = [];
  private seq = 0;
  constructor(private readonly capacity = 100_000) {}

  add(req: SandboxRequest, response: SandboxResponse & { specErrors?: string[] }, time: number): void {
    this.seq += 1;
    this.entries.push({
      seq: this.seq,
      time,
      host: req.host,
      method: req.method,
      path: req.path,
      query: req.query.toString(),
      headers: req.headers,
      body: req.rawBody,
      status: response.status,
      ...(response.specErrors ? { specErrors: response.specErrors } : {}),
    });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(filter: RequestFilter = {}): RecordedRequest[] {
    return this.entries.filter(
      (entry) =>
        (!filter.host || entry.host === filter.host || entry.host.endsWith(`.${filter.host}`)) &&
        (!filter.method || entry.method === filter.method.toUpperCase()) &&
        (!filter.pathIncludes || entry.path.includes(filter.pathIncludes)) &&
        (filter.sinceSeq === undefined || entry.seq > filter.sinceSeq),
    );
  }

  violations(): RecordedRequest[] {
    return this.entries.filter((entry) => entry.specErrors);
  }

  clear(): void {
    this.entries = [];
  }
}
