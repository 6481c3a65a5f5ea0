/**
 * Election connections on the stage: the first-boot preset with the Connections layer turned on.
 * At the step where S3 reads S2's InitialMessage it drops that connection (S2 has the lower id)
 * and dials back — the pair 2–3 is marked so — and a little later the pair is up, dialled by S3.
 * Screenshots of that moment (en, zh-CN, 1280×720) go to /tmp/shots/cnx.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { failOnConsoleErrors, idle } from './guards';
import en from '../src/ui/locales/en/lessons';
import zh from '../src/ui/locales/zh-CN/lessons';
import enCnx from '../src/ui/locales/en/cnx';
import zhCnx from '../src/ui/locales/zh-CN/cnx';

failOnConsoleErrors();
test.use({ viewport: { width: 1280, height: 720 } });

const SHOTS = '/tmp/shots/cnx';
mkdirSync(SHOTS, { recursive: true });
const ID = 'first-boot';

async function openPreset(page: Page, title: string) {
  await page.getByTestId('open-scenarios').click();
  await page.locator(`[data-preset="${ID}"]`).click();
  await expect(page.locator('.picker-card h3')).toHaveText(title);
  await page.getByTestId('open-preset').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(async () => (await page.evaluate(() => window.__zablab!.stops())).preset).toBe(ID);
}

/** seeks step by step from `from` until `sel` is on the stage; returns that step */
async function seekUntil(page: Page, sel: string, from: number, to: number): Promise<number> {
  for (let s = from; s <= to; s++) {
    await page.evaluate((step) => window.__zablab!.seek(step), s);
    if ((await page.locator(sel).count()) > 0) return s;
  }
  throw new Error(`${sel} not seen up to step ${to}`);
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`the Connections layer shows a lower sid's dial dropped and the higher sid dialling back (${lang})`, async ({
    page,
  }) => {
    if (lang === 'zh-CN') await page.addInitScript(() => localStorage.setItem('zablab.lang', 'zh-CN'));
    await page.goto('/');
    await idle(page);
    await openPreset(page, (lang === 'en' ? en : zh)[`presets.${ID}.title`]);
    const toggle = page.getByTestId('cnx-toggle');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('cnx-layer')).toHaveCount(0);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('cnx-layer')).toBeVisible();

    // S2 dialled S3 first; S3 closes that connection and dials S2 back
    const at = await seekUntil(page, '.cnx-pair[data-dialback="2-3"]', 1, 120);
    const pair = page.locator('.cnx-pair[data-cnx="2-3"]');
    const dict = lang === 'en' ? enCnx : zhCnx;
    await expect(pair.locator('.cnx-dialback text')).toHaveText([
      dict['cnx.dialBack.drop'].replace('{lower}', '2'),
      dict['cnx.dialBack.back'].replace('{higher}', '3'),
    ]);
    // at this step S3 keeps its new connection; S2 has not read it yet
    await expect(pair).toHaveAttribute('data-initiator', '3');
    await page.screenshot({ path: `${SHOTS}/dialback-${lang}.png` });

    // a few steps on, both ends keep the connection S3 dialled
    await seekUntil(page, '.cnx-pair[data-cnx="2-3"][data-state="up"]', at, at + 40);
    await expect(pair).toHaveAttribute('data-initiator', '3');
    // every kept connection was dialled by the higher sid
    for (const p of await page.locator('.cnx-pair[data-state="up"]').all()) {
      const [a, b] = (await p.getAttribute('data-cnx'))!.split('-').map(Number);
      expect(Number(await p.getAttribute('data-initiator'))).toBe(Math.max(a, b));
    }
    await page.evaluate(() => window.__zablab!.seek(400));
    await expect(page.locator('.cnx-pair[data-state="up"]')).toHaveCount(3);
    await page.screenshot({ path: `${SHOTS}/up-${lang}.png` });
  });
}
