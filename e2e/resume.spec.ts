/**
 * Resume after a reload restores exactly the step and virtual time the run had (issue 10): a run
 * paused mid-way, an idle run (no disk changes for a long while — it used to come back 100,000
 * steps later), a run at step 0, and a run that reached its end. Persistent profiles: IndexedDB must
 * survive the reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { validateScenario } from '../src/sim/Scenario';
import { idle, persistent } from './guards';
import { evenPace } from './pace';

async function setPlaying(page: Page, on: boolean) {
  const play = page.getByTestId('play');
  const playing = (await play.getAttribute('aria-label')) === 'Pause';
  if (playing !== on) await play.click();
  await idle(page);
}

const position = (page: Page) => page.evaluate(() => window.__zablab!.position());

/**
 * Reloads, resumes the ensemble that was open, and returns its position after resuming. A page
 * opened from a link opens that link again; its saved ensemble is then one click away.
 */
async function reloadAndResume(page: Page, fromLink = false) {
  const ensembleId = await page.evaluate(() => window.__zablab!.runtime().ensembleId);
  await page.reload();
  const dialog = page.getByRole('dialog', {
    name: fromLink ? 'Saved ensembles' : 'Resume where you left off?',
  });
  if (fromLink) {
    await idle(page);
    await page.getByTestId('open-saved').click();
  }
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await dialog
    .locator(`[data-testid="saved-item"][data-id="${ensembleId}"]`)
    .getByRole('button', { name: /^Resume/ })
    .click();
  await expect(dialog).toHaveCount(0);
  await idle(page);
  await expect.poll(() => page.evaluate(() => window.__zablab!.runtime().ensembleId)).toBe(ensembleId);
  return position(page);
}

async function startAll(page: Page) {
  await page
    .locator('.stage-toolbar')
    .getByRole('button', { name: /Start all/ })
    .click();
  await idle(page);
}

test('an idle run paused mid-way resumes at its step and virtual time', async () => {
  test.setTimeout(120_000);
  const { page, done } = await persistent(test.info(), { consoleErrors: true });
  await page.goto('/');
  await idle(page);
  await startAll(page);
  await evenPace(page);
  await page.locator('.speed input[type="range"]').fill('1000');
  await setPlaying(page, true);
  // well past the election: from here on nothing reaches the disks (heartbeats only)
  await expect.poll(async () => (await position(page)).step, { timeout: 60_000 }).toBeGreaterThan(250);
  await setPlaying(page, false);
  const before = await position(page);
  const after = await reloadAndResume(page);
  expect(after.step).toBe(before.step);
  expect(after.t).toBe(before.t);
  expect(after.horizon).toBe(before.step);
  await expect(page.getByTestId('step')).toContainText(String(before.step));
  await done();
});

test('a run at step 0 resumes at step 0', async () => {
  test.setTimeout(90_000);
  const { page, done } = await persistent(test.info(), { consoleErrors: true });
  await page.goto('/');
  await idle(page);
  await startAll(page);
  const before = await position(page);
  expect(before.step).toBe(0);
  const after = await reloadAndResume(page);
  expect(after.step).toBe(0);
  expect(after.t).toBe(before.t);
  expect(after.horizon).toBe(0);
  await done();
});

test('a run that reached its end resumes at its last step', async () => {
  test.setTimeout(120_000);
  const { page, done } = await persistent(test.info(), { consoleErrors: true });
  // a short scenario (until 3 s) so it ends quickly
  const v = validateScenario({
    format: 1,
    title: 'Short run',
    seed: 7,
    ensemble: { voters: 3, observers: 0 },
    actions: [{ at: 0, start: [1, 2, 3] }],
    until: 3000,
  });
  if (!v.ok) throw new Error(v.errors.join('\n'));
  await page.goto(`/?s=${encodeLink({ scenario: v.scenario, recorded: [], step: 0 })}`);
  await idle(page);
  await evenPace(page);
  await page.locator('.speed input[type="range"]').fill('1000');
  await setPlaying(page, true);
  await expect.poll(async () => (await position(page)).playing, { timeout: 60_000 }).toBe(false);
  await idle(page);
  const before = await position(page);
  expect(before.step).toBeGreaterThan(10);
  const after = await reloadAndResume(page, true);
  expect(after.step).toBe(before.step);
  expect(after.t).toBe(before.t);
  expect(after.horizon).toBe(before.step);
  await done();
});
