import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Manifest and build settings. Permissions are the least the product needs (see README, "Permissions").
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Syncro ⇄ Xero',
    description: 'Complete, trustworthy Xero accounting sync inside Syncro: status badges, re-sync, payment import.',
    permissions: ['alarms', 'identity', 'scripting'],
    host_permissions: ['https://*.syncromsp.com/*', 'https://identity.xero.com/*', 'https://api.xero.com/*'],
    // `icons` are WXT's from public/icon/<size>.png; the toolbar's attention states are in lib/attention.ts.
    action: { default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    // Firefox only (removed from other builds below). The id fixes the Xero redirect URI, which Firefox derives
    // from it (README, "Packaging"). The data listed is what leaves the browser for Syncro and Xero (README, "Privacy").
    browser_specific_settings: {
      gecko: {
        id: '{81dc9d0a-bc40-4444-852a-32cdb4ed80a2}',
        strict_min_version: '140.0',
        data_collection_permissions: {
          required: ['personallyIdentifyingInfo', 'financialAndPaymentInfo', 'authenticationInfo'],
        },
      },
      // The data consent above needs 142 on Android (the identity API, and so connecting Xero, is desktop only).
      gecko_android: { strict_min_version: '142.0' },
    },
  },
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser !== 'firefox') delete manifest.browser_specific_settings;
    },
  },
  // The sources Firefox's reviewers rebuild the package from (`npm run zip:firefox` writes them beside it).
  zip: {
    includeSources: [
      'entrypoints/**',
      'lib/**',
      'components/**',
      'public/**',
      'scripts/icons/**',
      'scripts/icons.ts',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'wxt.config.ts',
      'README.md',
    ],
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
