/**
 * The stage first, every card line whole (issue 9's "readable at a glance" on a phone, at 1280×720
 * and on a 1080p projector). A preset link opened on a 390×844 phone shows the stage and the
 * violation banner without scrolling, with every header control still reachable (rows that scroll
 * sideways); no line of a server card is cut by the card's edge, and none lies on another line or on
 * the card's timer (the readonly-partition preset, where the partition line used to run under it;
 * client-failover's five and nine servers' compact cards on a phone, whose last line was cut).
 * Screenshots go to /tmp/shots/layout/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { firstViolation, presetScenario, sevenAndTwo } from './ensembles';
import { failOnConsoleErrors, idle } from './guards';
import { encodeLink } from '../src/share/link';

const SHOTS = '/tmp/shots/layout';
mkdirSync(SHOTS, { recursive: true });

failOnConsoleErrors();

/** A share link that opens a preset at a step, in a language. */
function presetLink(id: string, step: number, lang: 'en' | 'zh-CN'): string {
  return `/#${encodeLink({ scenario: presetScenario(id), recorded: [], step, view: { preset: id, lang } })}`;
}

/**
 * What is wrong with the server cards on screen: a line (a child of the card) cut by the card's
 * inner edge, two lines — or a line and the card's timer — on each other, two things in the card's
 * head (number, role badge, read-only chip, violation chip) on each other. A line wholly outside the
 * card is one the card gave way (not cut): only a line the edge runs through counts.
 */
function cardProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const hit = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const shown = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    };
    const name = (e: Element) => (e.getAttribute('class') ?? e.tagName).split(' ')[0];
    for (const card of document.querySelectorAll<HTMLElement>('.server-card')) {
      const sid = `S${card.dataset.sid}`;
      const c = card.getBoundingClientRect();
      const cs = getComputedStyle(card);
      const inner = {
        top: c.top + parseFloat(cs.borderTopWidth),
        bottom: c.bottom - parseFloat(cs.borderBottomWidth),
        left: c.left + parseFloat(cs.borderLeftWidth),
        right: c.right - parseFloat(cs.borderRightWidth),
      };
      const lines = [...card.children].filter(shown);
      for (const line of lines) {
        const r = line.getBoundingClientRect();
        const outside =
          r.bottom <= inner.top || r.top >= inner.bottom || r.right <= inner.left || r.left >= inner.right;
        const inside =
          r.top >= inner.top - 0.5 &&
          r.bottom <= inner.bottom + 0.5 &&
          r.left >= inner.left - 0.5 &&
          r.right <= inner.right + 0.5;
        if (!outside && !inside)
          out.push(
            `${sid}: "${line.textContent}" cut (${r.top.toFixed(1)}–${r.bottom.toFixed(1)} in ${inner.top.toFixed(1)}–${inner.bottom.toFixed(1)})`,
          );
      }
      // a value or the role badge running past the card's side (a line too narrow for it)
      for (const e of card.querySelectorAll('.row > .v, .role-badge')) {
        const r = e.getBoundingClientRect();
        const dropped = r.left >= inner.right || r.top >= inner.bottom;
        if (shown(e) && !dropped && (r.right > inner.right + 0.5 || r.left < inner.left - 0.5))
          out.push(`${sid}: "${e.textContent}" cut at the card's side`);
      }
      const timers = [
        ...document.querySelectorAll(`.card-timers[data-sid="${card.dataset.sid}"] .card-timer`),
      ];
      const all = [...lines, ...timers.filter(shown)];
      for (let i = 0; i < all.length; i++)
        for (let j = i + 1; j < all.length; j++)
          if (hit(all[i].getBoundingClientRect(), all[j].getBoundingClientRect()))
            out.push(
              `${sid}: ${name(all[i])} "${all[i].textContent}" on ${name(all[j])} "${all[j].textContent}"`,
            );
      const head = [...card.querySelectorAll('.card-head > *')].filter(shown);
      for (let i = 0; i < head.length; i++)
        for (let j = i + 1; j < head.length; j++)
          if (hit(head[i].getBoundingClientRect(), head[j].getBoundingClientRect()))
            out.push(
              `${sid}: ${name(head[i])} "${head[i].textContent}" on ${name(head[j])} "${head[j].textContent}"`,
            );
    }
    return out;
  });
}

