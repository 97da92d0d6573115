// Build the extension unless .output/chrome-mv3 is newer than every source that goes into it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
export const extensionDir = path.join(root, '.output/chrome-mv3');

const sources = ['entrypoints', 'lib', 'components', 'public', 'wxt.config.ts', 'package.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

export default function globalSetup(): void {
  const manifest = path.join(extensionDir, 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const changed = Math.max(...sources.map((source) => newestMtime(path.join(root, source))));
  if (built >= changed) return;
  console.log('Building the extension (sources changed since the last build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
}
