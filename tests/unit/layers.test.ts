// The layers of the shipped code, fixed in one table and enforced here: pure core ← adapters ← engine ←
// background / features ← entrypoints. A module imports only from its own layer or below. Plus: every natural key
// is spelled in lib/keys.ts alone, every record type provides every part, and files stay readable in one sitting.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobKinds, type RecordType, recordTypes } from '../../lib/sync/registry.ts';

const root = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const shipped = ['entrypoints', 'lib', 'components'].flatMap((dir) => filesUnder(path.join(root, dir)));
const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
const source = (file: string) => readFileSync(file, 'utf8');
/** Generated from Xero's OpenAPI description, not written here. */
const generated = 'lib/xero/openapi.d.ts';

/** The layer table: the first pattern a file matches gives its layer. */
const layers: Array<[layer: number, name: string, pattern: RegExp]> = [
  [4, 'entrypoints', /^entrypoints\//],
  [
    3,
    'background / features',
    /^(lib\/(background|content|features)\/|components\/|lib\/(messages|popup-client|popup-status)\.ts$)/,
  ],
  // The wire shapes of both systems (schemas and types, no I/O) are data the core maps from and to.
  [
    0,
    'pure core',
    /^lib\/(sync\/map\/|sync\/rules\.ts$|payments\/match\.ts$|(syncro|xero)\/(wire|wire-base|payloads|openapi|types)\.(d\.)?ts$|storage\/stored\.ts$)/,
  ],
  [2, 'engine', /^lib\/(sync|payments)\/|^lib\/jobs\/handlers\.ts$/],
  [1, 'adapters', /^lib\/(syncro|xero|storage)\/|^lib\/(change-feed|rate-window|retry-in-place)\.ts$/],
  [0, 'pure core', /^lib\/[\w-]+\.ts$/],
];

const layerOf = (file: string) => {
  const found = layers.find(([, , pattern]) => pattern.test(file));
  if (!found) throw new Error(`${file} is in no layer: add it to the table`);
  return found;
};

function importsOf(file: string): string[] {
  const text = source(file);
  const specifiers = [...text.matchAll(/^(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)].map((match) => match[1]);
  return specifiers.flatMap((specifier) => (specifier ? [relative(path.resolve(path.dirname(file), specifier))] : []));
}

describe('layers', () => {
  it('places every shipped file in a layer', () => {
    for (const file of shipped) expect(() => layerOf(relative(file))).not.toThrow();
  });

  it('never imports upward', () => {
    const upward: string[] = [];
    for (const file of shipped) {
      const [layer, name] = layerOf(relative(file));
      for (const imported of importsOf(file)) {
        if (!/^(lib|components|entrypoints)\//.test(imported)) continue;
        const [importedLayer, importedName] = layerOf(imported);
        if (importedLayer > layer) upward.push(`${relative(file)} (${name}) → ${imported} (${importedName})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps lib/xero free of the sync engine', () => {
    const offenders = shipped
      .filter((file) => relative(file).startsWith('lib/xero/'))
      .filter((file) => importsOf(file).some((imported) => imported.startsWith('lib/sync/')));
    expect(offenders.map(relative)).toEqual([]);
  });
});

describe('natural keys', () => {
  it('are spelled only in lib/keys.ts', () => {
    const patterns = /SYNCRO-(C|V|P|PAY)-|['"`]XERO-|\/\^xero-\/i/;
    const offenders = shipped.filter((file) => {
      if (relative(file) === 'lib/keys.ts' || relative(file) === generated) return false;
      // Comments may name a key; code may not.
      const code = source(file)
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      return patterns.test(code);
    });
    expect(offenders.map(relative)).toEqual([]);
  });
});

describe('the record-type registry', () => {
  it('gives every entry every part', () => {
    for (const [name, type] of Object.entries(recordTypes) as Array<[string, RecordType]>) {
      expect(type.label, name).toBeTruthy();
      expect(typeof type.syncro.path, name).toBe('string');
      expect(type.syncro.schema, name).toBeDefined();
      expect(typeof type.map, name).toBe('function');
      expect(type.naturalKey, name).toBeDefined();
      expect(type.xero.batchSize, name).toBeGreaterThan(0);
      expect(type.findInXero, name).toBeTruthy();
      expect(type.job, name).toBeDefined();
      if ('with' in type.job) expect(jobKinds, name).toContain(type.job.with);
    }
  });

  it('has a badge and page kind for exactly the kinds Syncro shows pages of', () => {
    const pages = Object.values(recordTypes).flatMap((type: RecordType) => (type.page ? [type.page] : []));
    expect(pages.sort()).toEqual(['invoice', 'purchase_order']);
  });
});

describe('file size', () => {
  /** Files allowed past 300 lines, each with its reason. */
  const longer: Record<string, string> = {
    [generated]: "generated from Xero's OpenAPI description (npm run xero-types); types only, never read by hand",
  };

  it('keeps every shipped file under 300 lines unless a reason is stated', () => {
    const long = shipped
      .filter((file) => source(file).split('\n').length > 300)
      .map(relative)
      .filter((file) => !longer[file]);
    expect(long).toEqual([]);
  });
});

describe('the engine', () => {
  it('has a handler for every job kind it owns, those of pushed types taken from the registry', async () => {
    const { engineHandlerFor } = await import('../../lib/sync/handlers.ts');
    // The payment poll is another module's job, registered at the composition root (lib/jobs/handlers.ts).
    for (const kind of jobKinds.filter((each) => each !== 'payment-poll')) {
      expect(engineHandlerFor(kind), kind).toBeDefined();
    }
    expect(engineHandlerFor('estimate')).toBeUndefined();
  });

  it('takes every Syncro list in turn on a change tick, but those Syncro filters by date', () => {
    const lists = Object.values(recordTypes).flatMap((type: RecordType) => (type.list ? [type.list] : []));
    expect(lists.map((list) => list.key)).toEqual(['customers', 'vendors', 'invoices', 'purchase_orders']);
    expect(lists.filter((list) => list.changes === 'since').map((list) => list.key)).toEqual(['invoices']);
  });
});
