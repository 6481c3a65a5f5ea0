import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS } from './scripts/chromium';

/**
 * Browser (e2e) tests: e2e/** only — vitest owns tests/** and src/**.
 * Run through `node scripts/e2e.mjs` (or `npm run test:e2e`), which finds a Chromium and passes it
 * here as $ZABLAB_CHROMIUM; unset means Playwright's own downloaded browser.
 * The app is built and served as the production bundle (`vite preview`) on port 4173.
 */
// scripts/test-all.mjs reads this report to count the e2e tests.
// $ZABLAB_E2E_PORT lets a second run go side by side (its own port, build and results folders).
const PORT = Number(process.env.ZABLAB_E2E_PORT) || 4173;
const SIDE = PORT === 4173 ? '' : `-${PORT}`;
const OUT = `test-results${SIDE}`;
const E2E_JSON_REPORT = `${OUT}/e2e-report.json`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: OUT,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: E2E_JSON_REPORT }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.ZABLAB_CHROMIUM || undefined,
          args: CHROMIUM_FLAGS,
        },
      },
    },
  ],
  webServer: {
    // Build first, then serve the production bundle; never reuse a (possibly stale) server.
    command: SIDE
      ? `npx vite build --outDir dist${SIDE} && npx vite preview --outDir dist${SIDE} --port ${PORT} --strictPort`
      : `npm run build && npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
