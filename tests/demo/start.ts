// `npm start`: build the extension, start the sandbox with the demo data, open Chromium against it.
// Headed when a display exists; headless otherwise, saving screenshots and printing where they are.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { extensionDir, root } from '../e2e/global-setup.ts';
import { extensionIdOf, launchWithExtension } from '../e2e/launch.ts';
import { startSandbox } from '../sandbox/server.ts';

// The demo's Xero app: the sandbox accepts this client ID, and the popup comes prefilled with it.
execFileSync('npx', ['wxt', 'build'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, WXT_XERO_CLIENT_ID: process.env.WXT_XERO_CLIENT_ID ?? 'demo-client-id' },
});
const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 0) });
const headed = Boolean(process.env.DISPLAY) && process.env.HEADLESS !== '1';
console.log(`Sandbox on https://127.0.0.1:${sandbox.port} — specs: ${sandbox.specStatus}`);
console.log(`Extension: ${extensionDir}`);

const context = await launchWithExtension(sandbox, !headed);
const extensionId = await extensionIdOf(context);
const invoices = await context.newPage();
await invoices.goto('https://acme.syncromsp.com/invoices');
const popup = await context.newPage();
await popup.goto(`chrome-extension://${extensionId}/popup.html`);

if (headed) {
  await invoices.bringToFront();
  console.log('Chromium is open on https://acme.syncromsp.com/invoices with the extension loaded.');
  console.log('Syncro API token: demo-token · Xero client ID: demo-client-id · Ctrl+C to stop.');
  const stop = async () => {
    await context.close();
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  context.on('close', () => void stop());
} else {
  const outDir = path.join(root, 'demo-output');
  mkdirSync(outDir, { recursive: true });
  const shots = {
    'Syncro invoice list': path.join(outDir, 'syncro-invoices.png'),
    'Syncro invoice detail': path.join(outDir, 'syncro-invoice-detail.png'),
    'Extension popup': path.join(outDir, 'popup.png'),
  };
  // Connect both systems the way a technician would, so the screenshots show the extension at work.
  await popup.getByLabel('Syncro subdomain').fill('acme');
  await popup.getByLabel('Syncro API token').fill('demo-token');
  await popup.getByRole('button', { name: 'Save Syncro connection' }).click();
  await popup.getByText('Connected to Syncro').waitFor();
  await popup.getByRole('button', { name: 'Connect to Xero' }).click();
  await popup.getByText('Connected to Xero').waitFor();
  await invoices.reload();
  await invoices.locator('[data-xero-sync]').first().waitFor();
  await invoices.screenshot({ path: shots['Syncro invoice list'], fullPage: true });
  await invoices.locator('a[href^="/invoices/"]').filter({ hasText: /^\d+$/ }).first().click();
  await invoices.waitForLoadState('load');
  await invoices.screenshot({ path: shots['Syncro invoice detail'], fullPage: true });
  await popup.setViewportSize({ width: 800, height: 600 });
  // The settings fill in from the organisation (on their tab); the screenshot shows the Status tab.
  await popup.getByLabel('Sales account').and(popup.locator(':enabled')).waitFor({ state: 'attached' });
  await popup.screenshot({ path: shots['Extension popup'], fullPage: true });
  console.log('No display: ran headless and saved screenshots:');
  for (const [what, file] of Object.entries(shots)) console.log(`  ${what}: ${file}`);
  await context.close();
  await sandbox.close();
}
