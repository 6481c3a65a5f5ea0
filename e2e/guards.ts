/**
 * Shared e2e guard: every test fails on a console error or an uncaught page error, and pages start
 * in English unless a test switches (the default otherwise follows navigator.language).
 */
import { expect, test, type Page } from '@playwright/test';

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
