/**
 * The visualizer, end to end: the default ensemble, an election, a leader crash and re-election,
 * exact step-back, the Chinese UI, the narrow layout, and the frame rate with many messages.
 * Screenshots go to test-results/ui-*.png.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors } from './guards';
import { evenPace, pause } from './pace';

const cards = (page: Page) => page.locator('.server-card');
const leaderCard = (page: Page) => page.locator('.server-card[data-role="LEADING"][data-phase="BROADCAST"]');

failOnConsoleErrors();

/** Playback speed through the slider (0…1000, log scale to 1…2000 events/s). */
async function setSpeedSlider(page: Page, position: number) {
  await page.locator('.speed input[type="range"]').fill(String(position));
}

async function startAndElect(page: Page) {
  await page.goto('/');
  await expect(cards(page)).toHaveCount(5);
  await page
    .locator('.stage-toolbar')
    .getByRole('button', { name: /Start all/ })
    .click();
  await evenPace(page);
  await setSpeedSlider(page, 1000);
  await page.getByTestId('play').click();
  await expect(leaderCard(page)).toHaveCount(1, { timeout: 20_000 });
  // let the followers finish syncing too
  await expect(page.locator('.server-card[data-phase="BROADCAST"]')).toHaveCount(5, { timeout: 20_000 });
  await pause(page);
}

/** Everything the stage shows, as text: cards, links, messages (with their exact positions), status. */
async function stageSnapshot(page: Page): Promise<string> {
  return page.evaluate(() => {
    const stage = document.querySelector('[data-testid="stage"]')!;
    const out: string[] = [];
    for (const c of stage.querySelectorAll<HTMLElement>('.server-card'))
      out.push(
        `card ${c.dataset.sid} ${c.dataset.role} ${c.dataset.phase} ${c.dataset.epoch} ${c.className}: ${c.textContent}`,
      );
    for (const l of stage.querySelectorAll('g.link')) out.push(`link ${l.getAttribute('class')}`);
    for (const m of stage.querySelectorAll<SVGGElement>('g.msg'))
      out.push(`msg ${m.getAttribute('class')} ${m.dataset.type} ${m.dataset.at} ${m.textContent}`);
    out.push(`status ${stage.querySelector('.stage-status')?.textContent}`);
    out.push(`step ${document.querySelector<HTMLInputElement>('.scrub input')?.value}`);
    return out.join('\n');
  });
}

test('the default page shows five servers ready to boot', async ({ page }) => {
  await page.goto('/');
  await expect(cards(page)).toHaveCount(5);
  for (const sid of [1, 2, 3, 4, 5])
    await expect(page.locator(`.server-card[data-sid="${sid}"]`)).toBeVisible();
  await expect(page.locator('.server-card[data-role="DOWN"]')).toHaveCount(5);
  await expect(page.locator('.stage-hint')).toContainText('Start all');
  await page.screenshot({ path: 'test-results/ui-default.png' });
});

test('start all → a leader in epoch 1; crash it → a new election and epoch 2', async ({ page }) => {
  // up to 300 single steps, each read back from the page: slow when the machine is busy
  test.setTimeout(150_000);
  await startAndElect(page);
  const leader = leaderCard(page);
  await expect(leader).toHaveAttribute('data-epoch', '1');
  const sid = await leader.getAttribute('data-sid');
  await expect(page.locator('.stage-status')).toContainText(`leader: server ${sid}`);
  await page.screenshot({ path: 'test-results/ui-leader.png' });

  // crash the leader from its menu
  await leader.click();
  await page.getByRole('menuitem', { name: /Crash/ }).click();
  await expect(page.locator(`.server-card[data-sid="${sid}"]`)).toHaveAttribute('data-role', 'DOWN');

  // step until the survivors are electing
  const looking = page.locator('.server-card[data-role="LOOKING"]');
  for (let i = 0; i < 300 && (await looking.count()) === 0; i++) await page.keyboard.press('ArrowRight');
  await expect(looking.first()).toBeVisible();
  await page.screenshot({ path: 'test-results/ui-election.png' });

  await page.getByTestId('play').click();
  await expect(leaderCard(page)).toHaveCount(1, { timeout: 20_000 });
  await expect(leaderCard(page)).toHaveAttribute('data-epoch', '2');
  await pause(page);
  expect(await leaderCard(page).getAttribute('data-sid')).not.toBe(sid);
  await page.screenshot({ path: 'test-results/ui-reelected.png' });
});

const scrub = (page: Page) => page.locator('.scrub input');

