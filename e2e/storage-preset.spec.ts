/**
 * The corrupt-follower preset, end to end: opened from the Scenarios picker and played, S2 refuses
 * to start on its damaged txn (its card says so, with the CRC reason in the title), and after the
 * operator's wipe it is back in BROADCAST with the same tree as the others. Screenshots of the
 * refusal (en, zh-CN, 1280×720) go to /tmp/shots/storage2. And a damaged record in the saved-ensembles
 * database: the dialog lists the good ones and the damaged one with its error and a Delete.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { failOnConsoleErrors, idle } from './guards';
import en from '../src/ui/locales/en/storage2';
import enStorage from '../src/ui/locales/en/storage';
import zh from '../src/ui/locales/zh-CN/storage2';

failOnConsoleErrors();
test.use({ viewport: { width: 1280, height: 720 } });

const SHOTS = '/tmp/shots/storage2';
mkdirSync(SHOTS, { recursive: true });

const ID = 'corrupt-follower';
const card = (page: Page, sid: number) => page.locator(`.server-card[data-sid="${sid}"]`);
const position = (page: Page) => page.evaluate(() => window.__zablab!.position());

async function openPreset(page: Page, title: string) {
  await page.getByTestId('open-scenarios').click();
  await page.locator(`[data-preset="${ID}"]`).click();
  await expect(page.locator('.picker-card h3')).toHaveText(title);
  await page.getByTestId('open-preset').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(async () => (await page.evaluate(() => window.__zablab!.stops())).preset).toBe(ID);
}

test('corrupt-follower: played from the picker, S2 refuses to start, then is back in BROADCAST after the wipe', async ({
  page,
}) => {
  await page.goto('/');
  await idle(page);
  await openPreset(page, en[`presets.${ID}.title`]);
  // the even pace at high speed, still pausing at the preset's chapters
  await page.getByTestId('pace').selectOption('even');
  await expect(page.getByTestId('chapter-stops')).toBeChecked();
  await page.locator('.speed input[type="range"]').fill('1000');
  const refused = page.getByTestId('card-refused-2');
  for (let i = 0; i < 4 && !(await refused.isVisible()); i++) {
    await page.getByTestId('play').click();
    await expect.poll(async () => (await position(page)).playing, { timeout: 20_000 }).toBe(false);
  }
  await expect(refused).toBeVisible();
  await expect(refused).toHaveAttribute('title', /CRC check failed in log\.100000001 at zxid 0x100000002/);
  await expect(card(page, 2)).toContainText(enStorage['storage.card.refused']);
  await page.screenshot({ path: `${SHOTS}/refused-en-played.png` });

  // the rest of the story without chapter pauses
  await page.getByTestId('chapter-stops').uncheck();
  await page.getByTestId('play').click();
  await expect(page.locator('.stage-status .finished')).toBeVisible({ timeout: 30_000 });
  await expect(refused).toHaveCount(0);
  await expect(card(page, 2)).toHaveAttribute('data-phase', 'BROADCAST');
  const s = await page.evaluate(() => window.__zablab!.summary());
  const snap = s.syncs.find((x) => x.learner === 2 && x.mode === 'SNAP');
  expect(snap).toMatchObject({ leader: 3, peerLastZxid: '0x0' });
  for (const x of s.servers) expect(x.tree).toEqual(s.servers[1].tree);
});

for (const lang of ['en', 'zh-CN'] as const) {
  test(`corrupt-follower: the refusal moment (${lang} screenshot)`, async ({ page }) => {
    if (lang === 'zh-CN') await page.addInitScript(() => localStorage.setItem('zablab.lang', 'zh-CN'));
    await page.goto('/');
    await idle(page);
    await openPreset(page, (lang === 'en' ? en : zh)[`presets.${ID}.title`]);
    const stops = await page.evaluate(() => window.__zablab!.stops());
    const at = stops.cues.find((c) => c.id === 'refused')!.step;
    await page.evaluate((step) => window.__zablab!.seek(step), at);
    await expect(page.getByTestId('card-refused-2')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/refused-${lang}.png` });
  });
}

test('a damaged saved-ensemble record is listed as damaged beside the good ones, and can be deleted', async ({
  page,
}) => {
  await page.goto('/');
  await idle(page);
  expect(await page.evaluate(() => window.__zablab!.runtime().kind)).toBe('workers+indexeddb');
  // the ensemble open now is saved once it runs
  await page
    .getByRole('button', { name: /Start all/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next event' }).click();
  await page.getByRole('button', { name: 'Next event' }).click();
  await idle(page);
  const id = await page.evaluate(() => window.__zablab!.runtime().ensembleId);
  await expect
    .poll(() =>
      page.evaluate(
        (key) =>
          new Promise<boolean>((resolve) => {
            const open = indexedDB.open('zablab/ensembles', 1);
            open.onsuccess = () => {
              const get = open.result.transaction('ensembles').objectStore('ensembles').get(key!);
              get.onsuccess = () => {
                open.result.close();
                resolve(get.result !== undefined);
              };
            };
            open.onerror = () => resolve(false);
          }),
        id,
      ),
    )
    .toBe(true);
  // a record changed outside the app (voters is not a number)
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('zablab/ensembles', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('ensembles', 'readwrite');
          tx.objectStore('ensembles').put({ id: 'broken-1', title: 'x', voters: 'three' });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.getByTestId('open-saved').click();
  const dialog = page.getByRole('dialog', { name: 'Saved ensembles' });
  const damaged = dialog.getByTestId('saved-damaged');
  await expect(damaged).toHaveCount(1);
  await expect(damaged).toContainText(en['storage2.saved.damaged'].replace('{key}', 'broken-1'));
  await expect(damaged).toContainText('zablab/ensembles');
  // the ensemble open now is still listed
  await expect(dialog.locator(`[data-testid="saved-item"][data-id="${id}"]`)).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/saved-damaged-en.png` });
  await damaged
    .getByRole('button', { name: en['storage2.saved.deleteDamaged'].replace('{key}', 'broken-1') })
    .click();
  await expect(damaged).toHaveCount(0);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.locator(`[data-testid="saved-item"][data-id="${id}"]`)).toHaveCount(1);
});
