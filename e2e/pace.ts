/**
 * Playback at a test's pace. The app plays at a narrated pace by default (slow at decisive moments)
 * and pauses at each chapter of a preset; a test that only wants a run's outcome switches to the
 * even pace (events/s as the speed slider says) and, when a preset is open, off the chapter pauses.
 */
import { expect, type Page } from '@playwright/test';

export async function evenPace(page: Page): Promise<void> {
  await page.getByTestId('pace').selectOption('even');
  const chapters = page.getByTestId('chapter-stops');
  if ((await chapters.count()) > 0) {
    await chapters.uncheck();
    await expect(chapters).not.toBeChecked();
  }
}
