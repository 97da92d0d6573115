import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/adapters/**/*.test.ts',
      'tests/sandbox/**/*.test.ts',
      'tests/reliability/**/*.test.ts',
    ],
    testTimeout: 20_000,
  },
});
