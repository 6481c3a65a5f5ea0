import { defineConfig } from 'vitest/config';

// Unit and scenario tests only; Playwright specs live in e2e/ and are never collected here.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 120_000,
    // every language's texts, which the app loads on demand
    setupFiles: ['tests/setup/langs.ts'],
  },
});
