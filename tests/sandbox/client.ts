// A Node client for the sandbox: the admin API, and requests "as" a real host (Host header + SNI), for
// tests that drive the fakes over real HTTPS. Loopback only, self-signed: certificate checks are off.
import { request } from 'node:https';
import { isIP } from 'node:net';
import type { SeedOptions } from './fake.ts';
import type { FaultRule } from './faults.ts';
import type { LimitConfig } from './limits.ts';
import type { RecordedRequest, RequestFilter } from './request-log.ts';
import type { PageMarkup } from './syncro/store.ts';
import type { AdminInvoiceRequest, AdminRefusalRequest } from './xero/index.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = unknown>(): T;
}

export interface HostRequest {
  host: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  /** The loopback address to send from (127.0.0.2 …): another browser, as far as the sandbox can tell. */
  localAddress?: string;
}

export class SandboxClient {
  constructor(readonly port: number) {}

  send({ host, method = 'GET', path, headers = {}, body, localAddress }: HostRequest): Promise<RawResponse> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const allHeaders: Record<string, string> = { host, ...headers };
    if (payload !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      allHeaders['content-type'] = 'application/json';
    }
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          headers: allHeaders,
          servername: isIP(host) ? undefined : host,
          rejectUnauthorized: false,
          ...(localAddress ? { localAddress, agent: false } : {}),
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              text,
              json: <T>() => JSON.parse(text) as T,
            });
          });
        },
      );
      outgoing.on('error', reject);
      if (payload !== undefined) outgoing.write(payload);
      outgoing.end();
    });
  }

  async admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send({ host: '127.0.0.1', method, path: `/__admin${path}`, body });
    if (response.status >= 400) throw new Error(`sandbox admin ${method} ${path}: ${response.status} ${response.text}`);
    return response.json<T>();
  }

  reset = () => this.admin('POST', '/reset');
  seed = (options: SeedOptions = {}) => this.admin('POST', '/seed', options);
  state = <T = { syncro: unknown; xero: unknown }>() => this.admin<T>('GET', '/state');
  fault = (rule: FaultRule | FaultRule[]) =>
    this.admin('POST', '/faults', Array.isArray(rule) ? { rules: rule } : rule);
  limits = (config: Partial<LimitConfig>) => this.admin<LimitConfig>('POST', '/limits', config);
  advanceClock = (advanceMs: number) => this.admin<{ now: number }>('POST', '/clock', { advanceMs });
  violations = () => this.admin<RecordedRequest[]>('GET', '/violations');
  /** Switches a Syncro account's web pages to another markup (`grid`: div grids, ARIA menu, SPA re-render). */
  syncroMarkup = (markup: PageMarkup, subdomain = 'acme') =>
    this.admin<{ subdomain: string; markup: PageMarkup }>('POST', '/syncro/markup', { markup, subdomain });

  /**
   * From now on the fake Xero refuses every write of the document with this number with `message` as Xero's
   * validation error (`null` lifts it). See tests/sandbox/xero/refusals.ts.
   */
  xeroRefuse = (number: string, message: string | null, collection: AdminRefusalRequest['collection'] = 'Invoices') =>
    this.admin('POST', '/xero/refusals', { collection, number, message } satisfies AdminRefusalRequest);
  /** Saves an invoice (Accounting API JSON) straight into the first Xero organisation, as another install would. */
  xeroInvoice = <T = Record<string, unknown>>(invoice: AdminInvoiceRequest) =>
    this.admin<T>('POST', '/xero/invoices', invoice);

  /** A sales invoice made in Xero (not from Syncro) for the contact with this ContactNumber, paid there in full. */
  async xeroPaidInvoice(contactNumber: string, amountCents: number, invoiceNumber: string) {
    const { xero } = await this.state<{
      xero: { organisations: Array<{ contacts: Array<{ ContactID: string; ContactNumber?: string }> }> };
    }>();
    const contact = xero.organisations[0]?.contacts.find((candidate) => candidate.ContactNumber === contactNumber);
    const invoice = await this.xeroInvoice<{ InvoiceID: string }>({
      Type: 'ACCREC',
      Contact: { ContactID: contact?.ContactID },
      InvoiceNumber: invoiceNumber,
      Status: 'AUTHORISED',
      LineAmountTypes: 'NoTax',
      LineItems: [{ Description: 'Paid elsewhere', Quantity: 1, UnitAmount: amountCents / 100, AccountCode: '200' }],
    });
    return this.admin<{ PaymentID: string }>('POST', '/xero/payments', { invoiceId: invoice.InvoiceID, amountCents });
  }

  /**
   * For a backfill from the seeded state: the numbers of the Syncro invoices it must push (a total above zero, or
   * zero and paid: the product's rules, lib/sync/rules.ts) and of the sales invoices it left in Xero (XI-: Xero's
   * own seed), both sorted. Equal when every invoice went exactly once.
   */
  async backfilledInvoiceNumbers(subdomain = 'acme'): Promise<{ expected: string[]; inXero: string[] }> {
    const { syncro, xero } = await this.state<{
      syncro: { accounts: Record<string, { invoices: Array<{ number: string; total: string; isPaid: boolean }> }> };
      xero: { organisations: Array<{ invoices: Array<{ Type: string; InvoiceNumber: string }> }> };
    }>();
    const expected = (syncro.accounts[subdomain]?.invoices ?? [])
      .filter((invoice) => Number(invoice.total) > 0 || (Number(invoice.total) === 0 && invoice.isPaid))
      .map((invoice) => invoice.number);
    const inXero = (xero.organisations[0]?.invoices ?? [])
      .filter((invoice) => invoice.Type === 'ACCREC' && !invoice.InvoiceNumber.startsWith('XI-'))
      .map((invoice) => invoice.InvoiceNumber);
    return { expected: expected.sort(), inXero: inXero.sort() };
  }

  requests(filter: RequestFilter = {}): Promise<RecordedRequest[]> {
    const query = new URLSearchParams(
      Object.entries(filter).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])),
    );
    return this.admin('GET', `/requests?${query}`);
  }
}
