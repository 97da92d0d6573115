// Fault injection: tests queue faults per target ("the next 3 Xero calls answer 500"), applied in order.
// A test control with no counterpart in Syncro or Xero, so it names no source.

export type FaultTarget = 'syncro' | 'xero' | 'identity';

export interface FaultRule {
  target: FaultTarget;
  /** Only requests whose path contains this (e.g. `/Invoices`). */
  pathIncludes?: string;
  /** Only requests with this method (e.g. `PUT`). */
  method?: string;
  /**
   * The request reaches the fake first (a write is saved), and only its answer is lost: replaced by `status`, or
   * the connection dropped after `hangMs`. An uncertain outcome, as after a timeout.
   */
  afterHandling?: boolean;
  /** With `afterHandling`: the sandbox clock moves on this much while the answer is lost (a long stall). */
  advanceClockMs?: number;
  /** How many matching requests it applies to (default 1). */
  count?: number;
  /** Answer with this status instead of passing the request on (e.g. 500, 503, 429). */
  status?: number;
  /** With status 429: the Retry-After seconds. */
  retryAfter?: number;
  /** Delay the answer by this many ms (alone, or before the status). */
  latencyMs?: number;
  /** Never answer: hold the request this long, then drop the connection. */
  hangMs?: number;
  /**
   * The answer arrives without these fields, removed wherever they occur in its JSON body: a record as an API
   * that changed, or documents less than it sends, may give it (the product must name what is missing).
   */
  omitFields?: string[];
  /**
   * Answer `302 Found` with this Location (a path on the same host, or an address) instead of passing the request
   * on: a client that follows it sends its bearer token there, which the request log then shows.
   */
  redirectTo?: string;
  /** Applies to each matching request with this probability (0–1, seeded: the same run gives the same faults). */
  probability?: number;
}

export class FaultPlan {
  private rules: Array<FaultRule & { left: number }> = [];
  private seed = 20_261_125;

  /** A small deterministic generator (mulberry32), so a faulty run can be replayed. */
  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = Math.imul(this.seed ^ (this.seed >>> 15), 1 | this.seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.count ?? 1 });
  }

  /** The fault for this request, if any, consuming one use of it. */
  take(target: FaultTarget, path: string, method = 'GET'): FaultRule | undefined {
    const index = this.rules.findIndex(
      (rule) =>
        rule.target === target &&
        (!rule.pathIncludes || path.includes(rule.pathIncludes)) &&
        (!rule.method || rule.method.toUpperCase() === method.toUpperCase()) &&
        (rule.probability === undefined || this.random() < rule.probability),
    );
    const rule = this.rules[index];
    if (!rule) return undefined;
    rule.left -= 1;
    if (rule.left <= 0) this.rules.splice(index, 1);
    return rule;
  }

  pending(): FaultRule[] {
    return this.rules.map(({ left, ...rule }) => ({ ...rule, count: left }));
  }

  clear(): void {
    this.rules = [];
    this.seed = 20_261_125;
  }
}

/** `body` without the `fields`, at any depth (for `omitFields`). */
export function withoutFields(body: unknown, fields: readonly string[]): unknown {
  if (Array.isArray(body)) return body.map((item) => withoutFields(item, fields));
  if (typeof body !== 'object' || body === null) return body;
  return Object.fromEntries(
    Object.entries(body)
      .filter(([key]) => !fields.includes(key))
      .map(([key, value]) => [key, withoutFields(value, fields)]),
  );
}
