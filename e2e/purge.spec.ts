/**
 * Snapshot and log purging, end to end: the autopurge-snap preset opened from the picker — the
 * leader's purge at its restart removed log.100000001, and the lagging S1's next sync is a SNAP
 * (app state: the log view's rows; DOM: the Storage panel's purge block, the purged cells and S1's
 * sync line), while the twin without autopurge gives S1 a DIFF. Screenshots (1280×720, en and
 * zh-CN) go to /tmp/shots/purge/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, idle } from './guards';
import en from '../src/ui/locales/en/purge';
import zh from '../src/ui/locales/zh-CN/purge';

const SHOTS = '/tmp/shots/purge';
mkdirSync(SHOTS, { recursive: true });
failOnConsoleErrors();
test.use({ viewport: { width: 1280, height: 720 } });

const stops = (page: Page) => page.evaluate(() => window.__zablab!.stops());
const position = (page: Page) => page.evaluate(() => window.__zablab!.position());
const rows = (page: Page) => page.evaluate(() => window.__zablab!.logRows());

async function openPreset(page: Page, id: string) {
  await page.goto('/');
  await idle(page);
  await page.getByTestId('open-scenarios').click();
  await page.locator(`[data-preset="${id}"]`).click();
  await page.getByTestId('open-preset').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(async () => (await stops(page)).preset).toBe(id);
}

async function seekCue(page: Page, id: string) {
  const cue = (await stops(page)).cues.find((c) => c.id === id);
  if (!cue) throw new Error(`no cue ${id}`);
  await page.evaluate((s) => window.__zablab!.seek(s), cue.step);
  await expect.poll(async () => (await position(page)).step).toBe(cue.step);
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`autopurge-snap (${lang}): the purge removed the log S1 needed, so its sync is a SNAP`, async ({
    page,
  }) => {
    if (lang === 'zh-CN') await page.addInitScript(() => localStorage.setItem('zablab.lang', 'zh-CN'));
    const dict = lang === 'en' ? en : zh;
    await openPreset(page, 'autopurge-snap');
    await seekCue(page, 'snap');
    // the app's state: S3's first log file is gone (purged cells), S1's sync is a SNAP
    const r = await rows(page);
    const s3 = r.find((x) => x.sid === 3)!;
    expect(s3.cells.filter((c) => c.kind === 'purged').map((c) => c.zxid)).toEqual([
      '0x100000001',
      '0x100000002',
      '0x100000003',
      '0x100000004',
    ]);
    expect(r.find((x) => x.sid === 1)!.sync).toMatchObject({ mode: 'SNAP', peerLastZxid: '0x100000002' });
    // the DOM: the log view draws the purged cells and S1's SNAP
    await page.locator('body').press('v');
    const view = page.getByTestId('logview');
    await expect(view).toBeVisible();
    const row3 = view.locator('.lv-row[data-sid="3"]');
    await expect(row3.locator('.lv-cell[data-kind="purged"][data-zxid="0x100000001"]')).toBeVisible();
    await expect(view.locator('.lv-row[data-sid="1"]').getByTestId('lv-sync')).toContainText('SNAP');
    // the Storage panel of S3 says what its purge removed
    await page.getByRole('tab', { name: lang === 'en' ? 'Storage' : '存储', exact: true }).click();
    const storage = page.getByTestId('panel-storage');
    await storage.getByTitle(/^(Show server 3 |查看服务器 3)/).click();
    const last = storage.getByTestId('storage-last-purge');
    await expect(last).toContainText(dict['purge.panel.lastAuto'].split('{t}')[0]);
    await expect(storage.getByTestId('storage-purged-file')).toHaveText([
      'log.100000001',
      'snapshot.0',
      'snapshot.100000003',
    ]);
    // the file list itself no longer has it; the oldest log left starts at 0x100000005
    await expect(storage.locator('.zp-file-name', { hasText: /^log\.100000001$/ })).toHaveCount(0);
    await expect(storage.locator('.zp-file-name', { hasText: /^log\.100000005$/ })).toHaveCount(1);
    await page.screenshot({ path: `${SHOTS}/autopurge-snap-${lang}.png` });
    await last.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/autopurge-storage-${lang}.png` });
  });
}

test('autopurge-off-diff: without the purge the same S1 gets a DIFF from the txn log', async ({ page }) => {
  await openPreset(page, 'autopurge-off-diff');
  await seekCue(page, 'diff');
  const r = await rows(page);
  expect(r.find((x) => x.sid === 1)!.sync).toMatchObject({ mode: 'DIFF', peerLastZxid: '0x100000002' });
  expect(r.find((x) => x.sid === 3)!.cells.some((c) => c.kind === 'purged')).toBe(false);
  await page.locator('body').press('v');
  await expect(
    page.getByTestId('logview').locator('.lv-row[data-sid="1"]').getByTestId('lv-sync'),
  ).toContainText('DIFF');
});
