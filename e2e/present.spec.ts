/**
 * Presenting, embedding, phones (issue 10): lecture mode's type at 1080p, the clicker, embed mode
 * inside small frames, the phone's transport bar, Space after a click, the New ensemble dialog.
 * Screenshots go to test-results-<port>/present-*.png.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, idle } from './guards';
import { evenPace } from './pace';

failOnConsoleErrors();

/** Screenshots for the report, in this run's results folder. */
const shot = (name: string) => path.join(test.info().project.outputDir, `present-${name}.png`);

const position = (page: Page) => page.evaluate(() => window.__zablab!.position());

/** Rendered font size (px) of every element matching `sel`. */
async function fontSizes(page: Page, sel: string): Promise<number[]> {
  return page.evaluate(
    (s) => [...document.querySelectorAll(s)].map((el) => parseFloat(getComputedStyle(el).fontSize)),
    sel,
  );
}

/** Boxes of `sel` that are not wholly inside the viewport. */
async function outside(page: Page, sel: string): Promise<string[]> {
  return page.evaluate((s) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(s)) {
      const r = el.getBoundingClientRect();
      if (r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5)
        out.push(`${el.dataset.sid ?? el.dataset.testid ?? el.className}: ${JSON.stringify(r)}`);
    }
    return out;
  }, sel);
}

async function startAll(page: Page) {
  await idle(page);
  await page.locator('.stage-hint .btn').click();
  await idle(page);
}

test('lecture mode at 1920×1080: large type that grows with the screen, clicker, black screen, laser', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?lecture=1');
  await startAll(page);
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  await idle(page);
  const w720 = (await page.locator('.server-card').first().boundingBox())!.width;

  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.getByTestId('lecture')).toHaveAttribute('data-scale', '1.5');
  await expect
    .poll(async () => (await page.locator('.server-card').first().boundingBox())!.width)
    .toBeGreaterThan(w720 * 1.3);
  // card text, zxids, captions (rendered px, from getComputedStyle)
  const cardText = await fontSizes(
    page,
    '.server-card .row .k, .server-card .role-gloss, .server-card .row .v',
  );
  expect(cardText.length).toBeGreaterThan(10);
  expect(Math.min(...cardText)).toBeGreaterThanOrEqual(20);
  const zxids = await fontSizes(
    page,
    '.server-card .row[data-processed] .v, .server-card .row[title^="lastLoggedZxid"] .v, .server-card .hex',
  );
  expect(zxids.length).toBeGreaterThanOrEqual(5);
  expect(Math.min(...zxids)).toBeGreaterThanOrEqual(18);
  const captions = await fontSizes(page, '.caption');
  expect(captions.length).toBeGreaterThan(0);
  expect(Math.min(...captions)).toBeGreaterThanOrEqual(28);
  expect(await outside(page, '.server-card')).toEqual([]);
  await page.screenshot({ path: shot('lecture-1080-en') });

  // the laser pointer lights the card under the cursor
  const card = page.locator('.server-card[data-sid="2"]');
  const box = (await card.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(card).toHaveClass(/laser/);
  await expect(page.locator('.laser-dot')).toBeVisible();
  // its menu is as legible as the cards
  await card.click();
  await expect(page.locator('.stage .popover .menu-item').first()).toBeVisible();
  expect(Math.min(...(await fontSizes(page, '.stage .popover .menu-item')))).toBeGreaterThanOrEqual(20);
  await page.keyboard.press('Escape');
  await expect(page.locator('.stage .popover')).toHaveCount(0);

  // the clicker in every state: after a click on a button, and with a dialog open
  const step0 = (await position(page)).step;
  await page.getByTestId('lecture-panels').click();
  await page.keyboard.press('PageDown');
  await idle(page);
  expect((await position(page)).step).toBe(step0 + 1);
  await page.getByTestId('open-scenarios').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('PageUp');
  await idle(page);
  expect((await position(page)).step).toBe(step0);
  await page.keyboard.press('Escape');
  // b: black screen; b again: back
  await page.keyboard.press('b');
  await expect(page.getByTestId('black-screen')).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByTestId('black-screen')).toHaveCount(0);
  // a clicker's blank-screen button sends `.`: the same black screen; a page key brings the stage back
  const before = (await position(page)).step;
  await page.keyboard.press('.');
  await expect(page.getByTestId('black-screen')).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('black-screen')).toHaveCount(0);
  expect((await position(page)).step).toBe(before);

  // only the panels the lecturer chooses: none leaves the stage the whole width
  await page.getByTestId('lecture-panels').click();
  const checked = page.locator('.lecture-panels-menu input:checked');
  while ((await checked.count()) > 0) await checked.first().uncheck();
  await expect(page.locator('.app.lecture .side')).toHaveCount(0);
  const stageW = (await page.locator('.lecture-stage').boundingBox())!.width;
  expect(stageW).toBeGreaterThan(1900);

  // 4K: twice the 1080p sizes
  await page.setViewportSize({ width: 3840, height: 2160 });
  await expect(page.getByTestId('lecture')).toHaveAttribute('data-scale', '3');
  await expect.poll(async () => Math.min(...(await fontSizes(page, '.caption')))).toBeGreaterThanOrEqual(56);
});

