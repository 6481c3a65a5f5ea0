/**
 * Shared e2e guard: every test fails on a console error or an uncaught page error, and pages start
 * in English unless a test switches (the default otherwise follows navigator.language).
 */
import { expect, test } from '@playwright/test';

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
