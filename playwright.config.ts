import { defineConfig } from '@playwright/test';

// Real Chromium with the built extension, against the sandbox (see tests/e2e/fixtures.ts).
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list']],
  use: { trace: 'retain-on-failure' },
});
