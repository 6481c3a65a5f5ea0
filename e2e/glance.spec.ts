/**
 * What a first-time user sees on the stage (at 1280×720 and on a 390 px phone), asserted from the
 * DOM's boxes and texts: role badges whole on compact cards, clients and the session tracker off
 * the server cards, a refused client beside the server that refused it, and playback, the banner
 * and the checker agreeing on the step of the ZOOKEEPER-4643 violation.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, idle } from './guards';
import { playToViolation } from './pace';
import { firstViolation, sevenAndTwo } from './ensembles';

const SHOTS = '/tmp/shots/glance';
mkdirSync(SHOTS, { recursive: true });

failOnConsoleErrors();

const position = (page: Page) => page.evaluate(() => window.__zablab!.position());

async function openPreset(page: Page, id: string): Promise<void> {
  await page.goto('/');
  await idle(page);
  await page.getByTestId('open-scenarios').click();
  await page.locator(`[data-preset="${id}"]`).click();
  await page.getByTestId('open-preset').click();
  await idle(page);
}

/** Client pills and the session tracker that lie on a server card (by their boxes on screen). */
function onCards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cards = [...document.querySelectorAll<HTMLElement>('.server-card')].map((c) => ({
      sid: c.dataset.sid,
      r: c.getBoundingClientRect(),
    }));
    const out: string[] = [];
    for (const e of document.querySelectorAll<HTMLElement>('.client-pill, .session-tracker')) {
      const b = e.getBoundingClientRect();
      for (const c of cards)
        if (b.left < c.r.right && c.r.left < b.right && b.top < c.r.bottom && c.r.top < b.bottom)
          out.push(`${e.dataset.client ?? 'tracker'} on S${c.sid}`);
    }
    return out;
  });
}

test('7 voters + 2 observers at 1280×720: every compact card shows its whole role badge', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(sevenAndTwo());
  await idle(page);
  await page.evaluate(() => window.__zablab!.seek(3000));
  const cards = page.locator('.server-card');
  await expect(cards).toHaveCount(9);
  await expect(page.locator('.server-card.compact')).toHaveCount(9);
  await expect(page.locator('.server-card[data-role="LEADING"]')).toHaveCount(1);
  await expect(page.locator('.server-card[data-role="OBSERVING"]')).toHaveCount(2);
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.server-card')].map((card) => {
      const badge = card.querySelector<HTMLElement>('.role-badge')!;
      const c = card.getBoundingClientRect();
      const b = badge.getBoundingClientRect();
      const border = parseFloat(getComputedStyle(card).borderRightWidth);
      return {
        sid: card.dataset.sid,
        text: badge.textContent,
        inside: b.left >= c.left && b.right <= c.right - border + 0.5,
        whole: badge.scrollWidth <= badge.clientWidth + 0.5,
        font: parseFloat(getComputedStyle(badge).fontSize),
      };
    }),
  );
  for (const b of boxes) {
    expect(b.text, `S${b.sid}`).toMatch(/(LEADING|FOLLOWING|OBSERVING)$/);
    expect(b.inside, `S${b.sid}'s badge inside its card`).toBe(true);
    expect(b.whole, `S${b.sid}'s badge text not cut`).toBe(true);
    expect(b.font).toBeGreaterThanOrEqual(8);
  }
  await page.screenshot({ path: `${SHOTS}/e2e-seven-two-1280x720.png` });
});

