/**
 * The violation banner links to the event's own line in the Event log (issue 9): from a step after
 * the violation, the link goes to the violation's step and brings its line into view, selected.
 */
import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, idle } from './guards';
import { playToViolation } from './pace';

failOnConsoleErrors();

const position = (page: Page) => page.evaluate(() => window.__zablab!.position());

test('the violation banner links to the violation’s line in the Event log', async ({ page }) => {
  await page.goto('/');
  await idle(page);
  await page.getByTestId('open-scenarios').click();
  await page.locator('[data-preset="zk-4643-391"]').click();
  await page.getByTestId('open-preset').click();
  const banner = await playToViolation(page);
  const at = (await position(page)).step;
  // on past it (to the run's end), with the Event log filtered to something else: the link still
  // finds the line. (Not the End key: it goes to the furthest step played, which is the
  // violation's own step whenever playback's last frame ended on it — on a loaded machine, often.)
  await page.evaluate(() => window.__zablab!.seek(1_000_000));
  await expect.poll(async () => (await position(page)).step).toBeGreaterThan(at);
  await idle(page);
  await page.getByRole('tab', { name: 'Event log' }).click();
  await page.getByTestId('log-kind').selectOption('ev:send');
  await page.getByRole('tab', { name: 'Vote box' }).click();
  const link = banner.getByTestId('violation-log-line');
  const line = Number(/(\d+)/.exec((await link.textContent()) ?? '')![1]);
  const end = (await position(page)).step;
  await link.click();
  // back at the violation's step (the one the banner's own "Go to step" picks)
  await expect.poll(async () => (await position(page)).step).toBeLessThan(end);
  const row = page.getByTestId('log-list').locator(`[data-index="${line - 1}"]`);
  await expect(row).toHaveClass(/zp-picked/);
  await expect(row).toHaveAttribute('aria-current', 'true');
  await expect(row.locator('.zp-kind')).toHaveText('violation');
  await expect(page.getByTestId('log-kind')).toHaveValue('all');
  // in view inside the list
  const list = (await page.getByTestId('log-list').boundingBox())!;
  const box = (await row.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(list.y);
  expect(box.y + box.height).toBeLessThanOrEqual(list.y + list.height);
  await page.screenshot({ path: '/tmp/shots/perf/violation-log-line-en.png' });
});
