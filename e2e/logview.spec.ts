/**
 * The log view, violations on the stage and the leader readouts, end to end (issue 9). Asserted from
 * the DOM and from the app's state (`window.__zablab.logRows()` / `stage()`); screenshots of the log
 * view at the TRUNC moment and of the violation banner go to /tmp/shots/logview/.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { failOnConsoleErrors, idle } from './guards';
import { evenPace } from './pace';
import { encodeLink } from '../src/share/link';
import { validateScenario } from '../src/sim/Scenario';
import en from '../src/ui/locales/en/lessons';

const SHOTS = '/tmp/shots/logview';
mkdirSync(SHOTS, { recursive: true });

failOnConsoleErrors();

const stops = (page: Page) => page.evaluate(() => window.__zablab!.stops());
const position = (page: Page) => page.evaluate(() => window.__zablab!.position());
const stage = (page: Page) => page.evaluate(() => window.__zablab!.stage());
const rows = (page: Page) => page.evaluate(() => window.__zablab!.logRows());

async function openPreset(page: Page, id: string, fresh = true) {
  if (fresh) {
    await page.goto('/');
    await idle(page);
  }
  await page.getByTestId('open-scenarios').click();
  await page.locator(`[data-preset="${id}"]`).click();
  await page.getByTestId('open-preset').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(async () => (await stops(page)).preset).toBe(id);
}

async function seek(page: Page, step: number) {
  await page.evaluate((s) => window.__zablab!.seek(s), step);
  await expect.poll(async () => (await position(page)).step).toBe(step);
}

async function cueStep(page: Page, id: string): Promise<number> {
  const cue = (await stops(page)).cues.find((c) => c.id === id);
  if (!cue) throw new Error(`no cue ${id}`);
  return cue.step;
}

test('TRUNC preset: the log view shows S3’s unreplicated entry cut away at the TRUNC zxid', async ({
  page,
}) => {
  await openPreset(page, 'old-leader-trunc');
  await seek(page, await cueStep(page, 'cut'));
  // one key switches the stage to the log view; the toggle says so
  await page.locator('body').press('v');
  await expect(page.getByTestId('view-log')).toHaveAttribute('aria-pressed', 'true');
  const view = page.getByTestId('logview');
  await expect(view).toBeVisible();
  const s3 = view.locator('.lv-row[data-sid="3"]');
  await expect(s3).toHaveAttribute('data-cut-kind', 'TRUNC');
  await expect(s3).toHaveAttribute('data-cut-zxid', '0x100000004');
  await expect(s3.locator('[data-ghost="TRUNC"][data-zxid="0x100000005"]')).toBeVisible();
  await expect(s3.locator('.lv-cell:not(.lv-ghost)[data-zxid="0x100000005"]')).toHaveCount(0);
  await expect(s3.locator('.lv-cell:not(.lv-ghost)[data-zxid="0x100000004"]')).toHaveAttribute(
    'data-committed',
    'true',
  );
  await expect(s3.getByTestId('lv-cutline')).toBeVisible();
  // the learner's row says which sync it got and why
  await expect(s3.getByTestId('lv-sync')).toContainText('TRUNC from S2');
  await expect(s3.getByTestId('lv-sync')).toContainText('maxCommittedLog');
  // the app's own state says the same
  const r3 = (await rows(page)).find((r) => r.sid === 3)!;
  expect(r3.cut).toEqual({ kind: 'TRUNC', zxid: '0x100000004' });
  expect(r3.ghosts).toEqual(['0x100000005']);
  expect(r3.cells.map((c) => c.zxid)).toEqual(['0x100000001', '0x100000002', '0x100000003', '0x100000004']);
  // the leader's committedLog window is drawn on its row
  await expect(view.locator('.lv-row[data-role="LEADING"]').getByTestId('lv-window')).toBeVisible();

  for (const lang of ['en', 'zh-CN'] as const) {
    // L switches the language (en → zh-CN)
    if (lang === 'zh-CN') await page.locator('body').press('l');
    for (const [w, h] of [
      [1280, 720],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(900);
      await page.screenshot({ path: `${SHOTS}/trunc-${lang}-${w}x${h}.png` });
    }
  }
  // the learner's own card and ZAB panel on the ring, one step before the cut (the sync is on)
  await page.locator('body').press('l');
  await page.setViewportSize({ width: 1280, height: 720 });
  await seek(page, await cueStep(page, 'trunc'));
  await page.getByTestId('view-ring').click();
  await expect(page.getByTestId('card-sync-3')).toContainText('TRUNC 1:4 from S2');
  // … and its ZAB panel explains it from the learner's side, for as long as the sync lasts
  await page.locator('body').press('3');
  await page.getByRole('tab', { name: 'ZAB' }).click();
  await expect(page.getByTestId('learner-sync')).toContainText('TRUNC from S2');
  await expect(page.getByTestId('learner-sync')).toContainText('peerLastZxid 1:5');
  await page.screenshot({ path: `${SHOTS}/learner-side-en-1280x720.png` });
});

test('SNAP preset: the far-behind follower’s row is replaced by the snapshot', async ({ page }) => {
  await openPreset(page, 'far-behind-snap');
  await page.getByTestId('view-log').click();
  let step = await cueStep(page, 'snap');
  await seek(page, step);
  // the SNAP packet reaches S1 a step or two after the leader decided it
  for (let i = 0; i < 10 && (await rows(page)).find((r) => r.sid === 1)!.cut?.kind !== 'SNAP'; i++)
    await seek(page, ++step);
  const s1 = page.getByTestId('logview').locator('.lv-row[data-sid="1"]');
  await expect(s1).toHaveAttribute('data-replaced', 'SNAP');
  await expect(s1).toHaveAttribute('data-cut-zxid', '0x200000000');
  await expect(s1.locator('.lv-snapband')).toBeVisible();
  for (let c = 1; c <= 8; c++)
    await expect(s1.locator(`.lv-cell[data-zxid="0x10000000${c}"]`)).toHaveAttribute('data-kind', 'snap');
  const r1 = (await rows(page)).find((r) => r.sid === 1)!;
  expect(r1.cells.filter((c) => c.kind === 'durable')).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/snap-en-1280x720.png` });

  // the old leader's SNAP: its unreplicated 1:5 is struck out, the leader's history laid over it
  await openPreset(page, 'old-leader-snap', false);
  step = await cueStep(page, 'snap');
  await seek(page, step);
  for (let i = 0; i < 10 && (await rows(page)).find((r) => r.sid === 3)!.cut?.kind !== 'SNAP'; i++)
    await seek(page, ++step);
  const s3 = page.getByTestId('logview').locator('.lv-row[data-sid="3"]');
  await expect(s3).toHaveAttribute('data-replaced', 'SNAP');
  await expect(s3.locator('.lv-cell[data-zxid="0x100000005"]')).toHaveAttribute('data-kind', 'superseded');
  await expect(s3.locator('.lv-cell[data-zxid="0x200000002"]')).toHaveAttribute('data-kind', 'snap');
  await page.screenshot({ path: `${SHOTS}/old-leader-snap-en-1280x720.png` });
});

async function playFast(page: Page) {
  await evenPace(page);
  await page.locator('.speed input[type="range"]').fill('1000');
  await page.getByTestId('play').click();
}

test('ZOOKEEPER-4643 under 3.9.1 stops at its violation with a banner naming Durability and the zxid', async ({
  page,
}) => {
  await openPreset(page, 'zk-4643-391');
  expect((await stage(page)).pauseAtViolation).toBe(true);
  await playFast(page);
  const banner = page.getByTestId('violation-banner');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await position(page)).playing).toBe(false);
  await idle(page);
  // paused on the very step whose event is the violation, not later
  await expect(banner.locator('.vb-when')).toHaveAttribute('data-now', 'true');
  const st = await stage(page);
  expect(st.violations).toHaveLength(1);
  expect(st.violations[0]).toMatchObject({
    invariant: 'Durability',
    zxids: ['0x100000003'],
    bug: 'ZOOKEEPER-4643',
  });
  // S1 is the leader that lacks it (the checker may name S3, which committed it, too)
  expect(st.violations[0].sids).toContain(1);
  await expect(banner).toHaveAttribute('data-invariant', 'Durability');
  await expect(banner.locator('.vb-title')).toContainText('Durability');
  await expect(banner.getByTestId('violation-zxids')).toContainText('1:3 (0x100000003)');
  await expect(banner.getByTestId('violation-bug')).toContainText('ZOOKEEPER-4643');
  // the servers involved are marked on the ring
  await expect(page.locator('.server-card.violation[data-sid="1"]')).toBeVisible();
  await expect(page.locator('.server-card[data-sid="1"] .violation-chip')).toHaveText('⚠ 1:3');
  await expect(page.locator('.server-card.violation')).toHaveCount(st.violations[0].sids.length);
  await page.screenshot({ path: `${SHOTS}/violation-en-1280x720.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${SHOTS}/violation-en-1920x1080.png` });
  // … and the zxid in the log view
  await banner.getByRole('button', { name: 'Show in the log view' }).click();
  await expect(page.getByTestId('logview').locator('.lv-zxid.flagged')).toHaveText('1:3');
  // S3's row: the TRUNC it is receiving would cut the committed 1:3, and says so
  await expect(
    page.getByTestId('logview').locator('.lv-row[data-sid="3"]').getByTestId('lv-cuts-committed'),
  ).toContainText('1:3');
  // S1's row: 1:3 was in its memory only when it crashed
  await expect(
    page
      .getByTestId('logview')
      .locator('.lv-row[data-sid="1"] [data-ghost="crash"][data-zxid="0x100000003"]'),
  ).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/violation-log-en-1920x1080.png` });
  await page.locator('body').press('l');
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(banner.locator('.vb-title')).toContainText('不变式被违反');
  await page.screenshot({ path: `${SHOTS}/violation-log-zh-CN-1280x720.png` });
  await page.getByTestId('view-ring').click();
  await page.screenshot({ path: `${SHOTS}/violation-zh-CN-1280x720.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${SHOTS}/violation-zh-CN-1920x1080.png` });
});

test('ZOOKEEPER-4643 under 3.9.5 shows no violation', async ({ page }) => {
  await openPreset(page, 'zk-4643-395');
  await playFast(page);
  await expect(page.locator('.stage-status .finished')).toBeVisible({ timeout: 30_000 });
  expect((await stage(page)).violations).toEqual([]);
  await expect(page.getByTestId('violation-banner')).toHaveCount(0);
});

test('leader-crash: header, cards and caption agree on the leader at every cue', async ({ page }) => {
  await openPreset(page, 'leader-crash');
  await page.getByTestId('lecture-on').click();
  const cues = (await stops(page)).cues;
  expect(cues.length).toBeGreaterThan(3);
  for (const cue of cues) {
    await seek(page, cue.step);
    const header = await page.getByTestId('header-leader').getAttribute('data-leader');
    const leading = await page
      .locator('.server-card[data-role="LEADING"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-sid')));
    const caption = en[`cues.leader-crash.${cue.id}` as keyof typeof en] as string;
    await expect(page.getByTestId('captions')).toContainText(caption.slice(0, 20));
    const named = /S(\d) leads/.exec(caption)?.[1];
    expect(leading.length, `cue ${cue.id}: at most one LEADING card`).toBeLessThanOrEqual(1);
    expect(header ?? '', `cue ${cue.id}: header vs card`).toBe(leading[0] ?? '');
    if (named) expect(header, `cue ${cue.id}: header vs caption`).toBe(named);
    expect((await stage(page)).leader.sid, `cue ${cue.id}: app state`).toBe(
      leading[0] ? Number(leading[0]) : null,
    );
  }
});

test('9 voters + 2 observers with a long log: every row, only the columns on screen, scrollable', async ({
  page,
}) => {
  const actions: Record<string, unknown>[] = [{ at: 0, start: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }];
  for (let i = 0; i < 300; i++)
    actions.push({ at: 1000 + i * 5, client: { id: 'c1', server: 1, cmd: `create /n${i} x` } });
  const r = validateScenario({
    format: 1,
    title: 'Nine voters, two observers, 300 writes',
    seed: 1,
    ensemble: { voters: 9, observers: 2 },
    config: { latencyMs: [1, 1] },
    actions,
    until: 4000,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  await page.goto(`/?s=${encodeLink({ scenario: r.scenario, recorded: [], step: 0 })}`);
  await idle(page);
  await page.getByTestId('view-log').click();
  await page.evaluate(() => window.__zablab!.seek(1_000_000));
  await expect.poll(async () => (await position(page)).t).toBeGreaterThanOrEqual(3000);
  const view = page.getByTestId('logview');
  await expect(view.locator('.lv-row')).toHaveCount(11);
  const all = (await rows(page)).find((x) => x.sid === 1)!.cells.length;
  expect(all).toBeGreaterThan(300);
  // windowed: a row draws the columns on screen, not its 300 entries
  const drawn = await view.locator('.lv-row[data-sid="1"] .lv-cell').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(40);
  // following the newest zxid: the last one is drawn; scrolled to the start, the first one is
  const last = (await rows(page)).find((x) => x.sid === 1)!.cells.at(-1)!.zxid;
  await expect(view.locator(`.lv-row[data-sid="1"] .lv-cell[data-zxid="${last}"]`)).toBeVisible();
  // the epoch is still named over the columns on screen
  await expect(view.locator('.lv-epoch')).toHaveText('epoch 1');
  await page.screenshot({ path: `${SHOTS}/nine-voters-en-1280x720.png` });
  await view.locator('.lv-scroll').evaluate((el) => el.scrollTo({ left: 0 }));
  await expect(view.locator('.lv-row[data-sid="1"] .lv-cell[data-zxid="0x100000001"]')).toBeVisible();
  await expect(view.locator('.lv-follow input')).not.toBeChecked();
});

test('following the newest zxid moves the window, not the entries: a shown entry keeps its element and its place', async ({
  page,
}) => {
  // a log that grows at every few steps, longer than the screen
  const actions: Record<string, unknown>[] = [{ at: 0, start: [1, 2, 3] }];
  for (let i = 0; i < 120; i++)
    actions.push({ at: 1000 + i * 10, client: { id: 'c1', server: 1, cmd: `create /n${i} x` } });
  const r = validateScenario({
    format: 1,
    title: 'Three voters, 120 writes',
    seed: 1,
    ensemble: { voters: 3, observers: 0 },
    config: { latencyMs: [1, 1] },
    actions,
    until: 3000,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  await page.goto(`/?s=${encodeLink({ scenario: r.scenario, recorded: [], step: 0 })}`);
  await idle(page);
  await page.getByTestId('view-log').click();
  await page.evaluate(() => window.__zablab!.seek(1_000_000));
  await expect.poll(async () => (await position(page)).t).toBeGreaterThanOrEqual(2000);
  const end = (await position(page)).step;
  const view = page.getByTestId('logview');
  const scroll = view.locator('.lv-scroll');
  const newest = async () => (await rows(page)).find((x) => x.sid === 1)!.cells.at(-1)!.zxid;
  const from = Math.floor(end * 0.6);
  await seek(page, from);
  const z = await newest();
  const cell = view.locator(`.lv-row[data-sid="1"] .lv-cell[data-zxid="${z}"]`);
  await expect(cell).toBeInViewport();
  const el = await cell.elementHandle();
  const left0 = await el!.evaluate((e) => (e as HTMLElement).style.left);
  const scroll0 = await scroll.evaluate((e) => e.scrollLeft);
  // some steps on: newer entries arrive and the window follows them
  await seek(page, from + 30);
  await expect.poll(newest).not.toBe(z);
  await expect(
    view.locator(`.lv-row[data-sid="1"] .lv-cell[data-zxid="${await newest()}"]`),
  ).toBeInViewport();
  expect(await scroll.evaluate((e) => e.scrollLeft)).toBeGreaterThan(scroll0);
  // … and the entry drawn before is the same element at the same place (nothing restyled)
  expect(await el!.evaluate((e) => [e.isConnected, (e as HTMLElement).style.left])).toEqual([true, left0]);
});
