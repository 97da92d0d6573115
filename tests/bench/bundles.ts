// P5: what each part of the extension weighs, gzipped, in a fresh production build.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Figure, kb } from './figures.ts';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, '.output/chrome-mv3');

const gzipped = (files: string[]) =>
  files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
const under = (dir: string, pattern: RegExp) =>
  readdirSync(path.join(out, dir))
    .filter((name) => pattern.test(name))
    .map((name) => path.join(out, dir, name));

export async function run(): Promise<Figure[]> {
  execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' });
  const parts = [
    { what: 'content script', files: [path.join(out, 'content-scripts/syncro.js')], goal: 25 },
    {
      what: 'popup (html + js + css)',
      files: [
        path.join(out, 'popup.html'),
        ...under('chunks', /^popup-.*\.js$/),
        ...under('assets', /^popup-.*\.css$/),
      ],
      goal: 45,
    },
    { what: 'background', files: [path.join(out, 'background.js')], goal: 150 },
  ];
  return parts.map(({ what, files, goal }) => {
    const raw = files.reduce((sum, file) => sum + readFileSync(file).length, 0);
    const size = gzipped(files);
    return {
      id: 'P5',
      what: `${what}, gzip`,
      measured: kb(size),
      baseline: `${kb(raw)} raw`,
      goal: `≤ ${goal} kB`,
      met: size <= goal * 1024,
    };
  });
}
