// Conventions enforced by test rather than by memory (the Refined GitHub way).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const shippedDirs = ['entrypoints', 'lib', 'components'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const shipped = shippedDirs.flatMap((dir) => filesUnder(path.join(root, dir)));
const source = (file: string) => readFileSync(file, 'utf8');
const relative = (file: string) => path.relative(root, file);

describe('shipped code', () => {
  it('exists (the conventions below are checked on something)', () => {
    expect(shipped.length).toBeGreaterThan(5);
  });

  it('never injects HTML: page and Xero text is rendered as text', () => {
    const offenders = shipped.filter((file) =>
      /innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/.test(source(file)),
    );
    expect(offenders.map(relative)).toEqual([]);
  });

  it('has no test plumbing: only the real hosts', () => {
    const offenders = shipped.filter((file) =>
      /localhost|127\.0\.0\.1|host-resolver|__admin|sandbox/i.test(source(file)),
    );
    expect(offenders.map(relative)).toEqual([]);
  });

  it('keeps all knowledge of Syncro markup in lib/syncro/pages.ts', () => {
    const markup = /querySelector(All)?\(\s*['"`][^'"`]*(tr|h1|dropdown|btn|table|\/invoices|\/purchase_orders)/;
    const offenders = shipped.filter((file) => !file.endsWith('lib/syncro/pages.ts') && markup.test(source(file)));
    expect(offenders.map(relative)).toEqual([]);
  });

  it('has one content feature per file, each with its page rule, which the runner applies (the feature never re-checks the page)', () => {
    const features = filesUnder(path.join(root, 'lib/features'));
    expect(features.length).toBeGreaterThanOrEqual(4);
    const entry = source(path.join(root, 'entrypoints/syncro.content.ts'));
    for (const file of features) {
      const text = source(file);
      const rule = /export const (\w+Rule) = \(page: SyncroPage\)/.exec(text)?.[1];
      const start = /export function (start\w+)\(/.exec(text)?.[1];
      expect(rule, relative(file)).toBeDefined();
      expect(start, relative(file)).toBeDefined();
      expect(entry, relative(file)).toMatch(
        new RegExp(`defineFeature\\('[\\w-]+',\\s*${rule},\\s*\\(run\\) =>\\s*${start}\\(run\\b`),
      );
      expect(text, relative(file)).not.toMatch(/classifyPage|location\.(href|pathname)/);
    }
  });

  it('keeps entrypoints free of top-level side effects (WXT imports them in Node at build time)', () => {
    const entrypoints = filesUnder(path.join(root, 'entrypoints')).filter((file) => !file.endsWith('main.tsx'));
    for (const file of entrypoints) {
      const topLevel = source(file)
        .split('\n')
        .filter((line) => /^\S/.test(line) && !/^(import|export default|\/\/|\}|\*|\/\*)/.test(line));
      expect(topLevel, relative(file)).toEqual([]);
    }
  });
});