test('on a 390 px phone, client pills and the session tracker keep off the server cards', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(sevenAndTwo());
  await idle(page);
  await page.evaluate(() => window.__zablab!.seek(3000));
  await expect(page.locator('.client-pill')).toHaveCount(2);
  await expect(page.getByTestId('session-tracker')).toBeVisible();
  // (pills glide to their place: the poll waits for where they rest)
  await expect.poll(() => onCards(page)).toEqual([]);
  // five voters: the failover story's client and tracker
  await openPreset(page, 'client-failover');
  await page.evaluate(() => window.__zablab!.seek(254));
  await expect(page.locator('.client-pill[data-client="c1"]')).toHaveAttribute('data-state', 'CONNECTED');
  await expect(page.getByTestId('session-tracker')).toBeVisible();
  await expect.poll(() => onCards(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/e2e-failover-phone390.png` });
});

test('a client refused for having seen a newer zxid stands beside the server that refused it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openPreset(page, 'client-failover');
  const refused = (await page.evaluate(() => window.__zablab!.stops())).cues.find((c) => c.id === 'refused')!;
  // the step after S1's refusal: c1 tries its next server (S3), still marked refused by S1
  await page.evaluate((n) => window.__zablab!.seek(n), refused.step + 1);
  const pill = page.locator('.client-pill[data-client="c1"]');
  await expect(pill.locator('.client-refused')).toHaveAttribute('data-refused-by', '1');
  await expect(pill).toHaveAttribute('data-server', '3');
  const nearest = async () =>
    page.evaluate(() => {
      const p = document
        .querySelector<HTMLElement>('.client-pill[data-client="c1"]')!
        .getBoundingClientRect();
      const mid = { x: p.left + p.width / 2, y: p.top + p.height / 2 };
      let best = { sid: '', d: Infinity };
      for (const c of document.querySelectorAll<HTMLElement>('.server-card')) {
        const r = c.getBoundingClientRect();
        const d = Math.hypot(r.left + r.width / 2 - mid.x, r.top + r.height / 2 - mid.y);
        if (d < best.d) best = { sid: c.dataset.sid!, d };
      }
      return best.sid;
    });
  await expect.poll(nearest).toBe('1');
  // connected again (to S3): it moves there
  await page.evaluate((n) => window.__zablab!.seek(n), 254);
  await expect(pill).toHaveAttribute('data-state', 'CONNECTED');
  await expect.poll(nearest).toBe('3');
});

test('ZOOKEEPER-4643 on 3.9.1: playback and the banner stop at the step the checker reported', async ({
  page,
}) => {
  // the step that wrote the first violation line, as StepRecords says on the same core in Node
  const { step: reported, t: at, played } = firstViolation('zk-4643-391');
  expect(reported).toBe(played);

  await page.setViewportSize({ width: 1280, height: 720 });
  await openPreset(page, 'zk-4643-391');
  const banner = await playToViolation(page);
  expect((await position(page)).step).toBe(reported);
  await expect(banner.locator('.vb-when')).toHaveText(`at this step (${reported}), ${at} ms`);
  await expect(banner).toHaveAttribute('data-invariant', 'Durability');
  // from the run's end, the banner's own way back lands on the same step
  await page.evaluate(() => window.__zablab!.seek(1_000_000));
  await expect.poll(async () => (await position(page)).step).toBeGreaterThan(reported);
  await banner.getByRole('button', { name: 'previous violation' }).click();
  await banner.getByRole('button', { name: /Go to its step|Go to step/ }).click();
  await expect.poll(async () => (await position(page)).step).toBe(reported);
  await expect(banner.locator('.vb-when')).toHaveText(`at this step (${reported}), ${at} ms`);
});

test('on a 1080p projector the cards read from the back: large cards, and the TRUNC a learner receives in large type', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openPreset(page, 'old-leader-trunc');
  const cue = (await page.evaluate(() => window.__zablab!.stops())).cues.find((c) => c.id === 'trunc')!;
  await page.evaluate((n) => window.__zablab!.seek(n), cue.step);
  const flag = page.getByTestId('card-sync-3');
  await expect(flag).toContainText('TRUNC');
  const px = (sel: string) =>
    page
      .locator(sel)
      .first()
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  // outside lecture mode the stage is large enough for the large cards
  await expect(page.locator('.stage.large')).toHaveCount(1);
  expect(await px('.server-card[data-sid="3"]')).toBeGreaterThanOrEqual(15);
  expect(await px('[data-testid="card-sync-3"]')).toBeGreaterThanOrEqual(13);
  // lecture mode (×1.5 at 1080p): the sync line grows with the card
  await page.goto('/?lecture=1');
  await idle(page);
  await page.getByTestId('open-scenarios').click();
  await page.locator('[data-preset="old-leader-trunc"]').click();
  await page.getByTestId('open-preset').click();
  await idle(page);
  await page.evaluate((n) => window.__zablab!.seek(n), cue.step);
  await expect(flag).toContainText('TRUNC');
  expect(await px('[data-testid="card-sync-3"]')).toBeGreaterThanOrEqual(18);
  const box = (await flag.boundingBox())!;
  const card = (await page.locator('.server-card[data-sid="3"]').boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
  await page.screenshot({ path: `${SHOTS}/e2e-trunc-lecture-1920.png` });
  // the 4643 moment in lecture mode: TRUNC, NEWLEADER and ACKEPOCH on one link, each name apart
  await page.getByTestId('open-scenarios').click();
  await page.locator('[data-preset="zk-4643-391"]').click();
  await page.getByTestId('open-preset').click();
  await idle(page);
  await page.evaluate(() => window.__zablab!.seek(193));
  await expect(page.locator('.msg .label:visible')).not.toHaveCount(0);
  const overlaps = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll<SVGTextElement>('.msg:not(.unlabelled) .label')]
      .filter((e) => (e.textContent ?? '') !== '')
      .map((e) => ({ text: e.textContent, r: e.getBoundingClientRect() }));
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r;
        const b = boxes[j].r;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          out.push(`${boxes[i].text} × ${boxes[j].text}`);
      }
    return out;
  });
  expect(overlaps).toEqual([]);
});

test('on a phone with nine servers the stage header (time, leader, run over) is not under a card', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(sevenAndTwo());
  await idle(page);
  await page.evaluate(() => window.__zablab!.seek(1_000_000));
  await expect(page.locator('.stage-status .finished')).toBeVisible();
  // no message on the stage at the run's end: the clients and the tracker are styled all the same
  await expect(page.locator('.client-pill').first()).toHaveCSS('position', 'absolute');
  await expect(page.getByTestId('session-tracker')).toHaveCSS('position', 'absolute');
  const covered = await page.evaluate(() => {
    const status = document.querySelector<HTMLElement>('.stage-status')!;
    // (the header lets clicks through to the stage: take them for this look only)
    status.style.pointerEvents = 'auto';
    const out: string[] = [];
    for (const line of status.children) {
      const r = line.getBoundingClientRect();
      for (const x of [r.left + 2, r.left + r.width / 2, r.right - 2]) {
        const top = document.elementFromPoint(x, r.top + r.height / 2);
        // (the ring's SVG is a transparent layer over the whole stage: only what hides counts)
        if (top instanceof SVGElement) continue;
        if (!top || !status.contains(top)) out.push(`${line.textContent} under ${top?.className}`);
      }
    }
    status.style.pointerEvents = '';
    return out;
  });
  expect(covered).toEqual([]);
});
