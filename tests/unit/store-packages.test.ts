// The store packages as they are uploaded: `npm run zip` (Chrome Web Store) and `npm run zip:firefox` (addons.mozilla.org),
// built here and read back from the zips — icons at their sizes, the listing's limits, permissions as the README
// justifies them, no remote code — and the Firefox one linted by addons-linter, the linter addons.mozilla.org uses.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { toolbarIcons } from '../../lib/attention.ts';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const section = (heading: string) => {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README section "${heading}"`).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
};

/** The files of a zip, by name (stored or deflated entries: what WXT writes). */
function unzip(zip: Buffer): Map<string, Buffer> {
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(endAt, 'end of central directory').toBeGreaterThan(-1);
  const count = zip.readUInt16LE(endAt + 10);
  let at = zip.readUInt32LE(endAt + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at), 'central directory entry').toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const compressed = zip.subarray(dataAt, dataAt + compressedSize);
    const body = method === 0 ? compressed : inflateRawSync(compressed);
    expect(body.length, name).toBe(size);
    files.set(name, body);
    at += 46 + nameLength + skip;
  }
  return files;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer | undefined): { width: number; height: number } | undefined {
  if (!png?.subarray(0, 8).equals(pngSignature)) return;
  if (png.toString('latin1', 12, 16) !== 'IHDR') return;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const zipName = (browser: string) => path.join(root, '.output', `${pkg.name}-${pkg.version}-${browser}.zip`);
const manifestOf = (files: Map<string, Buffer>) =>
  JSON.parse(files.get('manifest.json')?.toString('utf8') ?? 'null') as Record<string, unknown> & {
    icons?: Record<string, string>;
    action?: { default_icon?: Record<string, string> };
    background?: { service_worker?: string; scripts?: string[] };
    browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: { required?: string[] } } };
  };
/** The paths a manifest or `setIcon` names are relative to the extension's root. */
const inZip = (files: Map<string, Buffer>, file: string) => files.get(file.replace(/^\//, ''));

/** The README's permissions table, as tests/reliability/r5-security.test.ts reads it. */
function readmePermissions(): string[] {
  const table = readme.slice(readme.indexOf('## Permissions'), readme.indexOf('## Architecture'));
  return [...table.matchAll(/^\| `([^`]+)`/gm)].flatMap((match) => (match[1] ? [match[1]] : []));
}

/** What a package may not do in MV3: load code from elsewhere (a script tag, importScripts or import() of a URL). */
function remoteCode(files: Map<string, Buffer>): string[] {
  const found: string[] = [];
  for (const [name, body] of files) {
    if (!/\.(html|js|mjs)$/.test(name)) continue;
    const text = body.toString('utf8');
    const remote = [
      ...text.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi),
      ...text.matchAll(/\b(?:importScripts|import)\s*\(\s*[`'"]((?:https?:)?\/\/[^`'"]+)/g),
      ...text.matchAll(/\bfrom\s*[`'"]((?:https?:)?\/\/[^`'"]+)/g),
    ];
    for (const match of remote) found.push(`${name}: ${match[1]}`);
  }
  return found;
}

let chrome: Map<string, Buffer>;
let firefox: Map<string, Buffer>;

beforeAll(() => {
  for (const script of ['zip', 'zip:firefox']) {
    execFileSync('npm', ['run', script, '--silent'], { cwd: root, stdio: 'ignore', timeout: 150_000 });
  }
  chrome = unzip(readFileSync(zipName('chrome')));
  firefox = unzip(readFileSync(zipName('firefox')));
}, 180_000);

describe('the Chrome Web Store package (npm run zip)', () => {
  it('is a Manifest V3 extension with a version and a description the store takes (at most 132 characters)', () => {
    const manifest = manifestOf(chrome);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.name).toBe('Syncro ⇄ Xero');
    // Chrome's version: one to four dot-separated integers, here the package's.
    expect(manifest.version).toMatch(/^\d+(\.\d+){0,3}$/);
    expect(manifest.version).toBe(pkg.version.replace(/-.*$/, ''));
    expect(typeof manifest.description).toBe('string');
    expect((manifest.description as string).length).toBeGreaterThan(0);
    expect((manifest.description as string).length).toBeLessThanOrEqual(132);
  });

  it('has icons at 16, 32, 48 and 128 px, each a PNG of that size in the zip', () => {
    const { icons } = manifestOf(chrome);
    expect(Object.keys(icons ?? {}).sort()).toEqual(['128', '16', '32', '48']);
    for (const [size, file] of Object.entries(icons ?? {})) {
      expect(pngSize(inZip(chrome, file)), file).toEqual({ width: Number(size), height: Number(size) });
    }
  });

  it("has the toolbar icon, and every attention state's drawing, at the sizes it is named by", () => {
    const named = [manifestOf(chrome).action?.default_icon ?? {}, ...Object.values(toolbarIcons)];
    expect(Object.keys(named[0] ?? {}).sort()).toEqual(['16', '32']);
    for (const [size, file] of named.flatMap((icons) => Object.entries(icons))) {
      expect(pngSize(inZip(chrome, file)), file).toEqual({ width: Number(size), height: Number(size) });
    }
  });

  it('asks for exactly the permissions the README justifies, and nothing Firefox-only', () => {
    const manifest = manifestOf(chrome);
    expect([...(manifest.permissions as string[]), ...(manifest.host_permissions as string[])]).toEqual(
      readmePermissions(),
    );
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.browser_specific_settings).toBeUndefined();
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
  });

  it('carries no remote code: every script is in the package and the default content security policy holds', () => {
    expect(manifestOf(chrome).content_security_policy).toBeUndefined();
    expect([...chrome.keys()].filter((name) => name.endsWith('.js')).length).toBeGreaterThan(0);
    expect(remoteCode(chrome)).toEqual([]);
  });
});

describe('the Firefox package (npm run zip:firefox)', () => {
  it('has a fixed gecko id, whose Xero redirect URI the README gives', () => {
    const gecko = manifestOf(firefox).browser_specific_settings?.gecko;
    expect(gecko?.id).toMatch(/^\{[0-9a-f-]{36}\}$/);
    // Firefox's identity.getRedirectURL(): https://<sha1 of the id, hex>.extensions.allizom.org/ (ext-identity.js).
    const hash = createHash('sha1')
      .update(gecko?.id ?? '')
      .digest('hex');
    expect(section('Packaging')).toContain(`https://${hash}.extensions.allizom.org/`);
  });

  it('declares the data it sends, as the README Privacy section names it, and runs its background as an event page', () => {
    const manifest = manifestOf(firefox);
    const required = manifest.browser_specific_settings?.gecko?.data_collection_permissions?.required ?? [];
    expect(required.length).toBeGreaterThan(0);
    for (const kind of required) expect(section('Privacy')).toContain(`\`${kind}\``);
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect([...(manifest.permissions as string[]), ...(manifest.host_permissions as string[])]).toEqual(
      readmePermissions(),
    );
    expect(remoteCode(firefox)).toEqual([]);
  });

  it('passes addons-linter with no error; each warning left is explained in the README', () => {
    const run = spawnSync(
      path.join(root, 'node_modules/.bin/addons-linter'),
      ['--output', 'json', '--boring', zipName('firefox')],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    const report = JSON.parse(run.stdout) as Record<'errors' | 'warnings', Array<{ code: string; file?: string }>>;
    expect(report.errors).toEqual([]);
    const packaging = section('Packaging');
    for (const warning of report.warnings) expect(packaging, warning.file).toContain(`\`${warning.code}\``);
  }, 120_000);
});
