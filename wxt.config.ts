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
  },
  vite: () => ({
    plugins: [preact()],
  }),
});
