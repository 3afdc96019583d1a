import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // Test files share one database server; each file gets its own database.
          fileParallelism: true,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