/** Presses a key n times and waits until the history shows `step` (going back is done per frame). */
async function press(page: Page, key: string, n: number, step: number) {
  for (let i = 0; i < n; i++) await page.keyboard.press(key);
  await expect(scrub(page)).toHaveValue(String(step));
}

test('stepping back restores exactly the earlier screen', async ({ page }) => {
  await page.goto('/');
  await page
    .locator('.stage-toolbar')
    .getByRole('button', { name: /Start all/ })
    .click();
  // into the middle of the election: many messages in flight
  await press(page, 'ArrowRight', 25, 25);
  // the messages' layer is a chunk of its own, loaded after the first paint: wait until it draws
  await expect(page.locator('[data-testid="stage"] g.msg').first()).toBeAttached();
  const a = await stageSnapshot(page);
  await press(page, 'ArrowRight', 4, 29);
  const b = await stageSnapshot(page);
  expect(b).not.toBe(a);
  await press(page, 'ArrowLeft', 4, 25);
  expect(await stageSnapshot(page)).toBe(a);

  // an action is part of the history: back past it and forward again replays it
  await page.locator('.server-card[data-sid="2"]').click();
  await page.getByRole('menuitem', { name: /Crash/ }).click();
  // the crash reaches the server's worker asynchronously
  await expect(page.locator('.server-card[data-sid="2"]')).toHaveAttribute('data-role', 'DOWN');
  const crashed = await stageSnapshot(page);
  await press(page, 'ArrowRight', 3, 28);
  await press(page, 'ArrowLeft', 3, 25);
  expect(await stageSnapshot(page)).toBe(crashed);
  await press(page, 'ArrowLeft', 1, 24);
  await press(page, 'ArrowRight', 1, 25);
  expect(await stageSnapshot(page)).toBe(crashed);
});

test('a dialog keeps the keyboard focus inside until it closes', async ({ page }) => {
  await page.goto('/');
  const opener = page.getByTestId('open-scenarios');
  await opener.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const inside = () => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));
  // past the last control and back past the first
  const n =
    (await dialog.locator('button:visible, a[href]:visible, input:visible, select:visible').count()) + 3;
  const seen = new Set<string>();
  for (let i = 0; i < 2 * n; i++) {
    await page.keyboard.press(i < n ? 'Tab' : 'Shift+Tab');
    expect(await inside()).toBe(true);
    seen.add(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? ''));
  }
  // it cycles through the dialog's controls, not one stuck element
  expect(seen.size).toBeGreaterThan(3);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});

/** The English UI texts, as patterns ({param} matches anything), minus those the same in Chinese. */
async function englishPatterns(): Promise<{ key: string; text: string; re: RegExp }[]> {
  const dir = fileURLToPath(new URL('../src/ui/locales', import.meta.url));
  const load = async (lang: string) => {
    const dict: Record<string, string> = {};
    for (const f of readdirSync(join(dir, lang)).filter((x) => x.endsWith('.ts'))) {
      const mod = (await import(join(dir, lang, f))) as { default: Record<string, string> };
      Object.assign(dict, mod.default);
    }
    return dict;
  };
  const en = await load('en');
  const zh = await load('zh-CN');
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return Object.entries(en)
    .filter(([k, v]) => zh[k] !== v && /[A-Za-z]{3,}/.test(v.replace(/\{\w+\}/g, '')))
    .map(([key, text]) => ({
      key,
      text,
      re: new RegExp(
        '^' +
          text
            .split(/\{\w+\}/)
            .map(escape)
            .join('.*?') +
          '$',
        's',
      ),
    }));
}

/**
 * What the user can read under the app: each element's whole text (so that an identifier shown
 * next to its translation, "state — 角色变化", is one text), each text node, aria-labels and tooltips.
 */
async function uiTexts(page: Page): Promise<{ whole: string[]; parts: string[] }> {
  return page.evaluate(() => {
    const whole = new Set<string>();
    const parts = new Set<string>();
    const root = document.getElementById('root')!;
    // the language switch names English in English
    const skip = (el: Element) => !!el.closest('[lang="en"]');
    for (const el of root.querySelectorAll('*')) {
      if (skip(el)) continue;
      const s = el.textContent?.trim();
      if (s && s.length <= 300) whole.add(s);
      for (const a of ['aria-label', 'title']) {
        const v = el.getAttribute(a)?.trim();
        if (v) whole.add(v);
      }
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const s = n.textContent?.trim();
      if (s && n.parentElement && !skip(n.parentElement)) parts.add(s);
    }
    return { whole: [...whole], parts: [...parts] };
  });
}

