/**
 * History as a tree (issue 13): rewinding a preset and crashing a server starts a branch and keeps
 * the old future, which the branch list restores; Ctrl+Z takes the crash back; a link made on a
 * branch reopens that branch. Screenshots of the branch list in /tmp/shots/engine/ (en, zh-CN, a
 * 390 px phone).
 */
import { expect, test, type Page } from '@playwright/test';
import { idle } from './guards';

const position = (page: Page) => page.evaluate(() => window.__zablab!.position());
const history = (page: Page) => page.evaluate(() => window.__zablab!.history());
const card = (page: Page, sid: number) => page.locator(`.server-card[data-sid="${sid}"]`);

async function openPreset(page: Page, id: string) {
  await page.getByTestId('open-scenarios').click();
  await page.locator(`[data-preset="${id}"]`).click();
  await page.getByTestId('open-preset').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(async () => (await page.evaluate(() => window.__zablab!.stops())).preset).toBe(id);
}

/** Plays the preset to step `end`, rewinds to `at` and crashes server `sid` from its menu. */
async function rewindAndCrash(page: Page, end: number, at: number, sid: number) {
  await page.evaluate((s) => window.__zablab!.seek(s), end);
  await page.evaluate((s) => window.__zablab!.seek(s), at);
  await expect(card(page, sid)).not.toHaveAttribute('data-role', 'DOWN');
  await card(page, sid).click();
  await page.getByRole('menuitem', { name: /Crash/ }).click();
  await idle(page);
  await expect(card(page, sid)).toHaveAttribute('data-role', 'DOWN');
}

test('rewind a preset, crash a server: the old future is a branch; Ctrl+Z undoes; a link reopens the branch', async ({
  page,
  context,
}) => {
  test.setTimeout(60_000);
  await page.goto('/');
  await idle(page);
  await openPreset(page, 'first-boot');
  await rewindAndCrash(page, 90, 41, 3);

  // the run is now 41/41 on a new branch; the old future (to 90) is the other branch
  expect(await position(page)).toMatchObject({ step: 41, horizon: 41 });
  const list = page.getByTestId('branches').locator('select');
  await expect(list.locator('option')).toHaveCount(2);
  await expect(list.locator('option').nth(1)).toHaveText(/Step 41: crash S3/i);
  await page.screenshot({ path: '/tmp/shots/engine/branches-en.png' });

  // back to the original: server 3 up at step 41, its future to 90 still there
  await list.selectOption({ label: (await list.locator('option').nth(0).textContent())! });
  await idle(page);
  expect(await position(page)).toMatchObject({ step: 41, horizon: 90 });
  await expect(card(page, 3)).not.toHaveAttribute('data-role', 'DOWN');
  // and to the crash branch again
  await list.selectOption({ index: 1 });
  await idle(page);
  await expect(card(page, 3)).toHaveAttribute('data-role', 'DOWN');

  // a link made on the branch reopens that branch: the crash at 41 in it
  await page.getByTestId('copy-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  const mine = await history(page);
  const other = await context.newPage();
  await other.goto(url);
  await idle(other);
  const theirs = await history(other);
  expect(theirs.recorded).toEqual(mine.recorded);
  expect(theirs.recorded).toContainEqual({ step: 41, action: { crash: [3] } });
  expect(theirs.step).toBe(41);
  await expect(card(other, 3)).toHaveAttribute('data-role', 'DOWN');
  await other.close();

  // Ctrl+Z: back on the original branch at 41, where the crash was done (the crash branch, with
  // nothing more than the crash, goes away)
  await page.locator('.stage').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await idle(page);
  await expect(card(page, 3)).not.toHaveAttribute('data-role', 'DOWN');
  expect(await position(page)).toMatchObject({ step: 41, horizon: 90 });
  expect((await history(page)).recorded).not.toContainEqual({ step: 41, action: { crash: [3] } });
});

test('the branch list in Chinese and on a phone', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/');
  await idle(page);
  await openPreset(page, 'first-boot');
  await rewindAndCrash(page, 90, 41, 3);
  // `l` switches the language
  await page.keyboard.press('Escape');
  await page.keyboard.press('l');
  await expect(page.getByTestId('branches')).toContainText('2 条分支');
  await expect(page.getByTestId('branches').locator('option').nth(1)).toHaveText(/第 41 步：让 S3 崩溃/);
  await page.screenshot({ path: '/tmp/shots/engine/branches-zh-CN.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: '/tmp/shots/engine/branches-phone.png' });
});
