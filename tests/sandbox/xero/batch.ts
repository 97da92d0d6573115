// PUT/POST bodies: `{ "Invoices": [...] }`, a bare array or a single record. Without
// `summarizeErrors=false` one bad record fails the whole request (400, nothing saved); with it,
// every record gets StatusAttributeString OK/ERROR and only the good ones are saved
// (xero_accounting.yaml#/components/parameters/summarizeErrors; research/xero.md §2.7).
// Undocumented (research/xero.md Unknown 5): an omitted summarizeErrors; we take the least convenient reading —
// it acts as true, so one bad record fails the whole request (the spec schema says default false).
import type { SandboxRequest, SandboxResponse } from '../http.ts';
import { envelope, postDataInvalid, respond, validationException } from './format.ts';
import { type ApiObject, type ApplyResult, isObject, type Tenant, type TenantData } from './state.ts';

export interface WriteSpec {
  /** Envelope collection name, e.g. `Invoices`. */
  collection: string;
  apply(data: TenantData, input: ApiObject): ApplyResult;
  render(data: TenantData, id: string): ApiObject;
}

function inputsOf(req: SandboxRequest, collection: string): ApiObject[] | string {
  let body: unknown;
  try {
    body = req.rawBody ? JSON.parse(req.rawBody) : undefined;
  } catch {
    return `The request body is not valid JSON for ${collection}.`;
  }
  const list =
    isObject(body) && Array.isArray(body[collection])
      ? body[collection]
      : Array.isArray(body)
        ? body
        : isObject(body)
          ? [body]
          : undefined;
  if (!list) return `A ${collection} payload is required.`;
  if (!list.every(isObject)) return `Every element of ${collection} must be an object.`;
  return list;
}

/** Applies every record to a copy of the tenant's data and keeps the copy only if the request succeeds. */
export function runWrite(req: SandboxRequest, tenant: Tenant, now: number, spec: WriteSpec): SandboxResponse {
  const inputs = inputsOf(req, spec.collection);
  if (typeof inputs === 'string') return respond(req, 400, postDataInvalid(inputs), 'ApiException');
  const summarize = req.query.get('summarizeErrors')?.toLowerCase() !== 'false';
  const draft = structuredClone(tenant.data);
  const results = inputs.map((input) => ({ input, result: spec.apply(draft, input) }));
  const failed = results.filter(({ result }) => 'errors' in result);
  const echoFailure = (input: ApiObject, errors: string[]): ApiObject => ({
    ...input,
    StatusAttributeString: 'ERROR',
    HasErrors: true,
    HasValidationErrors: true,
    ValidationErrors: errors.map((Message) => ({ Message })),
  });
  if (failed.length > 0 && summarize) {
    const elements = failed.map(({ input, result }) => echoFailure(input, 'errors' in result ? result.errors : []));
    return respond(req, 400, validationException(elements), 'ApiException');
  }
  tenant.data = draft;
  const records = results.map(({ input, result }) =>
    'errors' in result
      ? echoFailure(input, result.errors)
      : { ...spec.render(draft, result.id), StatusAttributeString: 'OK' },
  );
  return respond(req, 200, envelope(now, spec.collection, records));
}