test('the Chinese UI shows no English UI text', async ({ page }) => {
  const patterns = await englishPatterns();
  await startAndElect(page);
  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  const whole = new Set<string>();
  const parts = new Set<string>();
  const collect = async () => {
    const r = await uiTexts(page);
    r.whole.forEach((s) => whole.add(s));
    r.parts.forEach((s) => parts.add(s));
  };
  await collect();
  // a server menu, a link menu, the help overlay, every panel
  await page.locator('.server-card[data-sid="1"]').click();
  await collect();
  await page.keyboard.press('Escape');
  await page.locator('g.link[data-link="1-2"] line.hit').click({ force: true });
  await collect();
  await page.keyboard.press('Escape');
  for (const tab of await page.getByRole('tab').all()) {
    await tab.click();
    await collect();
  }
  await page.getByRole('tab').first().click();
  await page.screenshot({ path: 'test-results/ui-zh.png' });
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toBeVisible();
  await collect();
  await page.screenshot({ path: 'test-results/ui-zh-help.png' });

  const english: string[] = [];
  // a whole element text that is an English UI text
  for (const s of whole) {
    const hit = patterns.find((p) => p.re.test(s));
    if (hit) english.push(`${JSON.stringify(s)} ← ${hit.key}`);
  }
  // an English phrase (several words) anywhere in a text
  for (const s of parts) {
    const hit = patterns.find((p) => p.text.includes(' ') && !p.text.includes('{') && s.includes(p.text));
    if (hit) english.push(`${JSON.stringify(s)} ⊃ ${hit.key}`);
  }
  expect(english).toEqual([]);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the stage comes first, the panels below, controls are big enough to touch', async ({ page }) => {
    await page.goto('/');
    await page
      .locator('.stage-toolbar')
      .getByRole('button', { name: /Start all/ })
      .tap();
    for (let i = 0; i < 20; i++) await page.getByRole('button', { name: 'Next event' }).tap();
    const boxes = await cards(page).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
    expect(boxes).toHaveLength(5);
    for (const b of boxes) {
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.right).toBeLessThanOrEqual(390);
    }
    // no two cards overlap
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [p, q] = [boxes[i], boxes[j]];
        const overlap = p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
        expect(overlap, `cards ${i + 1} and ${j + 1} overlap`).toBe(false);
      }
    const stage = await page.locator('.stage').boundingBox();
    const panels = await page.locator('.panels').boundingBox();
    expect(panels!.y).toBeGreaterThanOrEqual(stage!.y + stage!.height - 1);
    for (const name of ['Previous event', 'Play', 'Next event']) {
      const b = await page.getByRole('button', { name, exact: true }).boundingBox();
      expect(b!.height).toBeGreaterThanOrEqual(40);
      expect(b!.width).toBeGreaterThanOrEqual(40);
    }
    await page.screenshot({ path: 'test-results/ui-phone.png', fullPage: true });
  });
});

// The frame-time target (p95 ≤ 17.5 ms) is measured by `npm run bench` (bench/ui-bench.ts) on a quiet
// machine; a wall-clock threshold here would make the suite flaky on a shared 2-core machine. This
// test checks that the stage keeps drawing frames with 50 or more messages in flight.
test('keeps drawing frames with 50 or more messages in flight', async ({ page }) => {
  await page.goto('/');
  // slow links keep the election's notifications in the air
  await page.locator('.latency select').selectOption('500-2000');
  await page
    .locator('.stage-toolbar')
    .getByRole('button', { name: /Start all/ })
    .click();
  await page.getByTestId('play').click();
  const r = await page.evaluate(
    () =>
      new Promise<{ busy: number[]; maxInFlight: number }>((resolve) => {
        const busy: number[] = [];
        let last = 0;
        let maxInFlight = 0;
        let frames = 0;
        const frame = (t: number) => {
          const n = document.querySelectorAll('g.msg.flying').length;
          maxInFlight = Math.max(maxInFlight, n);
          if (last && n >= 50) busy.push(t - last);
          last = t;
          if (++frames < 600 && busy.length < 180) requestAnimationFrame(frame);
          else resolve({ busy, maxInFlight });
        };
        requestAnimationFrame(frame);
      }),
  );
  await page.screenshot({ path: 'test-results/ui-busy.png' });
  expect(r.maxInFlight).toBeGreaterThanOrEqual(50);
  expect(r.busy.length).toBeGreaterThanOrEqual(30);
  const sorted = [...r.busy].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1];
  const p90 = sorted[Math.floor(sorted.length * 0.9)];
  console.log(`frames with ≥ 50 messages in flight: ${sorted.length}, median ${median} ms, p90 ${p90} ms`);
  // no frame stalls for long (a stuck render loop would show here), however busy the machine is
  expect(sorted[sorted.length - 1]).toBeLessThan(1000);
});
