/**
 * Driving the zkCli console and the play button from e2e specs (failover, zkfeatures, znodes):
 * one copy of what each spec had written for itself.
 */
import { expect, type Page } from '@playwright/test';

/** Types `line` into the zkCli console, presses Enter and waits for `answer` in the transcript. */
export async function runCommand(page: Page, line: string, answer: string | RegExp): Promise<void> {
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
  await expect(page.getByTestId('console-transcript')).toContainText(answer, { timeout: 20_000 });
}

/** Plays or pauses, whatever it does now (the button's label in English or in Chinese). */
export async function setPlaying(page: Page, on: boolean): Promise<void> {
  const play = page.getByTestId('play');
  const label = await play.getAttribute('aria-label');
  const playing = label === 'Pause' || label === '暂停';
  if (playing !== on) await play.click();
}