for (const [w, h] of [
  [800, 450],
  [400, 300],
  [320, 240],
] as const) {
  test(`embed at ${w}×${h}: title, Play and every server inside the frame`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?embed=1');
    await expect(page.getByTestId('embed')).toBeVisible();
    await idle(page);
    await expect(page.locator('.embed-title')).toHaveText('Five servers, ready to boot');
    await expect(page.locator('.server-card')).toHaveCount(5);
    expect(await outside(page, '.server-card, [data-testid="play"]')).toEqual([]);
    // the controls are one row, and the page does not scroll
    const play = (await page.getByTestId('play').boundingBox())!;
    const scrub = (await page.locator('.embed-bar .scrub input').boundingBox())!;
    expect(Math.abs(play.y + play.height / 2 - (scrub.y + scrub.height / 2))).toBeLessThan(8);
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeLessThanOrEqual(h);
    if (w === 800) await page.screenshot({ path: shot('embed-800-en') });
  });
}

test('phone 390×844: Play and Next stay on screen after scrolling the console; nothing covers a server', async ({
  browser,
}) => {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  await ctx.addInitScript(() => localStorage.setItem('zablab.lang', 'en'));
  const page = await ctx.newPage();
  await page.goto('/');
  await idle(page);
  // the boot hint lies over no card
  const hint = (await page.locator('.stage-hint').boundingBox())!;
  for (const c of await page.locator('.server-card').all()) {
    const b = (await c.boundingBox())!;
    const apart =
      b.x >= hint.x + hint.width ||
      hint.x >= b.x + b.width ||
      b.y >= hint.y + hint.height ||
      hint.y >= b.y + b.height;
    expect(apart, `the hint covers server ${await c.getAttribute('data-sid')}`).toBe(true);
  }
  await page.locator('.stage-hint .btn').tap();
  await idle(page);
  await page.getByRole('tab', { name: 'zkCli console' }).tap();
  await page.getByTestId('console-input').fill('create /a hello');
  await page.getByTestId('console-input').press('Enter');
  await page.getByTestId('console-transcript').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight));
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(600);
  expect(await outside(page, '[data-testid="phone-play"], [data-testid="phone-next"]')).toEqual([]);
  const before = (await position(page)).step;
  await page.getByTestId('phone-next').tap();
  await idle(page);
  expect((await position(page)).step).toBe(before + 1);
  await page.screenshot({ path: shot('phone-en') });
  await ctx.close();
});

test('Space after clicking a button plays and pauses; Home and End go to the ends', async ({ page }) => {
  await page.goto('/');
  await startAll(page);
  const step = page.getByRole('button', { name: 'Next event', exact: true });
  await step.click();
  await step.click();
  await idle(page);
  const at = (await position(page)).step;
  expect(at).toBeGreaterThan(0);
  await page.keyboard.press(' ');
  await expect.poll(async () => (await position(page)).playing).toBe(true);
  await page.keyboard.press(' ');
  await expect.poll(async () => (await position(page)).playing).toBe(false);
  await idle(page);
  const end = (await position(page)).step;
  await page.keyboard.press('Home');
  await idle(page);
  expect((await position(page)).step).toBe(0);
  await page.keyboard.press('End');
  await idle(page);
  expect((await position(page)).step).toBe(end);
});

/** Plays at full speed until `done` holds, then pauses. */
async function playUntil(page: Page, done: () => Promise<boolean>) {
  await page.locator('.app-header .speed input[type="range"]').fill('1000');
  await page.getByTestId('play').click();
  await expect.poll(done, { timeout: 30_000 }).toBe(true);
  if ((await position(page)).playing) await page.getByTestId('play').click();
  await idle(page);
}

