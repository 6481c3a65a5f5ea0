/**
 * Shared e2e helpers. The guard: every test fails on a console error or an uncaught page error, and pages start
 * in English unless a test switches (the default otherwise follows navigator.language).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page, type TestInfo } from '@playwright/test';

export function failOnConsoleErrors(): void {
  let errors: string[] = [];
  test.beforeEach(async ({ page }) => {
    errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    await page.addInitScript(() => {
      if (!localStorage.getItem('zablab.lang')) localStorage.setItem('zablab.lang', 'en');
    });
  });
  test.afterEach(() => {
    expect(errors, 'no console errors').toEqual([]);
  });
}

/**
 * Waits until the app has moved its servers into Web Workers (or its fallback) and no worker job
 * is queued: steps and actions reach the workers asynchronously.
 */
export async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__zablab !== undefined);
  await page.evaluate(() => window.__zablab!.idle());
}

/**
 * A browser with a persistent profile (IndexedDB on disk, kept across reloads), launched as
 * playwright.config.ts's project launches its browser. `done()` closes it, removes the profile and
 * fails the test on a page error — and on a console error when `consoleErrors` is set (as
 * failOnConsoleErrors() does for the default page).
 */
export async function persistent(
  testInfo: TestInfo,
  opts: { consoleErrors?: boolean } = {},
): Promise<{ ctx: BrowserContext; page: Page; done: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'zablab-e2e-'));
  const use = testInfo.project.use;
  const ctx = await chromium.launchPersistentContext(dir, {
    ...use.launchOptions,
    baseURL: use.baseURL,
    viewport: { width: 1280, height: 720 },
  });
  await ctx.addInitScript(() => {
    if (!localStorage.getItem('zablab.lang')) localStorage.setItem('zablab.lang', 'en');
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (process.env.ZABLAB_DEBUG) console.log(`console.${m.type()}: ${m.text()}`);
    if (opts.consoleErrors && m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  return {
    ctx,
    page,
    done: async () => {
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
      expect(errors, 'no page errors').toEqual([]);
    },
  };
}
