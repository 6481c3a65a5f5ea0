/**
 * Playback at a test's pace. The app plays at a narrated pace by default (slow at decisive moments)
 * and pauses at each chapter of a preset; a test that only wants a run's outcome switches to the
 * even pace (events/s as the speed slider says) and, when a preset is open, off the chapter pauses.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { idle } from './guards';

export async function evenPace(page: Page): Promise<void> {
  await page.getByTestId('pace').selectOption('even');
  const chapters = page.getByTestId('chapter-stops');
  if ((await chapters.count()) > 0) {
    await chapters.uncheck();
    await expect(chapters).not.toBeChecked();
  }
}

/**
 * Plays the open preset at an even 1,000 events/s until the checker's violation pauses it; resolves
 * with the violation banner once the app is idle there.
 */
export async function playToViolation(page: Page): Promise<Locator> {
  await evenPace(page);
  await page.locator('.speed input[type="range"]').fill('1000');
  await page.getByTestId('play').click();
  const banner = page.getByTestId('violation-banner');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => page.evaluate(() => window.__zablab!.position().playing)).toBe(false);
  await idle(page);
  return banner;
}

/**
 * Pauses playback if it still runs (the player may already have stopped by itself: at a chapter,
 * a violation or the end of the run) and waits until the app is idle there.
 */
export async function pause(page: Page): Promise<void> {
  const playing = () => page.evaluate(() => window.__zablab!.position().playing);
  if (await playing()) await page.getByTestId('play').click();
  await expect.poll(playing).toBe(false);
  await idle(page);
}