/**
 * A preset at each of its cue points: its cards' problems, by cue (a screenshot at `shotCue`).
 * readonly-partition: the partition lines and the timers of its three cards; client-failover: five
 * compact cards on a phone, partitioned.
 */
async function presetProblems(
  page: Page,
  id: 'readonly-partition' | 'client-failover',
  lang: 'en' | 'zh-CN',
  shot: string,
): Promise<string[]> {
  const shotCue = id === 'readonly-partition' ? 'looking' : 'cut';
  await page.goto(presetLink(id, 0, lang));
  await idle(page);
  const { cues } = await page.evaluate(() => window.__zablab!.stops());
  expect(cues.map((c) => c.id)).toContain(shotCue);
  const out: string[] = [];
  for (const cue of cues) {
    await page.evaluate((n) => window.__zablab!.seek(n), cue.step);
    await idle(page);
    // (a new role pops in, a value flashes: the boxes are read once they rest)
    await page.waitForTimeout(450);
    for (const p of await cardProblems(page)) out.push(`${cue.id} (${lang}): ${p}`);
    if (cue.id === shotCue)
      await page.screenshot({ path: `${SHOTS}/e2e-${id}-${shotCue}-${shot}-${lang}.png` });
  }
  return out;
}

test.describe('a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  for (const lang of ['en', 'zh-CN'] as const)
    test(`a preset link at its violation shows the stage and the banner without scrolling (${lang})`, async ({
      page,
    }) => {
      const { step } = firstViolation('zk-4643-391');
      await page.goto(presetLink('zk-4643-391', step, lang));
      await idle(page);
      await expect.poll(() => page.evaluate(() => window.__zablab!.position().step)).toBe(step);
      const banner = page.getByTestId('violation-banner');
      await expect(banner).toHaveAttribute('data-invariant', 'Durability');
      // the first screen: above the transport fixed at the bottom edge
      const fold = await page.evaluate(
        () => document.querySelector('.phone-transport')!.getBoundingClientRect().top,
      );
      expect(fold).toBeGreaterThan(700);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      const b = (await banner.boundingBox())!;
      expect(b.y + b.height, 'the banner ends above the fold').toBeLessThanOrEqual(fold);
      // every server card of the ring (the servers the banner names are outlined on them) too
      const cards = await page.evaluate(() =>
        [...document.querySelectorAll('.server-card')].map((c) => c.getBoundingClientRect().bottom),
      );
      expect(cards.length).toBeGreaterThanOrEqual(3);
      for (const bottom of cards) expect(bottom, 'a card above the fold').toBeLessThanOrEqual(fold);
      // the new leader's session tracker is not running before it is established: said, not blank
      await expect(page.getByTestId('session-tracker')).toContainText(
        lang === 'en' ? 'not counting yet' : '尚未开始计时',
      );
      await page.screenshot({ path: `${SHOTS}/e2e-4643-phone390-${lang}.png` });

      // every control of the header rows and the stage's toolbar (rows that scroll sideways) is
      // reached by Tab, comes whole into view (not under the transport) and is what a tap at its
      // middle reaches
      const rows = '.app-header, .app-bar, .stage-toolbar';
      const expected = await page.evaluate((sel) => {
        const all = [...document.querySelectorAll<HTMLElement>(`:is(${sel}) :is(button, select, input)`)];
        return all
          .filter(
            (e) => e.getClientRects().length > 0 && e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled,
          )
          .map((e) => e.getAttribute('aria-label') ?? e.textContent ?? '');
      }, rows);
      expect(expected.length).toBeGreaterThan(12);
      await page.locator('.app-header .brand').click();
      const reached: string[] = [];
      const problems: string[] = [];
      // where Tab goes, in order: the banner comes before the stage's toolbar under the ring
      const visited: string[] = [];
      for (let i = 0; i < expected.length + 120 && reached.length < expected.length; i++) {
        await page.keyboard.press('Tab');
        const r = await page.evaluate((sel) => {
          const el = document.activeElement as HTMLElement | null;
          const part = el?.closest('.violation-banner')
            ? 'banner'
            : el?.closest('.stage-toolbar')
              ? 'toolbar'
              : el?.closest('.stage-canvas')
                ? 'ring'
                : 'other';
          document.body.dataset.tabPart = part;
          if (!el || !el.closest(sel)) return null;
          const b = el.getBoundingClientRect();
          const row = el.closest(sel)!.getBoundingClientRect();
          const fold = document.querySelector('.phone-transport')!.getBoundingClientRect().top;
          const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
          return {
            name: el.getAttribute('aria-label') ?? el.textContent ?? '',
            whole: b.left >= row.left - 0.5 && b.right <= row.right + 0.5 && b.top >= 0 && b.bottom <= fold,
            hit: !!top && el.contains(top),
          };
        }, rows);
        const part = await page.evaluate(() => document.body.dataset.tabPart ?? 'other');
        if (visited.at(-1) !== part) visited.push(part);
        if (!r) continue;
        reached.push(r.name);
        if (!r.whole || !r.hit)
          problems.push(`${r.name}: ${r.whole ? '' : 'not whole in view'} ${r.hit ? '' : 'covered'}`);
      }
      expect(reached.sort()).toEqual([...expected].sort());
      expect(problems).toEqual([]);
      // the order a person sees: the banner, the ring, then the toolbar under it
      const seen = visited.filter((p) => p !== 'other');
      expect(seen.indexOf('banner')).toBeGreaterThanOrEqual(0);
      expect(seen.indexOf('banner'), seen.join(' → ')).toBeLessThan(seen.indexOf('toolbar'));
      expect(seen.indexOf('ring'), seen.join(' → ')).toBeLessThan(seen.indexOf('toolbar'));
      // a menu opened from a row that scrolls is not cut off by it
      await page.getByRole('button', { name: /Share & files|分享与文件/ }).click();
      const items = page.locator('.share-menu .menu-item');
      await expect(items).not.toHaveCount(0);
      const cut = await items.evaluateAll((els) =>
        els
          .filter((e) => {
            const b = e.getBoundingClientRect();
            const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
            return !(top && e.contains(top));
          })
          .map((e) => e.textContent),
      );
      expect(cut).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/e2e-share-menu-phone390-${lang}.png` });
    });

  test('nine servers: every line of the smallest cards whole, values never cut at the side', async ({
    page,
  }) => {
    for (const lang of ['en', 'zh-CN'] as const) {
      await page.goto(sevenAndTwo(lang));
      await idle(page);
      await page.evaluate(() => window.__zablab!.seek(1_000_000));
      await idle(page);
      await expect(page.locator('.server-card.compact')).toHaveCount(9);
      await page.waitForTimeout(450);
      expect(await cardProblems(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/e2e-nine-phone390-${lang}.png` });
    }
  });

  for (const id of ['readonly-partition', 'client-failover'] as const)
    test(`no line of a compact card is cut, lies on another or on its timer (${id})`, async ({ page }) => {
      const problems = [
        ...(await presetProblems(page, id, 'en', 'phone390')),
        ...(await presetProblems(page, id, 'zh-CN', 'phone390')),
      ];
      expect(problems).toEqual([]);
    });
});

for (const [w, h] of [
  [1280, 720],
  [1920, 1080],
] as const)
  test(`at ${w}×${h} no line of a card is cut, lies on another or on its timer (readonly-partition)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: w, height: h });
    const problems = [
      ...(await presetProblems(page, 'readonly-partition', 'en', `${w}x${h}`)),
      ...(await presetProblems(page, 'readonly-partition', 'zh-CN', `${w}x${h}`)),
    ];
    expect(problems).toEqual([]);
  });
