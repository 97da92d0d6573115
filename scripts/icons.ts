// `npm run icons`: renders the drawn icons (icons/*.svg) to the PNGs the extension ships (public/icon/). The PNGs
// are committed, so a fresh clone builds without this; run it after changing an SVG. Chromium (the one the e2e
// tests use, /usr/bin/chromium or CHROMIUM_PATH) draws them: no network, no image library.
// WXT lists public/icon/<size>.png as the manifest's `icons`; the variants are the toolbar icon's attention
// states (lib/attention.ts), which the background sets with `action.setIcon`.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
export const sourceDir = path.join(root, 'scripts/icons');
export const publicDir = path.join(root, 'public');

export interface IconFile {
  /** Under public/, as the manifest and `action.setIcon` name it. */
  file: string;
  /** Under scripts/icons/. */
  source: string;
  size: number;
}

/** Every PNG shipped: the small drawing (16 px grid, edges on whole pixels) up to 48 px, the padded one at 128. */
export const iconFiles: IconFile[] = [
  { file: 'icon/16.png', source: 'app-small.svg', size: 16 },
  { file: 'icon/32.png', source: 'app-small.svg', size: 32 },
  { file: 'icon/48.png', source: 'app-small.svg', size: 48 },
  { file: 'icon/128.png', source: 'app.svg', size: 128 },
  ...(['warning', 'error'] as const).flatMap((state) =>
    [16, 32].map((size) => ({ file: `icon/${state}-${size}.png`, source: `${state}-small.svg`, size })),
  ),
];

async function renderIcons(): Promise<void> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const { file, source, size } of iconFiles) {
      await page.setViewportSize({ width: size, height: size });
      // The drawing fills the viewport: its viewBox is scaled to exactly size × size.
      const svg = readFileSync(path.join(sourceDir, source), 'utf8');
      await page.setContent(`<style>body{margin:0}svg{display:block;width:100vw;height:100vh}</style>${svg}`);
      const out = path.join(publicDir, file);
      mkdirSync(path.dirname(out), { recursive: true });
      await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      console.log(`icons: ${source} → public/${file} (${size} px)`);
    }
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await renderIcons();
