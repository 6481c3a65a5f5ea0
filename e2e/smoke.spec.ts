import { expect, test } from '@playwright/test';

// The production bundle loads, renders into #root, and logs no errors while doing it.
test('app loads without errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) =>
    errors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`),
  );

  await page.goto('/', { waitUntil: 'load' });
  await expect(page).toHaveTitle('ZAB Lab');
  await expect(page.locator('#root')).not.toBeEmpty();
  await page.screenshot({ path: 'test-results/smoke.png', fullPage: true });

  expect(errors).toEqual([]);
});