test('New ensemble: 7 voters + 2 observers with a chosen seed elect, and the link reproduces the run', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await idle(page);
  await page.getByTestId('open-new-ensemble').click();
  await page.getByTestId('ne-voters').fill('7');
  await page.getByTestId('ne-seed').fill('4242');
  // a value out of range is explained at its field, and nothing is created
  await page.getByTestId('ne-observers').fill('4');
  await page.getByTestId('ne-create').click();
  await expect(page.locator('.ne-field.invalid')).toHaveCount(1);
  await expect(page.locator('.ne-field.invalid .ne-error')).toHaveText('a whole number from 0 to 3');
  await page.getByTestId('ne-observers').fill('2');
  await page.getByTestId('ne-version-3.9.1').check();
  await page.getByTestId('ne-create').click();
  const link = await page.getByTestId('ne-link').inputValue();
  expect(link).toContain('#');
  await page.getByTestId('ne-done').click();
  await expect(page.locator('.server-card')).toHaveCount(9);
  const scenario = JSON.parse((await page.evaluate(() => window.__zablab!.history())).scenario) as {
    seed: number;
    ensemble: { voters: number; observers: number };
    config: { zkVersion: string };
  };
  expect(scenario).toMatchObject({
    seed: 4242,
    ensemble: { voters: 7, observers: 2 },
    config: { zkVersion: '3.9.1' },
  });

  await playUntil(page, async () => (await page.evaluate(() => window.__zablab!.summary())).leader !== null);
  const at = (await position(page)).step;
  const mine = await page.evaluate(() => window.__zablab!.summary());
  expect(mine.leader).toBeGreaterThanOrEqual(1);
  expect(mine.leader).toBeLessThanOrEqual(7);

  // the link, in another tab: the same ensemble, the same run, step by step
  const other = await context.newPage();
  await other.goto(link);
  await idle(other);
  await expect(other.locator('.server-card')).toHaveCount(9);
  await playUntil(other, async () => (await position(other)).step >= at);
  await other.locator('.app-header .scrub input[type="range"]').fill(String(at));
  await idle(other);
  expect((await position(other)).step).toBe(at);
  expect(await other.evaluate(() => window.__zablab!.summary())).toEqual(mine);
  await other.close();
});

test('console while paused: says the request waits for the simulation, runs until answered; the badge explains CONNECTING', async ({
  page,
}) => {
  await page.goto('/');
  await startAll(page);
  await playUntil(page, async () => (await page.evaluate(() => window.__zablab!.summary())).leader !== null);
  await page.getByRole('tab', { name: 'zkCli console' }).click();
  await page.getByTestId('console-input').fill('create /a hello');
  await page.getByTestId('console-input').press('Enter');
  await idle(page);
  await expect(page.getByTestId('console-waiting')).toContainText('The simulation is paused');
  await expect(page.getByTestId('console-state')).toHaveText('CONNECTING');
  await expect(page.getByTestId('console-state-note')).toContainText('createSession');
  await page.getByTestId('console-run-until').click();
  await expect(page.getByTestId('console-transcript')).toContainText('Created /a', { timeout: 20_000 });
  await expect(page.getByTestId('console-waiting')).toHaveCount(0);
  await expect.poll(async () => (await position(page)).playing).toBe(false);
  await expect(page.getByTestId('console-state')).toHaveText('CONNECTED');

  // the request pipeline: the logging processors are a branch of their own, not a step before Commit
  await page.getByRole('tab', { name: 'Request pipeline' }).click();
  await expect(page.getByTestId('pipe-branch').getByTestId('stage-SyncRequestProcessor')).toHaveCount(1);
  await expect(
    page.locator('.zp-pipeline > .zp-pipe [data-testid="stage-SyncRequestProcessor"]'),
  ).toHaveCount(0);
  await expect(page.locator('.zp-pipeline > .zp-pipe [data-testid="stage-CommitProcessor"]')).toHaveCount(1);
});

test('a lesson opens with the Event log unfiltered and Start all off; its watch stop shows the console', async ({
  page,
}) => {
  await page.goto('/');
  await idle(page);
  await page.getByRole('tab', { name: 'Event log' }).click();
  await page.getByTestId('log-kind').selectOption('cat:client');
  await page.getByTestId('open-lessons').click();
  await page.locator('[data-lesson="sessions"]').click();
  await expect(page.getByTestId('lesson')).toBeVisible();
  await expect(page.getByTestId('log-kind')).toHaveValue('all');
  await expect(page.getByRole('button', { name: /Start all/ }).first()).toBeDisabled();
  await evenPace(page);
  await page.locator('.app-header .speed input[type="range"]').fill('1000');
  await page.getByRole('tab', { name: 'ZAB' }).click();
  const { lessonSteps } = await page.evaluate(() => window.__zablab!.stops());
  const watches = lessonSteps.findIndex((s) => s.id === 'watches');
  for (let i = 1; i <= watches; i++) {
    const q = page.getByTestId('lesson').locator('.lesson-question [data-choice]');
    if ((await q.count()) > 0) await q.first().click();
    else await page.getByTestId('lesson-next').click();
    await expect.poll(async () => (await position(page)).step, { timeout: 20_000 }).toBe(lessonSteps[i].step);
  }
  await expect(page.getByRole('tab', { name: 'zkCli console' })).toHaveAttribute('aria-selected', 'true');
});

test('a server menu closes after an action, also one taken with a key', async ({ page }) => {
  await page.goto('/');
  await startAll(page);
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await idle(page);
  await page.locator('.server-card[data-sid="2"]').click();
  await expect(page.locator('.stage .popover[role="menu"]')).toBeVisible();
  await page.keyboard.press('c');
  await expect(page.locator('.server-card[data-sid="2"]')).toHaveAttribute('data-role', 'DOWN');
  await expect(page.locator('.stage .popover[role="menu"]')).toHaveCount(0);
});
