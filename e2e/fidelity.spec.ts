/**
 * The presets of the two real ZooKeeper 3.9.5 divergences (issue 11) in the app: played, each stops
 * at its violation and the banner names the cause the checker found. Screenshots go to
 * /tmp/shots/fidelity/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, idle } from './guards';
import { evenPace } from './pace';

const SHOTS = '/tmp/shots/fidelity';
mkdirSync(SHOTS, { recursive: true });

failOnConsoleErrors();

const stage = (page: Page) => page.evaluate(() => window.__zablab!.stage());
const stops = (page: Page) => page.evaluate(() => window.__zablab!.stops());

async function playToViolation(page: Page, id: string) {
  await page.goto('/');
  await idle(page);
  await page.getByTestId('open-scenarios').click();
  await page.locator(`[data-preset="${id}"]`).click();
  await page.getByTestId('open-preset').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(async () => (await stops(page)).preset).toBe(id);
  await evenPace(page);
  await page.locator('.speed input[type="range"]').fill('1000');
  await page.getByTestId('play').click();
  const banner = page.getByTestId('violation-banner');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await idle(page);
  return banner;
}

test('ZOOKEEPER-2846: the banner names the bug on S5', async ({ page }) => {
  const banner = await playToViolation(page, 'zk-2846');
  const st = await stage(page);
  expect(st.violations[0]).toMatchObject({ invariant: 'LocalPrimaryOrder', bug: 'ZOOKEEPER-2846' });
  expect(st.violations[0].sids).toEqual([5]);
  await expect(banner.getByTestId('violation-bug')).toContainText('ZOOKEEPER-2846');
  await page.screenshot({ path: `${SHOTS}/zk-2846-en-1280x720.png` });
  await banner.getByRole('button', { name: 'Show in the log view' }).click();
  await expect(page.getByTestId('logview')).toBeVisible();
  await idle(page);
  await page.screenshot({ path: `${SHOTS}/zk-2846-log-en-1280x720.png` });
});

test('trunc-kept-txn: the banner names FileTxnLog.truncate', async ({ page }) => {
  const banner = await playToViolation(page, 'trunc-kept-txn');
  const st = await stage(page);
  expect(st.violations[0]).toMatchObject({ bug: 'FileTxnLog.truncate' });
  await expect(banner.getByTestId('violation-bug')).toContainText('FileTxnLog.truncate');
  await page.screenshot({ path: `${SHOTS}/trunc-kept-en-1280x720.png` });
  await page.locator('body').press('l');
  await page.screenshot({ path: `${SHOTS}/trunc-kept-zh-1280x720.png` });
});
