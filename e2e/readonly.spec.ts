/**
 * Read-only mode from the UI (issue 12). The readonly-partition preset: S3, cut off from the
 * quorum, runs a ReadOnlyZooKeeperServer — its card says "read-only", client r1 (zkCli -r) is
 * drawn CONNECTEDREADONLY, its console shows the refused write with zkCli's text; after the heal
 * the badge is gone and r1 is plainly CONNECTED. Back in the read-only stretch, `isro` typed in
 * the console answers "ro", and a new console session started as `zkCli.sh -r -server
 * server3:2181` connects read-only and has its create refused.
 * Screenshots (1280×720, en and zh-CN) go to /tmp/shots/readonly/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, idle } from './guards';

const SHOTS = '/tmp/shots/readonly';
mkdirSync(SHOTS, { recursive: true });

failOnConsoleErrors();

const stops = (page: Page) => page.evaluate(() => window.__zablab!.stops());

async function openPresetAtCue(page: Page, cue: string): Promise<void> {
  await page.getByTestId('open-scenarios').click();
  await page.locator('[data-preset="readonly-partition"]').click();
  await page.getByTestId('open-preset').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(async () => (await stops(page)).preset).toBe('readonly-partition');
  await seekCue(page, cue);
}

async function seekCue(page: Page, cue: string): Promise<void> {
  const at = (await stops(page)).cues.find((c) => c.id === cue);
  if (!at) throw new Error(`no ${cue} cue`);
  await page.evaluate((step) => window.__zablab!.seek(step), at.step);
}

test('the read-only server and its client on the stage and in the console (en)', async ({ page }) => {
  test.setTimeout(45_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await idle(page);
  await openPresetAtCue(page, 'write');

  const chip = page.getByTestId('card-readonly-3');
  await expect(chip).toHaveText('read-only');
  await expect(chip).toHaveAttribute('title', /ReadOnlyZooKeeperServer/);
  await expect(page.locator('[data-testid^="card-readonly-"]')).toHaveCount(1);
  const pill = page.locator('.client-pill[data-client="r1"]');
  await expect(pill).toHaveAttribute('data-readonly', 'true');
  await expect(pill).toHaveAttribute('data-server', '3');
  await expect(pill.locator('.client-state')).toHaveText('READ-ONLY');
  await page.screenshot({ path: `${SHOTS}/read-only-en.png` });

  await page.getByRole('tab', { name: 'zkCli console', exact: true }).click();
  await page.getByRole('tab', { name: 'r1', exact: true }).click();
  const transcript = page.getByTestId('console-transcript');
  await expect(transcript).toContainText('WatchedEvent state:ConnectedReadOnly type:None path:null');
  await expect(transcript).toContainText('Not a read-only call: /config');

  // after the heal: S3 follows, the badge is gone, r1 is plainly connected
  await seekCue(page, 'rw');
  await expect(page.locator('[data-testid^="card-readonly-"]')).toHaveCount(0);
  await expect(pill).not.toHaveAttribute('data-readonly', 'true');
  await expect(pill).toHaveAttribute('data-state', 'CONNECTED');
  await expect(pill.locator('.client-state')).toHaveText('CONNECTED');

  // back while S3 is read-only: the four-letter word pingRwServer sends, typed in the console
  // (acting in the past starts a branch of its own)
  await seekCue(page, 'write');
  const input = page.getByTestId('console-input');
  await input.fill('echo isro | nc server3 2181');
  await input.press('Enter');
  await page.getByTestId('console-run-until').click();
  await expect(transcript).toContainText(/\$ echo isro \| nc server3 2181\s*ro/, { timeout: 20_000 });

  // a new session started as zkCli.sh -r: read-only on S3, its write refused
  await page.getByRole('button', { name: 'open a new client session' }).click();
  await input.fill('zkCli.sh -r -server server3:2181');
  await input.press('Enter');
  await expect(transcript).toContainText('Connecting to server 3');
  await expect(page.getByTestId('panel-console')).toContainText('server 3 is read-only');
  await input.fill('create /mine x');
  await input.press('Enter');
  await page.getByTestId('console-run-until').click();
  await expect(transcript).toContainText('WatchedEvent state:ConnectedReadOnly type:None path:null', {
    timeout: 20_000,
  });
  await expect(transcript).toContainText('Not a read-only call: /mine', { timeout: 20_000 });
  await expect(page.getByTestId('panel-console')).toContainText('read-only session on server 3');
  await expect(page.locator('.client-pill[data-readonly="true"]')).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/console-en.png` });
});

test('the read-only badge and state in Chinese (zh-CN)', async ({ page }) => {
  test.setTimeout(30_000);
  await page.addInitScript(() => localStorage.setItem('zablab.lang', 'zh-CN'));
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await idle(page);
  await openPresetAtCue(page, 'write');
  await expect(page.getByTestId('card-readonly-3')).toHaveText('只读');
  await expect(page.locator('.client-pill[data-client="r1"] .client-state')).toHaveText('只读连接');
  await page.screenshot({ path: `${SHOTS}/read-only-zh-CN.png` });
});
