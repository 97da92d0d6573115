// Validates what the fakes receive against the official specs in ../shared/specs (reference data kept
// outside the project). When the folder is absent, validation is skipped and `status` says so.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import addFormatsModule from 'ajv-formats';
import { load as loadYaml } from 'js-yaml';
import { OpenAPIBackend } from 'openapi-backend';
import type { SandboxRequest } from './http.ts';

// ajv-formats is CommonJS: Node's ESM loader and Vite's interop disagree on where its default export is.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

export const defaultSpecsDir = path.resolve(import.meta.dirname, '../../../shared/specs');

export interface SpecViolation {
  spec: 'xero' | 'syncro';
  errors: string[];
}

export interface SpecValidator {
  /** "validating against …" or "skipped: …", printed once by the sandbox. */
  status: string;
  /** A violation of the spec by this request's body, or null when it conforms (or no operation matches). */
  check(spec: 'xero' | 'syncro', req: SandboxRequest): SpecViolation | null;
}

type Backend = InstanceType<typeof OpenAPIBackend>;

export async function loadSpecValidator(specsDir = defaultSpecsDir): Promise<SpecValidator> {
  const xeroFile = path.join(specsDir, 'xero_accounting.yaml');
  const syncroFile = path.join(specsDir, 'syncro_swagger.json');
  if (!existsSync(xeroFile) || !existsSync(syncroFile)) {
    return { status: `skipped: no official specs at ${specsDir}`, check: () => null };
  }
  const [xero, syncro] = await Promise.all([
    initBackend(loadYaml(readFileSync(xeroFile, 'utf8')) as Definition, '/api.xro/2.0'),
    initBackend(withOperationIds(JSON.parse(readFileSync(syncroFile, 'utf8')) as Definition), '/api/v1'),
  ]);
  return {
    status: `validating request bodies against ${specsDir}`,
    check(spec, req) {
      const backend = spec === 'xero' ? xero : syncro;
      return violation(spec, backend, req);
    },
  };
}

type Definition = { paths: Record<string, Record<string, { operationId?: string }>> };

async function initBackend(definition: Definition, apiRoot: string): Promise<Backend> {
  const backend = new OpenAPIBackend({
    // biome-ignore lint/suspicious/noExplicitAny: the spec is plain data read from disk
    definition: definition as any,
    apiRoot,
    quick: true, // Xero's file is not strictly valid OpenAPI 3.0 ($ref with siblings): skip meta-validation
    validate: true,
    customizeAjv: (ajv) => {
      addFormats(ajv);
      return ajv;
    },
  });
  await backend.init();
  return backend;
}

/** Syncro's swagger has no operationIds, without which openapi-backend matches nothing. */
function withOperationIds(definition: Definition): Definition {
  for (const [route, operations] of Object.entries(definition.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (typeof operation === 'object' && operation && !operation.operationId) {
        operation.operationId = `${method} ${route}`;
      }
    }
  }
  return definition;
}

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH']);

function violation(spec: 'xero' | 'syncro', backend: Backend, req: SandboxRequest): SpecViolation | null {
  if (!methodsWithBody.has(req.method) || !req.rawBody) return null;
  if (!(req.headers['content-type'] ?? '').includes('json')) return null;
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody);
  } catch {
    return null; // malformed JSON is the fake's own 400, not a spec question
  }
  const request = {
    method: req.method.toLowerCase(),
    path: req.path,
    query: Object.fromEntries(req.query),
    headers: req.headers as Record<string, string>,
    body,
  };
  const operation = backend.matchOperation(request);
  if (!operation) return null;
  const result = backend.validateRequest(request, operation);
  // Only the body is judged: headers and query are the fakes' business (and their own tests').
  const errors = (result.errors ?? [])
    .filter((error) => error.instancePath.startsWith('/requestBody') || error.schemaPath.includes('requestBody'))
    .map((error) => `${error.instancePath.replace('/requestBody', '') || '(body)'} ${error.message ?? ''}`.trim());
  return errors.length > 0 ? { spec, errors } : null;
}
